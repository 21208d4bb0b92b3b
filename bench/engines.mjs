// `check --engine eslint` against `check --engine oxlint` on the same corpora: wall time of the
// whole CLI process (paired, order alternating per round), whether the findings are identical,
// and each rule's time inside oxlint (`oxlint --debug=timings`).
//
// Run by bench/run.mjs (section "Engines"), or alone:
//   node bench/engines.mjs DIR [DIR…]      e.g. a checkout of a real backend
//   BENCH_ENGINE_RUNS=3                     rounds per corpus (default 3)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist/cli/index.js');
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function timed(args, cwd) {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return { wallMs: performance.now() - start, status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** One `check` run: wall time and the findings of our rules as comparable lines. */
function check(engine, dir, paths) {
  const run = timed([cli, 'check', '--engine', engine, '--format', 'json', ...paths], dir);
  if (run.status !== 0 && run.status !== 1) throw new Error(`check --engine ${engine} exited ${run.status} in ${dir}: ${run.stderr.slice(0, 500)}`);
  const results = JSON.parse(run.stdout || '[]');
  const findings = [];
  for (const result of results) {
    for (const m of result.messages) {
      if (m.ruleId?.startsWith('async-governance/')) findings.push(`${path.relative(dir, result.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
    }
  }
  return { wallMs: run.wallMs, files: results.length, findings: findings.sort() };
}

/** Each rule's time inside oxlint, from its `--debug=timings` table (JS plugin rules included). */
async function ruleTimings(dir, paths) {
  const { findOxlint, oxlintConfig } = await import(pathToFileURL(path.join(root, 'dist/cli/engines/oxlint.js')).href);
  const oxlint = findOxlint();
  if (!oxlint.bin) return null;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ag-bench-oxlint-'));
  try {
    const config = path.join(tmp, '.oxlintrc.json');
    // No settings: the rules find each file's settings file, as under `check`.
    writeFileSync(config, JSON.stringify(oxlintConfig({})));
    const run = timed([oxlint.bin, '-c', config, '--no-ignore', '--debug=timings', ...paths], dir);
    const rules = [...run.stdout.matchAll(/^(async-governance\/\S+)\s+([\d.]+)\s+([\d.]+)%/gm)].map(([, rule, ms, share]) => ({ rule, ms: Number(ms), share: Number(share) }));
    const total = /Total:\s+([\d.]+)ms/.exec(run.stdout);
    const callbacks = /Rule callbacks:\s+([\d.]+)ms/.exec(run.stdout);
    return { rules, jsTotalMs: total ? Number(total[1]) : Number.NaN, callbacksMs: callbacks ? Number(callbacks[1]) : Number.NaN };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Benchmarks both engines on each corpus `{ label, dir, paths }`; returns Markdown lines and the
 * figures (ratio oxlint ÷ eslint of the median wall times; identical findings or not).
 */
export async function benchEngines(corpora, { runs = Number(process.env.BENCH_ENGINE_RUNS ?? 3), log = () => {} } = {}) {
  const rows = [];
  for (const corpus of corpora) {
    const paths = corpus.paths ?? ['.'];
    const samples = { eslint: [], oxlint: [] };
    let identical = true;
    let findings = 0;
    let files = 0;
    for (let round = 0; round < runs; round++) {
      const order = round % 2 === 0 ? ['eslint', 'oxlint'] : ['oxlint', 'eslint'];
      const got = {};
      for (const engine of order) {
        got[engine] = check(engine, corpus.dir, paths);
        samples[engine].push(got[engine].wallMs);
        log(`engines: ${corpus.label}, round ${round + 1}/${runs}, ${engine}: ${Math.round(got[engine].wallMs)} ms`);
      }
      identical &&= JSON.stringify(got.eslint.findings) === JSON.stringify(got.oxlint.findings) && got.eslint.files === got.oxlint.files;
      findings = got.eslint.findings.length;
      files = got.eslint.files;
    }
    const timings = await ruleTimings(corpus.dir, paths);
    rows.push({ ...corpus, files, findings, identical, eslintMs: median(samples.eslint), oxlintMs: median(samples.oxlint), runs, timings });
  }
  const lines = [
    '## Engines: `check --engine eslint` vs `check --engine oxlint`',
    '',
    'Wall time of the whole CLI process (median; rounds alternate which engine goes first), findings compared as (file, line, column, rule, message) of our rules. oxlint parses in Rust and runs our rules as a JavaScript plugin. Target: oxlint ≤ 0.25× eslint on a 1,000-file backend, with identical findings.',
    '',
    '| corpus | files | runs | eslint | oxlint | oxlint ÷ eslint | findings | identical |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.label} | ${r.files} | ${r.runs} | ${fmt(r.eslintMs)} | ${fmt(r.oxlintMs)} | ${(r.oxlintMs / r.eslintMs).toFixed(2)} | ${r.findings} | ${r.identical ? 'yes' : '**no**'} |`),
  ];
  const timed = rows.filter((r) => r.timings?.rules.length);
  if (timed.length > 0) {
    lines.push(
      '',
      "Each rule's time inside oxlint (`oxlint --debug=timings`, one run; the time of the JavaScript plugin callbacks, the rest of the JS side is the bridge's shared overhead):",
      '',
      `| rule | ${timed.map((r) => r.label).join(' | ')} |`,
      `|---|${timed.map(() => '---:|').join('')}`,
    );
    const names = [...new Set(timed.flatMap((r) => r.timings.rules.map((t) => t.rule)))].sort();
    for (const name of names) {
      lines.push(`| \`${name}\` | ${timed.map((r) => {
        const t = r.timings.rules.find((x) => x.rule === name);
        return t ? `${fmt(t.ms)} (${t.share.toFixed(0)}%)` : '–';
      }).join(' | ')} |`);
    }
    lines.push(`| all rule callbacks / JS plugin total | ${timed.map((r) => `${fmt(r.timings.callbacksMs)} / ${fmt(r.timings.jsTotalMs)}`).join(' | ')} |`);
  }
  return { lines, rows };
}

if (process.argv[1] === import.meta.filename) {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    console.error('usage: node bench/engines.mjs DIR [DIR…]');
    process.exit(2);
  }
  const { lines } = await benchEngines(dirs.map((dir) => ({ label: path.basename(path.resolve(dir)), dir: path.resolve(dir) })), { log: (m) => console.error(m) });
  console.log(lines.join('\n'));
}
