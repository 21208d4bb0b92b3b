import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import plugin from '../index.js';
import { type ExemptionKind, type GovernanceSettings, matchesExemption, SETTINGS_FILE_KEY, SETTINGS_KEY, settingsForFile } from '../utils/settings.js';

/** Rules whose reports are background work that bypasses the manager: the raw side of compliance. */
export const BACKGROUND_RULES: readonly string[] = ['async-governance/no-fire-and-forget', 'async-governance/no-raw-service-loop'];

/** One report of one of the plugin's rules, as `check` prints it. */
export interface Violation {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  message: string;
  /** The reported line, trimmed: with the rule and file, what the baseline compares. */
  snippet: string;
  /** Background work outside the manager (counts against compliance). */
  background: boolean;
}

/** Reports the rules would give in exempt files, by exemption and rule. */
export type ExemptCounts = Record<ExemptionKind, Record<string, number>>;

export interface RawSide {
  /** Absolute paths of every file ESLint linted. */
  files: string[];
  violations: Violation[];
  parseErrors: { file: string; line: number; message: string }[];
  exempt: ExemptCounts;
}

/**
 * Lints for the report. `files: null` means the report's paths; `liftExemptions` asks for the
 * `tests`, `frameworkInternals` and `requestHandlers` globs to be emptied (to count what they hide).
 * The CLI can pass its own `check` engine here so both count the same files with the same settings.
 */
export type ReportLinter = (request: { files: string[] | null; liftExemptions: boolean }) => Promise<ESLint.LintResult[]>;

export interface RawOptions {
  cwd: string;
  paths: string[];
  /** The object for `settings['async-governance']`, merged on top of each file's settings file. */
  settings: unknown;
  /** A settings file to use for every file instead of each file's nearest one. */
  settingsFile?: string;
  resolved: GovernanceSettings;
  ignores: string[];
  lint?: ReportLinter;
}

/** Settings with every exemption glob list emptied. */
export function liftExemptions(settings: unknown): Record<string, unknown> {
  const base = (settings ?? {}) as Record<string, unknown>;
  return { ...base, exemptions: { tests: [], frameworkInternals: [], requestHandlers: [] } };
}

const toPosix = (file: string): string => file.split(path.sep).join('/');

/** The ESLint settings of the report's lint: the given settings object and settings file, if any. */
export function eslintSettingsOf(settings: unknown, settingsFile: string | undefined): Record<string, unknown> {
  return {
    ...(settings === undefined ? {} : { [SETTINGS_KEY]: settings }),
    ...(settingsFile === undefined ? {} : { [SETTINGS_FILE_KEY]: settingsFile }),
  };
}

function configFor(settings: Record<string, unknown>, ignores: string[]): Linter.Config[] {
  return [
    { ignores },
    plugin.configs.recommended as Linter.Config,
    {
      settings,
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
  ];
}

async function lint(options: RawOptions, lifted: boolean, files: string[] | null): Promise<ESLint.LintResult[]> {
  if (options.lint) return options.lint({ files, liftExemptions: lifted });
  const settings = lifted ? liftExemptions(options.settings) : options.settings;
  const targets = files ?? options.paths;
  const { ESLint } = await import('eslint');
  const eslint = new ESLint({
    cwd: options.cwd,
    overrideConfigFile: true,
    overrideConfig: configFor(eslintSettingsOf(settings, options.settingsFile), options.ignores),
    errorOnUnmatchedPattern: false,
  });
  return eslint.lintFiles(targets);
}

const isOurs = (ruleId: string | null): ruleId is string => !!ruleId && ruleId.startsWith(`${SETTINGS_KEY}/`);

/**
 * Runs the plugin's rules through ESLint's Node API with the recommended config, so the raw
 * side counts exactly what `check` reports; then lints exempt files again with the exemptions
 * lifted to count what they hide.
 */
export async function collectRawSide(options: RawOptions): Promise<RawSide> {
  const results = await lint(options, false, null);
  const relative = (file: string): string => toPosix(path.relative(options.cwd, file));
  const violations: Violation[] = [];
  const parseErrors: RawSide['parseErrors'] = [];
  const counted = new Map<string, number>();
  for (const result of results) {
    const ours = result.messages.filter((message) => isOurs(message.ruleId));
    for (const message of result.messages.filter((item) => item.fatal)) {
      parseErrors.push({ file: relative(result.filePath), line: message.line, message: message.message });
    }
    if (ours.length === 0) continue;
    const lines = (result.source ?? (await readFile(result.filePath, 'utf8'))).split(/\r?\n/);
    for (const message of ours) {
      const ruleId = message.ruleId as string;
      violations.push({
        ruleId,
        file: relative(result.filePath),
        line: message.line,
        column: message.column,
        message: message.message,
        snippet: (lines[message.line - 1] ?? '').trim(),
        background: BACKGROUND_RULES.includes(ruleId),
      });
      const key = `${result.filePath}\0${ruleId}`;
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
  }
  const files = results.map((result) => result.filePath);
  return { files, violations, parseErrors, exempt: await countExempt(options, files, counted) };
}

const EXEMPTION_KINDS: readonly ExemptionKind[] = ['tests', 'frameworkInternals', 'requestHandlers'];

async function countExempt(options: RawOptions, files: string[], counted: Map<string, number>): Promise<ExemptCounts> {
  const exempt: ExemptCounts = { tests: {}, frameworkInternals: {}, requestHandlers: {} };
  const eslintSettings = eslintSettingsOf(options.settings, options.settingsFile);
  const kindOf = (file: string): ExemptionKind | undefined => {
    const settings = settingsForFile(file, options.cwd, eslintSettings);
    return EXEMPTION_KINDS.find((kind) => matchesExemption(settings, kind, file, options.cwd));
  };
  const exemptFiles = files.filter((file) => kindOf(file) !== undefined);
  if (exemptFiles.length === 0) return exempt;
  for (const result of await lint(options, true, exemptFiles)) {
    const kind = kindOf(result.filePath) as ExemptionKind;
    const byRule = new Map<string, number>();
    for (const message of result.messages) {
      if (isOurs(message.ruleId)) byRule.set(message.ruleId, (byRule.get(message.ruleId) ?? 0) + 1);
    }
    for (const [ruleId, count] of byRule) {
      // Handler files stay linted for the rules that do not exempt them: count only what was hidden.
      const hidden = count - (counted.get(`${result.filePath}\0${ruleId}`) ?? 0);
      if (hidden > 0) exempt[kind][ruleId] = (exempt[kind][ruleId] ?? 0) + hidden;
    }
  }
  return exempt;
}
