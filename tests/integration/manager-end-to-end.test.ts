import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { run } from '../cli/helpers.js';
import { nodeTypes, tsc } from '../manager/tsc.js';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const RULES = ['no-blocking-in-async', 'no-fire-and-forget', 'no-raw-service-loop', 'require-task-metadata'].map((id) => `async-governance/${id}`);

/** The suggestion to take for a report: the one that hands the work to the manager, else the first. */
const pick = (suggestions: Linter.LintSuggestion[]) => suggestions.find((suggestion) => suggestion.messageId === 'submitToManager') ?? suggestions[0];

function engine(cwd: string): ESLint {
  const settings = JSON.parse(readFileSync(path.join(cwd, 'async-governance.config.json'), 'utf8'));
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.recommended as unknown as Linter.Config, { settings: { 'async-governance': settings } }],
  });
}

/** Applies one suggestion per file per pass (ranges move after each), until no report offers one. */
async function applySuggestions(cwd: string, folder: string): Promise<string[]> {
  const applied: string[] = [];
  for (let pass = 0; pass < 30; pass += 1) {
    const results = await engine(cwd).lintFiles([folder]);
    let changed = false;
    for (const result of results) {
      const message = result.messages.find((candidate) => candidate.suggestions?.length);
      if (!message?.suggestions) continue;
      const suggestion = pick(message.suggestions);
      const text = readFileSync(result.filePath, 'utf8');
      const [start, end] = suggestion.fix.range;
      writeFileSync(result.filePath, text.slice(0, start) + suggestion.fix.text + text.slice(end));
      applied.push(`${path.relative(cwd, result.filePath)}: ${message.ruleId} ${suggestion.messageId}`);
      changed = true;
    }
    if (!changed) return applied;
  }
  throw new Error(`suggestions kept coming after 30 passes: ${applied.join('; ')}`);
}

const reports = async (cwd: string, folder: string) =>
  (await engine(cwd).lintFiles([folder])).flatMap((result) =>
    result.messages.map((message) => `${path.relative(cwd, result.filePath)}:${message.line} ${message.ruleId}: ${message.message}`));

/** A copy of the fixture after `init --manager`, `check --fix` and every manager suggestion. */
function prepare(fixture: string, folder: string, extraFiles: Record<string, string> = {}) {
  const state = { project: '', before: [] as string[], applied: [] as string[] };
  beforeAll(async () => {
    // Named like a service: the fixes derive the `service` tag from the folder.
    state.project = path.join(mkdtempSync(path.join(os.tmpdir(), 'ag-manager-e2e-')), 'billing');
    cpSync(path.join(FIXTURES, fixture), state.project, { recursive: true });
    mkdirSync(path.join(state.project, '.git'));
    for (const [file, content] of Object.entries(extraFiles)) writeFileSync(path.join(state.project, file), content);
    const init = run(['init', '--manager'], { cwd: state.project });
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    state.before = await reports(state.project, folder);
    const fixed = run(['check', '--fix'], { cwd: state.project });
    expect(fixed.status, fixed.stderr).not.toBe(2);
    state.applied = await applySuggestions(state.project, folder);
  }, 180_000);
  // ASYNC_GOVERNANCE_KEEP_E2E=1 keeps the fixed project to look at.
  afterAll(() => {
    if (process.env.ASYNC_GOVERNANCE_KEEP_E2E === '1') console.log(`kept ${state.project}`);
    else rmSync(path.dirname(state.project), { recursive: true, force: true });
  });
  return state;
}

function expectSummary(stdout: string, expected: Record<string, unknown>): void {
  const summary = JSON.parse(stdout);
  expect(summary).toMatchObject({ ...expected, shutdown: { unfinished: 0 } });
  expect(summary.states.succeeded).toBeGreaterThanOrEqual(2);
  expect(summary.states.failed).toBe(0);
}

describe('a TypeScript service with violations of every rule, after init --manager, check --fix and the manager suggestions', () => {
  // The project's own tsconfig, with @types/node found in this repository.
  const state = prepare('manager-e2e', 'src', {
    'tsconfig.json': JSON.stringify({
      compilerOptions: { strict: true, skipLibCheck: true, ...nodeTypes, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', rootDir: 'src', outDir: 'out' },
      include: ['src'],
    }),
  });

  it('started with a report of every rule, none of them in the generated manager', () => {
    const rules = new Set(state.before.map((line) => /(async-governance\/[\w-]+)/.exec(line)?.[1]));
    expect([...rules].sort()).toEqual(RULES);
    expect(state.before.filter((line) => line.startsWith('src/infra/'))).toEqual([]);
  });

  it('leaves no report once the fixes and suggestions are applied', async () => {
    expect(state.applied.sort()).toEqual([
      'src/jobs/reports.ts: async-governance/no-fire-and-forget submitToManager',
      'src/jobs/reports.ts: async-governance/require-task-metadata addTags',
      'src/jobs/reports.ts: async-governance/require-task-metadata addTaskId',
      'src/services/cache-service.ts: async-governance/no-fire-and-forget submitToManager',
      'src/services/cache-service.ts: async-governance/no-raw-service-loop submitToManager',
      'src/workers/heartbeat.ts: async-governance/no-raw-service-loop submitToManager',
      'src/workers/outbox-poller.ts: async-governance/no-raw-service-loop submitToManager',
    ]);
    expect(await reports(state.project, 'src')).toEqual([]);
  });

  // The timer fields hold an AbortController that stop() aborts: the start/stop contract holds.
  it('type-checks under strict NodeNext, and the compiled service runs its work through the manager and exits', () => {
    const check = tsc(state.project, ['--noEmit']);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
    expect(tsc(state.project).status).toBe(0);
    const result = spawnSync(process.execPath, ['out/main.js', 'seed.txt'], { cwd: state.project, encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expectSummary(result.stdout, { seeded: 2, notified: ['ada', 'grace'] });
  });
});

describe('a CommonJS JavaScript service with violations of every rule, after the same steps', () => {
  const state = prepare('manager-e2e-cjs', 'lib');

  it('started with a report of every rule, and leaves none once the fixes and suggestions are applied', async () => {
    const rules = new Set(state.before.map((line) => /(async-governance\/[\w-]+)/.exec(line)?.[1]));
    expect([...rules].sort()).toEqual(RULES);
    expect(state.applied.sort()).toEqual([
      'lib/cache.js: async-governance/no-fire-and-forget submitToManager',
      'lib/cache.js: async-governance/no-raw-service-loop submitToManager',
    ]);
    expect(await reports(state.project, 'lib')).toEqual([]);
    expect(readFileSync(path.join(state.project, 'lib/infra/background-manager.js'), 'utf8')).toContain('module.exports = {');
  });

  // cache.js already requires './infra/background-manager.js': the fixes reuse that require.
  it('runs with node: its work goes through the manager and the process exits', () => {
    const result = spawnSync(process.execPath, ['lib/main.js', 'seed.txt'], { cwd: state.project, encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expectSummary(result.stdout, { seeded: 2, report: 'succeeded', refreshes: 1 });
  });
});
