import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  getSettings,
  isExemptFile,
  matchesGlobs,
  resolveSettings,
  SettingsError,
  toMatchPath,
} from '../../src/utils/settings.js';

describe('resolveSettings', () => {
  it('returns the defaults when nothing is set', () => {
    expect(resolveSettings(undefined)).toBe(DEFAULT_SETTINGS);
    expect(resolveSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('merges key by key and lets arrays replace the defaults', () => {
    const settings = resolveSettings({
      manager: { getter: 'getScheduler', fields: { priority: 'opts.priority' }, requiredTags: ['team'] },
      exemptions: { frameworkInternals: ['src/infra/**'] },
    });
    expect(settings.manager.getter).toBe('getScheduler');
    expect(settings.manager.module).toBe('@/infra/background-manager');
    expect(settings.manager.fields).toEqual({ id: 'taskId', run: 'coroutine', priority: 'opts.priority', tags: 'tags' });
    expect(settings.manager.requiredTags).toEqual(['team']);
    expect(settings.exemptions.tests).toEqual(DEFAULT_SETTINGS.exemptions.tests);
    expect(settings.exemptions.frameworkInternals).toEqual(['src/infra/**']);
  });

  it('accepts one submit method or a list', () => {
    expect(resolveSettings({ manager: { submit: 'schedule' } }).manager.submit).toEqual(['schedule']);
    expect(resolveSettings({ manager: { submit: ['a', 'b'] } }).manager.submit).toEqual(['a', 'b']);
  });

  it('fills the suggested replacement of a blocking call', () => {
    expect(resolveSettings({ blockingCalls: [{ module: 'better-sqlite3', call: '*' }] }).blockingCalls).toEqual([
      { module: 'better-sqlite3', call: '*', use: 'an asynchronous alternative' },
    ]);
  });

  it.each([
    [{ manegr: {} }, "Unknown key settings['async-governance'].manegr: did you mean 'manager'? Known keys of settings['async-governance']: manager, exemptions, blockingCalls."],
    [{ manager: { getterr: 'x' } }, "Unknown key settings['async-governance'].manager.getterr: did you mean 'getter'? Known keys of settings['async-governance'].manager: module, getter,"],
    [{ manager: { gettter: 'x' } }, ".manager.gettter: did you mean 'getter'?"],
    [{ exemptions: { frameworkInternal: [] } }, ".exemptions.frameworkInternal: did you mean 'frameworkInternals'?"],
    [{ manager: { colour: 'x' } }, "Unknown key settings['async-governance'].manager.colour. Known keys"],
    [{ manager: { getter: 42 } }, '.manager.getter: expected a non-empty string, got number 42.'],
    [{ manager: { defaultPriority: 'URGENT' } }, ".manager.defaultPriority: expected one of manager.priorities (CRITICAL, HIGH, NORMAL, LOW, BACKGROUND), got 'URGENT'."],
    [{ manager: { priorities: ['P1'], defaultPriority: 'NORMAL' } }, ".manager.defaultPriority: expected one of manager.priorities (P1), got 'NORMAL'."],
    [{ manager: { submit: [] } }, '.manager.submit: expected a method name or a non-empty list'],
    [{ manager: { fields: { priority: '' } } }, '.manager.fields.priority: expected a non-empty string'],
    [{ exemptions: { tests: 'src/**/*.test.ts' } }, ".exemptions.tests: expected an array of glob strings, got 'src/**/*.test.ts'."],
    [{ exemptions: { tests: ['**/*.test.ts', 7] } }, '.exemptions.tests[1]: expected a glob string, got number 7.'],
    [{ blockingCalls: { module: 'x' } }, '.blockingCalls: expected an array of { module, call, use }'],
    [{ blockingCalls: [{ module: 'x' }] }, '.blockingCalls[0].call: expected a value, got undefined.'],
    [{ blockingCalls: [{ module: 'x', call: '*', replacement: 'y' }] }, '.blockingCalls[0].replacement. Known keys of'],
    ['strict', ".: expected an object, got 'strict'."],
  ])('rejects %j with an error that names the key', (raw, message) => {
    expect(() => resolveSettings(raw)).toThrow(SettingsError);
    expect(() => resolveSettings(raw)).toThrow(message);
  });

  it('validates once per settings object', () => {
    const raw = { manager: { getter: 'getTasks' } };
    const first = getSettings({ settings: { 'async-governance': raw } });
    expect(getSettings({ settings: { 'async-governance': raw } })).toBe(first);
  });
});

describe('exemption globs', () => {
  it('match paths relative to cwd with POSIX separators', () => {
    expect(toMatchPath('/repo/src/a.test.ts', '/repo')).toBe('src/a.test.ts');
    expect(toMatchPath('C:\\repo\\src\\a.test.ts', 'C:\\repo')).toBe('src/a.test.ts');
    expect(toMatchPath('c:\\Repo\\src\\a.ts', 'C:\\Repo\\')).toBe('src/a.ts');
    expect(toMatchPath('D:\\other\\x.ts', 'C:\\repo')).toBe('other/x.ts');
    expect(toMatchPath('/elsewhere/x.ts', '/repo')).toBe('elsewhere/x.ts');
  });

  it('apply the default test globs on POSIX and Windows paths', () => {
    const { tests } = DEFAULT_SETTINGS.exemptions;
    expect(matchesGlobs(tests, '/repo/src/orders/order.service.spec.ts', '/repo')).toBe(true);
    expect(matchesGlobs(tests, 'C:\\repo\\src\\__tests__\\worker.ts', 'C:\\repo')).toBe(true);
    expect(matchesGlobs(tests, '/repo/test/helpers.ts', '/repo')).toBe(true);
    expect(matchesGlobs(tests, '/repo/src/testing-utils.ts', '/repo')).toBe(false);
    expect(matchesGlobs(tests, '/repo/src/contest/entry.ts', '/repo')).toBe(false);
  });

  it('tell whether the linted file is exempt', () => {
    const context = {
      filename: '/repo/src/infra/background-manager.ts',
      cwd: '/repo',
      settings: { 'async-governance': { exemptions: { frameworkInternals: ['src/infra/**'] } } },
    };
    expect(isExemptFile(context, ['frameworkInternals'])).toBe(true);
    expect(isExemptFile(context, ['tests'])).toBe(false);
    expect(isExemptFile({ ...context, filename: '/repo/src/jobs/sync.ts' }, ['frameworkInternals', 'tests'])).toBe(false);
  });

  it('answer once per file and kind, and separately for each file and settings object', () => {
    const settings = { 'async-governance': { exemptions: { frameworkInternals: ['src/infra/**'] } } };
    const internals = { filename: '/repo/src/infra/manager.ts', cwd: '/repo', settings, sourceCode: {} };
    const job = { filename: '/repo/src/jobs/sync.ts', cwd: '/repo', settings, sourceCode: {} };
    expect(isExemptFile(internals, ['frameworkInternals'])).toBe(true);
    expect(isExemptFile(internals, ['frameworkInternals'])).toBe(true);
    expect(isExemptFile(job, ['frameworkInternals'])).toBe(false);
    expect(isExemptFile(internals, ['tests'])).toBe(false);
    const otherSettings = { 'async-governance': { exemptions: { frameworkInternals: ['src/jobs/**'] } } };
    expect(isExemptFile({ ...internals, settings: otherSettings }, ['frameworkInternals'])).toBe(false);
    expect(isExemptFile({ ...job, settings: otherSettings }, ['frameworkInternals'])).toBe(true);
  });
});
