/**
 * The background task manager: the one place where this service runs background work, with
 * priorities, tags, retries, timeouts, metrics and a graceful shutdown.
 *
 * Written by `async-governance init --manager`. This file is yours: change it as you need.
 * It has no runtime dependencies; it needs Node 18+ and, for types, @types/node.
 * The API (getter, submit methods, option fields, priority members) follows the plugin's
 * manager settings (async-governance.config.json); rename them there and here together.
 */

// region api: generated from the manager settings
/** Priorities, most urgent first; lower values run first. */
export const TaskPriority = {
  CRITICAL: 0,
  HIGH: 1,
  NORMAL: 2,
  LOW: 3,
  BACKGROUND: 4,
} as const;
export type TaskPriority = (typeof TaskPriority)[keyof typeof TaskPriority];
const PRIORITY_NAMES: readonly string[] = ['CRITICAL', 'HIGH', 'NORMAL', 'LOW', 'BACKGROUND'];
const DEFAULT_PRIORITY: TaskPriority = TaskPriority.NORMAL;

/** What `submitEnhancedTask` takes. */
export interface EnhancedTaskOptions<T> extends TaskSettings {
  taskId: string;
  coroutine: (signal: AbortSignal) => T | PromiseLike<T>;
  priority: TaskPriority;
  tags: TaskTags;
}

/** What `submitPeriodicTask` takes: the work runs every `intervalMs` after the previous run ends. */
export interface PeriodicTaskOptions extends TaskSettings {
  taskId: string;
  coroutine: (signal: AbortSignal) => unknown;
  priority: TaskPriority;
  tags: TaskTags;
  intervalMs: number;
}

function fromEnhancedOptions<T>(options: EnhancedTaskOptions<T>): TaskSpec<T> {
  return { ...settingsOf(options), id: options.taskId, run: options.coroutine, priority: options.priority, tags: options.tags };
}

function fromPeriodicOptions(options: PeriodicTaskOptions): PeriodicSpec {
  return { ...settingsOf(options), id: options.taskId, run: options.coroutine, priority: options.priority, tags: options.tags, intervalMs: options.intervalMs };
}
// endregion api

/** Tags that categorise a task (service, type, component, …); metrics count tasks by each. */
export type TaskTags = Readonly<Record<string, string>>;

/** Per-task overrides of the manager's defaults. */
export interface TaskSettings {
  /** Further attempts after a failure or a timeout (default: the manager's `retries`). */
  retries?: number;
  /** Aborts the task's signal after this many milliseconds (default: the manager's `timeoutMs`). */
  timeoutMs?: number;
}

export type TaskStatus = 'succeeded' | 'failed' | 'timed-out' | 'cancelled';

/** How a task ended. The handle's `outcome` resolves to it and never rejects. */
export type TaskOutcome<T> =
  | { status: 'succeeded'; value: T; attempts: number; durationMs: number }
  | { status: 'failed' | 'timed-out'; error: unknown; attempts: number; durationMs: number }
  | { status: 'cancelled'; reason: string; attempts: number; durationMs: number };

export interface TaskHandle<T> {
  readonly taskId: string;
  /** Settles once, when the task has ended; it never rejects. */
  readonly outcome: Promise<TaskOutcome<T>>;
  /** Removes the task from the queue or aborts its signal; false when it had already ended. */
  cancel(reason?: string): boolean;
}

