import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOxlint } from '../../src/cli/engines/oxlint.js';
import { makeRepo, run, VIOLATION } from './helpers.js';

const root = path.resolve(__dirname, '../..');
const read = (repo: string, file: string) => readFileSync(path.join(repo, file), 'utf8');
const RULES = {
  'async-governance/no-blocking-in-async': 'error',
  'async-governance/no-fire-and-forget': 'error',
  'async-governance/no-raw-service-loop': 'error',
  'async-governance/require-task-metadata': 'error',
};

describe('init --oxlint', () => {
  it('creates .oxlintrc.json with the plugin and its rules, and no ESLint config', () => {
    const repo = makeRepo({ 'package.json': '{"name":"svc"}', 'src/config.ts': VIOLATION });
    const result = run(['init', '--oxlint'], { cwd: repo });
    expect(result.status).toBe(0);
    expect(JSON.parse(read(repo, '.oxlintrc.json'))).toEqual({
      $schema: './node_modules/oxlint/configuration_schema.json',
      jsPlugins: ['eslint-plugin-async-governance'],
      rules: RULES,
    });
    expect(existsSync(path.join(repo, 'eslint.config.mjs'))).toBe(false);
    expect(result.stdout).toContain('created: .oxlintrc.json');
    expect(result.stdout).toContain('npm install --save-dev eslint-plugin-async-governance oxlint');
  });

  it.skipIf(!('bin' in findOxlint()))('writes a config that oxlint runs our rules with', () => {
    const repo = makeRepo({ 'package.json': '{"name":"svc"}', 'src/config.ts': VIOLATION });
    run(['init', '--oxlint'], { cwd: repo });
    mkdirSync(path.join(repo, 'node_modules'));
    symlinkSync(root, path.join(repo, 'node_modules/eslint-plugin-async-governance'), 'dir');
    const oxlint = findOxlint() as { bin: string };
    const result = spawnSync(process.execPath, [oxlint.bin, '--format', 'unix', 'src'], { cwd: repo, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('src/config.ts:4:16: `readFileSync` blocks the event loop inside async code.');
    expect(result.stdout).toContain('async-governance(no-blocking-in-async)');
  });

  it('merges into an existing .oxlintrc.json under plain init, keeping what the user set', () => {
    const own = {
      plugins: ['typescript', 'unicorn'],
      jsPlugins: ['eslint-plugin-foo'],
      rules: { eqeqeq: 'warn', 'async-governance/no-fire-and-forget': 'warn' },
      settings: { 'async-governance': { manager: { getter: 'getScheduler' } } },
    };
    const repo = makeRepo({ 'package.json': '{}', '.oxlintrc.json': JSON.stringify(own, null, 4), 'eslint.config.js': 'export default [];\n' });
    const result = run(['init'], { cwd: repo });
    expect(result.status).toBe(0);
    const text = read(repo, '.oxlintrc.json');
    expect(text).toMatch(/^ {4}"plugins"/m);
    expect(JSON.parse(text)).toEqual({
      ...own,
      jsPlugins: ['eslint-plugin-foo', 'eslint-plugin-async-governance'],
      rules: { ...RULES, eqeqeq: 'warn', 'async-governance/no-fire-and-forget': 'warn' },
    });
    expect(result.stdout).toContain('updated: .oxlintrc.json: added the JS plugin eslint-plugin-async-governance and 3 async-governance rules');
    // The ESLint config that exists is still handled as before.
    expect(result.stdout).toContain('to do by hand: eslint.config.js');
    expect(run(['init'], { cwd: repo }).stdout).toContain('unchanged: .oxlintrc.json: already runs eslint-plugin-async-governance');
  });

  it('leaves a config with comments to the user, and a broken one untouched', () => {
    const commented = '{\n  // team rules\n  "rules": { "eqeqeq": "warn" }\n}\n';
    const repo = makeRepo({ 'package.json': '{}', '.oxlintrc.json': commented });
    const result = run(['init', '--oxlint'], { cwd: repo });
    expect(result.status).toBe(0);
    expect(read(repo, '.oxlintrc.json')).toBe(commented);
    expect(result.stdout).toContain('to do by hand: .oxlintrc.json: has comments');
    expect(result.stdout).toContain('"async-governance/no-fire-and-forget": "error"');

    const broken = makeRepo({ 'package.json': '{}', '.oxlintrc.json': '{"rules": ' });
    const failed = run(['init', '--oxlint'], { cwd: broken });
    expect(failed.status).toBe(2);
    expect(failed.stderr).toContain('.oxlintrc.json is not valid JSON');
    expect(read(broken, '.oxlintrc.json')).toBe('{"rules": ');
  });
});
