import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ESLint } from 'eslint';
import plugin from '../index.js';
import { PLUGIN_NAMESPACE } from '../configs/index.js';
import { parse } from './args.js';
import { ENGINES, type EngineName, type LintEngine, parseConcurrency, selectEngine } from './engines/index.js';
import { UsageError } from './errors.js';
import { isLintedFile } from './file-kinds.js';
import { collectFiles, lintBase } from './files.js';
import { formatSarif } from './sarif.js';
import { cliSettings, settingsOf } from './settings-file.js';
import { filesOfShard, parseShard, shardName } from './shard.js';
import { DEFAULT_SUPPRESSIONS_FILE, SuppressionsFile } from './suppressions.js';

const FORMATS = ['stylish', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

/** Below this many files the progress line would only flicker. */
const PROGRESS_MIN_FILES = 50;

export interface CheckIo {
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readStdin: () => Promise<string>;
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
      engine: { type: 'string', default: 'auto' },
      concurrency: { type: 'string' },
      shard: { type: 'string' },
    },
    'check',
  );
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`check: unknown --format '${values.format}' (use ${FORMATS.join(', ')})`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`check: --max-warnings needs a whole number, got '${values['max-warnings']}'`);
  }
  if (values.stdin && positionals.length > 0) throw new UsageError('check: give either --stdin or paths, not both');
  if (values['stdin-filename'] && !values.stdin) throw new UsageError('check: --stdin-filename needs --stdin');
  if (values.stdin && (values['suppress-all'] || values['prune-suppressions'])) {
    throw new UsageError('check: --suppress-all and --prune-suppressions need paths, not --stdin');
  }
  if (values['suppress-all'] && values['prune-suppressions']) throw new UsageError('check: use --suppress-all or --prune-suppressions, not both');
  const engine = values.engine as EngineName;
  if (!ENGINES.includes(engine)) throw new UsageError(`check: unknown --engine '${values.engine}' (use ${ENGINES.join(', ')})`);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard, 'check');
  if (shard && values.stdin) throw new UsageError('check: --shard needs paths, not --stdin');
  // A shard sees part of the files, so it must not rewrite the entries of the others.
  if (shard && (values['suppress-all'] || values['prune-suppressions'])) throw new UsageError('check: --suppress-all and --prune-suppressions run over every file, not a --shard');
  const concurrency = parseConcurrency(values.concurrency);
  return { ...values, format, maxWarnings, engine, shard, concurrency, paths: positionals.length > 0 ? positionals : ['.'] };
}

type CheckOptions = ReturnType<typeof parseCheckArgs>;

