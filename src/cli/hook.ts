import path from 'node:path';
import type { Linter as LinterTypes } from 'eslint';
import plugin from '../index.js';
import { PLUGIN_NAMESPACE } from '../configs/index.js';
import { lazyTypeScriptParser } from '../utils/lazy-parser.js';
import { ManagerModule } from '../utils/module-specifiers.js';
import { type GovernanceSettings, matchesExemption } from '../utils/settings.js';
import { parse } from './args.js';
import { describeError } from './errors.js';
import { fastParser, loadFastParser } from './fast-parser.js';
import { isLintedFile } from './file-kinds.js';
import { changeFromContent, changeFromEvent, HookInputError, NotAWriteError, type ProposedChange } from './hook-input.js';
import { lintText, type Parser } from './fast-lint/index.js';
import { diffLines } from './line-diff.js';
import { cliSettings, settingsFileOf, settingsOf } from './settings-file.js';

export interface HookIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  readStdin: () => Promise<string>;
  /** Lints one version of the file (tests swap in ESLint's `Linter` to compare). */
  lintEngine?: LintEngineFactory;
}

/** Lints one text as `filePath` with the recommended rules, inline config ignored. */
export type LintEngine = (text: string, filePath: string, options?: { fixes?: boolean }) => Message[];
/** `eslintSettings` is ESLint's `settings` (empty unless `--config`: the rules find each file's settings file). */
export type LintEngineFactory = (parser: Parser, eslintSettings: Record<string, unknown>, cwd: string) => LintEngine;

/** The default engine: the fast lint with the recommended rules (src/cli/fast-lint). */
export const fastEngine: LintEngineFactory = (parser, eslintSettings, cwd) => (text, filePath, options) => lintText(text, filePath, { parser, eslintSettings, cwd, fixes: options?.fixes });

type Message = LinterTypes.LintMessage;

/** A violation in the proposed file, keyed by rule and offending code so moved code matches. */
interface Violation {
  message: Message;
  key: string;
  code: string;
  start: number;
  end: number;
}


