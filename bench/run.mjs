// The benchmark: `npm run bench` (builds, then runs this). Writes bench/RESULTS.md.
//
// Every sample is a fresh child process (bench/lint-once.mjs, the CLI, or a bare `node`), and the
// configurations are interleaved round by round, so drift on a shared machine hits all of them alike.
// Round 1 runs at every size first; later rounds only while BENCH_BUDGET_MIN allows.
//
// Environment overrides for quick runs:
//   BENCH_SIZES=200,1000        corpus sizes (default 200,1000,4000)
//   BENCH_RUNS=3                samples per configuration at every size (default: 3 / 3 / 1)
//   BENCH_HOOK_RUNS=15          cold hook processes per file size (default 15)
//   BENCH_FULL=1                every configuration at every size (far over 10 minutes)
//   BENCH_BUDGET_MIN=9          drop whole rounds when the machine is too slow for this budget
//   BENCH_OUT=path.md           where to write the table (default bench/RESULTS.md)
//   BENCH_ENGINE_RUNS=3         rounds of the eslint vs oxlint engine comparison (bench/engines.mjs)
//   BENCH_REAL_REPO=dir[,dir]   also compare the engines on these checkouts (e.g. a real backend)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { benchEngines } from './engines.mjs';
import { generateCorpus, generateHookFile, generateHugeFile } from './generate-corpus.mjs';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// The corpora live outside the repository: the CLI honours .gitignore, which lists .bench-tmp/.
const corpusRoot = path.join(os.tmpdir(), 'async-governance-bench');
const cli = path.join(root, 'dist/cli/index.js');
const probe = path.join(root, 'bench/rss-probe.cjs');
const hasCli = existsSync(cli);

const sizes = (process.env.BENCH_SIZES ?? '200,1000,4000').split(',').map(Number);
const largest = Math.max(...sizes);
const defaultRuns = { 200: 3, 1000: 3, 4000: 1 };
const runsFor = (size) => Number(process.env.BENCH_RUNS ?? defaultRuns[size] ?? 3);
const hookRuns = Number(process.env.BENCH_HOOK_RUNS ?? 15);
const out = path.resolve(process.env.BENCH_OUT ?? path.join(root, 'bench/RESULTS.md'));

const CONFIGS = [
  { id: 'parse', label: '(a) parse only: `@typescript-eslint/parser`, no rules' },
  { id: 'noop', label: '(a″) ESLint running one empty rule on the node types ours visit' },
  { id: 'ours', label: '(b) ours, syntactic: `configs.recommended`' },
  { id: 'parse-typed', label: '(a′) parse only, type-aware (`projectService`), no rules', typed: true },
  { id: 'ours-typed', label: "(c) ours, type-aware: `configs['recommended-type-checked']`", typed: true },
  { id: 'peer-no-floating-promises', label: '(d) peer: `@typescript-eslint/no-floating-promises` (type-aware)', typed: true },
  { id: 'peer-no-sync', label: '(d) peer: `n/no-sync` (syntactic)' },
  { id: 'check', label: '(e) CLI `check` end to end (process wall time)', cli: true },
];

