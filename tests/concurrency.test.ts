import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/generate-corpus.mjs';

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
