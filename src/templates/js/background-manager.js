/**
 * The background task manager: the one place where this service runs background work, with
 * priorities, tags, retries, timeouts, metrics and a graceful shutdown.
 *
 * Written by `async-governance init --manager`. This file is yours: change it as you need.
 * It has no runtime dependencies; it needs Node 18+. Types are JSDoc (checked by `tsc --checkJs`).
 * The API (getter, submit methods, option fields, priority members) follows the plugin's
 * manager settings (async-governance.config.json); rename them there and here together.
 */

// region api: generated from the manager settings
/** Priorities, most urgent first; lower values run first. */
export const TaskPriority = Object.freeze({
  CRITICAL: 0,
  HIGH: 1,
  NORMAL: 2,
  LOW: 3,
  BACKGROUND: 4,
});
/** @typedef {(typeof TaskPriority)[keyof typeof TaskPriority]} TaskPriority */
/** @type {readonly string[]} */
const PRIORITY_NAMES = ['CRITICAL', 'HIGH', 'NORMAL', 'LOW', 'BACKGROUND'];
/** @type {TaskPriority} */
const DEFAULT_PRIORITY = TaskPriority.NORMAL;

/**
 * What `submitEnhancedTask` takes.
 * @template T
 * @typedef {TaskSettings & {
 *   taskId: string,
 *   coroutine: (signal: AbortSignal) => T | PromiseLike<T>,
 *   priority: TaskPriority,
 *   tags: TaskTags,
 * }} EnhancedTaskOptions
 */

/**
 * What `submitPeriodicTask` takes: the work runs every `intervalMs` after the previous run ends.
 * @typedef {TaskSettings & {
 *   taskId: string,
 *   coroutine: (signal: AbortSignal) => unknown,
 *   priority: TaskPriority,
 *   tags: TaskTags,
 *   intervalMs: number,
 * }} PeriodicTaskOptions
 */

/**
 * @template T
 * @param {EnhancedTaskOptions<T>} options
 * @returns {TaskSpec<T>}
 */
function fromEnhancedOptions(options) {
  return { ...settingsOf(options), id: options.taskId, run: options.coroutine, priority: options.priority, tags: options.tags };
}

/**
 * @param {PeriodicTaskOptions} options
 * @returns {PeriodicSpec}
 */
function fromPeriodicOptions(options) {
  return { ...settingsOf(options), id: options.taskId, run: options.coroutine, priority: options.priority, tags: options.tags, intervalMs: options.intervalMs };
}
// endregion api

/** @typedef {Readonly<Record<string, string>>} TaskTags Tags that categorise a task (service, type, component, …). */

/**
 * Per-task overrides of the manager's defaults.
 * @typedef {object} TaskSettings
 * @property {number} [retries] Further attempts after a failure or a timeout (default: the manager's `retries`).
 * @property {number} [timeoutMs] Aborts the task's signal after this many milliseconds (default: the manager's `timeoutMs`).
 */

/** @typedef {'succeeded' | 'failed' | 'timed-out' | 'cancelled'} TaskStatus */

/**
 * How a task ended. The handle's `outcome` resolves to it and never rejects.
 * @template T
 * @typedef {{ status: 'succeeded', value: T, attempts: number, durationMs: number }
 *   | { status: 'failed' | 'timed-out', error: unknown, attempts: number, durationMs: number }
 *   | { status: 'cancelled', reason: string, attempts: number, durationMs: number }} TaskOutcome
 */

/**
 * @template T
 * @typedef {object} TaskHandle
 * @property {string} taskId
 * @property {Promise<TaskOutcome<T>>} outcome Settles once, when the task has ended; it never rejects.
 * @property {(reason?: string) => boolean} cancel Removes the task from the queue or aborts its signal; false when it had already ended.
 */

/**
 * One failed attempt, or a submission refused after shutdown; given to `onFailure`.
 * @typedef {object} TaskFailure
 * @property {string} taskId
 * @property {string} priority
 * @property {TaskTags} tags
 * @property {'failed' | 'timed-out' | 'rejected'} kind
 * @property {unknown} error
 * @property {number} attempt
 * @property {number | null} retryInMs Milliseconds until the next attempt, or null when the task will not run again.
 */

/**
 * @typedef {object} Timers
 * @property {(callback: () => void, ms: number) => unknown} setTimeout
 * @property {(handle: unknown) => void} clearTimeout
 */