if (!existsSync(path.join(root, 'dist/index.js'))) {
  console.error('dist/ is missing: run `npm run build` first (npm run bench does).');
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const log = (message) => process.stderr.write(`${message}\n`);

/** Runs `node args` in `cwd`; returns wall time, exit status, stdout, stderr and peak RSS (kB). */
function node(args, { cwd, input } = {}) {
  const rssFile = path.join(corpusRoot, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--require', probe, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  const wallMs = performance.now() - start;
  const maxRssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : Number.NaN;
  return { wallMs, status: child.status, stdout: child.stdout, stderr: child.stderr, maxRssKb };
}

function sample(config, { dir, files: expected }) {
  if (config.cli) {
    const run = node([cli, 'check', 'src', '--engine', 'eslint', '--format', 'json'], { cwd: dir });
    if (run.status !== 0 && run.status !== 1) throw new Error(`check exited ${run.status}: ${run.stderr.slice(0, 500)}`);
    const results = JSON.parse(run.stdout || '[]');
    const files = results.filter((r) => r.filePath.startsWith(path.join(dir, 'src'))).length;
    // The CLI may skip the corpus's one declaration file (src/types/vendor.d.ts).
    if (files < expected - 1) throw new Error(`check linted ${files} files in ${dir}: ${run.stderr.slice(0, 300)}`);
    const problems = results.reduce((sum, r) => sum + r.messages.length, 0);
    return { ms: run.wallMs, wallMs: run.wallMs, maxRssKb: run.maxRssKb, problems };
  }
  const run = node([path.join(root, 'bench/lint-once.mjs'), config.id, dir], { cwd: dir });
  if (run.status !== 0) throw new Error(`${config.id} exited ${run.status}: ${run.stderr.slice(0, 800)}`);
  return { ...JSON.parse(run.stdout), wallMs: run.wallMs };
}

// ---------------------------------------------------------------------------

const started = new Date();
const skipped = [];
const budgetMs = Number(process.env.BENCH_BUDGET_MIN ?? 9) * 60_000;
const loadBefore = os.loadavg();
mkdirSync(corpusRoot, { recursive: true });
const corpora = {};
for (const size of sizes) {
  const dir = path.join(corpusRoot, `corpus-${size}`);
  corpora[size] = { dir, ...generateCorpus({ size, dir }) };
  // So the type-aware runs find @types/node, as in a real service.
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
  log(`corpus ${size}: ${corpora[size].files} files, ${corpora[size].lines} lines`);
}

// (f) the hook, measured first so the corpus rounds fit what is left of the budget. Each round runs
// every row once, in turn: a bare `node -e 0` with and without NODE_EXTRA_CA_CERTS, the cold
// entry (`dist/cli/hook.cjs`) on the same 300-line event with and without it, the command `init`
// writes (`sh dist/cli/hook-client.sh`) with warm mode off and on, and the cold entry on 50- and
// 2,000-line files. Plain spawns (no RSS probe), so the hook rows and the floor pay the same start.
const hook = {};
const HOOK_LINES = [50, 300, 2000];
if (hasCli) {
  const dir = path.join(corpusRoot, 'hook');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "bench-hook", "private": true, "type": "module" }\n');
  const events = Object.fromEntries(
    HOOK_LINES.map((lines) => {
      const file = path.join(dir, `src/order-service-${lines}.ts`);
      writeFileSync(file, generateHookFile(lines));
      const content = generateHookFile(lines, { violation: true });
      // Each round proposes a new revision (a comment differs), as an agent's successive edits
      // do; the file on disk, the "before" side, stays the same.
      const input = (round) => JSON.stringify({ session_id: 'bench', hook_event_name: 'PreToolUse', cwd: dir, tool_name: 'Write', tool_input: { file_path: file, content: `${content}// revision ${round}\n` } });
      return [lines, { lines: content.split('\n').length - 1, input }];
    }),
  );
  const runtime = path.join(corpusRoot, 'runtime');
  rmSync(runtime, { recursive: true, force: true });
  mkdirSync(runtime, { mode: 0o700 });
  const certs = process.env.NODE_EXTRA_CA_CERTS;
  const withCerts = { ...process.env };
  const withoutCerts = { ...process.env };
  delete withoutCerts.NODE_EXTRA_CA_CERTS;
  // The server exits on its own a little after the bench (no process is left behind for long).
  const client = { XDG_RUNTIME_DIR: runtime, CLAUDE_PROJECT_DIR: dir, ASYNC_GOVERNANCE_SERVER_IDLE_MS: '20000', ASYNC_GOVERNANCE_TIMING: '1' };
  const coldEntry = path.join(root, 'dist/cli/hook.cjs');
  const clientScript = path.join(root, 'dist/cli/hook-client.sh');
  const certsLabel = certs ? 'set' : 'unset here (the rows "with" and "without" are alike)';
  // A PATH with the programs the sh + curl client runs, and no perl (its own server: another `node` path).
  const pathWithoutPerl = () => {
    const bin = path.join(dir, 'bin-without-perl');
    mkdirSync(bin, { recursive: true });
    for (const tool of ['curl', 'cat', 'cksum', 'ls']) symlinkSync(spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), path.join(bin, tool));
    symlinkSync(process.execPath, path.join(bin, 'node'));
    return bin;
  };
  hook.rows = [
    { id: 'floor', label: '`node -e 0`, NODE_EXTRA_CA_CERTS as set', cmd: [process.execPath, ['-e', '0']], env: withCerts, input: '' },
    { id: 'cold', label: 'cold: `node dist/cli/hook.cjs`, NODE_EXTRA_CA_CERTS as set', cmd: [process.execPath, [coldEntry]], env: withCerts, input: events[300].input, exit: 2 },
    { id: 'floor-clean', label: '`node -e 0`, NODE_EXTRA_CA_CERTS unset', cmd: [process.execPath, ['-e', '0']], env: withoutCerts, input: '' },
    { id: 'cold-clean', label: 'cold: `node dist/cli/hook.cjs`, NODE_EXTRA_CA_CERTS unset', cmd: [process.execPath, [coldEntry]], env: withoutCerts, input: events[300].input, exit: 2 },
    { id: 'init-cold', label: 'the `init` command, warm mode off (`ASYNC_GOVERNANCE_WARM=0 sh dist/cli/hook-client.sh`; it unsets NODE_EXTRA_CA_CERTS)', cmd: ['sh', [clientScript]], env: { ...withCerts, ...client, ASYNC_GOVERNANCE_WARM: '0' }, input: events[300].input, exit: 2 },
    { id: 'warm', label: 'the `init` command, warm (`sh dist/cli/hook-client.sh`, which runs the Perl client; server running), NODE_EXTRA_CA_CERTS as set', cmd: ['sh', [clientScript]], env: { ...withCerts, ...client }, input: events[300].input, exit: 2, warm: true },
    { id: 'warm-curl', label: 'the same, warm, where perl is missing (the sh + curl client)', cmd: ['/bin/sh', [clientScript]], env: { ...withCerts, ...client, PATH: pathWithoutPerl() }, input: events[300].input, exit: 2, warm: true },
    { id: 'cold-50', label: `cold, ${events[50].lines}-line file, NODE_EXTRA_CA_CERTS unset`, cmd: [process.execPath, [coldEntry]], env: withoutCerts, input: events[50].input, exit: 2 },
    { id: 'cold-2000', label: `cold, ${events[2000].lines}-line file, NODE_EXTRA_CA_CERTS unset`, cmd: [process.execPath, [coldEntry]], env: withoutCerts, input: events[2000].input, exit: 2 },
  ].map((row) => ({ ...row, ms: [], cpu: [], served: 0, exits: {} }));
  hook.certs = certsLabel;
  hook.lines = events[300].lines;
  // CPU time (user + system, the command and the processes it waited for) from GNU time where it
  // exists: on a loaded machine it drifts far less than wall time. Every row pays the same wrapper.
  const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const spawnTimed = (row, round = -1) => {
    const [command, args] = gnuTime ? [gnuTime, ['-f', '@@cpu %U %S', row.cmd[0], ...row.cmd[1]]] : row.cmd;
    const start = performance.now();
    const child = spawnSync(command, args, { cwd: dir, input: typeof row.input === 'function' ? row.input(round) : row.input, encoding: 'utf8', env: row.env });
    const ms = performance.now() - start;
    const stderr = child.stderr ?? '';
    const mark = stderr.lastIndexOf('@@cpu ');
    const cpu = mark === -1 ? Number.NaN : stderr.slice(mark + 6).trim().split(' ').map(Number).reduce((a, b) => a + b, 0) * 1000;
    return { ms, cpu, status: child.status, stderr };
  };
  // Start the server (the first call runs cold and starts it) and wait until it answers.
  for (const warmRow of hook.rows.filter((row) => row.warm)) {
    for (let attempt = 0; attempt < 100 && spawnTimed(warmRow).stderr.includes('hook timing'); attempt++) spawnSync('sleep', ['0.1']);
  }
  // One unmeasured call of each row writes the code cache, as the first call of a session does.
  for (const row of hook.rows) spawnTimed(row);
  for (let round = 0; round < hookRuns; round++) {
    for (const row of hook.rows) {
      const run = spawnTimed(row, round);
      row.ms.push(run.ms);
      row.cpu.push(run.cpu);
      row.exits[run.status] = (row.exits[run.status] ?? 0) + 1;
      if (!run.stderr.includes('hook timing')) row.served += 1;
    }
  }
  const byId = Object.fromEntries(hook.rows.map((row) => [row.id, row]));
  const paired = (a, b, key = 'ms') => median(byId[a][key].map((value, i) => value - byId[b][key][i]));
  hook.byId = byId;
  hook.paired = paired;
  log(`hook p50: ${hook.rows.map((row) => `${row.id} ${Math.round(median(row.ms))} ms`).join(', ')}`);
  rmSync(runtime, { recursive: true, force: true });
}

