// The benchmark: `npm run bench` (builds, then runs this). Writes bench/RESULTS.md.
//
// Every sample is a fresh child process (bench/lint-once.mjs, the CLI, or a bare `node`), and the
// configurations are interleaved round by round, so drift on a shared machine hits all of them alike.
//
// Environment overrides for quick runs:
//   BENCH_SIZES=200,1000        corpus sizes (default 200,1000,4000)
//   BENCH_RUNS=3                samples per configuration at every size (default: 5 / 3 / 1)
//   BENCH_HOOK_RUNS=15          cold hook processes per file size (default 15)
//   BENCH_FULL=1                also run the type-aware configurations on the largest corpus
//   BENCH_OUT=path.md           where to write the table (default bench/RESULTS.md)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { generateCorpus, generateHookFile } from './generate-corpus.mjs';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const tmp = path.join(root, '.bench-tmp');
const cli = path.join(root, 'dist/cli/index.js');
const probe = path.join(root, 'bench/rss-probe.cjs');
const hasCli = existsSync(cli);

const sizes = (process.env.BENCH_SIZES ?? '200,1000,4000').split(',').map(Number);
const largest = Math.max(...sizes);
const defaultRuns = { 200: 5, 1000: 3, 4000: 1 };
const runsFor = (size) => Number(process.env.BENCH_RUNS ?? defaultRuns[size] ?? 3);
const hookRuns = Number(process.env.BENCH_HOOK_RUNS ?? 15);
const hookSizes = [50, 300, 2000];
const out = path.resolve(process.env.BENCH_OUT ?? path.join(root, 'bench/RESULTS.md'));

