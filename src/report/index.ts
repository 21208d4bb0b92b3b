import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { settingsForFile } from '../utils/settings.js';
import { type BaselineDiff, diffBaseline } from './baseline.js';
import { buildCatalog, type ManagedSite, ProjectError } from './catalog.js';
import { computeFigures, type Figures } from './figures.js';
import { byLocation } from './merge.js';
import { collectRawSide, eslintSettingsOf, type ExemptCounts, type ReportLinter, type Violation } from './raw.js';

export { BaselineError } from './baseline.js';
export { MergeError, mergeReports } from './merge.js';
export { ProjectError } from './catalog.js';
export { renderMarkdown } from './markdown.js';
export { liftExemptions, type ReportLinter } from './raw.js';

export const REPORT_SCHEMA_VERSION = 1;

/** Files `report` skips besides ESLint's defaults (`node_modules`, dot-folders). */
export const DEFAULT_REPORT_IGNORES = ['**/dist/**', '**/build/**', '**/coverage/**', '**/*.d.ts'];

export interface ProgressEvent {
  phase: 'lint' | 'catalog';
  done: number;
  total: number;
}

export interface BuildReportOptions {
  /** Root of the project; paths in the report are relative to it. */
  cwd: string;
  /** Files or folders to cover, relative to `cwd`; default `['.']`. */
  paths?: string[];
  /** tsconfig for the catalogue; default: the nearest `tsconfig.json` of the first path, up to `cwd`. */
  project?: string;
  /**
   * The object that goes under `settings['async-governance']`, merged on top of each file's
   * settings file (`async-governance.config.json`, `.mjs` or `package.json#asyncGovernance`).
   */
  settings?: unknown;
  /** A settings file to use for every file instead of each file's nearest one. */
  settingsFile?: string;
  /** Globs left out by the default linter; ignored when `lint` is given. */
  ignores?: string[];
  /** Lint through the caller's engine (the CLI's `check`) instead of the default one. */
  lint?: ReportLinter;
  /** A previous JSON report (parsed) to diff against. */
  baseline?: unknown;
  onProgress?: (event: ProgressEvent) => void;
  /** The part of a split this report covers (`report --shard i/n`; `lint` picks the files). */
  shard?: { index: number; count: number };
  /** Timestamp to write; default now. */
  now?: Date;
}

/** The JSON report, schema version 1 (see docs/report.md). */
export interface Report {
  schema: 'async-governance/report';
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  generatedAt: string;
  tool: { name: string; version: string };
  paths: string[];
  /** Present on the report of one shard (`report --shard i/n`); `report --merge` combines them. */
  shard?: { index: number; count: number };
  project: string | null;
  manager: { getter: string; submit: string[]; receivers: string[]; priorityEnum: string; priorities: string[]; requiredTags: string[] };
  summary: Figures['summary'];
  folders: Figures['folders'];
  priorities: Figures['priorities'];
  tags: Figures['tags'];
  worstFiles: Figures['worstFiles'];
  managed: ManagedSite[];
  violations: Violation[];
  exempt: ExemptCounts;
  parseErrors: { file: string; line: number; message: string }[];
  baseline: BaselineDiff | null;
}

const toPosix = (file: string): string => file.split(path.sep).join('/');

/** The explicit tsconfig (which must exist), or the nearest one above the first path, or null. */
export function findTsconfig(cwd: string, paths: string[], project?: string): string | null {
  if (project !== undefined) {
    const file = path.resolve(cwd, project);
    const candidate = existsSync(file) && !file.endsWith('.json') ? path.join(file, 'tsconfig.json') : file;
    if (!existsSync(candidate)) throw new ProjectError(`The tsconfig ${project} does not exist.`);
    return candidate;
  }
  const root = path.resolve(cwd);
  let dir = path.resolve(cwd, paths[0] ?? '.');
  if (existsSync(dir) && !dir.endsWith(path.sep) && path.extname(dir)) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dir === root || !dir.startsWith(root)) break;
    dir = path.dirname(dir);
  }
  return null;
}

