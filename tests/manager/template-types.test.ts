import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { DEFAULT_PERIODIC, renderManager } from '../../src/cli/manager-template.js';
import { DEFAULT_SETTINGS, type ManagerSettings, resolveSettings } from '../../src/utils/settings.js';
import { makeProject, nodeTypes, STRICTEST, tsc } from './tsc.js';

const template = (file: string) => readFileSync(path.resolve(__dirname, '../../src/templates', file), 'utf8');
const defaults = DEFAULT_SETTINGS.manager;

// Code as the fixes write it: a discarded promise, a polling loop with an abortable delay, a periodic task.
const TS_CONSUMER = `import { setTimeout as delay } from 'node:timers/promises';
import { getBackgroundTaskManager, TaskPriority, type TaskHandle } from './infra/background-manager.js';

async function refresh(): Promise<number> {
  return 1;
}

export function kick(): void {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'cache.refresh',
    coroutine: () => refresh(),
    priority: TaskPriority.NORMAL,
    tags: { service: 'svc', type: 'refresh', component: 'cache' },
  });
}

export class Poller {
  private task: TaskHandle<void> | null = null;

  start(): void {
    this.task = getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'poller.start',
      coroutine: async (signal: AbortSignal) => {
        while (!signal.aborted) {
          await delay(1000, undefined, { signal });
          await refresh();
        }
      },
      priority: TaskPriority.LOW,
      tags: { service: 'svc', type: 'interval', component: 'poller' },
    });
  }

  stop(): void {
    this.task?.cancel();
  }
}

export const ticker = getBackgroundTaskManager().submitPeriodicTask({
  taskId: 'ticker.tick',
  coroutine: async () => {
    await refresh();
  },
  priority: TaskPriority.BACKGROUND,
  tags: { service: 'svc', type: 'interval', component: 'ticker' },
  intervalMs: 5_000,
});

export async function value(): Promise<number> {
  const outcome = await getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'value',
    coroutine: refresh,
    priority: TaskPriority.HIGH,
    tags: { service: 'svc', type: 'value', component: 'x' },
    retries: 2,
    timeoutMs: 1_000,
  }).outcome;
  return outcome.status === 'succeeded' ? outcome.value : 0;
}

export function badPriority(): void {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'bad',
    coroutine: () => 1,
    // @ts-expect-error a priority is a member of TaskPriority, not its name
    priority: 'HIGH',
    tags: {},
  });
}
`;

const JS_CONSUMER_BODY = `
async function refresh() {
  return 1;
}

function kick() {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'cache.refresh',
    coroutine: () => refresh(),
    priority: TaskPriority.NORMAL,
    tags: { service: 'svc', type: 'refresh', component: 'cache' },
  });
}

const ticker = getBackgroundTaskManager().submitPeriodicTask({
  taskId: 'ticker.tick',
  coroutine: async (/** @type {AbortSignal} */ signal) => {
    if (!signal.aborted) await refresh();
  },
  priority: TaskPriority.BACKGROUND,
  tags: { service: 'svc', type: 'interval', component: 'ticker' },
  intervalMs: 5_000,
});

function badPriority() {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'bad',
    coroutine: () => 1,
    // @ts-expect-error a priority is a member of TaskPriority
    priority: 'HIGH',
    tags: {},
  });
}
`;

const tsconfig = (options: Record<string, unknown>) => JSON.stringify({ compilerOptions: { ...STRICTEST, ...nodeTypes, noEmit: true, target: 'ES2022', ...options }, include: ['src'] });

function expectCompiles(files: Record<string, string>): void {
  const result = tsc(makeProject(files));
  expect(result.output).toBe('');
  expect(result.status).toBe(0);
}

