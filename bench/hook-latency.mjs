// Latency of one `async-governance hook` call on a 300-line TypeScript file.
// Each run spawns a fresh process (as Claude Code does) and times it from spawn to exit.
//   node bench/hook-latency.mjs [--runs 30] [--variant bundled|unbundled|no-cache|warm|all]
// Prints p50/p95 wall time (and the children's CPU time where GNU time exists) per variant next
// to a bare `node -e 0` start for scale; `warm` times the warm client (dist/cli/hook-client.sh,
// with perl and with sh + curl) against a running server, interleaved with `node -e 0`.
// Needs `npm run build`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'dist/cli/index.js');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, variant: { type: 'string', default: 'all' } } });
const runs = Number(values.runs);

/** A realistic 300-line service file with one pre-existing violation. */
function serviceFile() {
  const lines = ["import { readFileSync } from 'node:fs';", "import { join } from 'node:path';", ''];
  for (let i = 0; lines.length < 280; i += 1) {
    lines.push(
      `export class Repository${i} {`,
      '  private readonly cache = new Map<string, number>();',
      '  constructor(private readonly root: string) {}',
      '',
      `  async find(id: string): Promise<number | undefined> {`,
      '    const key = join(this.root, id);',
      '    const hit = this.cache.get(key);',
      '    if (hit !== undefined) return hit;',
      '    const value = await Promise.resolve(id.length);',
      '    this.cache.set(key, value);',
      '    return value;',
      '  }',
      '',
      '  loadSeed(name: string): string {',
      "    return readFileSync(join(this.root, name), 'utf8');",
      '  }',
      '}',
      '',
    );
  }
  lines.push('export async function boot(path: string): Promise<string> {', "  const text = readFileSync(path, 'utf8');", '  return text.trim();', '}');
  while (lines.length < 300) lines.push('');
  return lines.join('\n');
}

const work = path.join(root, '.bench-tmp');
if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const file = path.join(work, 'service.ts');
writeFileSync(file, serviceFile());
// The edit adds a second blocking read inside boot(): the hook must block it (exit 2).
const editEvent = (revision = '') =>
  JSON.stringify({
    hook_event_name: 'PreToolUse',
    cwd: work,
    tool_name: 'Edit',
    tool_input: { file_path: file, old_string: '  return text.trim();', new_string: `  const extra = readFileSync(path + '.local', 'utf8');${revision}\n  return text.trim() + extra;` },
  });
const event = editEvent();

// CPU time (user + system) of each child, from GNU time when present: less sensitive than wall
// time to other work on a busy machine.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const CPU_MARK = '@@cpu ';

function measure(args, env, input, expectedStatus, count = runs, program = process.execPath) {
  const times = [];
  const cpu = [];
  let coldRuns = 0;
  for (let i = 0; i < count; i += 1) {
    const [command, commandArgs] = gnuTime ? [gnuTime, ['-f', `${CPU_MARK}%U %S`, program, ...args]] : [program, args];
    const start = process.hrtime.bigint();
    const result = spawnSync(command, commandArgs, { input: typeof input === 'function' ? input() : input, env: { ...process.env, ...env }, encoding: 'utf8' });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (expectedStatus !== undefined && result.status !== expectedStatus) {
      throw new Error(`unexpected exit ${result.status}: ${result.stderr}`);
    }
    times.push(elapsed);
    if (result.stderr.includes('hook timing')) coldRuns += 1;
    const mark = result.stderr.lastIndexOf(CPU_MARK);
    if (mark !== -1) {
      const [user, system] = result.stderr.slice(mark + CPU_MARK.length).trim().split(' ').map(Number);
      cpu.push((user + system) * 1000);
    }
  }
  const pick = (list, q) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.ceil(q * list.length) - 1)];
  return { p50: pick(times, 0.5), p95: pick(times, 0.95), min: Math.min(...times), cpu: cpu.length ? pick(cpu, 0.5) : NaN, times, coldRuns };
}

const variants = {
  bundled: {},
  unbundled: { ASYNC_GOVERNANCE_UNBUNDLED: '1' },
  'no-cache': { ASYNC_GOVERNANCE_CODE_CACHE: '0' },
};
const chosen = values.variant === 'all' ? [...Object.keys(variants), 'warm'] : [values.variant];
const rows = [['node -e 0', measure(['-e', '0'], {}, '')]];
for (const name of chosen.filter((variant) => variant !== 'warm')) {
  // One warm-up run writes the code cache, as the first hook call of a session does.
  measure([bin, 'hook'], variants[name], event, 2);
  rows.push([`hook (${name})`, measure([bin, 'hook'], variants[name], event, 2)]);
}

