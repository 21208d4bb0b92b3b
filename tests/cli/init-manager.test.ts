import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, run, snapshot } from './helpers.js';

const read = (repo: string, file: string) => readFileSync(path.join(repo, file), 'utf8');
const readJson = (repo: string, file: string) => JSON.parse(read(repo, file));
const TS_PACKAGE = JSON.stringify({ name: 'svc', type: 'module', devDependencies: { typescript: '^5.9.0' } });
const MANAGER_TS = 'src/infra/background-manager.ts';

describe('init --manager', () => {
  it('writes a TypeScript manager and records it in a new settings file', () => {
    const repo = makeRepo({ 'package.json': TS_PACKAGE, 'tsconfig.json': '{}' });
    const result = run(['init', '--manager'], { cwd: repo });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const source = read(repo, MANAGER_TS);
    expect(source).toContain('export function getBackgroundTaskManager(): BackgroundTaskManager');
    expect(source).toContain('submitEnhancedTask<T>(options: EnhancedTaskOptions<T>): TaskHandle<T>');
    expect(source).toContain('submitPeriodicTask(options: PeriodicTaskOptions): TaskHandle<void>');
    expect(source).not.toMatch(/^import /m);
    // init's settings file, created once, with the manager recorded in it.
    const settings = readJson(repo, 'async-governance.config.json');
    expect(settings.manager).toMatchObject({ getter: 'getBackgroundTaskManager', module: './src/infra/background-manager.ts', periodic: { method: 'submitPeriodicTask', interval: 'intervalMs' } });
    expect(settings.exemptions).toEqual({ frameworkInternals: [MANAGER_TS] });
    expect(result.stdout.match(/async-governance\.config\.json/g)).toHaveLength(1);
    expect(result.stdout).toContain(`created: ${MANAGER_TS}: background task manager (TypeScript)`);
    expect(result.stdout).toContain('created: async-governance.config.json: records the manager: manager.module, manager.periodic, exemptions.frameworkInternals');
  });

  it('merges into existing settings without touching other keys, and follows their manager names', () => {
    const settings = {
      manager: { getter: 'getJobs', priorities: ['HIGH', 'LOW'], defaultPriority: 'LOW', requiredTags: ['team'] },
      exemptions: { tests: ['spec/**'], frameworkInternals: ['src/vendor/**'] },
      blockingCalls: [{ module: 'better-sqlite3', call: '*', use: 'a pooled async driver' }],
    };
    const repo = makeRepo({ 'package.json': TS_PACKAGE, 'async-governance.config.json': JSON.stringify(settings, null, 4) });
    expect(run(['init', '--manager', 'src/jobs/manager.ts'], { cwd: repo }).status).toBe(0);
    const text = read(repo, 'async-governance.config.json');
    expect(text).toMatch(/^ {4}"manager"/m);
    expect(JSON.parse(text)).toEqual({
      ...settings,
      manager: { ...settings.manager, module: './src/jobs/manager.ts', periodic: { method: 'submitPeriodicTask', interval: 'intervalMs' } },
      exemptions: { tests: ['spec/**'], frameworkInternals: ['src/vendor/**', 'src/jobs/manager.ts'] },
    });
    const source = read(repo, 'src/jobs/manager.ts');
    expect(source).toContain('export function getJobs(): BackgroundTaskManager');
    expect(source).toContain('HIGH: 0,\n  LOW: 1,');
    expect(source).toContain('const DEFAULT_PRIORITY: TaskPriority = TaskPriority.LOW;');
  });

  it('records the manager under package.json#asyncGovernance when the settings live there', () => {
    const pkg = { name: 'svc', devDependencies: { typescript: '^5.9.0' }, asyncGovernance: { manager: { requiredTags: ['service'] } } };
    const repo = makeRepo({ 'package.json': JSON.stringify(pkg, null, 2) });
    expect(run(['init', '--manager'], { cwd: repo }).status).toBe(0);
    const written = readJson(repo, 'package.json');
    expect(written.asyncGovernance).toEqual({
      manager: { requiredTags: ['service'], module: './src/infra/background-manager.ts', periodic: { method: 'submitPeriodicTask', interval: 'intervalMs' } },
      exemptions: { frameworkInternals: [MANAGER_TS] },
    });
    // The lint-staged entry planned before is kept in the same file.
    expect(written['lint-staged']).toBeDefined();
    expect(existsSync(path.join(repo, 'async-governance.config.json'))).toBe(false);
  });

  it('writes JavaScript with JSDoc types in a JavaScript repository: CommonJS, or ESM with "type": "module"', () => {
    const cjs = makeRepo({ 'package.json': '{ "name": "svc" }', 'lib/server.js': "const http = require('node:http');\nmodule.exports = http;\n" });
    expect(run(['init', '--manager'], { cwd: cjs }).status).toBe(0);
    const cjsSource = read(cjs, 'lib/infra/background-manager.js');
    expect(cjsSource).toMatch(/^'use strict';/);
    expect(cjsSource).toContain('module.exports = { TaskPriority, BackgroundTaskManager, getBackgroundTaskManager, configureBackgroundTaskManager };');
    expect(cjsSource).not.toMatch(/^export /m);
    expect(cjsSource).toContain('@param {EnhancedTaskOptions<T>} options');

    const esm = makeRepo({ 'package.json': '{ "name": "svc", "type": "module" }' });
    expect(run(['init', '--manager'], { cwd: esm }).status).toBe(0);
    expect(read(esm, 'src/infra/background-manager.js')).toMatch(/^export function getBackgroundTaskManager\(\) \{/m);
    expect(readJson(esm, 'async-governance.config.json').manager.module).toBe('./src/infra/background-manager.js');
  });

  it('never overwrites an existing file without --force, and writes nothing then', () => {
    const own = 'export const mine = 1;\n';
    const repo = makeRepo({ 'package.json': TS_PACKAGE, [MANAGER_TS]: own });
    const before = snapshot(repo);
    const result = run(['init', '--manager'], { cwd: repo });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${MANAGER_TS} already exists; nothing was written. Pass --force`);
    expect(snapshot(repo)).toEqual(before);
    expect(run(['init', '--manager', '--force'], { cwd: repo }).status).toBe(0);
    expect(read(repo, MANAGER_TS)).toContain('getBackgroundTaskManager');
  });

  it('keeps a manager the team changed once the settings name it, and refuses to replace another named manager', () => {
    const repo = makeRepo({ 'package.json': TS_PACKAGE });
    expect(run(['init', '--manager'], { cwd: repo }).status).toBe(0);
    const edited = `${read(repo, MANAGER_TS)}\n// tuned by the team\n`;
    writeFileSync(path.join(repo, MANAGER_TS), edited);
    const again = run(['init', '--manager'], { cwd: repo });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`unchanged: ${MANAGER_TS}: the settings already name it as the manager`);
    expect(read(repo, MANAGER_TS)).toBe(edited);

    const other = makeRepo({ 'package.json': TS_PACKAGE, 'async-governance.config.json': '{ "manager": { "module": "@acme/scheduler" } }' });
    const refused = run(['init', '--manager'], { cwd: other });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("already names a manager (manager.module '@acme/scheduler')");
    expect(existsSync(path.join(other, MANAGER_TS))).toBe(false);
  });

  it('refuses to shadow the settings a monorepo package inherits, and accepts the module written without ./', () => {
    const repo = makeRepo({
      'async-governance.config.json': '{ "manager": { "requiredTags": ["team"] } }',
      'packages/api/package.json': TS_PACKAGE,
    });
    const result = run(['init', 'packages/api', '--manager'], { cwd: repo });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`the settings for this folder come from ${path.join('..', '..', 'async-governance.config.json')}`);
    expect(existsSync(path.join(repo, 'packages/api/async-governance.config.json'))).toBe(false);

    const plain = makeRepo({ 'package.json': TS_PACKAGE, 'async-governance.config.json': '{ "manager": { "module": "src/infra/background-manager.ts" } }' });
    const accepted = run(['init', '--manager'], { cwd: plain });
    expect(accepted.stderr).toBe('');
    expect(readJson(plain, 'async-governance.config.json').manager.module).toBe('src/infra/background-manager.ts');
  });

  it('prints the plan and writes nothing with --dry-run', () => {
    const repo = makeRepo({ 'package.json': TS_PACKAGE });
    const before = snapshot(repo);
    const result = run(['init', '--dry-run', '--manager=src/bg.ts'], { cwd: repo });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('would create: src/bg.ts: background task manager (TypeScript): getBackgroundTaskManager().submitEnhancedTask(…)');
    expect(result.stdout).toContain('would create: async-governance.config.json: records the manager');
    expect(snapshot(repo)).toEqual(before);
  });

  it.each([
    [['init', '--manager', '../outside.ts'], 'is outside the repository'],
    [['init', '--manager', 'src/manager.py'], 'should end in .ts, .mts, .cts, .js, .mjs or .cjs'],
    [['init', '--force'], '--force only applies to --manager'],
  ])('exits 2 with a clear error: %j', (args, message) => {
    const repo = makeRepo({ 'package.json': TS_PACKAGE });
    const result = run(args, { cwd: repo });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('exits 2 on invalid settings or names the manager cannot define', () => {
    const invalid = makeRepo({ 'package.json': TS_PACKAGE, 'async-governance.config.json': '{ "manager": { "getter": 42 } }' });
    const bad = run(['init', '--manager'], { cwd: invalid });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("async-governance.config.json: Invalid settings['async-governance'].manager.getter");
    const clash = makeRepo({ 'package.json': TS_PACKAGE, 'async-governance.config.json': '{ "manager": { "submit": "shutdown" } }' });
    const clashing = run(['init', '--manager'], { cwd: clash });
    expect(clashing.status).toBe(2);
    expect(clashing.stderr).toContain("manager.submit[0] 'shutdown' clashes with the manager's own shutdown() method");
  });
});
