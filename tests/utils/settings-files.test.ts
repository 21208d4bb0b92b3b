import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findSettingsFile } from '../../src/utils/settings-files.js';
import { getSettings, isExemptFile, resolveLayers, SettingsError, settingsForFile } from '../../src/utils/settings.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'ag-settings-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

describe('settings files', () => {
  it('are found from the file folder upwards: .json, then .mjs, then package.json#asyncGovernance', () => {
    const dir = project('lookup', {
      'package.json': JSON.stringify({ asyncGovernance: { manager: { getter: 'fromRootPackage' } } }),
      'packages/a/async-governance.config.json': JSON.stringify({ manager: { getter: 'fromJson' } }),
      'packages/a/async-governance.config.mjs': "export default { manager: { getter: 'fromMjs' } };",
      'packages/b/async-governance.config.mjs': "const getter = ['from', 'Mjs'].join('');\nexport default { manager: { getter } };",
      'packages/c/package.json': JSON.stringify({ name: 'c' }),
    });
    const getter = (file: string) => settingsForFile(path.join(dir, file), dir).manager.getter;
    expect(getter('packages/a/src/x.ts')).toBe('fromJson');
    expect(getter('packages/b/src/deep/x.ts')).toBe('fromMjs');
    // a package.json without the key is skipped
    expect(getter('packages/c/src/x.ts')).toBe('fromRootPackage');
    expect(findSettingsFile(path.join(dir, 'packages/c/src'))?.file).toBe(path.join(dir, 'package.json'));
  });

  it('name the file and say why when an .mjs cannot be loaded synchronously', () => {
    const dir = project('tla', { 'async-governance.config.mjs': 'const value = await Promise.resolve({});\nexport default value;' });
    expect(() => settingsForFile(path.join(dir, 'src/x.ts'), dir)).toThrow(
      `Cannot load settings from ${path.join(dir, 'async-governance.config.mjs')}: it uses top-level await, which a lint rule cannot wait for`,
    );
  });

  it('name the file and the key when the settings are invalid, with a guess for a misspelt key', () => {
    const dir = project('invalid', { 'async-governance.config.json': JSON.stringify({ manager: { gettter: 'x' } }) });
    const run = () => settingsForFile(path.join(dir, 'src/x.ts'), dir);
    expect(run).toThrow(SettingsError);
    expect(run).toThrow(`${path.join(dir, 'async-governance.config.json')}: Unknown key settings['async-governance'].manager.gettter: did you mean 'getter'?`);
  });

  it('take ESLint settings on top, key by key', () => {
    const dir = project('merge', {
      'async-governance.config.json': JSON.stringify({
        manager: { module: './src/infra/tasks.ts', getter: 'getTasks', fields: { id: 'name' } },
        exemptions: { frameworkInternals: ['src/infra/**'], tests: ['spec/**'] },
      }),
    });
    const eslintSettings = { 'async-governance': { manager: { getter: 'getJobs', fields: { run: 'handler' } }, exemptions: { tests: ['**/*.spec.ts'] } } };
    const settings = settingsForFile(path.join(dir, 'src/jobs/x.ts'), '/elsewhere', eslintSettings);
    expect(settings.manager).toMatchObject({ module: './src/infra/tasks.ts', getter: 'getJobs', fields: { id: 'name', run: 'handler', priority: 'priority', tags: 'tags' } });
    expect(settings.exemptions).toMatchObject({ frameworkInternals: ['src/infra/**'], tests: ['**/*.spec.ts'] });
    // globs and the module path from the file stay relative to it; the ESLint ones to cwd
    expect(settings.baseDirs).toEqual({ module: dir, frameworkInternals: dir });
  });
});

describe('exemption globs of a settings file', () => {
  const dir = project('globs', {
    'packages/api/async-governance.config.json': JSON.stringify({ exemptions: { frameworkInternals: ['src/infra/**'] } }),
  });
  const context = (file: string, cwd: string) => ({ filename: path.join(dir, file), cwd, settings: {}, sourceCode: {} });

  it('match the path relative to that file, from any working directory', () => {
    for (const cwd of [dir, path.join(dir, 'packages/api'), path.join(dir, 'packages/api/src'), '/']) {
      expect(isExemptFile(context('packages/api/src/infra/queue.ts', cwd), ['frameworkInternals'])).toBe(true);
      expect(isExemptFile(context('packages/api/src/jobs/sync.ts', cwd), ['frameworkInternals'])).toBe(false);
    }
  });

  it('given in an ESLint config, match the path relative to the working directory as before', () => {
    const settings = { 'async-governance': { exemptions: { frameworkInternals: ['src/infra/**'] } } };
    expect(isExemptFile({ ...context('packages/api/src/infra/queue.ts', path.join(dir, 'packages/api')), settings }, ['frameworkInternals'])).toBe(true);
    expect(isExemptFile({ ...context('packages/api/src/infra/queue.ts', dir), settings }, ['frameworkInternals'])).toBe(false);
  });

  it('resolve once per file', () => {
    const file = { filename: path.join(dir, 'packages/api/src/a.ts'), cwd: dir, settings: {}, sourceCode: {} };
    const first = getSettings(file);
    expect(getSettings({ ...file })).toBe(first);
    expect(first.manager.imports?.configured).toBe('@/infra/background-manager');
  });
});

describe('resolveLayers', () => {
  it('lets a later layer reset the folder a glob list is relative to', () => {
    const settings = resolveLayers([
      { raw: { exemptions: { tests: ['t/**'] }, manager: { module: './m.ts' } }, dir: '/repo/pkg', file: '/repo/pkg/async-governance.config.json' },
      { raw: { exemptions: { tests: ['**/*.test.ts'] } }, dir: null, file: null },
    ]);
    expect(settings.baseDirs).toEqual({ module: '/repo/pkg' });
  });
});
