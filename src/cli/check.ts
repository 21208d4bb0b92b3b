import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin from '../index.js';
import { PLUGIN_NAMESPACE } from '../configs/index.js';
import { parse } from './args.js';
import { UsageError } from './errors.js';
import { isLintedFile } from './file-kinds.js';
import { collectFiles, lintBase } from './files.js';
import { ownFindingsOnly } from './own-findings.js';
import { formatSarif } from './sarif.js';
import { cliSettings, settingsOf } from './settings-file.js';
import { DEFAULT_SUPPRESSIONS_FILE, SuppressionsFile } from './suppressions.js';

const FORMATS = ['stylish', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

/** Files linted per ESLint call when a progress line is shown. */
const PROGRESS_CHUNK = 25;
/** Below this many files the progress line would only flicker. */
const PROGRESS_MIN_FILES = 50;

export interface CheckIo {
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readStdin: () => Promise<string>;
}

/**
 * The flat config `check` and `report` lint with: the embedded recommended config, reporting
 * only the plugin's own findings, plus ESLint settings when the command gives some
 * (`--config FILE`). Without them the rules read each file's settings file themselves,
 * exactly as under `npx eslint` with `configs.recommended`.
 */
export function embeddedConfig(settings: Record<string, unknown>): Linter.Config[] {
  const recommended = plugin.configs.recommended as unknown as Linter.Config;
  const config: Linter.Config[] = [recommended, { ...ownFindingsOnly, files: recommended.files }];
  if (Object.keys(settings).length > 0) config.push({ name: 'async-governance/cli-settings', settings });
  return config;
}

function createEngine(settings: Record<string, unknown>, cwd: string, fix: boolean): ESLint {
  return new ESLint({
    cwd,
    // Zero configuration: never load the repository's own eslint.config.*.
    overrideConfigFile: true,
    overrideConfig: embeddedConfig(settings),
    // Files come from our own walk (which applies .gitignore); explicit paths are linted as given.
    ignore: false,
    fix,
  });
}

function parseCheckArgs(argv: string[]) {
  const { values, positionals } = parse(
    argv,
    {
      format: { type: 'string', short: 'f', default: 'stylish' },
      fix: { type: 'boolean', default: false },
      stdin: { type: 'boolean', default: false },
      'stdin-filename': { type: 'string' },
      'max-warnings': { type: 'string' },
      config: { type: 'string', short: 'c' },
      'suppress-all': { type: 'boolean', default: false },
      'prune-suppressions': { type: 'boolean', default: false },
      'suppressions-location': { type: 'string' },
      'output-file': { type: 'string', short: 'o' },
    },
    'check',
  );
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown --format '${values.format}' (use ${FORMATS.join(', ')})`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings needs a whole number, got '${values['max-warnings']}'`);
  }
  if (values.stdin && positionals.length > 0) throw new UsageError('give either --stdin or paths, not both');
  if (values['stdin-filename'] && !values.stdin) throw new UsageError('--stdin-filename needs --stdin');
  if (values.stdin && (values['suppress-all'] || values['prune-suppressions'])) {
    throw new UsageError('--suppress-all and --prune-suppressions need paths, not --stdin');
  }
  if (values['suppress-all'] && values['prune-suppressions']) throw new UsageError('use --suppress-all or --prune-suppressions, not both');
  return { ...values, format, maxWarnings, paths: positionals.length > 0 ? positionals : ['.'] };
}

type CheckOptions = ReturnType<typeof parseCheckArgs>;