/** Lints the files; each one gets the settings of its nearest settings file (or `--config`). */
async function lintFiles(engine: LintEngine, files: string[], options: CheckOptions, io: CheckIo): Promise<ESLint.LintResult[]> {
  const settings = cliSettings(options.config, io.cwd);
  // A bad settings file stops the command with its own message before ESLint wraps it in a rule crash.
  for (const file of files) settingsOf(file, io.cwd, settings);
  const showProgress = Boolean(io.stderr.isTTY) && files.length >= PROGRESS_MIN_FILES && options.format === 'stylish';
  const results: ESLint.LintResult[] = [];
  const cwd = lintBase(io.cwd, files);
  const chunk = showProgress ? engine.progressChunk : files.length;
  for (let start = 0; start < files.length; start += chunk) {
    results.push(...(await engine.lintFiles(files.slice(start, start + chunk), settings, cwd)));
    if (showProgress) io.stderr.write(`\rasync-governance: linted ${results.length}/${files.length} files`);
  }
  if (showProgress) io.stderr.write('\r\x1b[K');
  return results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

/** Runs of the engine (each up to ESLint's 10 fix passes) that `--fix` makes at most. */
const MAX_FIX_RUNS = 4;

/**
 * Writes the fixes, then lints again the files that still hold a fix while each run changes them:
 * one run stops after ESLint's 10 passes, and a file whose fixes share an import line (many sync
 * calls of several functions) can need more.
 */
async function fixUntilSettled(engine: LintEngine, first: ESLint.LintResult[], options: CheckOptions, io: CheckIo): Promise<ESLint.LintResult[]> {
  const results = new Map(first.map((result) => [result.filePath, result]));
  let latest = first;
  await engine.writeFixes(latest);
  for (let run = 1; run < MAX_FIX_RUNS; run += 1) {
    const unsettled = latest.filter((result) => result.messages.some((message) => message.fix)).map((result) => result.filePath);
    if (unsettled.length === 0) break;
    const before = new Map(unsettled.map((file) => [file, readFileSync(file, 'utf8')]));
    latest = await lintFiles(engine, unsettled, options, io);
    await engine.writeFixes(latest);
    latest.forEach((result) => results.set(result.filePath, result));
    latest = latest.filter((result) => readFileSync(result.filePath, 'utf8') !== before.get(result.filePath));
  }
  return first.map((result) => results.get(result.filePath) as ESLint.LintResult);
}

async function lintStdin(options: CheckOptions, io: CheckIo): Promise<ESLint.LintResult[]> {
  const text = await io.readStdin();
  const filePath = options['stdin-filename'] ? path.resolve(io.cwd, options['stdin-filename']) : undefined;
  const settings = cliSettings(options.config, io.cwd);
  const linted = filePath ?? path.join(io.cwd, '<stdin>.ts');
  settingsOf(linted, io.cwd, settings);
  if (filePath && !isLintedFile(filePath)) throw new UsageError(`check: ${options['stdin-filename']} is not a JavaScript or TypeScript file`);
  const { createEslint } = await import('./engines/eslint.js');
  const eslint = await createEslint(settings, lintBase(io.cwd, [linted]), { fix: options.fix, concurrency: 'off' });
  return eslint.lintText(text, { filePath: linted });
}

async function formatResults(results: ESLint.LintResult[], options: CheckOptions, cwd: string): Promise<string> {
  const { format, shard } = options;
  if (format === 'sarif') {
    const tool = { name: plugin.meta.name, version: plugin.meta.version, rules: plugin.rules, namespace: PLUGIN_NAMESPACE };
    // Code scanning keeps one analysis per category: each shard gets its own, so uploads add up.
    return formatSarif(results, tool, cwd, shard ? { id: `${PLUGIN_NAMESPACE}/${shardName(shard)}/` } : undefined);
  }
  // ESLint's json formatter is JSON.stringify; only stylish needs ESLint loaded.
  if (format === 'json') return `${JSON.stringify(results)}\n`;
  const { ESLint } = await import('eslint');
  const formatter = await new ESLint({ cwd, overrideConfigFile: true }).loadFormatter(format);
  return formatter.format(results);
}


/** `async-governance check [paths…]`: 0 clean, 1 violations, 2 usage or configuration error. */
export async function runCheck(argv: string[], io: CheckIo): Promise<number> {
  const options = parseCheckArgs(argv);
  const details = options.format === 'json' ? 'all' : 'fixes';
  const engine = await selectEngine(options.engine, { fix: options.fix, concurrency: options.concurrency, stdin: options.stdin, details });
  let results: ESLint.LintResult[];
  if (options.stdin) {
    results = await lintStdin(options, io);
    const output = results[0]?.output;
    // With --stdin --fix the fixed source goes to stdout, so the report moves to stderr.
    if (options.fix) io.stdout.write(output ?? (await io.readStdin()));
  } else {
    const all = collectFiles(options.paths, io.cwd);
    if (all.length === 0) {
      io.stderr.write(`async-governance: no JavaScript or TypeScript files found in ${options.paths.join(', ')}\n`);
      return 0;
    }
    const files = filesOfShard(all, io.cwd, options.shard);
    results = files.length === 0 ? [] : await lintFiles(engine, files, options, io);
    if (options.fix) results = await fixUntilSettled(engine, results, options, io);
  }

  const suppressions = new SuppressionsFile(path.resolve(io.cwd, options['suppressions-location'] ?? DEFAULT_SUPPRESSIONS_FILE), io.cwd);
  if (options['suppressions-location'] && !suppressions.exists() && !options['suppress-all']) {
    throw new UsageError(`check: suppressions file not found: ${options['suppressions-location']} (create it with --suppress-all)`);
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

  const report = await formatResults(results, options, io.cwd);
  if (options['output-file']) writeFileSync(path.resolve(io.cwd, options['output-file']), report);
  else (options.stdin && options.fix ? io.stderr : io.stdout).write(report);

  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  const tooManyWarnings = options.maxWarnings >= 0 && warnings > options.maxWarnings;
  if (tooManyWarnings && errors === 0) io.stderr.write(`async-governance: too many warnings (${warnings}, maximum ${options.maxWarnings})\n`);
  return errors > 0 || tooManyWarnings ? 1 : 0;
}