// Warm: the command `init` writes, against a server started by its first call, in a private
// runtime folder of its own. Each call proposes a new revision of the edit (as an agent's
// successive edits do), so the server lints the new text; the old side is in its cache. Every
// round runs `node -e 0` and both clients in turn, so drift hits them alike.
const warmRows = [];
if (chosen.includes('warm')) {
  const runtime = path.join(work, 'runtime');
  mkdirSync(runtime, { mode: 0o700 });
  // The sh + curl client: a PATH with the programs it runs, and no perl.
  const curlOnly = path.join(work, 'bin-without-perl');
  mkdirSync(curlOnly);
  for (const tool of ['curl', 'cat', 'cksum', 'ls']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), path.join(curlOnly, tool));
  symlinkSync(process.execPath, path.join(curlOnly, 'node'));
  const client = path.join(root, 'dist/cli/hook-client.sh');
  const env = { XDG_RUNTIME_DIR: runtime, CLAUDE_PROJECT_DIR: work, ASYNC_GOVERNANCE_SERVER_IDLE_MS: '20000', ASYNC_GOVERNANCE_TIMING: '1' };
  let revision = 0;
  const input = () => editEvent(` // revision ${(revision += 1)}`);
  const clients = [
    { name: 'warm (perl client)', env },
    { name: 'warm (sh + curl client)', env: { ...env, PATH: curlOnly } },
  ];
  for (const { env: clientEnv } of clients) {
    for (let attempt = 0; attempt < 100 && measure([client], clientEnv, input, 2, 1, '/bin/sh').coldRuns > 0; attempt += 1) spawnSync('sleep', ['0.1']);
  }
  const floor = { name: 'node -e 0 (same rounds)', times: [] };
  for (const row of clients) Object.assign(row, { times: [], coldRuns: 0 });
  for (let i = 0; i < runs; i += 1) {
    floor.times.push(...measure(['-e', '0'], {}, '', undefined, 1).times);
    for (const row of clients) {
      const run = measure([client], row.env, input, 2, 1, '/bin/sh');
      row.times.push(...run.times);
      row.coldRuns += run.coldRuns;
    }
  }
  const pick = (list, q) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.ceil(q * list.length) - 1)];
  for (const row of [floor, ...clients]) {
    const served = row.coldRuns === undefined ? '' : `   served warm ${runs - row.coldRuns}/${runs}`;
    warmRows.push(`${row.name.padEnd(26)} p50 ${pick(row.times, 0.5).toFixed(0).padStart(5)} ms   p95 ${pick(row.times, 0.95).toFixed(0).padStart(5)} ms   min ${Math.min(...row.times).toFixed(0).padStart(5)} ms${served}`);
  }
}
// On a shared machine the load drifts; a bare start right before each hook call gives the
// hook's own cost as a paired difference, which drifts much less.
const overhead = [];
for (let i = 0; i < runs && chosen.includes('bundled'); i += 1) {
  const bare = measure(['-e', '0'], {}, '', undefined, 1).p50;
  overhead.push(measure([bin, 'hook'], {}, event, 2, 1).p50 - bare);
}
overhead.sort((a, b) => a - b);
console.log(`hook latency, ${runs} runs each (a fresh process per run), 300-line file, edit that adds a violation (exit 2)`);
for (const [name, { p50, p95, min, cpu }] of rows) {
  const cpuText = Number.isNaN(cpu) ? '' : `   cpu p50 ${cpu.toFixed(0).padStart(4)} ms`;
  console.log(`${name.padEnd(22)} p50 ${p50.toFixed(0).padStart(5)} ms   p95 ${p95.toFixed(0).padStart(5)} ms   min ${min.toFixed(0).padStart(5)} ms${cpuText}`);
}
if (overhead.length) console.log(`hook (bundled) minus a bare node start, paired: p50 ${overhead[Math.ceil(runs / 2) - 1].toFixed(0)} ms`);
for (const line of warmRows) console.log(line);
console.log(`load average: ${(await import('node:os')).loadavg().map((n) => n.toFixed(2)).join(' ')}`);
if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