// (g) one huge file: 8,000 small functions, half of them dropping a promise (4,000 reports with a
// manager suggestion each), `check --format json` against a parse-only run; then 40,000 functions.
const huge = { rows: [] };
if (hasCli) {
  const hugeRuns = Number(process.env.BENCH_HUGE_RUNS ?? 2);
  for (const [functions, runs] of [[8000, hugeRuns], [40000, 1]]) {
    const dir = path.join(corpusRoot, `huge-${functions}`);
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    const text = generateHugeFile(functions);
    writeFileSync(path.join(dir, 'src/huge.ts'), text);
    writeFileSync(path.join(dir, 'package.json'), '{ "name": "bench-huge", "private": true, "type": "module" }\n');
    const row = { functions, kb: Math.round(text.length / 1024), parse: [], check: [] };
    for (let round = 0; round < runs; round++) {
      // The 40,000-function file shows that `check` completes; it is skipped when the budget is short.
      if (functions > 8000 && Date.now() - started.getTime() > budgetMs * 0.45) {
        skipped.push(`the ${functions.toLocaleString('en-US')}-function file: skipped to stay within the budget.`);
        break;
      }
      const parse = node([path.join(root, 'bench/lint-once.mjs'), 'parse', dir], { cwd: dir });
      if (parse.status !== 0) throw new Error(`parse-only on the huge file exited ${parse.status}: ${parse.stderr.slice(0, 300)}`);
      row.parse.push({ ms: parse.wallMs, rss: parse.maxRssKb });
      const check = node([cli, 'check', 'src', '--format', 'json'], { cwd: dir });
      let problems = Number.NaN;
      try {
        problems = JSON.parse(check.stdout).reduce((sum, r) => sum + r.messages.length, 0);
      } catch {
        // Recorded as n/a: `check` did not print a report.
      }
      row.check.push({ ms: check.wallMs, rss: check.maxRssKb, status: check.status, problems, bytes: check.stdout.length });
      log(`huge ${functions}: parse ${Math.round(parse.wallMs)} ms ${Math.round(parse.maxRssKb / 1024)} MB, check ${Math.round(check.wallMs)} ms ${Math.round(check.maxRssKb / 1024)} MB, exit ${check.status}, ${problems} problems`);
    }
    if (row.check.length) huge.rows.push(row);
  }
}

