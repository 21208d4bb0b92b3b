import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as tsManager from '../../src/templates/background-manager.js';
import type { ManagerOptions, TaskFailure, TaskTags } from '../../src/templates/background-manager.js';
import { deferred, FakeTime, settle, untilAborted } from './fake-time.js';
import { loadVariants } from './variants.js';

type Module = typeof tsManager;

// The TypeScript template, and the JavaScript one as an ES module and as CommonJS, behave alike.
const variants: [string, Module][] = [['typescript', tsManager], ...(await loadVariants())];

const TAGS: TaskTags = { service: 'billing', type: 'sync', component: 'invoice-service' };

describe.each(variants)('background manager (%s)', (_name, { BackgroundTaskManager, TaskPriority }) => {
  let time: FakeTime;
  let failures: TaskFailure[];
  const create = (options: ManagerOptions = {}) =>
    new BackgroundTaskManager({ timers: time.timers, now: time.clock, random: () => 0.5, onFailure: (failure) => failures.push(failure), ...options });
  const task = <T>(taskId: string, coroutine: (signal: AbortSignal) => T | PromiseLike<T>, extra: Partial<tsManager.EnhancedTaskOptions<T>> = {}) =>
    ({ taskId, coroutine, priority: TaskPriority.NORMAL, tags: TAGS, ...extra });

  beforeEach(() => {
    time = new FakeTime();
    failures = [];
  });

  describe('queue', () => {
    it('runs queued tasks by priority, first come first served within one priority', async () => {
      const manager = create({ concurrency: 1 });
      const blocker = deferred();
      const order: string[] = [];
      manager.submitEnhancedTask(task('blocker', () => blocker.promise));
      const submit = (taskId: string, priority: tsManager.TaskPriority) =>
        manager.submitEnhancedTask(task(taskId, () => order.push(taskId), { priority }));
      submit('low', TaskPriority.LOW);
      submit('critical-1', TaskPriority.CRITICAL);
      submit('normal', TaskPriority.NORMAL);
      submit('background', TaskPriority.BACKGROUND);
      submit('high', TaskPriority.HIGH);
      const last = submit('critical-2', TaskPriority.CRITICAL);
      await settle();
      expect(order).toEqual([]);
      blocker.resolve();
      await last.outcome;
      await settle();
      expect(order).toEqual(['critical-1', 'critical-2', 'high', 'normal', 'low', 'background']);
    });

    it('never runs more tasks at once than the concurrency limit', async () => {
      const manager = create({ concurrency: 2 });
      const gates = Array.from({ length: 5 }, () => deferred());
      let running = 0;
      let most = 0;
      const handles = gates.map((gate, index) =>
        manager.submitEnhancedTask(task(`job-${index}`, async () => {
          running += 1;
          most = Math.max(most, running);
          await gate.promise;
          running -= 1;
        })),
      );
      await settle();
      expect(running).toBe(2);
      expect(manager.metrics().states).toMatchObject({ running: 2, queued: 3 });
      for (const gate of gates) {
        gate.resolve();
        await settle();
        expect(running).toBeLessThanOrEqual(2);
      }
      const outcomes = await Promise.all(handles.map((handle) => handle.outcome));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(5).fill('succeeded'));
      expect(most).toBe(2);
    });

    it('resolves the outcome with the value and never rejects, even for failures nobody reads', async () => {
      const manager = create();
      const unhandled = vi.fn();
      process.on('unhandledRejection', unhandled);
      try {
        const ok = manager.submitEnhancedTask(task('ok', async () => 42));
        manager.submitEnhancedTask(task('boom', async () => {
          throw new Error('boom');
        }));
        manager.submitEnhancedTask(task('sync-throw', () => {
          throw new Error('sync');
        }));
        await expect(ok.outcome).resolves.toMatchObject({ status: 'succeeded', value: 42, attempts: 1 });
        await settle();
        await settle();
        expect(unhandled).not.toHaveBeenCalled();
        expect(failures.map((failure) => [failure.taskId, failure.kind, (failure.error as Error).message]).sort()).toEqual([
          ['boom', 'failed', 'boom'],
          ['sync-throw', 'failed', 'sync'],
        ]);
      } finally {
        process.off('unhandledRejection', unhandled);
      }
    });
  });

  describe('retries', () => {
    it('retries with exponential backoff and jitter, then succeeds', async () => {
      const manager = create({ retries: 3, backoff: { initialMs: 100, factor: 2, maxMs: 10_000 } });
      let calls = 0;
      const handle = manager.submitEnhancedTask(task('flaky', async () => {
        calls += 1;
        if (calls < 4) throw new Error(`attempt ${calls}`);
        return 'done';
      }));
      await settle();
      expect(calls).toBe(1);
      // random() = 0.5: half the backoff plus a quarter, i.e. 75, 150 and 300 ms.
      expect(failures.map((failure) => failure.retryInMs)).toEqual([75]);
      expect(manager.metrics().states.retrying).toBe(1);
      await time.advance(74);
      expect(calls).toBe(1);
      await time.advance(1);
      expect(calls).toBe(2);
      await time.advance(150);
      expect(calls).toBe(3);
      await time.advance(300);
      expect(calls).toBe(4);
      await expect(handle.outcome).resolves.toMatchObject({ status: 'succeeded', value: 'done', attempts: 4 });
      expect(failures.map((failure) => [failure.attempt, failure.retryInMs])).toEqual([[1, 75], [2, 150], [3, 300]]);
    });

    it('keeps the jitter between half and all of the capped backoff', async () => {
      for (const [random, expected] of [[0, 50], [0.999, 99.95]] as const) {
        failures = [];
        const manager = create({ retries: 1, random: () => random, backoff: { initialMs: 100 } });
        manager.submitEnhancedTask(task('once', () => Promise.reject(new Error('no'))));
        await settle();
        expect(failures[0]?.retryInMs).toBeCloseTo(expected);
      }
      failures = [];
      const capped = create({ retries: 6, random: () => 0.999, backoff: { initialMs: 100, factor: 10, maxMs: 1_000 } });
      capped.submitEnhancedTask(task('capped', () => Promise.reject(new Error('no'))));
      await time.advance(10_000);
      expect(Math.max(...failures.map((failure) => failure.retryInMs ?? 0))).toBeLessThanOrEqual(1_000);
    });

    it('reports the final failure once retries are spent, with the error', async () => {
      const manager = create({ retries: 1 });
      const error = new Error('still down');
      const handle = manager.submitEnhancedTask(task('sync', () => Promise.reject(error), { retries: 2 }));
      await time.advance(10_000);
      await expect(handle.outcome).resolves.toMatchObject({ status: 'failed', error, attempts: 3 });
      expect(failures.map((failure) => failure.retryInMs === null)).toEqual([false, false, true]);
      expect(failures[2]).toMatchObject({ taskId: 'sync', priority: 'NORMAL', tags: TAGS, kind: 'failed' });
    });

    it('logs to console.error when the failure hook itself throws', async () => {
      const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const manager = create({ onFailure: () => {
          throw new Error('hook broke');
        } });
        const handle = manager.submitEnhancedTask(task('lost', () => Promise.reject(new Error('work broke'))));
        await handle.outcome;
        const logged = log.mock.calls.flat().map(String).join('\n');
        expect(logged).toContain('lost failed');
        expect(logged).toContain('work broke');
        expect(logged).toContain('hook broke');
      } finally {
        log.mockRestore();
      }
    });
  });

  describe('timeouts and cancel', () => {
    it('aborts the signal when a task runs past its timeout', async () => {
      const manager = create({ timeoutMs: 1_000 });
      let seen: AbortSignal | undefined;
      const handle = manager.submitEnhancedTask(task('slow', (signal) => {
        seen = signal;
        return untilAborted(signal);
      }, { timeoutMs: 50 }));
      await time.advance(49);
      expect(seen?.aborted).toBe(false);
      await time.advance(1);
      await expect(handle.outcome).resolves.toMatchObject({ status: 'timed-out', attempts: 1 });
      expect((seen?.reason as Error).name).toBe('TimeoutError');
      expect(failures).toMatchObject([{ taskId: 'slow', kind: 'timed-out', retryInMs: null }]);
    });

    it('retries a timed-out attempt like a failed one', async () => {
      const manager = create({ retries: 1, backoff: { initialMs: 10 } });
      let calls = 0;
      const handle = manager.submitEnhancedTask(task('slow-then-fast', (signal) => {
        calls += 1;
        return calls === 1 ? untilAborted(signal) : 'fast';
      }, { timeoutMs: 100 }));
      await time.advance(100);
      expect(failures).toMatchObject([{ kind: 'timed-out', attempt: 1, retryInMs: 7.5 }]);
      await time.advance(10);
      await expect(handle.outcome).resolves.toMatchObject({ status: 'succeeded', value: 'fast', attempts: 2 });
      expect(time.pending).toBe(0);
    });

    it('cancels a queued task before it runs, and a running one through its signal', async () => {
      const manager = create({ concurrency: 1 });
      let ran = false;
      const running = manager.submitEnhancedTask(task('running', (signal) => untilAborted(signal)));
      const queued = manager.submitEnhancedTask(task('queued', () => {
        ran = true;
      }));
      await settle();
      expect(queued.cancel()).toBe(true);
      expect(running.cancel('user left')).toBe(true);
      await expect(queued.outcome).resolves.toMatchObject({ status: 'cancelled', reason: 'cancelled', attempts: 0 });
      await expect(running.outcome).resolves.toMatchObject({ status: 'cancelled', reason: 'user left', attempts: 1 });
      expect(ran).toBe(false);
      expect(running.cancel()).toBe(false);
      expect(failures).toEqual([]);
      expect(manager.metrics().states).toMatchObject({ cancelled: 2, running: 0, queued: 0 });
    });

    it('cancels a task that waits for its retry', async () => {
      const manager = create({ retries: 5 });
      let calls = 0;
      const handle = manager.submitEnhancedTask(task('flaky', () => {
        calls += 1;
        throw new Error('no');
      }));
      await settle();
      expect(handle.cancel()).toBe(true);
      await time.advance(60_000);
      expect(calls).toBe(1);
      await expect(handle.outcome).resolves.toMatchObject({ status: 'cancelled', attempts: 1 });
      expect(time.pending).toBe(0);
    });
  });

  describe('shutdown', () => {
    it('stops intake, cancels queued work, aborts and awaits running work', async () => {
      const manager = create({ concurrency: 2 });
      const cleanedUp: string[] = [];
      const worker = (name: string) => async (signal: AbortSignal) => {
        try {
          await untilAborted(signal);
        } finally {
          cleanedUp.push(name);
        }
      };
      const first = manager.submitEnhancedTask(task('first', worker('first')));
      const second = manager.submitEnhancedTask(task('second', worker('second')));
      const queued = manager.submitEnhancedTask(task('queued', worker('queued')));
      const periodic = manager.submitPeriodicTask({ ...task('tick', () => undefined), intervalMs: 1_000 });
      await settle();
      const result = await manager.shutdown({ timeoutMs: 5_000 });
      expect(result).toEqual({ cancelled: 1, aborted: 2, unfinished: 0 });
      expect(cleanedUp.sort()).toEqual(['first', 'second']);
      for (const handle of [first, second, queued, periodic]) {
        expect(await handle.outcome).toMatchObject({ status: 'cancelled', reason: 'shutdown' });
      }
      const late = manager.submitEnhancedTask(task('late', () => 1));
      const latePeriodic = manager.submitPeriodicTask({ ...task('late-tick', () => 1), intervalMs: 10 });
      await expect(late.outcome).resolves.toMatchObject({ status: 'cancelled', reason: 'shutdown' });
      await expect(latePeriodic.outcome).resolves.toMatchObject({ status: 'cancelled', reason: 'shutdown' });
      expect(failures).toMatchObject([{ taskId: 'late', kind: 'rejected' }, { taskId: 'late-tick', kind: 'rejected' }]);
      expect(manager.metrics().accepting).toBe(false);
      expect(manager.shutdown()).toBe(manager.shutdown());
      expect(time.pending).toBe(0);
    });

    it('returns after timeoutMs when a task ignores its signal', async () => {
      const manager = create();
      const stuck = deferred();
      manager.submitEnhancedTask(task('stuck', () => stuck.promise));
      await settle();
      let result: tsManager.ShutdownResult | undefined;
      const done = manager.shutdown({ timeoutMs: 2_000 }).then((value) => {
        result = value;
      });
      await time.advance(1_999);
      expect(result).toBeUndefined();
      await time.advance(1);
      await done;
      expect(result).toEqual({ cancelled: 0, aborted: 1, unfinished: 1 });
      stuck.resolve();
    });
  });

  describe('periodic tasks', () => {
    it('runs every interval after the previous run ended, and keeps going after a failure', async () => {
      const manager = create();
      const runs: number[] = [];
      const gate = deferred();
      manager.submitPeriodicTask({
        ...task('poll', async () => {
          runs.push(time.now);
          if (runs.length === 2) await gate.promise;
          if (runs.length === 3) throw new Error('upstream down');
        }),
        intervalMs: 100,
      });
      await time.advance(99);
      expect(runs).toEqual([]);
      await time.advance(1);
      expect(runs).toEqual([100]);
      await time.advance(100);
      expect(runs).toEqual([100, 200]);
      await time.advance(500);
      expect(runs).toEqual([100, 200]);
      gate.resolve();
      await time.advance(100);
      expect(runs).toEqual([100, 200, 800]);
      await time.advance(100);
      expect(runs).toEqual([100, 200, 800, 900]);
      expect(failures).toMatchObject([{ taskId: 'poll', kind: 'failed', retryInMs: null }]);
      expect(manager.metrics()).toMatchObject({ periodicTasks: 1, states: { succeeded: 3, failed: 1 } });
    });

    it('stops on cancel, aborting a run in progress', async () => {
      const manager = create();
      let runs = 0;
      let signal: AbortSignal | undefined;
      const handle = manager.submitPeriodicTask({
        ...task('poll', (taskSignal) => {
          runs += 1;
          signal = taskSignal;
          return untilAborted(taskSignal);
        }),
        intervalMs: 100,
      });
      await time.advance(100);
      expect(runs).toBe(1);
      expect(handle.cancel()).toBe(true);
      expect(signal?.aborted).toBe(true);
      await time.advance(1_000);
      expect(runs).toBe(1);
      await expect(handle.outcome).resolves.toMatchObject({ status: 'cancelled', reason: 'cancelled', attempts: 1 });
      expect(handle.cancel()).toBe(false);
      expect(manager.metrics().periodicTasks).toBe(0);
      expect(time.pending).toBe(0);
    });
  });

  describe('metrics', () => {
    it('counts tasks by state, priority and tag, with durations and queue waits', async () => {
      const manager = create({ concurrency: 1 });
      const gate = deferred();
      const slow = manager.submitEnhancedTask(task('slow', async () => {
        await gate.promise;
      }, { priority: TaskPriority.HIGH }));
      manager.submitEnhancedTask(task('report', () => undefined, { tags: { ...TAGS, type: 'report' } }));
      await settle();
      let metrics = manager.metrics();
      expect(metrics.states).toMatchObject({ running: 1, queued: 1, succeeded: 0 });
      expect(metrics.byPriority.HIGH).toMatchObject({ running: 1 });
      expect(metrics.byPriority.NORMAL).toMatchObject({ queued: 1 });
      expect(metrics.byTag['service=billing']).toMatchObject({ running: 1, queued: 1 });
      expect(metrics.byTag['type=report']).toMatchObject({ queued: 1 });
      await time.advance(250);
      expect(manager.metrics()).toMatchObject({ oldestRunningMs: 250, oldestQueuedMs: 250 });
      gate.resolve();
      await slow.outcome;
      await settle();
      metrics = manager.metrics();
      expect(metrics.states).toMatchObject({ queued: 0, running: 0, succeeded: 2 });
      expect(metrics.byPriority.HIGH).toMatchObject({ running: 0, succeeded: 1 });
      expect(metrics.byTag['type=sync']).toMatchObject({ succeeded: 1 });
      expect(metrics.durations).toMatchObject({ count: 2, maxMs: 250, meanMs: 125 });
      expect(metrics.queueWaits).toMatchObject({ count: 2, maxMs: 250 });
      expect(JSON.parse(JSON.stringify(metrics))).toEqual(metrics);
    });
  });
});

describe.each(variants)('process-wide manager (%s)', (_name, module) => {
  let manager: tsManager.BackgroundTaskManager | undefined;
  afterEach(async () => {
    await manager?.shutdown({ timeoutMs: 0 });
  });

  it('refuses a concurrency below one', () => {
    expect(() => new module.BackgroundTaskManager({ concurrency: 0 })).toThrow(RangeError);
    expect(() => new module.BackgroundTaskManager({ concurrency: Number.NaN })).toThrow(/at least 1/);
  });

  it('returns one manager for the whole process, configurable only before first use', () => {
    manager = module.configureBackgroundTaskManager({ concurrency: 3 });
    expect(module.getBackgroundTaskManager()).toBe(manager);
    expect(module.getBackgroundTaskManager().metrics().concurrency).toBe(3);
    expect(() => module.configureBackgroundTaskManager({})).toThrow(/already in use/);
  });
});