const CONFIGS = [
  { id: 'parse', label: '(a) parse only: `@typescript-eslint/parser`, no rules' },
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
  const rssFile = path.join(tmp, `rss-${process.pid}.txt`);
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

function sample(config, dir) {
  if (config.cli) {
    const run = node([cli, 'check', 'src', '--format', 'json'], { cwd: dir });
    if (run.status !== 0 && run.status !== 1) throw new Error(`check exited ${run.status}: ${run.stderr.slice(0, 500)}`);
    let problems = Number.NaN;
    try {
      problems = JSON.parse(run.stdout).reduce((sum, r) => sum + r.messages.length, 0);
    } catch {
      // A format other than ESLint's JSON array: keep the timing, leave the count blank.
    }
    return { ms: run.wallMs, wallMs: run.wallMs, maxRssKb: run.maxRssKb, problems };
  }
  const run = node([path.join(root, 'bench/lint-once.mjs'), config.id, dir], { cwd: dir });
  if (run.status !== 0) throw new Error(`${config.id} exited ${run.status}: ${run.stderr.slice(0, 800)}`);
  return { ...JSON.parse(run.stdout), wallMs: run.wallMs };
}

// ---------------------------------------------------------------------------

const started = new Date();
const loadBefore = os.loadavg();
mkdirSync(tmp, { recursive: true });
const corpora = {};
for (const size of sizes) {
  const dir = path.join(tmp, `corpus-${size}`);
  corpora[size] = { dir, ...generateCorpus({ size, dir }) };
  log(`corpus ${size}: ${corpora[size].files} files, ${corpora[size].lines} lines`);
}

const results = {}; // results[size][configId] = samples[]
const skipped = [];
if (!hasCli) skipped.push('`check` and `hook`: `dist/cli/index.js` is not built on this branch, so (e) and (f) were skipped.');
for (const size of sizes) {
  const configs = CONFIGS.filter((c) => {
    if (c.cli && !hasCli) return false;
    // Type-aware runs on the largest corpus would take most of the 10-minute budget alone.
    if (c.typed && size === largest && sizes.length > 1 && !process.env.BENCH_FULL) return false;
    if (size === largest && sizes.length > 1 && c.id === 'peer-no-sync' && !process.env.BENCH_FULL) return false;
    return true;
  });
  results[size] = Object.fromEntries(configs.map((c) => [c.id, []]));
  const runs = runsFor(size);
  for (let round = 1; round <= runs; round++) {
    for (const config of configs) {
      const s = sample(config, corpora[size].dir);
      results[size][config.id].push(s);
      log(`${size} files, round ${round}/${runs}, ${config.id}: ${Math.round(s.ms)} ms, ${Math.round(s.maxRssKb / 1024)} MB`);
    }
  }
}

// (f) the hook: cold processes on one file of 50 / 300 / 2,000 lines, against a bare `node` start.
const hook = {};
if (hasCli) {
  const dir = corpora[Math.min(...sizes)].dir;
  mkdirSync(path.join(dir, 'src/hook'), { recursive: true });
  const events = hookSizes.map((lines) => {
    const file = path.join(dir, `src/hook/order-service-${lines}.ts`);
    writeFileSync(file, generateHookFile(lines));
    const content = generateHookFile(lines, { violation: true });
    const input = JSON.stringify({
      session_id: 'bench',
      hook_event_name: 'PreToolUse',
      cwd: dir,
      tool_name: 'Write',
      tool_input: { file_path: file, content },
    });
    return { lines: content.split('\n').length - 1, input };
  });
  hook.floor = [];
  hook.files = events.map((e) => ({ ...e, ms: [], rss: [], exits: {} }));
  for (let round = 0; round < hookRuns; round++) {
    hook.floor.push(node(['-e', '0']).wallMs);
    for (const h of hook.files) {
      const run = node([cli, 'hook'], { cwd: dir, input: h.input });
      h.ms.push(run.wallMs);
      h.rss.push(run.maxRssKb);
      h.exits[run.status] = (h.exits[run.status] ?? 0) + 1;
    }
  }
  log(`hook p50: floor ${Math.round(median(hook.floor))} ms, ${hook.files.map((h) => `${h.lines} lines ${Math.round(median(h.ms))} ms`).join(', ')}`);
}
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
  `- Load average (1 min) before / after: ${loadBefore[0].toFixed(2)} / ${loadAfter[0].toFixed(2)} (a shared machine: read small differences as noise)`,
  `- Node ${process.versions.node}; ESLint ${version('eslint')}; typescript-eslint ${version('@typescript-eslint/parser')}; TypeScript ${version('typescript')}; eslint-plugin-n ${version('eslint-plugin-n')}`,
  `- ${plugin.meta.name} ${plugin.meta.version} with ${Object.keys(plugin.rules).length} rule(s): ${ruleNames}`,
  `- Corpora: ${sizes.map((s) => `${corpora[s].files} files / ${corpora[s].lines.toLocaleString('en-US')} lines`).join('; ')} (seeded, \`bench/generate-corpus.mjs\`)`,
  `- Samples per configuration: ${sizes.map((s) => `${runsFor(s)} at ${s} files`).join(', ')}; each a fresh process, configurations interleaved; \`concurrency: 'off'\`, \`cache: false\``,
  '',
  '## Lint time and peak memory',
  '',
  'Time is the median of the samples, measured inside the child from `new ESLint()` to the end of `lintFiles()` (includes loading the parser and TypeScript, excludes the Node start), except `check`, which is the wall time of the whole CLI process. Peak memory is the process RSS high-water mark (`process.resourceUsage().maxRSS`), median of the samples.',
  '',
  '| configuration | files | median | min – max | ms / file | × parse-only | peak RSS (MB) | findings |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
);
for (const size of sizes) {
  for (const config of CONFIGS) {
    const samples = results[size][config.id];
    if (!samples?.length) continue;
    const ms = samples.map((s) => s.ms);
    const m = median(ms);
    const base = med(size, 'parse');
    const findings = samples[0].problems;
    push(
      `| ${config.label} | ${corpora[size].files} | ${fmt(m)} | ${fmt(Math.min(...ms))} – ${fmt(Math.max(...ms))} | ${(m / corpora[size].files).toFixed(2)} | ${config.cli ? `${ratio(m, med(size, 'parse', 'wallMs'))} (wall ÷ wall)` : ratio(m, base)} | ${mb(median(samples.map((s) => s.maxRssKb)))} | ${Number.isFinite(findings) ? findings : 'n/a'} |`,
    );
  }
}