const results = {}; // results[size][configId] = samples[]
if (!hasCli) skipped.push('`check` and `hook`: `dist/cli/index.js` is not built on this branch, so (e) and (f) were skipped.');
const configsFor = (size) =>
  CONFIGS.filter((c) => {
    if (c.cli && !hasCli) return false;
    if (process.env.BENCH_FULL || sizes.length === 1) return true;
    // The 10-minute budget: everything on the smallest corpus; the peers and the ratios on the
    // middle ones; parse-only, ours and `check` (growth, memory) on the largest.
    if (size === largest) return ['parse', 'ours', 'check'].includes(c.id);
    if (size !== Math.min(...sizes)) return !['parse-typed', 'ours-typed'].includes(c.id);
    return true;
  });
// Round 1 of every size first, then further rounds while the budget allows: each extra round of
// a size is assumed to cost what its previous round did. Rounds are whole, so every
// configuration of a size keeps the same number of samples.
const plan = sizes.map((size) => ({ size, configs: configsFor(size), runs: runsFor(size), done: 0, lastMs: 0 }));
for (const p of plan) results[p.size] = Object.fromEntries(p.configs.map((c) => [c.id, []]));
const hookReserveMs = 0; // the hook and the huge file ran first
for (let round = 1; round <= Math.max(...plan.map((p) => p.runs)); round++) {
  for (const p of plan) {
    if (round > p.runs) continue;
    const elapsed = Date.now() - started.getTime();
    if (round > 1 && elapsed + p.lastMs + hookReserveMs > budgetMs) {
      skipped.push(`${p.size} files: ${p.runs - p.done} of ${p.runs} rounds dropped to stay within the ${budgetMs / 60_000}-minute budget (\`BENCH_BUDGET_MIN\`).`);
      log(skipped.at(-1));
      p.runs = p.done;
      continue;
    }
    const roundStart = performance.now();
    for (const config of p.configs) {
      const s = sample(config, corpora[p.size]);
      results[p.size][config.id].push(s);
      log(`${p.size} files, round ${round}/${p.runs}, ${config.id}: ${Math.round(s.ms)} ms, ${Math.round(s.maxRssKb / 1024)} MB`);
    }
    p.lastMs = performance.now() - roundStart;
    p.done = round;
  }
}