/**
 * @typedef {object} ManagerOptions
 * @property {number} [concurrency] Tasks that run at once (default 16). A task that loops for the life of the service holds a slot all along.
 * @property {number} [retries] Default further attempts after a failure (default 0: work is not repeated unless asked).
 * @property {{ initialMs?: number, factor?: number, maxMs?: number }} [backoff] Exponential backoff between attempts: initialMs × factor^(attempt − 1), at most maxMs, with jitter.
 * @property {number} [timeoutMs] Default per-task timeout in milliseconds (default: none).
 * @property {(failure: TaskFailure) => void} [onFailure] Receives every failure; the default writes it to console.error.
 * @property {() => number} [random] Returns a number in [0, 1) for the backoff jitter (default Math.random).
 * @property {() => number} [now] The clock, in milliseconds (default performance.now).
 * @property {Timers} [timers] Timers for backoff, timeouts and periods (default the global ones).
 */

/**
 * @typedef {object} StateCounts
 * @property {number} queued
 * @property {number} running
 * @property {number} retrying
 * @property {number} succeeded
 * @property {number} failed
 * @property {number} timedOut
 * @property {number} cancelled
 */

/** @typedef {{ count: number, meanMs: number, p50Ms: number, p95Ms: number, maxMs: number }} DurationStats */

/**
 * A plain, JSON-ready snapshot for a health endpoint. Queued, running and retrying are current; the rest count since start.
 * @typedef {object} ManagerMetrics
 * @property {boolean} accepting
 * @property {number} concurrency
 * @property {number} periodicTasks
 * @property {StateCounts} states
 * @property {Record<string, StateCounts>} byPriority
 * @property {Record<string, StateCounts>} byTag Keyed `tag=value`, e.g. `service=billing`.
 * @property {DurationStats} durations Run time of ended tasks, from first start to end (the last 500).
 * @property {DurationStats} queueWaits Time tasks waited in the queue before starting (the last 500).
 * @property {number} oldestRunningMs
 * @property {number} oldestQueuedMs
 */

/**
 * @typedef {object} ShutdownResult
 * @property {number} cancelled Queued or waiting-to-retry tasks that will not run.
 * @property {number} aborted Running tasks whose signal was aborted.
 * @property {number} unfinished Aborted tasks still running when `timeoutMs` ran out.
 */

/**
 * @template T
 * @typedef {TaskSettings & {
 *   id: string,
 *   run: (signal: AbortSignal) => T | PromiseLike<T>,
 *   priority: TaskPriority,
 *   tags: TaskTags,
 * }} TaskSpec
 */

/** @typedef {TaskSpec<unknown> & { intervalMs: number }} PeriodicSpec */

/** @typedef {keyof StateCounts} StateKey */

/**
 * @typedef {object} Task
 * @property {TaskSpec<unknown>} spec
 * @property {number} priority
 * @property {StateKey | 'new'} state
 * @property {number} attempts
 * @property {number} queuedAt
 * @property {number | null} startedAt
 * @property {AbortController | null} controller
 * @property {unknown} timer
 * @property {string | null} cancelReason
 * @property {(outcome: TaskOutcome<unknown>) => void} settle
 * @property {Promise<TaskOutcome<unknown>>} outcome
 */

/** @typedef {{ cancel(reason: string): boolean }} Periodic */

/**
 * @param {TaskSettings} options
 * @returns {TaskSettings}
 */
function settingsOf(options) {
  /** @type {TaskSettings} */
  const settings = {};
  if (options.retries !== undefined) settings.retries = options.retries;
  if (options.timeoutMs !== undefined) settings.timeoutMs = options.timeoutMs;
  return settings;
}

/** @returns {StateCounts} */
const emptyCounts = () => ({ queued: 0, running: 0, retrying: 0, succeeded: 0, failed: 0, timedOut: 0, cancelled: 0 });

/** @type {Record<TaskStatus, StateKey>} */
const STATUS_KEYS = { succeeded: 'succeeded', failed: 'failed', 'timed-out': 'timedOut', cancelled: 'cancelled' };

const SAMPLE_SIZE = 500;

/** The last SAMPLE_SIZE values of a duration, for percentiles without unbounded memory. */
class Sample {
  /** @type {number[]} */
  #values = [];
  #next = 0;
  #count = 0;
  #total = 0;
  #max = 0;

