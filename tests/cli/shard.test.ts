import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.mjs';
import { shardOf } from '../../src/cli/shard.js';
import { run } from './helpers.js';

const root = path.resolve(__dirname, '../..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'ag-shard-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
function corpus(make: (dir: string) => void): string {
  const dir = path.join(scratch, `corpus-${(copies += 1)}`);
  make(dir);
  mkdirSync(path.join(dir, '.git'), { recursive: true });
  return dir;
}
const generated = (size = 40) => corpus((dir) => generateCorpus({ size, dir }));

interface FileResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; message: string }[];
}

function checkJson(dir: string, args: string[]): FileResult[] {
  const result = run(['check', '--format', 'json', ...args], { cwd: dir });
  expect(result.status === 0 || result.status === 1).toBe(true);
  return (JSON.parse(result.stdout) as FileResult[]).map((file) => ({ ...file, filePath: path.relative(dir, file.filePath) }));
}

const byPath = (a: FileResult, b: FileResult) => a.filePath.localeCompare(b.filePath);

describe('check --shard i/n', () => {
  it('splits the files into disjoint shards whose union is the whole run', () => {
    const dir = generated();
    const whole = checkJson(dir, []);
    const shards = [1, 2, 3].map((index) => checkJson(dir, ['--shard', `${index}/3`]));
    const files = shards.map((shard) => shard.map((file) => file.filePath));
    for (const list of files) expect(list.length).toBeGreaterThan(0);
    const all = files.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(shards.flat().sort(byPath)).toEqual([...whole].sort(byPath));
    expect(whole.some((file) => file.messages.length > 0)).toBe(true);
  });

  it('puts a file in the same shard wherever the repository sits', () => {
    const [a, b] = [generated(), generated()];
    expect(checkJson(a, ['--shard', '2/4']).map((file) => file.filePath)).toEqual(checkJson(b, ['--shard', '2/4']).map((file) => file.filePath));
    // The split is a hash of the POSIX path relative to the working folder, fixed for good.
    expect([1, 2, 3, 4, 5].map((count) => shardOf('/repo/src/jobs/report.ts', '/repo', count))).toEqual([1, 2, 3, 4, 2]);
    expect(shardOf('/elsewhere/src/jobs/report.ts', '/elsewhere', 4)).toBe(4);
  });

  it('names each shard in its SARIF run so code scanning keeps every upload', () => {
    const dir = generated();
    const ids = [1, 2].map((index) => {
      const log = JSON.parse(run(['check', '--format', 'sarif', '--shard', `${index}/2`], { cwd: dir }).stdout);
      return log.runs[0].automationDetails.id;
    });
    expect(ids).toEqual(['async-governance/shard-1-of-2/', 'async-governance/shard-2-of-2/']);
    const whole = JSON.parse(run(['check', '--format', 'sarif'], { cwd: dir }).stdout);
    expect(whole.runs[0].automationDetails).toBeUndefined();
  });

  it('rejects shards that do not exist, and rewriting suppressions from one shard', () => {
    const dir = generated();
    for (const shard of ['0/3', '4/3', 'two', '1/0']) {
      const result = run(['check', '--shard', shard], { cwd: dir });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('--shard needs i/n');
    }
    const suppress = run(['check', '--shard', '1/2', '--suppress-all'], { cwd: dir });
    expect(suppress.status).toBe(2);
    expect(suppress.stderr).toContain('not a --shard');
  });
});

describe('report --shard and --merge', () => {
  const withoutTime = (file: string) => {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    delete report.generatedAt;
    return report;
  };

  it.each([
    ['the report fixture service', 2, () => corpus((dir) => {
      cpSync(path.join(root, 'tests/fixtures/report/service'), dir, { recursive: true });
      writeFileSync(path.join(dir, 'async-governance.config.json'), JSON.stringify({ exemptions: { frameworkInternals: ['src/infra/**'] } }));
    })],
    ['a generated service corpus', 3, () => generated(12)],
  ] as const)('merges the shard reports of %s into the report of one run', (_name, count, make) => {
    const dir = make();
    expect(run(['report', '--out', 'whole'], { cwd: dir }).status).toBe(0);
    const shards = Array.from({ length: count }, (_, i) => `shard-${i + 1}`);
    shards.forEach((out, i) => expect(run(['report', '--shard', `${i + 1}/${count}`, '--out', out], { cwd: dir }).status).toBe(0));
    const parts = shards.map((out) => withoutTime(path.join(dir, out, 'report.json')));
    expect(parts.map((part) => part.shard)).toEqual(shards.map((_, i) => ({ index: i + 1, count })));
    expect(parts.filter((part) => part.summary.files > 0).length).toBeGreaterThan(1);

    const merged = run(['report', '--merge', ...shards.map((out) => `${out}/report.json`), '--out', 'merged'], { cwd: dir });
    expect(merged.status).toBe(0);
    const whole = withoutTime(path.join(dir, 'whole/report.json'));
    expect(whole.summary.violations).toBeGreaterThan(0);
    expect(withoutTime(path.join(dir, 'merged/report.json'))).toEqual(whole);
    expect(readFileSync(path.join(dir, 'merged/report.md'), 'utf8')).toBe(readFileSync(path.join(dir, 'whole/report.md'), 'utf8'));
  }, 240_000);

  it('refuses to merge an incomplete split', () => {
    const dir = generated(12);
    for (const index of [1, 3]) run(['report', '--shard', `${index}/3`, '--out', `s${index}`], { cwd: dir });
    const result = run(['report', '--merge', 's1/report.json', 's3/report.json'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Shard 2/3 is missing');
    const twice = run(['report', '--merge', 's1/report.json', 's1/report.json', 's3/report.json'], { cwd: dir });
    expect(twice.stderr).toContain('are both shard 1/3');
  }, 120_000);
});
