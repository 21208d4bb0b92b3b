import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ESLint, Linter } from 'eslint';
import plugin from '../../index.js';
import { isMinifiedBundle } from '../file-kinds.js';
import { countStats } from '../suppressions.js';
import type { EngineOptions, LintEngine } from './types.js';

/** The oldest oxlint whose JavaScript plugin support the engine was verified with. */
const OXLINT_MIN_VERSION = '1.95.0';
/** ESLint re-lints after fixing until nothing changes, at most this many times; so does this engine. */
const MAX_FIX_PASSES = 10;
/** Command lines stay well under Windows' 32,767-character limit. */
const MAX_ARGS_CHARS = process.platform === 'win32' ? 24_000 : 200_000;

interface OxlintDiagnostic {
  message: string;
  code?: string;
  severity: 'error' | 'warning' | string;
  filename: string;
  labels?: { span: { offset: number; length: number } }[];
}

interface OxlintInstall {
  bin: string;
  version: string;
}

const newer = (version: string, than: string): boolean => {
  const [a, b] = [version, than].map((v) => v.split(/[.-]/).slice(0, 3).map(Number));
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

/** The oxlint install next to this package, or why it cannot be used. */
export function findOxlint(from: string = import.meta.url): OxlintInstall | { missing: string } {
  let manifestPath: string;
  try {
    manifestPath = createRequire(from).resolve('oxlint/package.json');
  } catch {
    return { missing: 'oxlint is not installed (npm install --save-dev oxlint)' };
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string; bin?: string | Record<string, string> };
  if (!newer(manifest.version, OXLINT_MIN_VERSION)) return { missing: `oxlint ${manifest.version} is older than ${OXLINT_MIN_VERSION}, the first version this engine supports` };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.oxlint;
  if (!bin) return { missing: `oxlint ${manifest.version} has no oxlint bin` };
  return { bin: path.join(path.dirname(manifestPath), bin), version: manifest.version };
}

/**
 * The oxlint configuration of a run: only our rules (oxlint's own plugins and default categories
 * off), the plugin loaded as a JavaScript plugin, and the ESLint settings `check` would give
 * (none, so the rules find each file's settings file, or `--config FILE`).
 */
export function oxlintConfig(settings: Record<string, unknown>): Record<string, unknown> {
  const recommended = plugin.configs.recommended as unknown as Linter.Config;
  return {
    plugins: [],
    categories: { correctness: 'off' },
    jsPlugins: [fileURLToPath(new URL('../../index.js', import.meta.url))],
    rules: recommended.rules,
    settings,
  };
}

function runOxlint(install: OxlintInstall, configFile: string, files: string[], cwd: string, extra: string[]): Promise<OxlintDiagnostic[]> {
  const args = [install.bin, '-c', configFile, '--format', 'json', '--no-ignore', ...extra, ...files];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (status !== 0 && status !== 1) {
        reject(new Error(`oxlint failed (exit ${status}): ${(stderr || stdout || String(error)).trim().split('\n')[0]}`));
        return;
      }
      let diagnostics: OxlintDiagnostic[];
      try {
        diagnostics = (JSON.parse(stdout) as { diagnostics: OxlintDiagnostic[] }).diagnostics;
      } catch {
        reject(new Error(`oxlint gave no JSON report: ${(stderr || stdout).trim().split('\n')[0]}`));
        return;
      }
      // A rule that throws stops ESLint; oxlint reports it as a finding. Both end in exit 2.
      const crash = diagnostics.find((diagnostic) => !diagnostic.code && diagnostic.message.startsWith('Error running JS plugin'));
      if (crash) reject(new Error(`oxlint: ${crash.message.split('\n').slice(0, 3).join(' ')}`));
      else resolve(diagnostics);
    });
  });
}

/** Splits the file list so no command line grows past the platform's limit. */
function batches(files: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const file of files) {
    if (current.length > 0 && length + file.length + 1 > MAX_ARGS_CHARS) {
      out.push(current);
      current = [];
      length = 0;
    }
    current.push(file);
    length += file.length + 1;
  }
  if (current.length > 0) out.push(current);
  return out;
}

