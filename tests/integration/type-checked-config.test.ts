import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = path.join(root, 'tests/fixtures/type-checked-js-config');

interface Result {
  filePath: string;
  messages: { ruleId: string | null; message: string; fatal?: boolean }[];
}

it('recommended-type-checked lints a repository whose ESLint config is a .mjs file outside tsconfig', () => {
  // A real `eslint` run from the fixture, as a user would start it (the config imports dist/).
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '.'], { cwd: fixture, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const results = JSON.parse(run.stdout) as Result[];
  const byFile = Object.fromEntries(results.map((result) => [path.relative(fixture, result.filePath), result.messages]));
  expect(Object.keys(byFile).sort()).toEqual(['eslint.config.mjs', 'prettier.config.js', 'src/jobs.ts']);
  expect(byFile['eslint.config.mjs']).toEqual([]);
  expect(byFile['prettier.config.js']).toEqual([]);
  expect(byFile['src/jobs.ts'].map((message) => message.ruleId)).toEqual(['async-governance/no-fire-and-forget']);
  expect(run.status).toBe(1);
}, 60_000);
