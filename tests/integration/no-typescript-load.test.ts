import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let build: string;

// Compile the plugin into a scratch package (with this repo's node_modules) so the child runs plain Node.
beforeAll(() => {
  build = mkdtempSync(path.join(tmpdir(), 'async-governance-'));
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', path.join(build, 'dist')]);
  cpSync(path.join(root, 'package.json'), path.join(build, 'package.json'));
  symlinkSync(path.join(root, 'node_modules'), path.join(build, 'node_modules'), 'dir');
}, 120_000);

afterAll(() => rmSync(build, { recursive: true, force: true }));

const script = `
import { createRequire } from 'node:module';
import { Linter } from 'eslint';
const plugin = (await import('./dist/index.js')).default;
const linter = new Linter();
const code = 'async function refresh() {}\\nexport function start(ids) { refresh(); ids.forEach(async (id) => refresh(id)); }';
const messages = linter.verify(code, [{
  files: ['**/*.js'],
  plugins: { 'async-governance': plugin },
  rules: { 'async-governance/no-fire-and-forget': 'error', 'async-governance/no-blocking-in-async': 'error' },
}], 'src/jobs.js');
const loaded = Object.keys(createRequire(import.meta.url).cache);
console.log(JSON.stringify({
  rules: messages.map((m) => m.ruleId),
  typescript: loaded.filter((file) => /[\\\\/]node_modules[\\\\/](typescript|@typescript-eslint[\\\\/](parser|typescript-estree))[\\\\/]/.test(file)),
}));
`;

it('lints a .js file with espree without loading the typescript module', () => {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: build, encoding: 'utf8' });
  const result = JSON.parse(output) as { rules: string[]; typescript: string[] };
  expect(result.rules).toEqual(['async-governance/no-fire-and-forget', 'async-governance/no-fire-and-forget']);
  expect(result.typescript).toEqual([]);
});