/** One failed attempt, or a submission refused after shutdown; given to `onFailure`. */
export interface TaskFailure {
  taskId: string;
  priority: string;
  tags: TaskTags;
  kind: 'failed' | 'timed-out' | 'rejected';
  error: unknown;
  attempt: number;
  /** Milliseconds until the next attempt, or null when the task will not run again. */
  retryInMs: number | null;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ManagerOptions {
  /** Tasks that run at once (default 16). A task that loops for the life of the service holds a slot all along. */
  concurrency?: number;
  /** Default further attempts after a failure (default 0: work is not repeated unless asked). */
  retries?: number;
  /** Exponential backoff between attempts: initialMs × factor^(attempt − 1), at most maxMs, with jitter. */
  backoff?: { initialMs?: number; factor?: number; maxMs?: number };
  /** Default per-task timeout in milliseconds (default: none). */
  timeoutMs?: number;
  /** Receives every failure; the default writes it to console.error. */
  onFailure?: (failure: TaskFailure) => void;
  /** Returns a number in [0, 1) for the backoff jitter (default Math.random). */
  random?: () => number;
  /** The clock, in milliseconds (default performance.now). */
  now?: () => number;
  /** Timers for backoff, timeouts and periods (default the global ones). */
  timers?: Timers;
}

export interface StateCounts {
  queued: number;
  running: number;
  retrying: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  cancelled: number;
}

export interface DurationStats {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** A plain, JSON-ready snapshot for a health endpoint. Queued, running and retrying are current; the rest count since start. */
export interface ManagerMetrics {
  accepting: boolean;
  concurrency: number;
  periodicTasks: number;
  states: StateCounts;
  byPriority: Record<string, StateCounts>;
  /** Keyed `tag=value`, e.g. `service=billing`. */
  byTag: Record<string, StateCounts>;
  /** Run time of ended tasks, from first start to end (the last 500). */
  durations: DurationStats;
  /** Time tasks waited in the queue before starting (the last 500). */
  queueWaits: DurationStats;
  oldestRunningMs: number;
  oldestQueuedMs: number;
}

export interface ShutdownResult {
  /** Queued or waiting-to-retry tasks that will not run. */
  cancelled: number;
  /** Running tasks whose signal was aborted. */
  aborted: number;
  /** Aborted tasks still running when `timeoutMs` ran out. */
  unfinished: number;
}

interface TaskSpec<T> extends TaskSettings {
  id: string;
  run: (signal: AbortSignal) => T | PromiseLike<T>;
  priority: TaskPriority;
  tags: TaskTags;
}

interface PeriodicSpec extends TaskSpec<unknown> {
  intervalMs: number;
}

type StateKey = keyof StateCounts;

interface Task<T> {
  spec: TaskSpec<T>;
  priority: number;
  state: StateKey | 'new';
  attempts: number;
  queuedAt: number;
  startedAt: number | null;
  controller: AbortController | null;
  timer: unknown;
  cancelReason: string | null;
  settle: (outcome: TaskOutcome<T>) => void;
  outcome: Promise<TaskOutcome<T>>;
}

interface Periodic {
  cancel(reason: string): boolean;
}

function settingsOf(options: TaskSettings): TaskSettings {
  const settings: TaskSettings = {};
  if (options.retries !== undefined) settings.retries = options.retries;
  if (options.timeoutMs !== undefined) settings.timeoutMs = options.timeoutMs;
  return settings;
}

const emptyCounts = (): StateCounts => ({ queued: 0, running: 0, retrying: 0, succeeded: 0, failed: 0, timedOut: 0, cancelled: 0 });

const STATUS_KEYS: Record<TaskStatus, StateKey> = { succeeded: 'succeeded', failed: 'failed', 'timed-out': 'timedOut', cancelled: 'cancelled' };

const SAMPLE_SIZE = 500;

/** The last SAMPLE_SIZE values of a duration, for percentiles without unbounded memory. */
class Sample {
  readonly #values: number[] = [];
  #next = 0;
  #count = 0;
  #total = 0;
  #max = 0;