// The engines: `check --engine eslint` vs `--engine oxlint` (bench/engines.mjs), up to 1,000 files.
const engines = hasCli
  ? await benchEngines(
      [
        ...sizes.filter((s) => process.env.BENCH_FULL || s <= 1000).map((s) => ({ label: `generated, ${corpora[s].files} files`, dir: corpora[s].dir, paths: ['src'] })),
        ...(process.env.BENCH_REAL_REPO ?? '').split(',').filter(Boolean).map((dir) => ({ label: path.basename(path.resolve(dir)), dir: path.resolve(dir) })),
      ],
      { log },
    )
  : null;
const loadAfter = os.loadavg();

// ---------------------------------------------------------------------------
// Report

const version = (name) => {
  try {
    return require(`${name}/package.json`).version;
  } catch {
    return 'n/a';
  }
};
const plugin = (await import(path.join(root, 'dist/index.js'))).default;
const ruleNames = Object.keys(plugin.rules).map((r) => `\`${r}\``).join(', ');
const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const mb = (kb) => (Number.isFinite(kb) ? `${Math.round(kb / 1024)}` : 'n/a');
const ratio = (a, b, digits = 2) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(digits) : 'n/a');
const med = (size, id, key = 'ms') => (results[size]?.[id]?.length ? median(results[size][id].map((s) => s[key])) : Number.NaN);