type Locate = (offset: number) => { line: number; column: number };

/**
 * oxlint reports UTF-8 byte offsets; ESLint's lines and columns count UTF-16 units. Line starts
 * are found once per file, so a file with thousands of findings stays linear.
 */
function createLocator(bytes: Buffer): Locate {
  const lineStarts = [0];
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: bytes.subarray(lineStarts[low], offset).toString('utf8').length + 1 };
  };
}

/** `async-governance(no-fire-and-forget)` → `async-governance/no-fire-and-forget`. */
function ruleIdOf(code: string | undefined): string | null {
  const match = code ? /^(.+)\((.+)\)$/.exec(code) : null;
  if (!match) return null;
  return match[1] === 'eslint' ? match[2] : `${match[1]}/${match[2]}`;
}

function toMessage(diagnostic: OxlintDiagnostic, locate: Locate): Linter.LintMessage {
  const ruleId = ruleIdOf(diagnostic.code);
  const span = diagnostic.labels?.[0]?.span ?? { offset: 0, length: 0 };
  const start = locate(span.offset);
  const end = locate(span.offset + span.length);
  const severity = diagnostic.severity === 'warning' ? 1 : 2;
  if (ruleId === null) {
    // A diagnostic without a rule is oxlint's parser speaking.
    return { ruleId: null, fatal: true, severity: 2, message: `Parsing error: ${diagnostic.message}`, line: start.line, column: start.column };
  }
  return { ruleId, severity, message: diagnostic.message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

const byPosition = (a: Linter.LintMessage, b: Linter.LintMessage): number => a.line - b.line || a.column - b.column;

interface DetailsLinter {
  /** Whether a finding needs its details. */
  needs: (message: Linter.LintMessage) => boolean;
  /** Lints with the rules given (those of the findings that need details). */
  lint: (text: string, filePath: string, rules: ReadonlySet<string>) => Linter.LintMessage[];
}

/** Rules that may autofix (the others only suggest, which the fixable counts do not show). */
const FIXABLE_RULES = new Set(Object.entries(plugin.rules).filter(([, rule]) => rule.meta.fixable).map(([name]) => `${plugin.meta.namespace}/${name}`));

/**
 * oxlint's output has no fixes, suggestions or message ids. The files with findings that need
 * them are linted once more in this process by the hook's fast lint (tests/cli/fast-lint.test.ts
 * holds it to ESLint's Linter), and each finding takes those from its twin there (same rule,
 * position and message). Null where the fast parser has no binary for the platform.
 */
async function detailsLinter(which: EngineOptions['details'], settings: Record<string, unknown>, cwd: string): Promise<DetailsLinter | null> {
  if (which === undefined) return null;
  const [{ fastParser, loadFastParser }, { lintText }] = await Promise.all([import('../fast-parser.js'), import('../fast-lint/index.js')]);
  if (!loadFastParser()) return null;
  return {
    needs: (message) => !message.fatal && (which === 'all' || FIXABLE_RULES.has(message.ruleId as string)),
    lint: (text, filePath, rules) => lintText(text, filePath, { parser: fastParser, eslintSettings: settings, cwd, rules }),
  };
}

const findingKey = (message: Linter.LintMessage) => `${message.ruleId}\0${message.line}\0${message.column}\0${message.message}`;

function withDetails(messages: Linter.LintMessage[], twins: Linter.LintMessage[]): Linter.LintMessage[] {
  const byKey = new Map(twins.map((twin) => [findingKey(twin), twin]));
  return messages.map((message) => {
    const twin = message.fatal ? undefined : byKey.get(findingKey(message));
    if (!twin) return message;
    return {
      ...message,
      ...(twin.messageId ? { messageId: twin.messageId } : {}),
      ...(twin.fix ? { fix: twin.fix } : {}),
      ...(twin.suggestions ? { suggestions: twin.suggestions } : {}),
    };
  });
}

/** ESLint's result shape for every linted file, so formatters, suppressions and exit codes stay the same. */
function toResults(files: string[], diagnostics: OxlintDiagnostic[], cwd: string, details: DetailsLinter | null): ESLint.LintResult[] {
  const byFile = new Map<string, OxlintDiagnostic[]>();
  for (const diagnostic of diagnostics) {
    const file = path.resolve(cwd, diagnostic.filename);
    const found = byFile.get(file);
    if (found) found.push(diagnostic);
    else byFile.set(file, [diagnostic]);
  }
  return files.map((filePath) => {
    const found = byFile.get(filePath);
    if (!found) return { filePath, messages: [], suppressedMessages: [], usedDeprecatedRules: [], ...countStats([]) };
    const bytes = readFileSync(filePath);
    const source = bytes.toString('utf8');
    const locate = createLocator(bytes);
    const located = found.map((diagnostic) => toMessage(diagnostic, locate)).sort(byPosition);
    const needed = details ? new Set(located.filter(details.needs).map((message) => message.ruleId as string)) : new Set<string>();
    const messages = details && needed.size > 0 ? withDetails(located, details.lint(source, filePath, needed)) : located;
    return { filePath, messages, suppressedMessages: [], usedDeprecatedRules: [], source, ...countStats(messages) };
  });
}

/**
 * oxlint with the plugin as a JavaScript plugin, run as a child process per batch of files.
 * oxlint applies one round of non-overlapping fixes and reports positions of the text before it;
 * ESLint re-lints until the fixes settle. So `--fix` repeats the fixing run on the files that
 * changed, then lints the fixed files once more for the report.
 */
export function oxlintEngine(install: OxlintInstall, options: EngineOptions): LintEngine {
  const threads = typeof options.concurrency === 'number' ? ['--threads', String(options.concurrency)] : [];
  const lint = async (configFile: string, files: string[], cwd: string, fix: boolean): Promise<OxlintDiagnostic[]> => {
    const diagnostics: OxlintDiagnostic[] = [];
    for (const batch of batches(files)) diagnostics.push(...(await runOxlint(install, configFile, batch, cwd, fix ? [...threads, '--fix'] : threads)));
    return diagnostics;
  };
  return {
    name: 'oxlint',
    progressChunk: 500,
    async lintFiles(files, settings, cwd) {
      // The configs leave minified bundles out (MINIFIED_FILES), and oxlint skips them anyway.
      const rest = files.filter((file) => !isMinifiedBundle(file));
      const linted = new Map((rest.length > 0 ? await lintWithOxlint(rest, settings, cwd) : []).map((result) => [result.filePath, result]));
      return files.map((filePath) => linted.get(filePath) ?? toResults([filePath], [], cwd, null)[0]);
    },
    // oxlint writes the fixed files itself.
    writeFixes: async () => {},
  };

  async function lintWithOxlint(files: string[], settings: Record<string, unknown>, cwd: string): Promise<ESLint.LintResult[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'async-governance-oxlint-'));
    try {
      const configFile = path.join(dir, '.oxlintrc.json');
      writeFileSync(configFile, JSON.stringify(oxlintConfig(settings)));
      const details = await detailsLinter(options.details, settings, cwd);
      if (!options.fix) return toResults(files, await lint(configFile, files, cwd, false), cwd, details);

      const texts = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));
      const fixed = new Set<string>();
      let first: OxlintDiagnostic[] = [];
      let pending = files;
      for (let pass = 0; pass < MAX_FIX_PASSES && pending.length > 0; pass++) {
        const diagnostics = await lint(configFile, pending, cwd, true);
        if (pass === 0) first = diagnostics;
        pending = pending.filter((file) => {
          const now = readFileSync(file, 'utf8');
          const changed = now !== texts.get(file);
          texts.set(file, now);
          return changed;
        });
        pending.forEach((file) => fixed.add(file));
      }
      // Files no fix touched keep the first run's findings; fixed files are linted as they are now.
      const untouched = first.filter((diagnostic) => !fixed.has(path.resolve(cwd, diagnostic.filename)));
      const again = fixed.size > 0 ? await lint(configFile, [...fixed], cwd, false) : [];
      return toResults(files, [...untouched, ...again], cwd, details);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