  add(value: number): void {
    this.#count += 1;
    this.#total += value;
    this.#max = Math.max(this.#max, value);
    if (this.#values.length < SAMPLE_SIZE) this.#values.push(value);
    else this.#values[this.#next] = value;
    this.#next = (this.#next + 1) % SAMPLE_SIZE;
  }

  stats(): DurationStats {
    const sorted = [...this.#values].sort((a, b) => a - b);
    const at = (share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
    return { count: this.#count, meanMs: this.#count === 0 ? 0 : this.#total / this.#count, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: this.#max };
  }
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function defaultOnFailure(failure: TaskFailure): void {
  const next = failure.retryInMs === null ? '' : `, retrying in ${Math.round(failure.retryInMs)} ms`;
  console.error(`[background-task] ${failure.taskId} ${failure.kind} (attempt ${failure.attempt}${next})`, failure.error);
}

const globalTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class BackgroundTaskManager {
  readonly #concurrency: number;
  readonly #retries: number;
  readonly #backoff: { initialMs: number; factor: number; maxMs: number };
  readonly #timeoutMs: number | undefined;
  readonly #onFailure: (failure: TaskFailure) => void;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #timers: Timers;
  /** One FIFO queue per priority value. */
  readonly #queues: Task<unknown>[][] = PRIORITY_NAMES.map(() => []);
  readonly #live = new Set<Task<unknown>>();
  readonly #periodics = new Set<Periodic>();
  readonly #states = emptyCounts();
  readonly #byPriority = new Map<string, StateCounts>();
  readonly #byTag = new Map<string, StateCounts>();
  readonly #durations = new Sample();
  readonly #queueWaits = new Sample();
  #running = 0;
  #shutdown: Promise<ShutdownResult> | null = null;

  constructor(options: ManagerOptions = {}) {
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
  /** Queues a task; its coroutine receives an AbortSignal that fires on cancel, timeout or shutdown. */
  submitEnhancedTask<T>(options: EnhancedTaskOptions<T>): TaskHandle<T> {
    return this.#submitSpec(fromEnhancedOptions(options));
  }

  /** Runs a task every `intervalMs` after the previous run ended, until cancelled or shut down. */
  submitPeriodicTask(options: PeriodicTaskOptions): TaskHandle<void> {
    return this.#submitPeriodicSpec(fromPeriodicOptions(options));
  }
  // endregion submit methods

  /** Queues a task by its internal spec; the submit methods above map their options onto it. */
  #submitSpec<T>(spec: TaskSpec<T>): TaskHandle<T> {
    let settle!: (outcome: TaskOutcome<T>) => void;
    const outcome = new Promise<TaskOutcome<T>>((resolve) => {
      settle = resolve;
    });
    const priority = PRIORITY_NAMES[spec.priority] === undefined ? DEFAULT_PRIORITY : spec.priority;
    const task: Task<T> = { spec, priority, state: 'new', attempts: 0, queuedAt: this.#now(), startedAt: null, controller: null, timer: null, cancelReason: null, settle, outcome };
    const handle: TaskHandle<T> = { taskId: spec.id, outcome, cancel: (reason = 'cancelled') => this.#cancel(task as Task<unknown>, reason) };
    if (this.#shutdown) {
      this.#report(task as Task<unknown>, 'rejected', namedError('ShutdownError', 'submitted after shutdown'), null);
      this.#count(task as Task<unknown>, 'cancelled', 1);
      settle({ status: 'cancelled', reason: 'shutdown', attempts: 0, durationMs: 0 });
      return handle;
    }
    this.#live.add(task as Task<unknown>);
    this.#enqueue(task as Task<unknown>);
    this.#pump();
    return handle;
  }

  /** Runs a task every `intervalMs` after the previous run ended (each run queued by priority). */
  #submitPeriodicSpec(spec: PeriodicSpec): TaskHandle<void> {
    const intervalMs = Math.max(1, Number.isFinite(spec.intervalMs) ? spec.intervalMs : 1);
    const startedAt = this.#now();
    let runs = 0;
    let timer: unknown = null;
    let current: TaskHandle<unknown> | null = null;
    let stopped = false;
    let settle!: (outcome: TaskOutcome<void>) => void;
    const outcome = new Promise<TaskOutcome<void>>((resolve) => {
      settle = resolve;
    });
    const periodic: Periodic = {
      cancel: (reason) => {
        if (stopped) return false;
        stopped = true;
        this.#periodics.delete(periodic);
        if (timer !== null) this.#timers.clearTimeout(timer);
        current?.cancel(reason);
        settle({ status: 'cancelled', reason, attempts: runs, durationMs: this.#now() - startedAt });
        return true;
      },
    };
    const handle: TaskHandle<void> = { taskId: spec.id, outcome, cancel: (reason = 'cancelled') => periodic.cancel(reason) };
    if (this.#shutdown) {
      this.#report({ spec, attempts: 0 }, 'rejected', namedError('ShutdownError', 'submitted after shutdown'), null);
      stopped = true;
      settle({ status: 'cancelled', reason: 'shutdown', attempts: 0, durationMs: 0 });
      return handle;
    }
    const schedule = (): void => {
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

  /** Stops intake, cancels queued work and periodic tasks, aborts running tasks and waits for them up to `timeoutMs` (default 10 s). */
  shutdown(options: { timeoutMs?: number } = {}): Promise<ShutdownResult> {
    this.#shutdown ??= this.#stop(options.timeoutMs ?? 10_000);
    return this.#shutdown;
  }

  /** Counts by state, priority and tag, and durations; plain data a health endpoint can return. */
  metrics(): ManagerMetrics {
    const now = this.#now();
    let oldestRunningMs = 0;
    let oldestQueuedMs = 0;
    for (const task of this.#live) {
      if (task.state === 'running' && task.startedAt !== null) oldestRunningMs = Math.max(oldestRunningMs, now - task.startedAt);
      if (task.state === 'queued') oldestQueuedMs = Math.max(oldestQueuedMs, now - task.queuedAt);
    }
    const copy = (map: Map<string, StateCounts>): Record<string, StateCounts> =>
      Object.fromEntries([...map].map(([key, counts]) => [key, { ...counts }]));
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

  async #stop(timeoutMs: number): Promise<ShutdownResult> {
    for (const periodic of [...this.#periodics]) periodic.cancel('shutdown');
    let cancelled = 0;
    let aborted = 0;
    const running: Promise<unknown>[] = [];
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
      let timer: unknown = null;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = this.#timers.setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const ended = await Promise.race([Promise.all(running).then(() => 'ended' as const), deadline]);
      this.#timers.clearTimeout(timer);
      if (ended === 'timeout') unfinished = [...this.#live].filter((task) => task.state === 'running').length;
    }
    return { cancelled, aborted, unfinished };
  }

  #enqueue(task: Task<unknown>): void {
    task.queuedAt = this.#now();
    this.#move(task, 'queued');
    this.#queues[task.priority]?.push(task);
  }

  #pump(): void {
    while (this.#running < this.#concurrency) {
      const next = this.#queues.find((queue) => queue.length > 0)?.shift();
      if (!next) return;
      this.#start(next);
    }
  }

  #start(task: Task<unknown>): void {
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
    this.#attempt(task, controller).catch((error: unknown) => defaultOnFailure({ ...this.#describe(task.spec), kind: 'failed', error, attempt: task.attempts, retryInMs: null }));
  }

  async #attempt(task: Task<unknown>, controller: AbortController): Promise<void> {
    let result: { ok: true; value: unknown } | { ok: false; error: unknown };
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

  #backoffMs(attempt: number): number {
    const { initialMs, factor, maxMs } = this.#backoff;
    const base = Math.min(maxMs, initialMs * factor ** (attempt - 1));
    // Equal jitter: at least half the backoff, so retries of many tasks spread out but still back off.
    return base / 2 + (this.#random() * base) / 2;
  }

  #cancel(task: Task<unknown>, reason: string): boolean {
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

  #finish(task: Task<unknown>, outcome: TaskOutcome<unknown>): void {
    this.#live.delete(task);
    this.#move(task, null);
    this.#count(task, STATUS_KEYS[outcome.status], 1);
    if (task.startedAt !== null) this.#durations.add(outcome.durationMs);
    task.settle(outcome);
  }

  /** Moves a live task between the current states, keeping the counts in step. */
  #move(task: Task<unknown>, state: 'queued' | 'running' | 'retrying' | null): void {
    if (task.state === 'queued' || task.state === 'running' || task.state === 'retrying') this.#count(task, task.state, -1);
    if (state === null) return;
    task.state = state;
    this.#count(task, state, 1);
  }

  #count(task: Task<unknown>, key: StateKey, delta: number): void {
    this.#states[key] += delta;
    const buckets = [this.#bucket(this.#byPriority, PRIORITY_NAMES[task.priority] ?? String(task.priority))];
    for (const [tag, value] of Object.entries(task.spec.tags ?? {})) buckets.push(this.#bucket(this.#byTag, `${tag}=${value}`));
    for (const bucket of buckets) bucket[key] += delta;
  }

  #bucket(map: Map<string, StateCounts>, key: string): StateCounts {
    let counts = map.get(key);
    if (!counts) map.set(key, (counts = emptyCounts()));
    return counts;
  }

  #describe(spec: TaskSpec<unknown>): Pick<TaskFailure, 'taskId' | 'priority' | 'tags'> {
    return { taskId: spec.id, priority: PRIORITY_NAMES[spec.priority] ?? String(spec.priority), tags: spec.tags };
  }

  /** Failures always reach a log: a hook that throws falls back to console.error. */
  #report(task: { spec: TaskSpec<unknown>; attempts: number }, kind: TaskFailure['kind'], error: unknown, retryInMs: number | null): void {
    const failure: TaskFailure = { ...this.#describe(task.spec), kind, error, attempt: task.attempts, retryInMs };
    try {
      this.#onFailure(failure);
    } catch (hookError) {
      defaultOnFailure(failure);
      console.error('[background-task] the onFailure hook threw', hookError);
    }
  }
}

let instance: BackgroundTaskManager | null = null;

/** The process-wide manager, created with the defaults on first use unless configured before. */
export function getBackgroundTaskManager(): BackgroundTaskManager {
  instance ??= new BackgroundTaskManager();
  return instance;
}

/** Creates the process-wide manager with these options; call it at startup, before any submission. */
export function configureBackgroundTaskManager(options: ManagerOptions): BackgroundTaskManager {
  if (instance) throw new Error('configureBackgroundTaskManager: the manager is already in use; configure it at startup');
  instance = new BackgroundTaskManager(options);
  return instance;
}