function toolInfo(): { name: string; version: string } {
  const { name, version } = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };
  return { name, version };
}

/**
 * Builds the compliance inventory: the raw side from the plugin's rules run through ESLint
 * (the same reports as `check`), the managed side from a ts-morph catalogue across files.
 * Throws `SettingsError`, `ProjectError` (a missing path, a missing or broken tsconfig) or
 * `BaselineError` for bad input.
 */
export async function buildReport(options: BuildReportOptions): Promise<Report> {
  const cwd = path.resolve(options.cwd);
  const paths = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const missing = paths.find((item) => !existsSync(path.resolve(cwd, item)));
  if (missing !== undefined) throw new ProjectError(`The path ${missing} does not exist.`);
  const eslintSettings = eslintSettingsOf(options.settings, options.settingsFile);
  // The manager names of the report come from the settings of its first path.
  const firstPath = path.resolve(cwd, paths[0]);
  const resolved = settingsForFile(path.extname(firstPath) ? firstPath : path.join(firstPath, 'index.ts'), cwd, eslintSettings);
  const tsconfig = findTsconfig(cwd, paths, options.project);
  // Reject a bad baseline before the expensive part.
  if (options.baseline !== undefined) diffBaseline({ compliance: 0, violations: [] }, options.baseline);

  options.onProgress?.({ phase: 'lint', done: 0, total: 1 });
  const raw = await collectRawSide({ cwd, paths, settings: options.settings, settingsFile: options.settingsFile, resolved, ignores: options.ignores ?? DEFAULT_REPORT_IGNORES, lint: options.lint });
  options.onProgress?.({ phase: 'lint', done: 1, total: 1 });

  const managed = await buildCatalog({
    cwd,
    files: raw.files,
    tsconfig,
    settings: resolved,
    settingsOf: (file) => settingsForFile(file, cwd, eslintSettings),
    onFile: (done, total) => options.onProgress?.({ phase: 'catalog', done, total }),
  });
  managed.sort(byLocation);
  raw.violations.sort(byLocation);
  raw.parseErrors.sort(byLocation);
  const figures = computeFigures({
    fileCount: raw.files.length,
    managed,
    violations: raw.violations,
    parseErrors: raw.parseErrors.length,
    exempt: raw.exempt,
    priorities: resolved.manager.priorities,
    requiredTags: resolved.manager.requiredTags,
  });
  const { manager } = resolved;
  return {
    schema: 'async-governance/report',
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: (options.now ?? new Date()).toISOString(),
    tool: toolInfo(),
    paths: paths.map(toPosix),
    ...(options.shard ? { shard: options.shard } : {}),
    project: tsconfig === null ? null : toPosix(path.relative(cwd, tsconfig)),
    manager: {
      getter: manager.getter,
      submit: manager.submit,
      receivers: manager.receivers,
      priorityEnum: manager.priorityEnum,
      priorities: manager.priorities,
      requiredTags: manager.requiredTags,
    },
    ...figures,
    managed,
    violations: raw.violations,
    exempt: raw.exempt,
    parseErrors: raw.parseErrors,
    baseline: options.baseline === undefined ? null : diffBaseline({ compliance: figures.summary.compliance, violations: raw.violations }, options.baseline),
  };
}

/** The JSON output: stable key order, two-space indent, trailing newline. */
export const renderJson = (report: Report): string => `${JSON.stringify(report, null, 2)}\n`;

/** CI gates: `--fail-under PCT` and `--fail-on-new` (needs a baseline); failed means exit 1. */
export function evaluateGates(report: Report, gates: { failUnder?: number; failOnNew?: boolean }): { failed: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (gates.failUnder !== undefined && report.summary.compliance < gates.failUnder) {
    reasons.push(`Compliance ${report.summary.compliance}% is under the required ${gates.failUnder}%.`);
  }
  if (gates.failOnNew && report.baseline && report.baseline.newViolations.length > 0) {
    reasons.push(`${report.baseline.newViolations.length} new violation(s) since the baseline.`);
  }
  return { failed: reasons.length > 0, reasons };
}
