import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/generate-corpus.mjs';
import { run } from './cli/helpers.js';

// ESLint's worker threads load the plugin as plain JavaScript, so the test compiles src/ into a
// scratch folder inside the repo (git-ignored) where node_modules still resolves.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = path.join(root, '.bench-tmp', `concurrency-${process.pid}`);
const corpus = path.join(scratch, 'corpus');
const configFile = path.join(scratch, 'eslint.config.mjs');

type Comparable = { file: string; output?: string; messages: unknown[] };

async function lint(concurrency: 'off' | number, fix: boolean): Promise<Comparable[]> {
  const eslint = new ESLint({ cwd: corpus, overrideConfigFile: configFile, concurrency, fix, cache: false });
  const results = await eslint.lintFiles(['src']);
  return results
    .map((result) => ({ file: path.relative(corpus, result.filePath), output: result.output, messages: result.messages }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

describe('the plugin under ESLint --concurrency', () => {
  beforeAll(() => {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    const tsc = path.join(root, 'node_modules/typescript/lib/tsc.js');
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', path.join(scratch, 'dist')]);
    // dist/index.js reads ../package.json, and "type": "module" makes the output ESM.
    copyFileSync(path.join(root, 'package.json'), path.join(scratch, 'package.json'));
    generateCorpus({ size: 48, dir: corpus });
    writeFileSync(
      configFile,
      `import { writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import plugin from './dist/index.js';

// Leaves a mark per thread that loads the config, so the test can see the workers ran.
writeFileSync(new URL(\`./loaded-by-thread-\${threadId}\`, import.meta.url), '');

export default [
  plugin.configs.strict,
  {
    settings: {
      'async-governance': {
        exemptions: { frameworkInternals: ['src/infra/**'] },
        blockingCalls: [{ module: 'crypto', call: 'randomBytes', use: 'crypto.randomBytes with a callback' }],
      },
    },
  },
];
`,
    );
  }, 120_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  // A fixed count, not 'auto': on a machine with fewer than four cores 'auto' means no workers.
  it('reports the same problems with two worker threads as with one thread', async () => {
    const single = await lint('off', false);
    const parallel = await lint(2, false);
    const workers = readdirSync(scratch).filter((name) => /^loaded-by-thread-[1-9]/.test(name));
    expect(workers.length).toBeGreaterThanOrEqual(2);
    expect(single.length).toBeGreaterThanOrEqual(48);
    expect(single.reduce((sum, r) => sum + r.messages.length, 0)).toBeGreaterThan(0);
    expect(parallel).toEqual(single);
  }, 60_000);

  it('produces the same fixed output with two worker threads as with one thread', async () => {
    const single = await lint('off', true);
    const parallel = await lint(2, true);
    expect(single.some((r) => r.output !== undefined)).toBe(true);
    expect(parallel).toEqual(single);
  }, 60_000);
});

describe('check --concurrency through the CLI', () => {
  // Built bin, fresh corpora (with `.git` so nothing above applies), a scratch folder per run.
  const cliScratch = mkdtempSync(path.join(os.tmpdir(), 'ag-concurrency-cli-'));
  let count = 0;
  const generated = () => {
    const dir = path.join(cliScratch, `corpus-${(count += 1)}`);
    generateCorpus({ size: 40, dir });
    mkdirSync(path.join(dir, '.git'));
    return dir;
  };
  afterAll(() => rmSync(cliScratch, { recursive: true, force: true }));

  it('gives the same report through ESLint worker threads as in one thread', () => {
    const dir = generated();
    const marks = path.join(cliScratch, 'thread-marks');
    mkdirSync(marks, { recursive: true });
    // A preload that leaves a mark per thread, to see that the workers ran.
    const probe = path.join(cliScratch, 'mark-thread.cjs');
    writeFileSync(probe, "require('node:fs').writeFileSync(require('node:path').join(process.env.MARK_DIR, `thread-${require('node:worker_threads').threadId}`), '');\n");
    const single = run(['check', '--engine', 'eslint', '--format', 'json'], { cwd: dir });
    const parallel = run(['check', '--engine', 'eslint', '--concurrency', '2', '--format', 'json'], { cwd: dir, env: { MARK_DIR: marks, NODE_OPTIONS: `--require ${probe}` } });
    expect(readdirSync(marks).filter((name) => name !== 'thread-0').length).toBeGreaterThanOrEqual(2);
    expect(single.status).toBe(1);
    expect(parallel.status).toBe(1);
    expect(parallel.stdout).toBe(single.stdout);
  });

  it('fixes the same way through ESLint worker threads', () => {
    const [a, b] = [generated(), generated()];
    run(['check', '--engine', 'eslint', '--fix'], { cwd: a });
    run(['check', '--engine', 'eslint', '--fix', '--concurrency', '2'], { cwd: b });
    const texts = (dir: string) => readdirSync(path.join(dir, 'src'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [path.relative(dir, path.join(entry.parentPath, entry.name)), readFileSync(path.join(entry.parentPath, entry.name), 'utf8')])
      .sort();
    expect(texts(b)).toEqual(texts(a));
    expect(texts(a)).not.toEqual(texts(generated()));
  });

  it('rejects a count that is not a number of threads', () => {
    const result = run(['check', '--concurrency', 'many'], { cwd: generated() });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--concurrency needs a whole number');
  });
});
