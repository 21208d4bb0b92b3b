#!/usr/bin/env node
// Scores the CLI's reports against sites labelled by reading real backends.
//
//   node bench/accuracy/score.mjs [corpora-dir] [--cli path/to/cli.js] [--json out.json] [--repo name]
//
// corpora-dir defaults to $ACCURACY_CORPORA or /work/corpora; each labels/<name>.json is
// scored against <corpora-dir>/<name> (see README.md for how to fetch them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const RULES = ['no-fire-and-forget', 'no-raw-service-loop', 'no-blocking-in-async', 'require-task-metadata'];
const PREFIX = 'async-governance/';

function parseArgs(argv) {
  const opts = {
    corpora: process.env.ACCURACY_CORPORA ?? '/work/corpora',
    cli: process.env.ACCURACY_CLI ?? path.resolve(here, '../../dist/cli/index.js'),
    json: null,
    repos: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--cli') opts.cli = path.resolve(argv[++i]);
    else if (a === '--json') opts.json = path.resolve(argv[++i]);
    else if (a === '--repo') opts.repos.push(argv[++i]);
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.corpora = path.resolve(a);
  }
  return opts;
}

function loadLabelFiles(only) {
  const dir = path.join(here, 'labels');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f.replace(/\.json$/, ''), ...JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }))
    .filter((l) => only.length === 0 || only.includes(l.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// Runs `check --format json` in the repository folder, so that exemption globs are relative to it.
function runCheck(cli, repoDir, settings) {
  const args = [cli, 'check', '.', '--format', 'json'];
  let tmp = null;
  if (settings) {
    tmp = mkdtempSync(path.join(tmpdir(), 'accuracy-'));
    const cfg = path.join(tmp, 'async-governance.config.json');
    writeFileSync(cfg, JSON.stringify(settings));
    args.push('--config', cfg);
  }
  let out;
  try {
    out = execFileSync(process.execPath, args, { cwd: repoDir, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    if (err.status !== 1) throw new Error(`check failed in ${repoDir} (exit ${err.status}): ${err.stderr}`);
    out = err.stdout;
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  const reports = [];
  for (const file of JSON.parse(out)) {
    const rel = path.relative(repoDir, file.filePath).split(path.sep).join('/');
    for (const m of file.messages) {
      if (!m.ruleId?.startsWith(PREFIX)) continue;
      reports.push({ file: rel, line: m.line, rule: m.ruleId.slice(PREFIX.length), message: m.message });
    }
  }
  return reports;
}

function score(labelFile, reports) {
  const key = (file, line, rule) => `${file}:${line}:${rule}`;
  const byKey = new Map();
  for (const r of reports) {
    const k = key(r.file, r.line, r.rule);
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k).push(r);
  }
  const used = new Set();
  const rows = Object.fromEntries(RULES.map((r) => [r, { tp: 0, fp: 0, fn: 0, tn: 0, optionalHit: 0, unlabelled: 0 }]));
  const mismatches = [];
  for (const label of labelFile.labels) {
    const lines = label.lines ?? [label.line];
    const hits = lines.flatMap((l) => byKey.get(key(label.file, l, label.rule)) ?? []);
    for (const l of lines) used.add(key(label.file, l, label.rule));
    const row = rows[label.rule];
    if (label.expected === 'report') {
      if (hits.length > 0) row.tp++;
      else {
        row.fn++;
        mismatches.push({ kind: 'miss', ...label });
      }
    } else if (label.expected === 'no-report') {
      if (hits.length > 0) {
        row.fp++;
        mismatches.push({ kind: 'false report', ...label, message: hits[0].message });
      } else row.tn++;
    } else if (hits.length > 0) {
      row.optionalHit++;
    }
  }
  const unlabelled = reports.filter((r) => !used.has(key(r.file, r.line, r.rule)));
  for (const r of unlabelled) rows[r.rule].unlabelled++;
  return { rows, mismatches, unlabelled };
}

const pct = (num, den) => (den === 0 ? '   n/a' : `${((100 * num) / den).toFixed(1).padStart(5)}%`);

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const labelFiles = loadLabelFiles(opts.repos);
  const results = [];
  for (const lf of labelFiles) {
    const repoDir = path.join(opts.corpora, lf.name);
    if (!existsSync(repoDir)) {
      console.error(`skip ${lf.name}: ${repoDir} not found (see bench/accuracy/README.md)`);
      continue;
    }
    const reports = runCheck(opts.cli, repoDir, lf.settings);
    results.push({ name: lf.name, commit: lf.commit, ...score(lf, reports) });
  }

  const header = `${'repo'.padEnd(14)} ${'rule'.padEnd(22)}  TP  FP  FN  TN  precision  recall  unlabelled`;
  console.log(header);
  console.log('-'.repeat(header.length));
  const totals = Object.fromEntries(RULES.map((r) => [r, { tp: 0, fp: 0, fn: 0, tn: 0, unlabelled: 0 }]));
  const line = (name, rule, c) =>
    `${name.padEnd(14)} ${rule.padEnd(22)} ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)} ${String(c.tn).padStart(3)}     ${pct(c.tp, c.tp + c.fp)}  ${pct(c.tp, c.tp + c.fn)}  ${String(c.unlabelled).padStart(10)}`;
  for (const res of results) {
    for (const rule of RULES) {
      const c = res.rows[rule];
      if (c.tp + c.fp + c.fn + c.tn + c.unlabelled === 0) continue;
      console.log(line(res.name, rule, c));
      for (const k of Object.keys(totals[rule])) totals[rule][k] += c[k];
    }
  }
  console.log('-'.repeat(header.length));
  for (const rule of RULES) {
    const c = totals[rule];
    if (c.tp + c.fp + c.fn + c.tn + c.unlabelled === 0) continue;
    console.log(line('all', rule, c));
  }
  const all = Object.values(totals).reduce((a, c) => {
    for (const k of Object.keys(a)) a[k] += c[k];
    return a;
  }, { tp: 0, fp: 0, fn: 0, tn: 0, unlabelled: 0 });
  console.log(line('all', 'all rules', all));

  for (const res of results) {
    if (res.mismatches.length + res.unlabelled.length === 0) continue;
    console.log(`\n## ${res.name} @ ${res.commit.slice(0, 12)}`);
    for (const m of res.mismatches) {
      console.log(`${m.kind === 'miss' ? 'MISS ' : 'FALSE'} ${m.rule} ${m.file}:${m.line}  ${m.reason}`);
    }
    for (const u of res.unlabelled) console.log(`UNLABELLED ${u.rule} ${u.file}:${u.line}  ${u.message.slice(0, 100)}`);
  }
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify(results, null, 2)}\n`);
}

main();