  /** @param {number} value */
  add(value) {
    this.#count += 1;
    this.#total += value;
    this.#max = Math.max(this.#max, value);
    if (this.#values.length < SAMPLE_SIZE) this.#values.push(value);
    else this.#values[this.#next] = value;
    this.#next = (this.#next + 1) % SAMPLE_SIZE;
  }

  /** @returns {DurationStats} */
  stats() {
    const sorted = [...this.#values].sort((a, b) => a - b);
    /** @param {number} share */
    const at = (share) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
    return { count: this.#count, meanMs: this.#count === 0 ? 0 : this.#total / this.#count, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: this.#max };
  }
}

/**
 * @param {string} name
 * @param {string} message
 */
function namedError(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** @param {TaskFailure} failure */
function defaultOnFailure(failure) {
  const next = failure.retryInMs === null ? '' : `, retrying in ${Math.round(failure.retryInMs)} ms`;
  console.error(`[background-task] ${failure.taskId} ${failure.kind} (attempt ${failure.attempt}${next})`, failure.error);
}

/** @type {Timers} */
const globalTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(/** @type {ReturnType<typeof setTimeout>} */ (handle)),
};

export class BackgroundTaskManager {
  /** @type {number} */
  #concurrency;
  /** @type {number} */
  #retries;
  /** @type {{ initialMs: number, factor: number, maxMs: number }} */
  #backoff;
  /** @type {number | undefined} */
  #timeoutMs;
  /** @type {(failure: TaskFailure) => void} */
  #onFailure;
  /** @type {() => number} */
  #random;
  /** @type {() => number} */
  #now;
  /** @type {Timers} */
  #timers;
  /** One FIFO queue per priority value. @type {Task[][]} */
  #queues = PRIORITY_NAMES.map(() => /** @type {Task[]} */ ([]));
  /** @type {Set<Task>} */
  #live = new Set();
  /** @type {Set<Periodic>} */
  #periodics = new Set();
  #states = emptyCounts();
  /** @type {Map<string, StateCounts>} */
  #byPriority = new Map();
  /** @type {Map<string, StateCounts>} */
  #byTag = new Map();
  #durations = new Sample();
  #queueWaits = new Sample();
  #running = 0;
  /** @type {Promise<ShutdownResult> | null} */
  #shutdown = null;

  /** @param {ManagerOptions} [options] */
  constructor(options = {}) {
    const concurrency = options.concurrency ?? 16;
    if (!(concurrency >= 1)) throw new RangeError(`BackgroundTaskManager: concurrency must be at least 1, got ${concurrency}`);
    this.#concurrency = Math.floor(concurrency);
    this.#retries = Math.max(0, Math.floor(options.retries ?? 0));
    this.#backoff = { initialMs: options.backoff?.initialMs ?? 100, factor: options.backoff?.factor ?? 2, maxMs: options.backoff?.maxMs ?? 30_000 };
    this.#timeoutMs = options.timeoutMs;
    this.#onFailure = options.onFailure ?? defaultOnFailure;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? (() => performance.now());
    this.#timers = options.timers ?? globalTimers;
  }

  // region submit methods: generated from the manager settings
  /**
   * Queues a task; its coroutine receives an AbortSignal that fires on cancel, timeout or shutdown.
   * @template T
   * @param {EnhancedTaskOptions<T>} options
   * @returns {TaskHandle<T>}
   */
  submitEnhancedTask(options) {
    return this.#submitSpec(fromEnhancedOptions(options));
  }

  /**
   * Runs a task every `intervalMs` after the previous run ended, until cancelled or shut down.
   * @param {PeriodicTaskOptions} options
   * @returns {TaskHandle<void>}
   */
  submitPeriodicTask(options) {
    return this.#submitPeriodicSpec(fromPeriodicOptions(options));
  }
  // endregion submit methods

  /**
   * Queues a task by its internal spec; the submit methods above map their options onto it.
   * @template T
   * @param {TaskSpec<T>} spec
   * @returns {TaskHandle<T>}
   */
  #submitSpec(spec) {
    /** @type {(outcome: TaskOutcome<T>) => void} */
    let settle = () => undefined;
    /** @type {Promise<TaskOutcome<T>>} */
    const outcome = new Promise((resolve) => {
      settle = resolve;
    });
    const priority = PRIORITY_NAMES[spec.priority] === undefined ? DEFAULT_PRIORITY : spec.priority;
    /** @type {Task} */
    const task = { spec, priority, state: 'new', attempts: 0, queuedAt: this.#now(), startedAt: null, controller: null, timer: null, cancelReason: null, settle: /** @type {Task['settle']} */ (settle), outcome };
    /** @type {TaskHandle<T>} */
    const handle = { taskId: spec.id, outcome, cancel: (reason = 'cancelled') => this.#cancel(task, reason) };
    if (this.#shutdown) {
      this.#report(task, 'rejected', namedError('ShutdownError', 'submitted after shutdown'), null);
      this.#count(task, 'cancelled', 1);
      settle({ status: 'cancelled', reason: 'shutdown', attempts: 0, durationMs: 0 });
      return handle;
    }
    this.#live.add(task);
    this.#enqueue(task);
    this.#pump();
    return handle;
  }

  /**
   * Runs a task every `intervalMs` after the previous run ended (each run queued by priority).
   * @param {PeriodicSpec} spec
   * @returns {TaskHandle<void>}
   */
  #submitPeriodicSpec(spec) {
    const intervalMs = Math.max(1, Number.isFinite(spec.intervalMs) ? spec.intervalMs : 1);
    const startedAt = this.#now();
    let runs = 0;
    /** @type {unknown} */
    let timer = null;
    /** @type {TaskHandle<unknown> | null} */
    let current = null;
    let stopped = false;
    /** @type {(outcome: TaskOutcome<void>) => void} */
    let settle = () => undefined;
    /** @type {Promise<TaskOutcome<void>>} */
    const outcome = new Promise((resolve) => {
      settle = resolve;
    });
    /** @type {Periodic} */
    const periodic = {
      cancel: (reason) => {
        if (stopped) return false;
        stopped = true;
        this.#periodics.delete(periodic);
        if (timer !== null) this.#timers.clearTimeout(timer);
        /** @type {TaskHandle<unknown> | null} */ (current)?.cancel(reason);
        settle({ status: 'cancelled', reason, attempts: runs, durationMs: this.#now() - startedAt });
        return true;
      },
    };
    /** @type {TaskHandle<void>} */
    const handle = { taskId: spec.id, outcome, cancel: (reason = 'cancelled') => periodic.cancel(reason) };
    if (this.#shutdown) {
      this.#report({ spec, attempts: 0 }, 'rejected', namedError('ShutdownError', 'submitted after shutdown'), null);
      stopped = true;
      settle({ status: 'cancelled', reason: 'shutdown', attempts: 0, durationMs: 0 });
      return handle;
    }
    const schedule = () => {
      timer = this.#timers.setTimeout(() => {
        timer = null;
        if (stopped) return;
        runs += 1;
        const run = this.#submitSpec(spec);
        current = run;
        // Failures are reported by the run itself; the period goes on after each run ends.
        run.outcome.then(() => {
          current = null;
          if (!stopped) schedule();
        }, () => undefined);
      }, intervalMs);
    };
    this.#periodics.add(periodic);
    schedule();
    return handle;
  }

  /**
   * Stops intake, cancels queued work and periodic tasks, aborts running tasks and waits for them up to `timeoutMs` (default 10 s).
   * @param {{ timeoutMs?: number }} [options]
   * @returns {Promise<ShutdownResult>}
   */
  shutdown(options = {}) {
    this.#shutdown ??= this.#stop(options.timeoutMs ?? 10_000);
    return this.#shutdown;
  }

  /**
   * Counts by state, priority and tag, and durations; plain data a health endpoint can return.
   * @returns {ManagerMetrics}
   */
  metrics() {
    const now = this.#now();
    let oldestRunningMs = 0;
    let oldestQueuedMs = 0;
    for (const task of this.#live) {
      if (task.state === 'running' && task.startedAt !== null) oldestRunningMs = Math.max(oldestRunningMs, now - task.startedAt);
      if (task.state === 'queued') oldestQueuedMs = Math.max(oldestQueuedMs, now - task.queuedAt);
    }
    /** @param {Map<string, StateCounts>} map */
    const copy = (map) => Object.fromEntries([...map].map(([key, counts]) => [key, { ...counts }]));
    return {
      accepting: this.#shutdown === null,
      concurrency: this.#concurrency,
      periodicTasks: this.#periodics.size,
      states: { ...this.#states },
      byPriority: copy(this.#byPriority),
      byTag: copy(this.#byTag),
      durations: this.#durations.stats(),
      queueWaits: this.#queueWaits.stats(),
      oldestRunningMs,
      oldestQueuedMs,
    };
  }

  /**
   * @param {number} timeoutMs
   * @returns {Promise<ShutdownResult>}
   */
  async #stop(timeoutMs) {
    for (const periodic of [...this.#periodics]) periodic.cancel('shutdown');
    let cancelled = 0;
    let aborted = 0;
    /** @type {Promise<unknown>[]} */
    const running = [];
    for (const task of [...this.#live]) {
      if (task.state === 'running') {
        aborted += 1;
        running.push(task.outcome);
      } else {
        cancelled += 1;
      }
      this.#cancel(task, 'shutdown');
    }
    let unfinished = 0;
    if (running.length > 0) {
      /** @type {unknown} */
      let timer = null;
      /** @type {Promise<'timeout'>} */
      const deadline = new Promise((resolve) => {
        timer = this.#timers.setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const ended = await Promise.race([Promise.all(running).then(() => /** @type {const} */ ('ended')), deadline]);
      this.#timers.clearTimeout(timer);
      if (ended === 'timeout') unfinished = [...this.#live].filter((task) => task.state === 'running').length;
    }
    return { cancelled, aborted, unfinished };
  }

  /** @param {Task} task */
  #enqueue(task) {
    task.queuedAt = this.#now();
    this.#move(task, 'queued');
    this.#queues[task.priority]?.push(task);
  }

  #pump() {
    while (this.#running < this.#concurrency) {
      const next = this.#queues.find((queue) => queue.length > 0)?.shift();
      if (!next) return;
      this.#start(next);
    }
  }

  /** @param {Task} task */
  #start(task) {
    const now = this.#now();
    this.#queueWaits.add(now - task.queuedAt);
    task.startedAt ??= now;
    task.attempts += 1;
    this.#running += 1;
    this.#move(task, 'running');
    const controller = new AbortController();
    task.controller = controller;
    const timeoutMs = task.spec.timeoutMs ?? this.#timeoutMs;
    if (timeoutMs !== undefined) {
      task.timer = this.#timers.setTimeout(() => controller.abort(namedError('TimeoutError', `timed out after ${timeoutMs} ms`)), timeoutMs);
    }
    // #attempt catches everything the task throws; the catch only guards this file's own code.
    this.#attempt(task, controller).catch((error) => defaultOnFailure({ ...this.#describe(task.spec), kind: 'failed', error, attempt: task.attempts, retryInMs: null }));
  }

  /**
   * @param {Task} task
   * @param {AbortController} controller
   * @returns {Promise<void>}
   */
  async #attempt(task, controller) {
    /** @type {{ ok: true, value: unknown } | { ok: false, error: unknown }} */
    let result;
    try {
      result = { ok: true, value: await task.spec.run(controller.signal) };
    } catch (error) {
      result = { ok: false, error };
    }
    if (task.timer !== null) this.#timers.clearTimeout(task.timer);
    task.timer = null;
    task.controller = null;
    this.#running -= 1;
    const durationMs = this.#now() - (task.startedAt ?? 0);
    if (result.ok) {
      this.#finish(task, { status: 'succeeded', value: result.value, attempts: task.attempts, durationMs });
    } else if (task.cancelReason !== null) {
      this.#finish(task, { status: 'cancelled', reason: task.cancelReason, attempts: task.attempts, durationMs });
    } else {
      const timedOut = controller.signal.aborted;
      const retries = task.spec.retries ?? this.#retries;
      const retryInMs = task.attempts <= retries && !this.#shutdown ? this.#backoffMs(task.attempts) : null;
      this.#report(task, timedOut ? 'timed-out' : 'failed', result.error, retryInMs);
      if (retryInMs === null) {
        this.#finish(task, { status: timedOut ? 'timed-out' : 'failed', error: result.error, attempts: task.attempts, durationMs });
      } else {
        this.#move(task, 'retrying');
        task.timer = this.#timers.setTimeout(() => {
          task.timer = null;
          this.#enqueue(task);
          this.#pump();
        }, retryInMs);
      }
    }
    this.#pump();
  }

  /** @param {number} attempt */
  #backoffMs(attempt) {
    const { initialMs, factor, maxMs } = this.#backoff;
    const base = Math.min(maxMs, initialMs * factor ** (attempt - 1));
    // Equal jitter: at least half the backoff, so retries of many tasks spread out but still back off.
    return base / 2 + (this.#random() * base) / 2;
  }

  /**
   * @param {Task} task
   * @param {string} reason
   */
  #cancel(task, reason) {
    if (!this.#live.has(task) || task.cancelReason !== null) return false;
    if (task.state === 'running') {
      task.cancelReason = reason;
      task.controller?.abort(namedError('AbortError', reason));
      return true;
    }
    if (task.state === 'queued') {
      const queue = this.#queues[task.priority];
      queue?.splice(queue.indexOf(task), 1);
    }
    if (task.timer !== null) this.#timers.clearTimeout(task.timer);
    task.timer = null;
    const durationMs = task.startedAt === null ? 0 : this.#now() - task.startedAt;
    this.#finish(task, { status: 'cancelled', reason, attempts: task.attempts, durationMs });
    return true;
  }

  /**
   * @param {Task} task
   * @param {TaskOutcome<unknown>} outcome
   */
  #finish(task, outcome) {
    this.#live.delete(task);
    this.#move(task, null);
    this.#count(task, STATUS_KEYS[outcome.status], 1);
    if (task.startedAt !== null) this.#durations.add(outcome.durationMs);
    task.settle(outcome);
  }

  /**
   * Moves a live task between the current states, keeping the counts in step.
   * @param {Task} task
   * @param {'queued' | 'running' | 'retrying' | null} state
   */
  #move(task, state) {
    if (task.state === 'queued' || task.state === 'running' || task.state === 'retrying') this.#count(task, task.state, -1);
    if (state === null) return;
    task.state = state;
    this.#count(task, state, 1);
  }

  /**
   * @param {Task} task
   * @param {StateKey} key
   * @param {number} delta
   */
  #count(task, key, delta) {
    this.#states[key] += delta;
    const buckets = [this.#bucket(this.#byPriority, PRIORITY_NAMES[task.priority] ?? String(task.priority))];
    for (const [tag, value] of Object.entries(task.spec.tags ?? {})) buckets.push(this.#bucket(this.#byTag, `${tag}=${value}`));
    for (const bucket of buckets) bucket[key] += delta;
  }

  /**
   * @param {Map<string, StateCounts>} map
   * @param {string} key
   */
  #bucket(map, key) {
    let counts = map.get(key);
    if (!counts) map.set(key, (counts = emptyCounts()));
    return counts;
  }

  /**
   * @param {TaskSpec<unknown>} spec
   * @returns {Pick<TaskFailure, 'taskId' | 'priority' | 'tags'>}
   */
  #describe(spec) {
    return { taskId: spec.id, priority: PRIORITY_NAMES[spec.priority] ?? String(spec.priority), tags: spec.tags };
  }

  /**
   * Failures always reach a log: a hook that throws falls back to console.error.
   * @param {{ spec: TaskSpec<unknown>, attempts: number }} task
   * @param {TaskFailure['kind']} kind
   * @param {unknown} error
   * @param {number | null} retryInMs
   */
  #report(task, kind, error, retryInMs) {
    /** @type {TaskFailure} */
    const failure = { ...this.#describe(task.spec), kind, error, attempt: task.attempts, retryInMs };
    try {
      this.#onFailure(failure);
    } catch (hookError) {
      defaultOnFailure(failure);
      console.error('[background-task] the onFailure hook threw', hookError);
    }
  }
}

/** @type {BackgroundTaskManager | null} */
let instance = null;

/**
 * The process-wide manager, created with the defaults on first use unless configured before.
 * @returns {BackgroundTaskManager}
 */
export function getBackgroundTaskManager() {
  instance ??= new BackgroundTaskManager();
  return instance;
}

/**
 * Creates the process-wide manager with these options; call it at startup, before any submission.
 * @param {ManagerOptions} options
 * @returns {BackgroundTaskManager}
 */
export function configureBackgroundTaskManager(options) {
  if (instance) throw new Error('configureBackgroundTaskManager: the manager is already in use; configure it at startup');
  instance = new BackgroundTaskManager(options);
  return instance;
}