const lines = [];
const push = (...l) => lines.push(...l);
push(
  '# Benchmark results',
  '',
  `Generated by \`npm run bench\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC. Method: [docs/benchmarks.md](../docs/benchmarks.md).`,
  '',
  '## Machine and versions',
  '',
  `- CPU: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores; memory ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${os.type()} ${os.release()}`,
  `- Load average (1 min) before / after: ${loadBefore[0].toFixed(2)} / ${loadAfter[0].toFixed(2)}. The machine is shared with other jobs, so absolute times are inflated by their load and move from run to run; compare rows measured together (same round, interleaved), and read small differences as noise.`,
  `- Node ${process.versions.node}; ESLint ${version('eslint')}; typescript-eslint ${version('@typescript-eslint/parser')}; TypeScript ${version('typescript')}; eslint-plugin-n ${version('eslint-plugin-n')}`,
  `- ${plugin.meta.name} ${plugin.meta.version} with ${Object.keys(plugin.rules).length} rule(s): ${ruleNames}`,
  `- Corpora: ${sizes.map((s) => `${corpora[s].files} files / ${corpora[s].lines.toLocaleString('en-US')} lines`).join('; ')} (seeded, \`bench/generate-corpus.mjs\`)`,
  `- Samples per configuration: ${sizes.map((s) => `${Object.values(results[s])[0]?.length ?? 0} at ${s} files`).join(', ')}; each a fresh process, configurations interleaved; \`concurrency: 'off'\`, \`cache: false\``,
  '',
  '## Lint time and peak memory',
  '',
  'Time is the median of the samples, measured inside the child from `new ESLint()` to the end of `lintFiles()` (includes loading the parser and TypeScript, excludes the Node start), except `check`, which is the wall time of the whole CLI process. CPU is user + system time of the child over the same span (all threads, so GC helpers count). Spread is ±half the min–max range. Rule time is the sum of ESLint `stats` rule times (`create()` and listeners). Peak memory is the process RSS high-water mark (`process.resourceUsage().maxRSS`), median of the samples.',
  '',
  '| configuration | files | runs | median time | spread | median CPU | ms / file | × parse-only (time) | × parse-only (CPU) | rule time in ESLint stats | peak RSS (MB) | findings |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
);
for (const size of sizes) {
  for (const config of CONFIGS) {
    const samples = results[size][config.id];
    if (!samples?.length) continue;
    const ms = samples.map((s) => s.ms);
    const m = median(ms);
    const findings = samples[0].problems;
    const cpu = config.cli ? 'n/a' : fmt(med(size, config.id, 'cpuMs'));
    const cpuRatio = config.cli ? 'n/a' : ratio(med(size, config.id, 'cpuMs'), med(size, 'parse', 'cpuMs'));
    const rules = config.cli || config.id.startsWith('parse') ? '' : fmt(med(size, config.id, 'rulesMs'));
    push(
      `| ${config.label} | ${corpora[size].files} | ${samples.length} | ${fmt(m)} | ${samples.length > 1 ? `±${((50 * (Math.max(...ms) - Math.min(...ms))) / m).toFixed(0)}%` : ''} | ${cpu} | ${(m / corpora[size].files).toFixed(2)} | ${config.cli ? `${ratio(m, med(size, 'parse', 'wallMs'))} (wall ÷ wall)` : ratio(m, med(size, 'parse'))} | ${cpuRatio} | ${rules} | ${mb(median(samples.map((s) => s.maxRssKb)))} | ${Number.isFinite(findings) ? findings : 'n/a'} |`,
    );
  }
}