describe('the manager template', () => {
  it('is what the generator writes for the default settings', () => {
    expect(renderManager(defaults, DEFAULT_PERIODIC, 'ts')).toBe(template('background-manager.ts'));
    expect(renderManager(defaults, DEFAULT_PERIODIC, 'esm')).toBe(template('js/background-manager.js'));
  });

  it('type-checks with its callers under strict NodeNext (ES modules)', () => {
    expectCompiles({
      'package.json': '{ "type": "module" }',
      'tsconfig.json': tsconfig({ module: 'NodeNext', moduleResolution: 'NodeNext', verbatimModuleSyntax: true }),
      'src/infra/background-manager.ts': renderManager(defaults, DEFAULT_PERIODIC, 'ts'),
      'src/consumer.ts': TS_CONSUMER,
    });
  });

  it('type-checks with its callers under strict CommonJS', () => {
    expectCompiles({
      'package.json': '{ "type": "commonjs" }',
      'tsconfig.json': tsconfig({ module: 'CommonJS', moduleResolution: 'Bundler', esModuleInterop: true }),
      'src/infra/background-manager.ts': renderManager(defaults, DEFAULT_PERIODIC, 'ts'),
      'src/consumer.ts': TS_CONSUMER,
    });
  });

  it('type-checks as JavaScript with JSDoc (checkJs), as an ES module and as CommonJS', () => {
    const checkJs = { allowJs: true, checkJs: true, module: 'NodeNext', moduleResolution: 'NodeNext' };
    expectCompiles({
      'package.json': '{ "type": "module" }',
      'tsconfig.json': tsconfig(checkJs),
      'src/infra/background-manager.js': renderManager(defaults, DEFAULT_PERIODIC, 'esm'),
      'src/consumer.js': `import { getBackgroundTaskManager, TaskPriority } from './infra/background-manager.js';\n${JS_CONSUMER_BODY}\nexport { kick, ticker, badPriority };\n`,
    });
    expectCompiles({
      'package.json': '{ "type": "commonjs" }',
      'tsconfig.json': tsconfig(checkJs),
      'src/infra/background-manager.js': renderManager(defaults, DEFAULT_PERIODIC, 'cjs'),
      'src/consumer.js': `'use strict';\nconst { getBackgroundTaskManager, TaskPriority } = require('./infra/background-manager.js');\n${JS_CONSUMER_BODY}\nmodule.exports = { kick, ticker, badPriority };\n`,
    });
  });

  it('compiles to JavaScript that runs its work, stops on shutdown and lets the process exit', () => {
    const main = `import { getBackgroundTaskManager, TaskPriority } from './infra/background-manager.js';
import { kick, Poller, ticker, value } from './consumer.js';

const manager = getBackgroundTaskManager();
kick();
const poller = new Poller();
poller.start();
const answer = await value();
const failing = manager.submitEnhancedTask({
  taskId: 'failing',
  coroutine: async () => {
    throw new Error('expected failure');
  },
  priority: TaskPriority.CRITICAL,
  tags: { service: 'svc', type: 'check', component: 'main' },
});
const failed = await failing.outcome;
poller.stop();
const shutdown = await manager.shutdown({ timeoutMs: 5_000 });
const ended = await ticker.outcome;
console.log(JSON.stringify({ answer, failed: failed.status, ticker: ended.status, shutdown, states: manager.metrics().states }));
`;
    const dir = makeProject({
      'package.json': '{ "type": "module" }',
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: true, ...nodeTypes, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', rootDir: 'src', outDir: 'out' }, include: ['src'] }),
      'src/infra/background-manager.ts': renderManager(defaults, DEFAULT_PERIODIC, 'ts'),
      'src/consumer.ts': TS_CONSUMER,
      'src/main.ts': main,
    });
    const build = tsc(dir);
    expect(build.output).toBe('');
    // Real timers: the process exits only when shutdown leaves none behind.
    const result = spawnSync(process.execPath, ['out/main.js'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('[background-task] failing failed (attempt 1)');
    expect(JSON.parse(result.stdout)).toMatchObject({
      answer: 1,
      failed: 'failed',
      ticker: 'cancelled',
      shutdown: { unfinished: 0 },
      states: { failed: 1, queued: 0, running: 0, retrying: 0 },
    });
  });

  it('follows custom manager settings: names, priority members, several submit methods, dotted fields', () => {
    const manager: ManagerSettings = resolveSettings({
      manager: {
        getter: 'getScheduler',
        submit: ['schedule', 'enqueue'],
        priorityEnum: 'JobPriority',
        priorities: ['URGENT', 'ROUTINE', 'IDLE'],
        defaultPriority: 'ROUTINE',
        fields: { id: 'name', run: 'job.run', priority: 'job.opts.priority', tags: 'labels' },
      },
    }).manager;
    const source = renderManager(manager, { method: 'every', interval: 'job.opts.everyMs' }, 'ts');
    expect(source).not.toMatch(/\bTaskPriority\b|getBackgroundTaskManager|submitEnhancedTask|submitPeriodicTask/);
    expectCompiles({
      'package.json': '{ "type": "module" }',
      'tsconfig.json': tsconfig({ module: 'NodeNext', moduleResolution: 'NodeNext' }),
      'src/scheduler.ts': source,
      'src/consumer.ts': `import { getScheduler, JobPriority } from './scheduler.js';

export const a = getScheduler().schedule({ name: 'a', job: { run: () => 1, opts: { priority: JobPriority.URGENT } }, labels: { team: 'x' } });
export const b = getScheduler().enqueue({ name: 'b', job: { run: async (signal: AbortSignal) => signal.aborted, opts: { priority: JobPriority.IDLE } }, labels: {} });
export const c = getScheduler().every({ name: 'c', job: { run: () => undefined, opts: { priority: JobPriority.ROUTINE, everyMs: 10 } }, labels: {} });
`,
    });
  });

  it.each([
    ['ts', 'src/infra/background-manager.ts'],
    ['esm', 'src/infra/background-manager.mjs'],
    ['cjs', 'src/infra/background-manager.cjs'],
  ] as const)('passes the plugin\'s own rules (%s): no-blocking-in-async everywhere, the others as framework internals', async (language, file) => {
    const cwd = makeProject({ [file]: renderManager(defaults, DEFAULT_PERIODIC, language) });
    const lint = async (settings: object) => {
      const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [plugin.configs.strict as unknown as Linter.Config, { settings: { 'async-governance': settings } }] });
      const [result] = await eslint.lintFiles([file]);
      return result.messages.map((message) => `${message.line} ${message.ruleId}`);
    };
    expect(await lint({ exemptions: { frameworkInternals: [file] } })).toEqual([]);
    // Without the exemption only the manager's own unsupervised promise (the task runner) is reported.
    const reported = await lint({});
    expect(reported.filter((line) => !line.endsWith('async-governance/no-fire-and-forget'))).toEqual([]);
    expect(reported).toHaveLength(1);
  });
});
