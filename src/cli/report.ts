import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { buildReport, evaluateGates, liftExemptions, mergeReports, renderJson, renderMarkdown, type Report, type ReportLinter } from '../report/index.js';
import { parse } from './args.js';
import type { CheckIo } from './check.js';
import { embeddedConfig } from './engines/eslint.js';
import { SETTINGS_KEY } from '../utils/settings.js';
import { UsageError } from './errors.js';
import { collectFiles, lintBase } from './files.js';
import { cliSettings, settingsOf } from './settings-file.js';
import { filesOfShard, parseShard, type Shard } from './shard.js';

const DEFAULT_OUT = 'async-governance-report';

function parseReportArgs(argv: string[]) {
  const { values, positionals } = parse(
    argv,
    {
      project: { type: 'string', short: 'p' },
      out: { type: 'string', short: 'o', default: DEFAULT_OUT },
      baseline: { type: 'string' },
      'fail-under': { type: 'string' },
      'fail-on-new': { type: 'boolean', default: false },
      format: { type: 'string', short: 'f', default: 'markdown' },
      'link-base': { type: 'string' },
      config: { type: 'string', short: 'c' },
      shard: { type: 'string' },
      merge: { type: 'boolean', default: false },
    },
    'report',
  );
  let failUnder: number | undefined;
  if (values['fail-under'] !== undefined) {
    failUnder = Number(values['fail-under'].replace(/%$/, ''));
    if (!Number.isFinite(failUnder) || failUnder < 0 || failUnder > 100) {
      throw new UsageError(`--fail-under needs a percentage from 0 to 100, got '${values['fail-under']}'`);
    }
  }
  if (values.format !== 'markdown' && values.format !== 'json') {
    throw new UsageError(`unknown --format '${values.format}' (use markdown, json)`);
  }
  if (values['fail-on-new'] && !values.baseline) throw new UsageError('--fail-on-new needs --baseline FILE');
  const shard = values.shard === undefined ? undefined : parseShard(values.shard, 'report');
  if (values.merge) {
    if (positionals.length === 0) throw new UsageError('--merge needs the JSON reports to merge');
    if (shard || values.project || values.config) throw new UsageError('--merge combines finished reports; --shard, --project and --config do not apply');
  }
  return { ...values, failUnder, shard, paths: positionals.length > 0 ? positionals : ['.'] };
}

function readBaseline(file: string, cwd: string): unknown {
  try {
    return JSON.parse(readFileSync(path.resolve(cwd, file), 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read the baseline ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** The same file walk and embedded config as `check`, so raw counts equal what `check` reports. */
function checkLinter(settings: Record<string, unknown>, paths: string[], cwd: string, shard: Shard | undefined): ReportLinter {
  return async ({ files, liftExemptions: lifted }) => {
    const targets = files ?? filesOfShard(collectFiles(paths, cwd), cwd, shard);
    const engine = new ESLint({
      cwd: lintBase(cwd, targets),
      overrideConfigFile: true,
      overrideConfig: embeddedConfig(lifted ? { ...settings, [SETTINGS_KEY]: liftExemptions(undefined) } : settings),
      ignore: false,
    });
    return engine.lintFiles(targets);
  };
}

function readReport(file: string, cwd: string): unknown {
  try {
    return JSON.parse(readFileSync(path.resolve(cwd, file), 'utf8'));
  } catch (error) {
    throw new UsageError(`report: cannot read the report ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
}

type ReportOptions = ReturnType<typeof parseReportArgs>;

async function buildFromSources(options: ReportOptions, io: CheckIo): Promise<Report> {
  const settings = cliSettings(options.config, io.cwd);
  for (const file of collectFiles(options.paths, io.cwd)) settingsOf(file, io.cwd, settings);
  const baseline = options.baseline ? readBaseline(options.baseline, io.cwd) : undefined;
  const showProgress = Boolean(io.stderr.isTTY);
  const report = await buildReport({
    cwd: io.cwd,
    paths: options.paths,
    project: options.project,
    settingsFile: options.config === undefined ? undefined : path.resolve(io.cwd, options.config),
    baseline,
    shard: options.shard,
    lint: checkLinter(settings, options.paths, io.cwd, options.shard),
    onProgress: showProgress
      ? ({ phase, done, total }) => io.stderr.write(`\rasync-governance report: ${phase === 'lint' ? 'linting' : 'cataloguing submissions'} ${done}/${total}\x1b[K`)
      : undefined,
  });
  if (showProgress) io.stderr.write('\r\x1b[K');
  return report;
}

/** `async-governance report [paths…]` or `report --merge a.json b.json…`: 0 done, 1 under `--fail-under` or new violations, 2 error. */
export async function runReport(argv: string[], io: CheckIo): Promise<number> {
  const options = parseReportArgs(argv);
  let report: Report;
  if (options.merge) {
    const baseline = options.baseline ? readBaseline(options.baseline, io.cwd) : undefined;
    report = mergeReports(options.paths.map((name) => ({ name, report: readReport(name, io.cwd) })), { baseline });
  } else {
    report = await buildFromSources(options, io);
  }

  const markdown = renderMarkdown(report, { linkBase: options['link-base'] });
  const json = renderJson(report);
  const outDir = path.resolve(io.cwd, options.out);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'report.json'), json);
  writeFileSync(path.join(outDir, 'report.md'), markdown);
  io.stdout.write(options.format === 'json' ? json : markdown);
  io.stderr.write(`async-governance report: wrote ${path.relative(io.cwd, outDir) || '.'}/report.json and report.md\n`);

  const gates = evaluateGates(report, { failUnder: options.failUnder, failOnNew: options['fail-on-new'] });
  for (const reason of gates.reasons) io.stderr.write(`async-governance report: ${reason}\n`);
  return gates.failed ? 1 : 0;
}