/** Lints the files; each one gets the settings of its nearest settings file (or `--config`). */
async function lintFiles(files: string[], options: CheckOptions, io: CheckIo): Promise<ESLint.LintResult[]> {
  const settings = cliSettings(options.config, io.cwd);
  // A bad settings file stops the command with its own message before ESLint wraps it in a rule crash.
  for (const file of files) settingsOf(file, io.cwd, settings);
  const showProgress = Boolean(io.stderr.isTTY) && files.length >= PROGRESS_MIN_FILES && options.format === 'stylish';
  const results: ESLint.LintResult[] = [];
  const engine = createEngine(settings, lintBase(io.cwd, files), options.fix);
  const chunk = showProgress ? PROGRESS_CHUNK : files.length;
  for (let start = 0; start < files.length; start += chunk) {
    results.push(...(await engine.lintFiles(files.slice(start, start + chunk))));
    if (showProgress) io.stderr.write(`\rasync-governance: linted ${results.length}/${files.length} files`);
  }
  if (showProgress) io.stderr.write('\r\x1b[K');
  return results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

async function lintStdin(options: CheckOptions, io: CheckIo): Promise<ESLint.LintResult[]> {
  const text = await io.readStdin();
  const filePath = options['stdin-filename'] ? path.resolve(io.cwd, options['stdin-filename']) : undefined;
  const settings = cliSettings(options.config, io.cwd);
  const linted = filePath ?? path.join(io.cwd, '<stdin>.ts');
  settingsOf(linted, io.cwd, settings);
  if (filePath && !isLintedFile(filePath)) throw new UsageError(`${options['stdin-filename']} is not a JavaScript or TypeScript file`);
  const engine = createEngine(settings, lintBase(io.cwd, [linted]), options.fix);
  return engine.lintText(text, { filePath: linted });
}

async function formatResults(results: ESLint.LintResult[], format: Format, cwd: string): Promise<string> {
  if (format === 'sarif') {
    return formatSarif(results, { name: plugin.meta.name, version: plugin.meta.version, rules: plugin.rules, namespace: PLUGIN_NAMESPACE }, cwd);
  }
  const engine = new ESLint({ cwd, overrideConfigFile: true });
  const formatter = await engine.loadFormatter(format);
  const text = await formatter.format(results);
  return format === 'json' ? `${text}\n` : text;
}


/** `async-governance check [paths…]`: 0 clean, 1 violations, 2 usage or configuration error. */
export async function runCheck(argv: string[], io: CheckIo): Promise<number> {
  const options = parseCheckArgs(argv);
  let results: ESLint.LintResult[];
  if (options.stdin) {
    results = await lintStdin(options, io);
    const output = results[0]?.output;
    // With --stdin --fix the fixed source goes to stdout, so the report moves to stderr.
    if (options.fix) io.stdout.write(output ?? (await io.readStdin()));
  } else {
    const files = collectFiles(options.paths, io.cwd);
    if (files.length === 0) {
      io.stderr.write(`async-governance: no JavaScript or TypeScript files found in ${options.paths.join(', ')}\n`);
      return 0;
    }
    results = await lintFiles(files, options, io);
    if (options.fix) await ESLint.outputFixes(results);
  }

  const suppressions = new SuppressionsFile(path.resolve(io.cwd, options['suppressions-location'] ?? DEFAULT_SUPPRESSIONS_FILE), io.cwd);
  if (options['suppressions-location'] && !suppressions.exists() && !options['suppress-all']) {
    throw new UsageError(`suppressions file not found: ${options['suppressions-location']} (create it with --suppress-all)`);
  }
  if (options['suppress-all']) suppressions.suppressAll(results);
  if (options['prune-suppressions']) suppressions.prune(results);
  if (suppressions.exists()) {
    const applied = suppressions.apply(results);
    results = applied.results;
    if (applied.unused > 0 && !options['prune-suppressions']) {
      io.stderr.write(`async-governance: ${applied.unused} suppression entries no longer match; run with --prune-suppressions to tighten them\n`);
    }
  }

  const report = await formatResults(results, options.format, io.cwd);
  if (options['output-file']) writeFileSync(path.resolve(io.cwd, options['output-file']), report);
  else (options.stdin && options.fix ? io.stderr : io.stdout).write(report);

  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  const tooManyWarnings = options.maxWarnings >= 0 && warnings > options.maxWarnings;
  if (tooManyWarnings && errors === 0) io.stderr.write(`async-governance: too many warnings (${warnings}, maximum ${options.maxWarnings})\n`);
  return errors > 0 || tooManyWarnings ? 1 : 0;
}