function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Allow (0, nothing to say) or block (2, with the denial). */
class Decision {
  constructor(
    readonly exitCode: 0 | 2,
    readonly reason: string | null,
  ) {}
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

const PARSERS = ['oxc', 'typescript'] as const;

/**
 * The hook parses with oxc (no `typescript` module to load); `--parser typescript`, or a
 * platform without oxc's binary, uses `@typescript-eslint/parser` with the same results.
 */
function chooseParser(name: string | undefined): Parser {
  if (name !== undefined && !PARSERS.includes(name as (typeof PARSERS)[number])) {
    throw new HookInputError(`unknown --parser '${name}' (use ${PARSERS.join(' or ')})`);
  }
  return (name !== 'typescript' && loadFastParser() ? fastParser : lazyTypeScriptParser) as Parser;
}

/** Lints one version of the file; inline `eslint-disable` comments are not honoured. */
function lint(engine: LintEngine, text: string, filePath: string, fixes = true): { violations: Violation[]; fatal: Message | null } {
  const messages = engine(text, filePath, { fixes });
  const fatal = messages.find((message) => message.fatal) ?? null;
  const starts = lineStarts(text);
  const offset = (line: number, column: number) => (starts[line - 1] ?? text.length) + column - 1;
  const violations = messages
    .filter((message) => message.ruleId?.startsWith(`${PLUGIN_NAMESPACE}/`))
    .map((message) => {
      const start = offset(message.line, message.column);
      const end = message.endLine ? offset(message.endLine, message.endColumn ?? 1) : start;
      const code = text.slice(start, end).replace(/\s+/g, ' ').trim();
      return { message, key: `${message.ruleId}\u0000${code}`, code, start, end };
    });
  return { violations, fatal };
}

/**
 * The violations the edit introduces: for each (rule, code) pair, as many as the count grew,
 * preferring those inside the changed part of the file.
 */
export function introducedViolations(before: Violation[], after: Violation[], beforeText: string, afterText: string): Violation[] {
  const counts = new Map<string, number>();
  for (const violation of before) counts.set(violation.key, (counts.get(violation.key) ?? 0) + 1);
  let head = 0;
  while (head < beforeText.length && head < afterText.length && beforeText[head] === afterText[head]) head += 1;
  let tail = 0;
  while (tail < beforeText.length - head && tail < afterText.length - head && beforeText[beforeText.length - 1 - tail] === afterText[afterText.length - 1 - tail]) tail += 1;
  const changedEnd = afterText.length - tail;
  const inChange = (violation: Violation) => violation.end >= head && violation.start <= changedEnd;

  const byKey = new Map<string, Violation[]>();
  for (const violation of after) {
    const found = byKey.get(violation.key);
    if (found) found.push(violation);
    else byKey.set(violation.key, [violation]);
  }
  const introduced: Violation[] = [];
  for (const [key, found] of byKey) {
    const extra = found.length - (counts.get(key) ?? 0);
    if (extra <= 0) continue;
    const ranked = [...found].sort((a, b) => Number(inChange(b)) - Number(inChange(a)) || b.start - a.start);
    introduced.push(...ranked.slice(0, extra));
  }
  return introduced.sort((a, b) => a.start - b.start);
}

function managerCall(settings: GovernanceSettings, filePath: string, cwd: string): string {
  const { getter, submit, module } = settings.manager;
  const specifier = new ManagerModule(module, settings.baseDirs.module ?? cwd, filePath, null).specifier;
  return `${getter}().${submit[0]}({ ... }) from '${specifier}'`;
}

/** What to write instead, as a small before/after of the rule's own fix or first suggestion. */
function rewriteOf(message: Message, text: string, starts: number[]): string[] {
  const fix = message.fix ?? message.suggestions?.[0]?.fix;
  if (!fix) return [];
  // Only the lines the fix touches are diffed: the whole file for each violation would make a
  // file with thousands of violations quadratic.
  let firstLine = 0;
  for (let high = starts.length - 1; firstLine < high; ) {
    const middle = (firstLine + high + 1) >> 1;
    if (starts[middle] <= fix.range[0]) firstLine = middle;
    else high = middle - 1;
  }
  const start = starts[firstLine];
  const lineEnd = text.indexOf('\n', fix.range[1]);
  const end = lineEnd === -1 ? text.length : lineEnd;
  const hunks = diffLines(text.slice(start, end), text.slice(start, fix.range[0]) + fix.text + text.slice(fix.range[1], end))
    ?.map((hunk) => ({ ...hunk, oldLine: hunk.oldLine + firstLine }));
  if (!hunks || hunks.length === 0) return [];
  const lines = hunks.flatMap((hunk) => [
    `    ${hunk.removed.length > 0 ? `line ${hunk.oldLine}` : `after line ${hunk.oldLine - 1}`}:`,
    ...hunk.removed.map((line) => `    - ${line}`),
    ...hunk.added.map((line) => `    + ${line}`),
  ]);
  if (lines.length > 24) return [];
  const label = message.fix ? 'Write instead (the autofix)' : `Write instead (${message.suggestions?.[0]?.desc ?? 'suggested change'})`;
  return [`  ${label}:`, ...lines];
}

/** The denial, written for a code generator to act on. */
export function formatDenial(change: ProposedChange, introduced: Violation[], settings: GovernanceSettings, cwd: string): string {
  const shown = path.relative(cwd, change.filePath) || change.filePath;
  const count = introduced.length === 1 ? '1 violation' : `${introduced.length} violations`;
  const lines = [
    `async-governance blocked this change to ${shown}: it adds ${count} of the project's async policy.`,
    `Background work goes through ${managerCall(settings, change.filePath, cwd)}; async code never blocks the event loop.`,
    '',
  ];
  const starts = lineStarts(change.after);
  introduced.forEach((violation, index) => {
    const { message } = violation;
    const id = message.ruleId ?? '';
    const rule = plugin.rules[id.slice(PLUGIN_NAMESPACE.length + 1) as keyof typeof plugin.rules];
    lines.push(`${index + 1}. Line ${message.line}, column ${message.column}: ${id}`);
    lines.push(`  Code: ${violation.code.length > 160 ? `${violation.code.slice(0, 157)}...` : violation.code}`);
    lines.push(`  Problem: ${message.message}`);
    lines.push(...rewriteOf(message, change.after, starts));
    if (rule?.meta.docs?.url) lines.push(`  Docs: ${rule.meta.docs.url}`);
    lines.push('');
  });
  lines.push(
    'Rewrite the code as described and retry. Violations that were already in the file do not block;',
    'eslint-disable comments do not silence these rules in this check.',
  );
  return lines.join('\n');
}

function denyJson(reason: string): string {
  return `${JSON.stringify({
    hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason },
  })}\n`;
}

async function readChange(options: { 'stdin-filename'?: string }, io: HookIo): Promise<ProposedChange> {
  const input = await io.readStdin();
  const file = options['stdin-filename'];
  if (file !== undefined) return changeFromContent(path.resolve(file), input);
  if (input.trim() === '') throw new HookInputError('no event on stdin');
  return changeFromEvent(input);
}

async function decide(argv: string[], io: HookIo): Promise<Decision> {
  const { values: options } = parse(argv, { 'fail-closed': { type: 'boolean' }, 'stdin-filename': { type: 'string' }, config: { type: 'string' }, parser: { type: 'string' } }, 'hook');
  const change = await readChange(options, io);
  if (!isLintedFile(change.filePath)) return new Decision(0, null);
  const eventCwd = change.cwd ?? process.cwd();
  const eslintSettings = cliSettings(options.config, eventCwd);
  const settings = settingsOf(change.filePath, eventCwd, eslintSettings);
  if (matchesExemption(settings, 'tests', change.filePath, eventCwd)) return new Decision(0, null);

  // ESLint lints nothing outside its base folder; a file written elsewhere is linted from its own project.
  const cwd = isInside(change.filePath, eventCwd) ? eventCwd : path.dirname(settingsFileOf(change.filePath, eventCwd, eslintSettings) ?? change.filePath);
  const engine = (io.lintEngine ?? fastEngine)(chooseParser(options.parser), eslintSettings, cwd);
  const after = lint(engine, change.after, change.filePath);
  if (after.fatal) throw new HookInputError(`the new content does not parse (line ${after.fatal.line}: ${after.fatal.message})`);
  if (after.violations.length === 0) return new Decision(0, null);
  // The old version can only hold a violation whose code occurs in its text; when none does,
  // every violation is new and the second lint is skipped. A file that did not parse before
  // counts as having no violations.
  const beforeText = change.before.replace(/\s+/g, ' ');
  const mayPreExist = after.violations.some((violation) => beforeText.includes(violation.code));
  const before = mayPreExist ? lint(engine, change.before, change.filePath, false) : { violations: [] };
  const introduced = introducedViolations(before.violations, after.violations, change.before, change.after);
  if (introduced.length === 0) return new Decision(0, null);
  return new Decision(2, formatDenial(change, introduced, settings, eventCwd));
}

/** `async-governance hook`: 0 allows the write, 2 blocks it. */
export async function runHook(argv: string[], io: HookIo): Promise<number> {
  const failClosed = argv.includes('--fail-closed');
  let decision: Decision;
  try {
    decision = await decide(argv, io);
  } catch (error) {
    if (error instanceof NotAWriteError) return 0;
    const reason = `async-governance hook could not check this change: ${describeError(error)}`;
    if (!failClosed) {
      io.stderr.write(`${reason} (allowing it)\n`);
      return 0;
    }
    decision = new Decision(2, `${reason} (blocking it: --fail-closed)`);
  }
  if (decision.exitCode === 2 && decision.reason) {
    io.stderr.write(`${decision.reason}\n`);
    io.stdout.write(denyJson(decision.reason));
  }
  return decision.exitCode;
}