push(
  '',
  '## Ratios (same run, same files)',
  '',
  'Time ratios compare separate processes (medians, or the fastest sample of each, the usual estimate of the uncontended time); on a shared 2-core machine where other jobs come and go they swing by tens of percent (see the spread column). The "attributed" rows use ESLint\'s own `stats` inside each `ours` process (time in our rules\' `create()` and listeners as a share of that process\'s lint time), which such swings barely touch.',
  '',
  '| ratio | ' + sizes.map((s) => `${s} files`).join(' | ') + ' | target |',
  '|---|' + sizes.map(() => '---:|').join('') + '---|',
);
const row = (name, f, target) => push(`| ${name} | ${sizes.map((s) => f(s)).join(' | ')} | ${target} |`);
// Share of an `ours` run spent in our rules, turned into "ours ÷ the same run without them".
const attributed = (s) => {
  const samples = results[s].ours ?? [];
  if (!samples.length) return Number.NaN;
  return median(samples.map((x) => x.ms / (x.ms - x.rulesMs)));
};
row('ours (syntactic) ÷ parse-only, time', (s) => ratio(med(s, 'ours'), med(s, 'parse'), 3), '≤ 1.10');
const best = (size, id, key = 'ms') => (results[size]?.[id]?.length ? Math.min(...results[size][id].map((x) => x[key])) : Number.NaN);
row('ours (syntactic) ÷ parse-only, fastest sample of each', (s) => ratio(best(s, 'ours'), best(s, 'parse'), 3), '≤ 1.10');
row('ours (syntactic) ÷ parse-only, CPU', (s) => ratio(med(s, 'ours', 'cpuMs'), med(s, 'parse', 'cpuMs'), 3), '≤ 1.10');
row('empty rule ÷ parse-only, time (ESLint\'s cost of running any rule)', (s) => ratio(med(s, 'noop'), med(s, 'parse'), 3), '');
row('ours (syntactic) ÷ parse-only, attributed', (s) => (Number.isFinite(attributed(s)) ? attributed(s).toFixed(3) : 'n/a'), '≤ 1.10');
const peerOverOurs = (s, oursAdded) => {
  const peer = med(s, 'peer-no-floating-promises') - med(s, 'parse');
  if (!Number.isFinite(peer) || !Number.isFinite(oursAdded)) return 'n/a';
  if (oursAdded <= 0) return `∞ (ours adds ${fmt(oursAdded)}, within noise; the peer adds ${fmt(peer)})`;
  return `${(peer / oursAdded).toFixed(1)} (${fmt(peer)} ÷ ${fmt(oursAdded)})`;
};
row('(typed `no-floating-promises` − parse) ÷ (ours − parse), time', (s) => peerOverOurs(s, med(s, 'ours') - med(s, 'parse')), '≥ 15');
row('(typed `no-floating-promises` − parse) ÷ our rule time, attributed', (s) => peerOverOurs(s, med(s, 'ours', 'rulesMs')), '≥ 15');
row('typed `no-floating-promises` ÷ parse-only', (s) => ratio(med(s, 'peer-no-floating-promises'), med(s, 'parse')), '2.5 – 4.4 on real backends (context)');
row('ours (type-aware) ÷ parse-only', (s) => ratio(med(s, 'ours-typed'), med(s, 'parse')), '');
row('ours (type-aware) ÷ type-aware parse-only', (s) => ratio(med(s, 'ours-typed'), med(s, 'parse-typed'), 3), '');
row('`n/no-sync` rule time ÷ our rule time, attributed', (s) => ratio(med(s, 'peer-no-sync', 'rulesMs'), med(s, 'ours', 'rulesMs')), '');
row('peak RSS: `check` ÷ parse-only', (s) => ratio(med(s, 'check', 'maxRssKb'), med(s, 'parse', 'maxRssKb')), `≤ 1.2 at ${largest} files`);
row('peak RSS: ours (syntactic) ÷ parse-only', (s) => ratio(med(s, 'ours', 'maxRssKb'), med(s, 'parse', 'maxRssKb')), '');

push('', '## Growth with corpus size (ms per file)', '', '| configuration | ' + sizes.map((s) => `${s} files`).join(' | ') + ' |', '|---|' + sizes.map(() => '---:|').join(''));
for (const config of CONFIGS) {
  if (!sizes.some((s) => results[s][config.id]?.length)) continue;
  push(`| ${config.label} | ${sizes.map((s) => (results[s][config.id]?.length ? (med(s, config.id) / corpora[s].files).toFixed(2) : '–')).join(' | ')} |`);
}

if (engines) push('', ...engines.lines);

