// The service's one background task manager. Everything persistent runs through it; this
// file is framework internals, so the rules that push work here do not apply to it.

export enum TaskPriority {
  CRITICAL = 0,
  HIGH = 1,
  NORMAL = 2,
  LOW = 3,
  BACKGROUND = 4,
}

export interface TaskTags {
  service: string;
  type: string;
  component: string;
  [key: string]: string;
}

export interface EnhancedTask {
  taskId: string;
  coroutine: (signal: AbortSignal) => Promise<void>;
  priority: TaskPriority;
  tags: TaskTags;
  intervalMs?: number;
  retries?: number;
}

/**
 * What callers pass. Older callers leave out the id or the tags, or name the priority as a
 * string; the manager fills the gaps, and the lint policy asks new code for all of it.
 */
export interface TaskInput {
  taskId?: string;
  coroutine: (signal: AbortSignal) => Promise<void>;
  priority?: TaskPriority | Lowercase<keyof typeof TaskPriority>;
  tags?: Partial<TaskTags>;
  intervalMs?: number;
  retries?: number;
}

let anonymousTasks = 0;

function normalise(input: TaskInput): EnhancedTask {
  const priority = typeof input.priority === 'string' ? TaskPriority[input.priority.toUpperCase() as keyof typeof TaskPriority] : input.priority;
  const tags = input.tags ?? {};
  return {
    ...input,
    taskId: input.taskId ?? `task-${(anonymousTasks += 1)}`,
    priority: priority ?? TaskPriority.NORMAL,
    tags: { ...tags, service: tags.service ?? 'unknown', type: tags.type ?? 'unknown', component: tags.component ?? 'unknown' } as TaskTags,
  };
}

interface RunningTask {
  task: EnhancedTask;
  controller: AbortController;
  attempts: number;
}

export class BackgroundTaskManager {
  private readonly queue: RunningTask[] = [];
  private readonly running = new Set<RunningTask>();
  private ticker: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(private readonly concurrency = 4) {}

  start(): void {
    // The manager owns the only scheduling loop in the service.
    this.ticker = setInterval(() => this.pump(), 50);
  }

  submitEnhancedTask(input: TaskInput): string {
    const task = normalise(input);
    if (this.stopping) throw new Error(`manager is shutting down; rejected ${task.taskId}`);
    this.queue.push({ task, controller: new AbortController(), attempts: 0 });
    this.queue.sort((a, b) => a.task.priority - b.task.priority);
    return task.taskId;
  }

  async shutdown(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    clearInterval(this.ticker);
    for (const entry of this.running) entry.controller.abort();
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.queue.length > 0) {
      const entry = this.queue.shift()!;
      this.running.add(entry);
      this.execute(entry);
    }
  }

  private async execute(entry: RunningTask): Promise<void> {
    try {
      entry.attempts += 1;
      await entry.task.coroutine(entry.controller.signal);
    } catch (error) {
      if (entry.attempts <= (entry.task.retries ?? 2) && !this.stopping) this.queue.push(entry);
      else console.error(`task ${entry.task.taskId} failed`, error);
    } finally {
      this.running.delete(entry);
      if (entry.task.intervalMs && !this.stopping) {
        setTimeout(() => this.queue.push({ ...entry, attempts: 0 }), entry.task.intervalMs);
      }
    }
  }
}

let instance: BackgroundTaskManager | undefined;

export function getBackgroundTaskManager(): BackgroundTaskManager {
  if (!instance) {
    instance = new BackgroundTaskManager();
    instance.start();
  }
  return instance;
}
