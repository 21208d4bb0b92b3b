import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import { UsageError } from './errors.js';

/**
 * ESLint's bulk suppressions, in its own `eslint-suppressions.json` format so the file works
 * with `eslint` too. The Node API only applies suppressions (`applySuppressions`); writing and
 * pruning are CLI-only, so the CLI keeps one implementation for all three.
 */
export const DEFAULT_SUPPRESSIONS_FILE = 'eslint-suppressions.json';

/** file (POSIX, relative to cwd) → rule id → count of suppressed errors. */
export type Suppressions = Record<string, Record<string, { count: number }>>;

export class SuppressionsFile {
  constructor(
    readonly file: string,
    private readonly cwd: string,
  ) {}

  exists(): boolean {
    return existsSync(this.file);
  }

  load(): Suppressions {
    if (!this.exists()) return {};
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Suppressions;
    } catch (error) {
      throw new UsageError(`Cannot read suppressions from ${this.file}: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  save(suppressions: Suppressions): void {
    writeFileSync(this.file, `${JSON.stringify(sortKeys(suppressions), null, 2)}\n`);
  }

  relative(filePath: string): string {
    return path.relative(this.cwd, filePath).split(path.sep).join('/');
  }

  /** Records every current error (of all rules) as suppressed, keeping entries of files not linted now. */
  suppressAll(results: ESLint.LintResult[]): void {
    const suppressions = this.load();
    for (const result of results) {
      const counts = countErrorsByRule(result.messages);
      const file = this.relative(result.filePath);
      if (Object.keys(counts).length === 0) delete suppressions[file];
      else suppressions[file] = counts;
    }
    this.save(suppressions);
  }

  /** Lowers counts to the errors that still occur and drops entries of deleted files. */
  prune(results: ESLint.LintResult[]): void {
    const suppressions = this.load();
    for (const result of results) {
      const file = this.relative(result.filePath);
      const entry = suppressions[file];
      if (!entry) continue;
      const counts = countErrorsByRule(result.messages);
      for (const rule of Object.keys(entry)) {
        const count = Math.min(entry[rule].count, counts[rule]?.count ?? 0);
        if (count === 0) delete entry[rule];
        else entry[rule] = { count };
      }
      if (Object.keys(entry).length === 0) delete suppressions[file];
    }
    for (const file of Object.keys(suppressions)) {
      if (!existsSync(path.resolve(this.cwd, file))) delete suppressions[file];
    }
    this.save(suppressions);
  }

  /**
   * Moves a file's errors of a rule to `suppressedMessages` when there are no more of them
   * than the recorded count (as ESLint does); returns how many recorded entries went unused.
   */
  apply(results: ESLint.LintResult[]): { results: ESLint.LintResult[]; unused: number } {
    const suppressions = this.load();
    let unused = 0;
    const applied = results.map((result) => {
      const entry = suppressions[this.relative(result.filePath)];
      if (!entry) return result;
      const counts = countErrorsByRule(result.messages);
      const suppressed = new Set<string>();
      for (const [rule, { count }] of Object.entries(entry)) {
        const found = counts[rule]?.count ?? 0;
        if (found > 0 && found <= count) suppressed.add(rule);
        if (found < count) unused += 1;
      }
      if (suppressed.size === 0) return result;
      const isSuppressed = (message: Linter.LintMessage) => message.severity === 2 && suppressed.has(message.ruleId ?? '');
      const messages = result.messages.filter((message) => !isSuppressed(message));
      return {
        ...result,
        messages,
        suppressedMessages: [
          ...result.suppressedMessages,
          ...result.messages.filter(isSuppressed).map((message) => ({ ...message, suppressions: [{ kind: 'file', justification: '' }] })),
        ],
        ...countStats(messages),
      };
    });
    return { results: applied, unused };
  }
}

function countErrorsByRule(messages: Linter.LintMessage[]): Record<string, { count: number }> {
  const counts: Record<string, { count: number }> = {};
  for (const message of messages) {
    if (message.severity !== 2 || !message.ruleId) continue;
    counts[message.ruleId] ??= { count: 0 };
    counts[message.ruleId].count += 1;
  }
  return counts;
}

/** The count fields of a lint result, recomputed after messages were removed. */
export function countStats(messages: Linter.LintMessage[]) {
  const stats = { errorCount: 0, fatalErrorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
  for (const message of messages) {
    if (message.severity === 2) {
      stats.errorCount += 1;
      if (message.fatal) stats.fatalErrorCount += 1;
      if (message.fix) stats.fixableErrorCount += 1;
    } else {
      stats.warningCount += 1;
      if (message.fix) stats.fixableWarningCount += 1;
    }
  }
  return stats;
}

function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