push('', '## Hook', '');
if (hasCli) {
  const { byId, paired } = hook;
  const ms = (value) => `${Math.round(value)} ms`;
  const verdict = (value, limit) => (value <= limit ? `met (≤ ${limit} ms)` : `not met (target ≤ ${limit} ms)`);
  push(
    `A Claude Code \`PreToolUse\` \`Write\` event that replaces an existing ${hook.lines}-line file with a version adding a \`readFileSync\` in an async method and a floating promise (the hook lints both versions and blocks: exit 2); each round proposes a new revision of the file (a comment differs), as successive edits do, so the warm server has the old version's result from the round before and lints the new one. ${hookRuns} rounds; each round runs every row once, in this order, so drift on the shared machine hits them alike. Wall time from spawn to exit, no RSS probe. NODE_EXTRA_CA_CERTS is ${hook.certs}.`,
    '',
    '| command | p50 | p95 | min | CPU p50 | exit codes | answered by the server |',
    '|---|---:|---:|---:|---:|---|---:|',
  );
  for (const row of hook.rows) {
    const cpu = median(row.cpu);
    push(`| ${row.label} | ${ms(median(row.ms))} | ${ms(percentile(row.ms, 95))} | ${ms(Math.min(...row.ms))} | ${Number.isFinite(cpu) ? `${ms(cpu)}${row.warm ? ' (client only)' : ''}` : 'n/a'} | ${Object.entries(row.exits).map(([c, n]) => `${c} ×${n}`).join(', ') || '0'} | ${row.warm ? `${row.served}/${row.ms.length}` : ''} |`);
  }
  const coldOver = paired('cold', 'floor');
  const coldCleanOver = paired('cold-clean', 'floor-clean');
  push(
    '',
    '| target | wall: median of the paired differences (same round) | CPU: the same | verdict (wall) |',
    '|---|---:|---:|---|',
    `| cold hook − \`node -e 0\`, NODE_EXTRA_CA_CERTS as set | ${ms(coldOver)} | ${ms(paired('cold', 'floor', 'cpu'))} | ${verdict(coldOver, 60)} |`,
    `| cold hook − \`node -e 0\`, NODE_EXTRA_CA_CERTS unset | ${ms(coldCleanOver)} | ${ms(paired('cold-clean', 'floor-clean', 'cpu'))} | ${verdict(coldCleanOver, 60)} |`,
    `| \`init\` command with warm mode off − \`node -e 0\` as set | ${ms(paired('init-cold', 'floor'))} | ${ms(paired('init-cold', 'floor', 'cpu'))} | |`,
    `| warm call (p50 of the call itself, not a difference) | ${ms(median(byId.warm.ms))} | | ${verdict(median(byId.warm.ms), 30)} |`,
    `| warm call, sh + curl client (where perl is missing) | ${ms(median(byId['warm-curl'].ms))} | | |`,
  );
} else {
  push('Skipped: `dist/cli/index.js` does not exist in this build.');
}

push('', '## One huge file', '');
if (huge.rows.length) {
  push(
    'A generated module of small functions, every second one dropping the promise of an async function: one `no-fire-and-forget` report per two functions, each with a manager suggestion that imports the getter at the top of the file. `check --format json` (whole CLI process, wall time and peak RSS) against the parse-only child (`@typescript-eslint/parser`, no rules) on the same file, interleaved.',
    '',
    '| file | runs | parse-only time | `check` time | time ratio | parse-only peak RSS (MB) | `check` peak RSS (MB) | RSS ratio | `check` exit | reports | JSON output |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|',
  );
  for (const row of huge.rows) {
    const m = (list, key) => median(list.map((x) => x[key]));
    push(
      `| ${row.functions.toLocaleString('en-US')} functions, ${row.kb} KB | ${row.check.length} | ${fmt(m(row.parse, 'ms'))} | ${fmt(m(row.check, 'ms'))} | ${ratio(m(row.check, 'ms'), m(row.parse, 'ms'))}${row.functions === 8000 ? ' (target ≤ 1.6)' : ''} | ${mb(m(row.parse, 'rss'))} | ${mb(m(row.check, 'rss'))} | ${ratio(m(row.check, 'rss'), m(row.parse, 'rss'))}${row.functions === 8000 ? ' (target ≤ 1.3)' : ''} | ${row.check.map((c) => c.status).join(', ')} | ${row.check[0].problems} | ${(row.check[0].bytes / 2 ** 20).toFixed(1)} MB |`,
    );
  }
}
if (skipped.length > 0) push('', '## Skipped', '', ...skipped.map((s) => `- ${s}`));
const largestNote =
  sizes.length > 1 && !process.env.BENCH_FULL
    ? ` To stay within 10 minutes on 2 cores, the type-aware configurations (a′, c) run on the ${Math.min(...sizes)}-file corpus only, the peers (d) on all but the ${largest}-file one; \`BENCH_FULL=1\` runs everything everywhere.`
    : '';
push(
  '',
  '## Reproduce',
  '',
  '```sh',
  `npm ci && ${process.env.BENCH_SIZES || process.env.BENCH_RUNS ? `BENCH_SIZES=${sizes.join(',')} ${process.env.BENCH_RUNS ? `BENCH_RUNS=${process.env.BENCH_RUNS} ` : ''}` : ''}npm run bench`,
  '```',
  '',
  `Total bench time: ${((Date.now() - started.getTime()) / 60_000).toFixed(1)} min.${largestNote}`,
  '',
);
writeFileSync(out, lines.join('\n'));
log(`wrote ${path.relative(root, out)}`);