push('', '## Ratios (same run, same files)', '', '| ratio | ' + sizes.map((s) => `${s} files`).join(' | ') + ' | target |', '|---|' + sizes.map(() => '---:|').join('') + '---|');
const row = (name, f, target) => push(`| ${name} | ${sizes.map((s) => f(s)).join(' | ')} | ${target} |`);
row('ours (syntactic) ÷ parse-only', (s) => ratio(med(s, 'ours'), med(s, 'parse'), 3), '≤ 1.10');
row(
  '(typed `no-floating-promises` − parse) ÷ (ours − parse)',
  (s) => {
    const peer = med(s, 'peer-no-floating-promises') - med(s, 'parse');
    const ours = med(s, 'ours') - med(s, 'parse');
    if (!Number.isFinite(peer) || !Number.isFinite(ours)) return 'n/a';
    if (ours <= 0) return `∞ (ours adds ${fmt(ours)}: within noise; the peer adds ${fmt(peer)})`;
    return `${(peer / ours).toFixed(1)} (${fmt(peer)} ÷ ${fmt(ours)})`;
  },
  '≥ 15',
);
row('typed `no-floating-promises` ÷ parse-only', (s) => ratio(med(s, 'peer-no-floating-promises'), med(s, 'parse')), 'context: 2.5 – 4.4 on real backends');
row('ours (type-aware) ÷ parse-only', (s) => ratio(med(s, 'ours-typed'), med(s, 'parse')), '');
row('ours (type-aware) ÷ type-aware parse-only', (s) => ratio(med(s, 'ours-typed'), med(s, 'parse-typed'), 3), '');
row('`n/no-sync` ÷ ours (syntactic)', (s) => ratio(med(s, 'peer-no-sync'), med(s, 'ours')), '');
row('peak RSS: `check` ÷ parse-only', (s) => ratio(med(s, 'check', 'maxRssKb'), med(s, 'parse', 'maxRssKb')), `≤ 1.2 at ${largest} files`);
row('peak RSS: ours (syntactic) ÷ parse-only', (s) => ratio(med(s, 'ours', 'maxRssKb'), med(s, 'parse', 'maxRssKb')), '');

push('', '## Growth with corpus size (ms per file)', '', '| configuration | ' + sizes.map((s) => `${s} files`).join(' | ') + ' |', '|---|' + sizes.map(() => '---:|').join(''));
for (const config of CONFIGS) {
  if (!sizes.some((s) => results[s][config.id]?.length)) continue;
  push(`| ${config.label} | ${sizes.map((s) => (results[s][config.id]?.length ? (med(s, config.id) / corpora[s].files).toFixed(2) : '–')).join(' | ')} |`);
}

push('', '## Hook (cold process per event)', '');
if (hasCli) {
  push(
    `A Claude Code \`PreToolUse\` \`Write\` event that replaces an existing file with a version adding one floating promise; ${hookRuns} cold processes per size.`,
    '',
    '| input | p50 | p95 | peak RSS (MB) | exit codes |',
    '|---|---:|---:|---:|---|',
    `| floor: bare \`node -e 0\` | ${fmt(median(hook.floor))} | ${fmt(percentile(hook.floor, 95))} | | |`,
  );
  for (const h of hook.files) {
    push(`| ${h.lines}-line file | ${fmt(median(h.ms))} | ${fmt(percentile(h.ms, 95))} | ${mb(median(h.rss))} | ${Object.entries(h.exits).map(([c, n]) => `${c} ×${n}`).join(', ')} |`);
  }
  const mid = hook.files[1];
  push('', `Hook p50 on the ${mid.lines}-line file: ${fmt(median(mid.ms))}, of which a bare Node start is ${fmt(median(hook.floor))}: the hook's own work is ${fmt(median(mid.ms) - median(hook.floor))} (target: p50 < 150 ms).`);
} else {
  push('Skipped: `dist/cli/index.js` does not exist in this build.');
}
if (skipped.length > 0) push('', '## Skipped', '', ...skipped.map((s) => `- ${s}`));
const largestNote = sizes.length > 1 && !process.env.BENCH_FULL ? ` Type-aware configurations and \`n/no-sync\` are not run on the ${largest}-file corpus (set \`BENCH_FULL=1\` to include them; they alone take longer than the 10-minute budget there).` : '';
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
