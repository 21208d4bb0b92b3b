import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-raw-service-loop.js';
import { ruleTester } from '../rule-tester.js';

/** Case files live in a service folder so task naming (service, component) is stable. */
const file = (relative: string): string => path.join(process.cwd(), relative);
const DEFAULT_FILE = file('services/orders/src/jobs/poller.ts');

const PERIODIC = {
  manager: {
    periodic: {
      method: 'submitPeriodicTask',
      interval: 'intervalMs'
    }
  }
};

/** A team whose manager is jobs().enqueue(...) with nested option fields. */
const CUSTOM = {
  manager: {
    module: '@acme/jobs',
    getter: 'jobs',
    receivers: ['schedulerService'],
    submit: ['enqueue', 'schedule'],
    fields: {
      id: 'name',
      run: 'handler',
      priority: 'opts.priority',
      tags: 'opts.labels'
    },
    priorityEnum: 'JobPriority',
    priorities: ['URGENT', 'DEFAULT', 'IDLE'],
    defaultPriority: 'DEFAULT',
    requiredTags: ['team']
  }
};

const valid = [
  // loops inside the function submitted to the manager
  {
    code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';

export class MetricsReporter {
  start() {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'metrics-reporter.flush',
      coroutine: async (signal: AbortSignal) => {
        while (!signal.aborted) {
          await this.flush();
          await delay(5000, undefined, { signal });
        }
      },
      priority: TaskPriority.NORMAL,
      tags: { service: 'api', type: 'interval', component: 'metrics-reporter' },
    });
  }

  private async flush(): Promise<void> {}
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';

async function pollInbox(signal: AbortSignal) {
  while (!signal.aborted) {
    const messages = await inbox.fetchUnread();
    await Promise.all(messages.map(route));
    await sleep(2000);
  }
}

getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'inbox.poll',
  coroutine: pollInbox,
  priority: TaskPriority.LOW,
  tags: { service: 'mailer', type: 'polling-loop', component: 'inbox' },
});`,
    filename: DEFAULT_FILE,
  },
  {
    code: `export class OutboxRelay {
  private readonly tasks = getBackgroundTaskManager();
  private running = true;

  start() {
    this.tasks.submitEnhancedTask({
      taskId: 'outbox-relay.run',
      coroutine: this.run.bind(this),
      priority: TaskPriority.HIGH,
      tags: { service: 'orders', type: 'relay', component: 'outbox' },
    });
  }

  private async run() {
    while (this.running) {
      await this.relayBatch();
      await sleep(500);
    }
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `const tasks = getBackgroundTaskManager();
tasks.submitEnhancedTask({
  taskId: 'heartbeat.send',
  coroutine: async () => {
    const id = setInterval(() => beacon.ping(), 10_000);
    try {
      for (;;) {
        await registry.renewLease();
        await sleep(30_000);
      }
    } finally {
      clearInterval(id);
    }
  },
  priority: TaskPriority.NORMAL,
  tags: { service: 'gateway', type: 'heartbeat', component: 'registry' },
});`,
    filename: DEFAULT_FILE,
  },
  {
    code: `export class FeedSync {
  constructor(private readonly schedulerService: SchedulerService) {}

  start() {
    this.schedulerService.schedule({
      name: 'feed-sync.run',
      handler: async () => {
        while (true) {
          await this.syncFeeds();
          await sleep(60_000);
        }
      },
    });
  }
}`,
    filename: DEFAULT_FILE,
    settings: { 'async-governance': CUSTOM },
  },
  {
    code: `getBackgroundTaskManager().submitPeriodicTask({
  taskId: 'cache.refresh',
  coroutine: async () => {
    for await (const _ of setInterval(1000)) await cache.refresh();
  },
  intervalMs: 60_000,
});`,
    filename: DEFAULT_FILE,
    settings: { 'async-governance': PERIODIC },
  },
  // bounded retry loops
  {
    code: `export async function fetchWithRetry(url: string, attempts = 5): Promise<Response> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      if (attempt === attempts) throw error;
      await sleep(2 ** attempt * 100);
    }
  }
  throw new Error('unreachable');
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `async function connectWithBackoff(client: Client, maxAttempts = 10) {
  let attempt = 0;
  while (attempt < maxAttempts) {
    try {
      await client.connect();
      return;
    } catch {
      attempt += 1;
      await delay(attempt * 250);
    }
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `async function waitForHealthy(url: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(url).catch(() => null);
    if (res?.ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `async function acquireLock(redis: Redis, key: string) {
  let tries = 0;
  while (true) {
    if (await redis.set(key, '1', 'NX', 'PX', 5000)) return true;
    if (++tries > 20) return false;
    await sleep(100);
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `async function waitForReplica(db: Db) {
  while (!(await db.replicaCaughtUp()) && Date.now() - started < 10_000) {
    await sleep(200);
  }
}`,
    filename: DEFAULT_FILE,
  },
  // retry until the first success
  {
    code: `export async function connectBroker(url: string) {
  while (true) {
    try {
      const connection = await amqp.connect(url);
      return connection;
    } catch (error) {
      logger.warn({ error }, 'broker unavailable, retrying');
      await sleep(2000);
    }
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `async function startServer() {
  for (;;) {
    try {
      await server.listen({ port });
      break;
    } catch (error) {
      if (error.code !== 'EADDRINUSE') throw error;
      await sleep(1000);
    }
  }
}`,
    filename: DEFAULT_FILE,
  },
  // drains and read-until-done loops
  {
    code: `export async function drainQueue(queue: SqsQueue) {
  while (true) {
    const batch = await queue.receive({ max: 10 });
    if (batch.length === 0) break;
    await Promise.all(batch.map(handleMessage));
    await sleep(50);
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `async function exportAll(api: Api) {
  let cursor: string | undefined;
  do {
    const page = await api.listOrders({ cursor });
    await writer.write(page.items);
    cursor = page.nextCursor;
    await delay(100);
  } while (cursor);
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `async function waitUntilIndexed(search: SearchClient, taskId: number) {
  for (;;) {
    const task = await search.getTask(taskId);
    if (task.status === 'succeeded') return task;
    await sleep(250);
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `async function followDeployment(id: string) {
  while (true) {
    const { status } = await deployments.get(id);
    switch (status) {
      case 'ready':
        return true;
      case 'failed':
        throw new Error(\`deployment \${id} failed\`);
      default:
        await sleep(3000);
    }
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `async function flushPending() {
  while (pending.length) {
    await send(pending.shift());
    await sleep(10);
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `async function waitForJob(id: string) {
  let job = await jobs.get(id);
  while (job.state !== 'completed') {
    await sleep(1000);
    job = await jobs.get(id);
  }
  return job;
}`,
    filename: DEFAULT_FILE,
  },
  // waits on in-process state
  {
    code: `export class Poller {
  private working = false;
  private stopped = true;

  async stop() {
    this.stopped = true;
    while (this.working) {
      await delay(10);
    }
  }
}`,
    filename: DEFAULT_FILE,
  },
  // loops without an awaited delay
  {
    code: `export class EmailWorker {
  private stopped = false;

  async run() {
    while (!this.stopped) {
      const job = await this.queue.take();
      await this.send(job);
    }
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `async function* ticks(ms: number) {
  while (true) {
    yield Date.now();
    await sleep(ms);
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `export async function consume(stream: AsyncIterable<Event>) {
  for await (const event of stream) {
    await projector.apply(event);
  }
}`,
    filename: DEFAULT_FILE,
  },
  // one-shot timeouts
  {
    code: `process.on('SIGTERM', () => {
  server.close();
  setTimeout(() => process.exit(1), 10_000).unref();
});`,
    filename: DEFAULT_FILE,
  },
  {
    code: `export class SearchIndexer {
  private timer?: NodeJS.Timeout;

  markDirty() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reindex(), 200);
  }

  private async reindex() {
    await this.index.rebuild();
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `function retry(task: () => Promise<void>, remaining: number) {
  task().catch(() => {
    if (remaining > 0) setTimeout(() => retry(task, remaining - 1), 1000);
  });
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `export class RedisSubscriber {
  async connect() {
    try {
      await this.client.connect();
    } catch (error) {
      this.logger.warn(error);
      setTimeout(() => this.connect(), 5000);
    }
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `function listen() {
  server.listen(port).catch(() => setTimeout(listen, 1000));
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `export class Reconnector {
  private attempts = 0;

  private scheduleReconnect() {
    if (this.attempts >= this.maxAttempts) return;
    this.attempts += 1;
    this.timer = setTimeout(() => {
      if (this.attempts < this.maxAttempts) this.scheduleReconnect();
    }, 1000 * this.attempts);
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `app.post('/reports', async (req, res) => {
  const job = await reports.create(req.body);
  setTimeout(() => notifier.remind(job.id), 60_000);
  res.status(202).json({ id: job.id });
});`,
    filename: DEFAULT_FILE,
  },
  // React effects and per-connection timers
  {
    // A progress ticker kept in a ref and cleared by the component's effect lives with the component.
    code: `import { useCallback, useEffect, useRef, useState } from 'react';

export function useRouteProgress(isTransitioning: boolean) {
  const [progress, setProgress] = useState(0);
  const timerID = useRef<ReturnType<typeof setInterval> | null>(null);

  const initiateProgress = useCallback(() => {
    timerID.current = setInterval(() => {
      setProgress((current) => current + (0.93 - current) * Math.random() * 0.2);
    }, 250);
  }, []);

  useEffect(() => {
    setProgress(0);
    if (isTransitioning) {
      initiateProgress();
    } else if (timerID.current) {
      clearInterval(timerID.current);
    }
  }, [isTransitioning, initiateProgress]);

  return progress;
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `export function usePolling(load: () => void, ms: number) {
  const poller = React.useRef<number>();
  const start = React.useCallback(() => {
    poller.current = window.setInterval(load, ms);
  }, [load, ms]);
  React.useEffect(() => () => window.clearInterval(poller.current), []);
  return start;
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `import { useEffect, useState } from 'react';

export function useNow(intervalMs = 1000) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `export function useJobStatus(id: string) {
  const [status, setStatus] = React.useState('pending');
  React.useEffect(() => {
    let cancelled = false;
    (async () => {
      while (!cancelled) {
        setStatus(await api.status(id));
        await sleep(2000);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [id]);
  return status;
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `router.get('/events', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const heartbeat = setInterval(() => res.write(': ping\\n\\n'), 15_000);
  const unsubscribe = bus.subscribe((event) => res.write(\`data: \${JSON.stringify(event)}\\n\\n\`));
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
});`,
    filename: DEFAULT_FILE,
  },
  {
    code: `export async function runMigration(prompt: () => Promise<string>) {
  const ticker = setInterval(() => spinner.render(), 80);
  try {
    return await prompt();
  } finally {
    clearInterval(ticker);
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `import { setInterval } from 'node:timers/promises';

export async function waitForSlot(limiter: Limiter) {
  for await (const startedAt of setInterval(100, Date.now())) {
    if (limiter.available() > 0 || Date.now() - startedAt > 5000) break;
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `// Seen in a crawler worker: the interval stops itself once the page is scrolled.
const scrolled = new Promise<void>((resolve) => {
  let totalHeight = 0;
  const scrollDown = setInterval(() => {
    window.scrollBy(0, 100);
    totalHeight += 100;
    if (totalHeight >= document.body.scrollHeight) {
      clearInterval(scrollDown);
      resolve();
    }
  }, 100);
});`,
    filename: DEFAULT_FILE,
  },
  {
    code: `// Seen in a job runner's shutdown code: the timer only switches signal listeners.
export function installSignalHandlers() {
  const switchToForceful = () => {
    for (const signal of SIGNALS) {
      process.on(signal, forcefulHandler);
      process.removeListener(signal, gracefulHandler);
    }
  };
  const gracefulHandler = (signal: NodeJS.Signals) => {
    const timer = setTimeout(switchToForceful, 5000);
    pools.shutdown().finally(() => clearTimeout(timer));
  };
  for (const signal of SIGNALS) process.on(signal, gracefulHandler);
}`,
    filename: DEFAULT_FILE,
  },
  // other schedulers and look-alikes
  {
    code: `import cron from 'node-cron';

cron.schedule('*/5 * * * *', async () => {
  await syncOrders();
});`,
    filename: DEFAULT_FILE,
  },
  {
    code: `import { Worker } from 'bullmq';

export const worker = new Worker('emails', async (job) => {
  await mailer.send(job.data);
}, { connection });`,
    filename: DEFAULT_FILE,
  },
  {
    code: `export class FakeClockTest {
  constructor(private readonly clock: Clock) {}

  start() {
    this.clock.setInterval(() => this.tick(), 1000);
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `function setInterval(fn: () => void, ms: number) {
  return scheduler.every(ms, fn);
}

setInterval(() => refresh(), 1000);`,
    filename: DEFAULT_FILE,
  },
  // exempt files
  {
    code: `setInterval(() => collector.flush(), 1000);`,
    filename: file('services/api/src/metrics/collector.test.ts'),
  },
  {
    code: `export async function waitFor(check: () => Promise<boolean>) {
  while (!(await check())) await sleep(10);
}`,
    filename: file('services/api/src/__tests__/helpers.ts'),
  },
  {
    code: `export class TaskManager {
  private async loop() {
    while (!this.stopped) {
      await this.dispatch();
      await sleep(this.tickMs);
    }
  }
}`,
    filename: file('services/api/src/infra/background-manager/manager.ts'),
    settings: { 'async-governance': {"exemptions":{"frameworkInternals":["**/infra/background-manager/**"]}} },
  },
  // timers cleared when the request they serve ends (SPEC "Scoped timers")
  {
    code: `import http from 'node:http';

http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  const heartbeat = setInterval(() => res.write(': ping\\n\\n'), 15_000);
  req.on('close', () => clearInterval(heartbeat));
}).listen(8080);`,
    filename: DEFAULT_FILE,
  },
  {
    code: `// controllers/events.ts, mounted in routes.ts
import type { Request, Response } from 'express';

export const streamEvents = (req: Request, res: Response) => {
  res.setHeader('Content-Type', 'text/event-stream');
  const keepAlive = setInterval(() => res.write(': keep-alive\\n\\n'), 20_000);
  res.on('finish', () => clearInterval(keepAlive));
  res.socket?.once('end', () => clearInterval(keepAlive));
};`,
    filename: DEFAULT_FILE,
  },
  {
    code: `router.get('/jobs/:id/progress', async (ctx) => {
  ctx.type = 'text/event-stream';
  const progress = setInterval(async () => ctx.res.write(\`data: \${await jobs.progress(ctx.params.id)}\\n\\n\`), 1000);
  ctx.req.on('aborted', () => clearInterval(progress));
});`,
    filename: DEFAULT_FILE,
  },
  {
    code: `export async function GET(request: Request) {
  const stream = new TransformStream();
  const writer = stream.writable.getWriter();
  const ping = setInterval(() => writer.write(encoder.encode(': ping\\n\\n')), 10_000);
  request.signal.addEventListener('abort', () => clearInterval(ping));
  return new Response(stream.readable, { headers: { 'Content-Type': 'text/event-stream' } });
}`,
    filename: file('services/web/src/app/api/events/route.ts'),
  },
  {
    code: `export async function exportReport(request: FastifyRequest, reply: FastifyReply) {
  const progress = setInterval(() => reply.raw.write('.'), 2000);
  reply.raw.on('close', () => clearInterval(progress));
  await reports.build(request.params);
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `export async function withProgress<T>(label: string, work: () => Promise<T>): Promise<T> {
  const spinner = setInterval(() => process.stdout.write('.'), 250);
  try {
    return await work();
  } finally {
    clearInterval(spinner);
    process.stdout.write(\`\${label} done\\n\`);
  }
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `import { useLayoutEffect } from 'react';

export function useAutoSave(save: () => void) {
  useLayoutEffect(() => {
    const timer = setInterval(save, 30_000);
    return () => clearInterval(timer);
  }, [save]);
}`,
    filename: DEFAULT_FILE,
  },
  // a disposer returned to the caller, who ends the timer: like an effect cleanup
  {
    code: `import type { Response } from 'express';

export function startStreamKeepAlive(res: Response, intervalMs = 15_000): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer) clearInterval(timer);
  };

  const ping = () => {
    if (!res.write(': ping\\n\\n')) stop();
  };

  if (!stopped) {
    timer = setInterval(() => {
      if (stopped) return;
      ping();
    }, intervalMs);
    timer.unref();
  }

  return stop;
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `export function subscribeToPrices(symbol: string, onPrice: (price: number) => void): () => void {
  const timer = setInterval(async () => onPrice(await quotes.latest(symbol)), 5_000);
  return () => clearInterval(timer);
}`,
    filename: DEFAULT_FILE,
  },
  // a one-shot timeout of the same function clears it: a time box
  {
    code: `export function measureScrollRate(scroll: (dy: number) => void, deltaY: number, seconds = 10) {
  const measuring = { active: true };
  const intervalId = setInterval(() => {
    if (measuring.active) scroll(deltaY);
    else clearInterval(intervalId);
  }, 1000 / 60);

  setTimeout(() => {
    measuring.active = false;
    clearInterval(intervalId);
  }, seconds * 1000);
}`,
    filename: DEFAULT_FILE,
  },
  // a rescheduling progress poll whose handle the enclosing function clears once its work is done
  {
    code: `export async function runMigration(client: Clickhouse, sql: string) {
  let timer: NodeJS.Timeout | undefined;
  const reportProgress = async () => {
    const [row] = await client.query(\`SELECT elapsed FROM system.processes WHERE query_id = 'migration'\`);
    if (row) console.log(\`elapsed \${row.elapsed}s\`);
    timer = setTimeout(reportProgress, 5000);
  };
  timer = setTimeout(reportProgress, 5000);
  try {
    return await client.command(sql);
  } finally {
    clearTimeout(timer);
  }
}`,
    filename: DEFAULT_FILE,
  },
  // Vue and Svelte cleanup hooks: the timer lives as long as the watcher or component
  {
    code: `import { ref, watchEffect } from 'vue';

export function usePoller(pollDuration: Ref<number | null>) {
  const tick = ref(false);
  watchEffect((onInvalidate) => {
    if (pollDuration.value !== null) {
      const handle = setInterval(() => {
        tick.value = !tick.value;
      }, pollDuration.value);
      onInvalidate(() => clearInterval(handle));
    }
  });
  return tick;
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `import { onBeforeUnmount, shallowRef } from 'vue';

export function usePolled<T>(pollDurationMS: number, pollFunc: (stopPolling: () => void) => T) {
  let polling = true;
  let handle: ReturnType<typeof setInterval> | undefined;

  const stopPolling = () => {
    if (handle) {
      clearInterval(handle);
      handle = undefined;
      polling = false;
    }
  };

  const result = shallowRef(pollFunc(stopPolling));
  if (polling) {
    handle = setInterval(() => {
      result.value = pollFunc(stopPolling);
    }, pollDurationMS);
  }

  onBeforeUnmount(() => {
    if (polling) stopPolling();
  });
  return result;
}`,
    filename: DEFAULT_FILE,
  },
  {
    code: `import { onDestroy } from 'svelte';

export function clock(set: (now: Date) => void) {
  const id = setInterval(() => set(new Date()), 1000);
  onDestroy(() => clearInterval(id));
}`,
    filename: DEFAULT_FILE,
  },
  // a member flag the loop body assigns: read-until-done
  {
    code: `export class ExportJob {
  private done = false;

  async waitUntilFinished() {
    while (!this.done) {
      this.done = await this.api.isFinished(this.id);
      await sleep(500);
    }
  }
}`,
    filename: DEFAULT_FILE,
  },
];

const invalid = [
  // setInterval
  {
    // A ref no effect clears: the interval outlives the component.
    code: `export function useRouteProgress() {
  const timerID = useRef<ReturnType<typeof setInterval> | null>(null);
  const initiateProgress = useCallback(() => {
    timerID.current = setInterval(() => tick(), 250);
  }, []);
  return initiateProgress;
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 4,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export function useRouteProgress() {
  const timerID = useRef<ReturnType<typeof setInterval> | null>(null);
  const initiateProgress = useCallback(() => {
    timerID.current = getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'poller.use-route-progress',
      coroutine: async (signal: AbortSignal) => {
        while (!signal.aborted) {
          await delay(250, undefined, { signal });
          await tick();
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'poller',
      },
    });
  }, []);
  return initiateProgress;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export function startHeartbeatLog() {
  setInterval(() => console.log('alive'), 30_000);
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export function startHeartbeatLog() {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.start-heartbeat-log',
    coroutine: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        await delay(30_000, undefined, { signal });
        console.log('alive');
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export class MetricsReporter {
  private timer?: NodeJS.Timeout;

  start() {
    this.timer = setInterval(() => this.flush(), 5000);
  }

  stop() {
    clearInterval(this.timer);
  }

  private async flush() {}
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 5,
        column: 18,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class MetricsReporter {
  private timer?: AbortController;

  start() {
    const timer = new AbortController();
    this.timer = timer;
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'metrics-reporter.start',
      coroutine: async (taskSignal: AbortSignal) => {
        const signal = AbortSignal.any([taskSignal, timer.signal]);
        while (!signal.aborted) {
          await delay(5000, undefined, { signal });
          await this.flush();
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'metrics-reporter',
      },
    });
  }

  stop() {
    this.timer?.abort();
  }

  private async flush() {}
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { logger } from './logger';

export function startCacheSweeper(cache: Map<string, Entry>) {
  globalThis.setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of cache) {
      if (entry.expiresAt < now) cache.delete(key);
    }
    logger.debug('cache swept');
  }, 60_000);
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 4,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { logger } from './logger';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';

export function startCacheSweeper(cache: Map<string, Entry>) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.start-cache-sweeper',
    coroutine: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        await delay(60_000, undefined, { signal });
        const now = Date.now();
        for (const [key, entry] of cache) {
          if (entry.expiresAt < now) cache.delete(key);
        }
        logger.debug('cache swept');
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { setInterval as every } from 'node:timers';

every(flushQueue, 1000, 'orders');`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 3,
        column: 1,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';

getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'poller.interval',
  coroutine: async (signal: AbortSignal) => {
    while (!signal.aborted) {
      await delay(1000, undefined, { signal });
      await flushQueue('orders');
    }
  },
  priority: TaskPriority.NORMAL,
  tags: {
    service: 'orders',
    type: 'interval',
    component: 'poller',
  },
});`,
          },
        ],
      },
    ],
  },
  {
    code: `const timers = require('timers');
const { refreshTokens } = require('./auth');

timers.setInterval(refreshTokens, 30 * 60 * 1000);
module.exports = {};`,
    filename: file('services/auth/src/refresh.cjs'),
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 4,
        column: 1,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `const { refreshTokens } = require('./auth');
const { getBackgroundTaskManager, TaskPriority } = require('@/infra/background-manager');
const { setTimeout: delay } = require('node:timers/promises');

getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'refresh.interval',
  coroutine: async (signal) => {
    while (!signal.aborted) {
      await delay(30 * 60 * 1000, undefined, { signal });
      await refreshTokens();
    }
  },
  priority: TaskPriority.NORMAL,
  tags: {
    service: 'auth',
    type: 'interval',
    component: 'refresh',
  },
});
module.exports = {};`,
          },
        ],
      },
    ],
  },
  {
    code: `export class Janitor {
  start() {
    setInterval(this.sweep.bind(this), this.everyMs);
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 3,
        column: 5,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class Janitor {
  start() {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'janitor.start',
      coroutine: async (signal: AbortSignal) => {
        while (!signal.aborted) {
          await delay(this.everyMs, undefined, { signal });
          await this.sweep();
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'janitor',
      },
    });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `setInterval(async () => {
  if (!(await leader.isLeader())) return;
  await reconcile();
}, 15_000);`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 1,
        column: 1,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'poller.interval',
  coroutine: async (signal: AbortSignal) => {
    while (!signal.aborted) {
      await delay(15_000, undefined, { signal });
      await (async () => {
        if (!(await leader.isLeader())) return;
        await reconcile();
      })();
    }
  },
  priority: TaskPriority.NORMAL,
  tags: {
    service: 'orders',
    type: 'interval',
    component: 'poller',
  },
});`,
          },
        ],
      },
    ],
  },
  {
    code: `app.get('/live', (req, res) => {
  global.setInterval(() => res.write('tick\\n'), 1000);
});`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
app.get('/live', (req, res) => {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.interval',
    coroutine: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        await delay(1000, undefined, { signal });
        await res.write('tick\\n');
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
});`,
          },
        ],
      },
    ],
  },
  {
    code: `import { delay } from './utils';

export function startStatsPush() {
  setInterval(() => stats.push(), 10_000);
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 4,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { delay } from './utils';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as abortableDelay } from 'node:timers/promises';

export function startStatsPush() {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.start-stats-push',
    coroutine: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        await abortableDelay(10_000, undefined, { signal });
        await stats.push();
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as wait } from 'node:timers/promises';

export function startStatsPush() {
  setInterval(() => stats.push(), 10_000);
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 5,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as wait } from 'node:timers/promises';

export function startStatsPush() {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.start-stats-push',
    coroutine: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        await wait(10_000, undefined, { signal });
        await stats.push();
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export class MetricsReporter {
  start() {
    this.timer = setInterval(() => this.flush(), 5000);
  }
}`,
    filename: DEFAULT_FILE,
    settings: { 'async-governance': PERIODIC },
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 3,
        column: 18,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export class MetricsReporter {
  start() {
    getBackgroundTaskManager().submitPeriodicTask({
      taskId: 'metrics-reporter.start',
      coroutine: async () => {
        await this.flush();
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'metrics-reporter',
      },
      intervalMs: 5000,
    });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export function startStatsPush() {
  setInterval(() => stats.push(), 10_000);
}`,
    filename: DEFAULT_FILE,
    settings: { 'async-governance': CUSTOM },
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { jobs, JobPriority } from '@acme/jobs';
import { setTimeout as delay } from 'node:timers/promises';
export function startStatsPush() {
  jobs().enqueue({
    name: 'poller.start-stats-push',
    handler: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        await delay(10_000, undefined, { signal });
        await stats.push();
      }
    },
    opts: {
      priority: JobPriority.DEFAULT,
      labels: {
        team: 'poller',
      },
    },
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export function startClock(render: (now: number) => void) {
  window.setInterval(() => render(Date.now()), 1000);
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export function startClock(render: (now: number) => void) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.start-clock',
    coroutine: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        await delay(1000, undefined, { signal });
        await render(Date.now());
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const { setInterval: every } = require('node:timers');

every(() => queue.flush(), 250);`,
    filename: file('services/orders/src/jobs/flusher.js'),
    errors: [
      {
        messageId: 'rawInterval' as const,
        line: 3,
        column: 1,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `const { getBackgroundTaskManager, TaskPriority } = require('@/infra/background-manager');
const { setTimeout: delay } = require('node:timers/promises');

getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'flusher.interval',
  coroutine: async (signal) => {
    while (!signal.aborted) {
      await delay(250, undefined, { signal });
      await queue.flush();
    }
  },
  priority: TaskPriority.NORMAL,
  tags: {
    service: 'orders',
    type: 'interval',
    component: 'flusher',
  },
});`,
          },
        ],
      },
    ],
  },
  // self-rescheduling setTimeout
  {
    code: `export class Poller {
  schedule() {
    this.handle = setTimeout(async () => {
      try {
        await this.pollOnce();
      } catch (error) {
        logger.error(error);
      }
      this.schedule();
    }, this.intervalMs);
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'recursiveTimeout' as const,
        line: 3,
        column: 19,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class Poller {
  schedule() {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'poller.schedule',
      coroutine: async (signal: AbortSignal) => {
        while (!signal.aborted) {
          await delay(this.intervalMs, undefined, { signal });
          try {
            await this.pollOnce();
          } catch (error) {
            logger.error(error);
          }
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'recurring-timer',
        component: 'poller',
      },
    });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function poll() {
  checkForUpdates();
  setTimeout(poll, 5000);
}

poll();`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'recursiveTimeout' as const,
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
function poll() {
  checkForUpdates();
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.poll',
    coroutine: async (signal: AbortSignal) => {
      await delay(5000, undefined, { signal });
      await poll();
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'recurring-timer',
      component: 'poller',
    },
  });
}

poll();`,
          },
        ],
      },
    ],
  },
  {
    code: `export class LeaseKeeper {
  start() {
    this.timer = setTimeout(() => this.renew(), this.ttlMs / 2);
  }

  private async renew() {
    await this.store.extend(this.leaseId);
    this.start();
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'recursiveTimeout' as const,
        line: 3,
        column: 18,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class LeaseKeeper {
  start() {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'lease-keeper.start',
      coroutine: async (signal: AbortSignal) => {
        await delay(this.ttlMs / 2, undefined, { signal });
        await this.renew();
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'recurring-timer',
        component: 'lease-keeper',
      },
    });
  }

  private async renew() {
    await this.store.extend(this.leaseId);
    this.start();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function scheduleNext() {
  setTimeout(runJob, 60_000);
}

async function runJob() {
  await sendDigest();
  scheduleNext();
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'recursiveTimeout' as const,
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
function scheduleNext() {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.schedule-next',
    coroutine: async (signal: AbortSignal) => {
      await delay(60_000, undefined, { signal });
      await runJob();
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'recurring-timer',
      component: 'poller',
    },
  });
}

async function runJob() {
  await sendDigest();
  scheduleNext();
}`,
          },
        ],
      },
    ],
  },
  {
    code: `function refresh() {
  loadPrices().finally(() => setTimeout(refresh, 30_000));
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'recursiveTimeout' as const,
        line: 2,
        column: 30,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
function refresh() {
  loadPrices().finally(() => getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.refresh',
    coroutine: async (signal: AbortSignal) => {
      await delay(30_000, undefined, { signal });
      await refresh();
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'recurring-timer',
      component: 'poller',
    },
  }));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export class Watcher {
  private watch() {
    if (!this.stopped) {
      setTimeout(() => {
        this.scan();
        this.watch();
      }, 1000);
    }
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'recursiveTimeout' as const,
        line: 4,
        column: 7,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class Watcher {
  private watch() {
    if (!this.stopped) {
      getBackgroundTaskManager().submitEnhancedTask({
        taskId: 'watcher.watch',
        coroutine: async (signal: AbortSignal) => {
          await delay(1000, undefined, { signal });
          this.scan();
          this.watch();
        },
        priority: TaskPriority.NORMAL,
        tags: {
          service: 'orders',
          type: 'recurring-timer',
          component: 'watcher',
        },
      });
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export class Syncer {
  private loop() {
    this.timer = setTimeout(async () => {
      try {
        await this.sync();
      } finally {
        this.loop();
      }
    }, 10_000);
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'recursiveTimeout' as const,
        line: 3,
        column: 18,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class Syncer {
  private loop() {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'syncer.loop',
      coroutine: async (signal: AbortSignal) => {
        await delay(10_000, undefined, { signal });
        try {
          await this.sync();
        } finally {
          this.loop();
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'recurring-timer',
        component: 'syncer',
      },
    });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import * as timers from 'node:timers';

export function heartbeat(socket: Socket) {
  socket.ping();
  timers.setTimeout(() => heartbeat(socket), 25_000);
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'recursiveTimeout' as const,
        line: 5,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';

export function heartbeat(socket: Socket) {
  socket.ping();
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.heartbeat',
    coroutine: async (signal: AbortSignal) => {
      await delay(25_000, undefined, { signal });
      await heartbeat(socket);
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'recurring-timer',
      component: 'poller',
    },
  });
}`,
          },
        ],
      },
    ],
  },
  // unbounded polling loops
  {
    code: `export class Poller {
  private running = false;

  async run() {
    this.running = true;
    while (this.running) {
      await this.pollOnce();
      await sleep(1000);
    }
    logger.info('stopped');
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'pollingLoop' as const,
        line: 6,
        column: 5,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export class Poller {
  private running = false;

  async run() {
    this.running = true;
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'poller.run',
      coroutine: async (signal: AbortSignal) => {
        while (!signal.aborted && this.running) {
          await this.pollOnce();
          await sleep(1000);
        }
        logger.info('stopped');
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'polling-loop',
        component: 'poller',
      },
    });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `async function main() {
  while (true) {
    await syncAll();
    await sleep(60_000);
  }
}

main();`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'pollingLoop' as const,
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
async function main() {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.main',
    coroutine: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        await syncAll();
        await sleep(60_000);
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'polling-loop',
      component: 'poller',
    },
  });
}

main();`,
          },
        ],
      },
    ],
  },
  {
    code: `import { setTimeout as wait } from 'node:timers/promises';

export async function pump(source: Source) {
  for (;;) {
    const items = await source.poll();
    for (const item of items) await sink.write(item);
    await wait(250);
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'pollingLoop' as const,
        line: 4,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { setTimeout as wait } from 'node:timers/promises';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';

export async function pump(source: Source) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.pump',
    coroutine: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        const items = await source.poll();
        for (const item of items) await sink.write(item);
        await wait(250);
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'polling-loop',
      component: 'poller',
    },
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function watchConfig(signal: AbortSignal) {
  while (!signal.aborted) {
    await reloadConfig();
    await delay(5000);
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'pollingLoop' as const,
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export async function watchConfig(signal: AbortSignal) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.watch-config',
    coroutine: async (taskSignal: AbortSignal) => {
      while (!taskSignal.aborted && !signal.aborted) {
        await reloadConfig();
        await delay(5000);
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'polling-loop',
      component: 'poller',
    },
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export async function waitUntilReady() {
  while (!(await isReady())) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'pollingLoop' as const,
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export async function waitUntilReady() {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.wait-until-ready',
    coroutine: async (signal: AbortSignal) => {
      while (!signal.aborted && !(await isReady())) {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'polling-loop',
      component: 'poller',
    },
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { scheduler } from 'node:timers/promises';

export class Compactor {
  async run() {
    do {
      await this.compact();
      await scheduler.wait(30_000);
    } while (this.running);
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'pollingLoop' as const,
        line: 5,
        column: 5,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { scheduler } from 'node:timers/promises';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';

export class Compactor {
  async run() {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'compactor.run',
      coroutine: async (signal: AbortSignal) => {
        do {
          await this.compact();
          await scheduler.wait(30_000);
        } while (!signal.aborted && this.running);
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'polling-loop',
        component: 'compactor',
      },
    });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export class Consumer {
  async run() {
    while (true) {
      if (this.stopped) break;
      await this.pollOnce();
      await sleep(1000);
    }
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'pollingLoop' as const,
        line: 3,
        column: 5,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export class Consumer {
  async run() {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'consumer.run',
      coroutine: async (signal: AbortSignal) => {
        while (!signal.aborted) {
          if (this.stopped) break;
          await this.pollOnce();
          await sleep(1000);
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'polling-loop',
        component: 'consumer',
      },
    });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export class Consumer {
  async run() {
    while (!this.stopped) {
      await this.pollOnce();
      await Promise.race([sleep(1000), this.stopSignal]);
    }
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'pollingLoop' as const,
        line: 3,
        column: 5,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export class Consumer {
  async run() {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'consumer.run',
      coroutine: async (signal: AbortSignal) => {
        while (!signal.aborted && !this.stopped) {
          await this.pollOnce();
          await Promise.race([sleep(1000), this.stopSignal]);
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'polling-loop',
        component: 'consumer',
      },
    });
  }
}`,
          },
        ],
      },
    ],
  },
  {
    code: `export class Tailer {
  async follow() {
    let offset = 0;
    while (this.following) {
      offset = await this.readFrom(offset);
      await sleep(200);
    }
    return offset;
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'pollingLoop' as const,
        line: 4,
        column: 5,
        suggestions: [],
      },
    ],
  },
  {
    code: `app.post('/watch', async (req, res) => {
  res.status(202).end();
  while (true) {
    await checkPrices(req.body.symbols);
    await sleep(5000);
  }
});`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'pollingLoop' as const,
        line: 3,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
app.post('/watch', async (req, res) => {
  res.status(202).end();
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.loop',
    coroutine: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        await checkPrices(req.body.symbols);
        await sleep(5000);
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'polling-loop',
      component: 'poller',
    },
  });
});`,
          },
        ],
      },
    ],
  },
  {
    code: `async function pollTickets() {
  while (true) {
    await importTickets();
    await sleep(30_000);
  }
}`,
    filename: DEFAULT_FILE,
    settings: { 'async-governance': CUSTOM },
    errors: [
      {
        messageId: 'pollingLoop' as const,
        line: 2,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { jobs, JobPriority } from '@acme/jobs';
async function pollTickets() {
  jobs().enqueue({
    name: 'poller.poll-tickets',
    handler: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        await importTickets();
        await sleep(30_000);
      }
    },
    opts: {
      priority: JobPriority.DEFAULT,
      labels: {
        team: 'poller',
      },
    },
  });
}`,
          },
        ],
      },
    ],
  },
  // timers imported from node:timers: the suggestion drops the imports it leaves unused
  {
    code: `import { clearInterval, setInterval } from 'node:timers';

export class MetricsReporter {
  private timer?: NodeJS.Timeout;

  start(): void {
    this.timer = setInterval(() => this.flush(), 5000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async flush(): Promise<void> {}
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 7, column: 18, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';

export class MetricsReporter {
  private timer?: AbortController;

  start(): void {
    const timer = new AbortController();
    this.timer = timer;
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'metrics-reporter.start',
      coroutine: async (taskSignal: AbortSignal) => {
        const signal = AbortSignal.any([taskSignal, timer.signal]);
        while (!signal.aborted) {
          await delay(5000, undefined, { signal });
          await this.flush();
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'metrics-reporter',
      },
    });
  }

  stop(): void {
    this.timer?.abort();
  }

  private async flush(): Promise<void> {}
}` }] }],
  },
  {
    code: `import { clearInterval, setInterval } from 'node:timers';

export class MetricsReporter {
  private timer?: NodeJS.Timeout;

  start(): void {
    this.timer = setInterval(() => this.flush(), 5000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async flush(): Promise<void> {}
}

export function stopAll(timers: NodeJS.Timeout[]): void {
  timers.forEach((timer) => clearInterval(timer));
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 7, column: 18, suggestions: [{ messageId: 'submitToManager' as const, output: `import { clearInterval } from 'node:timers';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';

export class MetricsReporter {
  private timer?: AbortController;

  start(): void {
    const timer = new AbortController();
    this.timer = timer;
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'metrics-reporter.start',
      coroutine: async (taskSignal: AbortSignal) => {
        const signal = AbortSignal.any([taskSignal, timer.signal]);
        while (!signal.aborted) {
          await delay(5000, undefined, { signal });
          await this.flush();
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'metrics-reporter',
      },
    });
  }

  stop(): void {
    this.timer?.abort();
  }

  private async flush(): Promise<void> {}
}

export function stopAll(timers: NodeJS.Timeout[]): void {
  timers.forEach((timer) => clearInterval(timer));
}` }] }],
  },
  {
    code: `import { setInterval as every, setTimeout as sleep } from 'node:timers/promises';

export async function reportUsage() {
  await sleep(5000);
  for await (const _ of every(60_000)) {
    await usage.report();
  }
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'intervalIterator' as const, line: 5, column: 3, suggestions: [{ messageId: 'submitToManager' as const, output: `import { setTimeout as sleep } from 'node:timers/promises';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';

export async function reportUsage() {
  await sleep(5000);
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.report-usage',
    coroutine: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        await sleep(60_000, undefined, { signal });
        await usage.report();
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
}` }] }],
  },
  // for await over timers/promises setInterval
  {
    code: `import { setInterval as every } from 'node:timers/promises';

export class UsageReporter {
  private readonly controller = new AbortController();

  async run() {
    for await (const startedAt of every(60_000, Date.now(), { signal: this.controller.signal })) {
      await this.report(startedAt);
    }
  }

  stop() {
    this.controller.abort();
  }

  private async report(since: number) {}
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'intervalIterator' as const, line: 7, column: 5, suggestions: [{ messageId: 'submitToManager' as const, output: `import { setTimeout as delay } from 'node:timers/promises';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';

export class UsageReporter {
  private readonly controller = new AbortController();

  async run() {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'usage-reporter.run',
      coroutine: async (taskSignal: AbortSignal) => {
        const signal = AbortSignal.any([taskSignal, this.controller.signal]);
        const startedAt = Date.now();
        while (!signal.aborted) {
          await delay(60_000, undefined, { signal });
          await this.report(startedAt);
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'usage-reporter',
      },
    });
  }

  stop() {
    this.controller.abort();
  }

  private async report(since: number) {}
}` }] }],
  },
  {
    code: `import { setInterval } from 'node:timers/promises';

export async function pollHealth(signal: AbortSignal) {
  for await (const _ of setInterval(5000, null, { signal })) await health.check();
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'intervalIterator' as const, line: 4, column: 3, suggestions: [{ messageId: 'submitToManager' as const, output: `import { setTimeout as delay } from 'node:timers/promises';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';

export async function pollHealth(signal: AbortSignal) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.poll-health',
    coroutine: async (managerSignal: AbortSignal) => {
      const taskSignal = AbortSignal.any([managerSignal, signal]);
      while (!taskSignal.aborted) {
        await delay(5000, undefined, { signal: taskSignal });
        await health.check();
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
}` }] }],
  },
  {
    code: `import { setInterval } from 'node:timers/promises';

export async function reportUsage() {
  for await (const _ of setInterval(60_000)) {
    await usage.report();
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'intervalIterator' as const,
        line: 4,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { setTimeout as delay } from 'node:timers/promises';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';

export async function reportUsage() {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.report-usage',
    coroutine: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        await delay(60_000, undefined, { signal });
        await usage.report();
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { setInterval } from 'node:timers/promises';

export async function sample(probe: Probe) {
  const ticks = setInterval(1000, 'tick');
  for await (const tick of ticks) {
    await probe.record(tick);
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'intervalIterator' as const,
        line: 5,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { setTimeout as delay } from 'node:timers/promises';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';

export async function sample(probe: Probe) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.sample',
    coroutine: async (signal: AbortSignal) => {
      const tick = 'tick';
      while (!signal.aborted) {
        await delay(1000, undefined, { signal });
        await probe.record(tick);
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
}`,
          },
        ],
      },
    ],
  },
  {
    code: `import { setInterval as every } from 'timers/promises';

export async function reportUsage() {
  for await (const _ of every(60_000)) {
    await usage.report();
  }
}`,
    filename: DEFAULT_FILE,
    settings: { 'async-governance': PERIODIC },
    errors: [
      {
        messageId: 'intervalIterator' as const,
        line: 4,
        column: 3,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';

export async function reportUsage() {
  getBackgroundTaskManager().submitPeriodicTask({
    taskId: 'poller.report-usage',
    coroutine: async () => {
      await usage.report();
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
    intervalMs: 60_000,
  });
}`,
          },
        ],
      },
    ],
  },
  // timers that only an event listener clears live as long as a connection (SPEC "Scoped timers")
  {
    code: `import { EventEmitter } from 'node:events';

export class PooledClient extends EventEmitter {
  private readonly healthCheck: NodeJS.Timeout;

  constructor(private readonly url: string) {
    super();
    this.healthCheck = setInterval(() => void this.ping(), 30_000);
    this.on('end', () => clearInterval(this.healthCheck));
  }

  private async ping() {
    await fetch(this.url, { method: 'HEAD' });
  }
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 8, column: 24, suggestions: [{ messageId: 'submitToManager' as const, output: `import { EventEmitter } from 'node:events';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';

export class PooledClient extends EventEmitter {
  private readonly healthCheck: AbortController;

  constructor(private readonly url: string) {
    super();
    const healthCheck = new AbortController();
    this.healthCheck = healthCheck;
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'pooled-client.constructor',
      coroutine: async (taskSignal: AbortSignal) => {
        const signal = AbortSignal.any([taskSignal, healthCheck.signal]);
        while (!signal.aborted) {
          await delay(30_000, undefined, { signal });
          await this.ping();
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'pooled-client',
      },
    });
    this.on('end', () => this.healthCheck?.abort());
  }

  private async ping() {
    await fetch(this.url, { method: 'HEAD' });
  }
}` }] }],
  },
  {
    code: `// Seen in a mail fetcher: the IMAP keep-alive lives as long as the connection.
function startKeepAlive(connection) {
  const keepAlive = setInterval(() => {
    connection.noop();
  }, 5 * 60_000);
  connection.once('end', () => clearInterval(keepAlive));
}`,
    filename: file('services/orders/src/jobs/imap.js'),
    errors: [{ messageId: 'rawInterval' as const, line: 3, column: 21, suggestions: [{ messageId: 'submitToManager' as const, output: `// Seen in a mail fetcher: the IMAP keep-alive lives as long as the connection.
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
function startKeepAlive(connection) {
  const keepAlive = new AbortController();
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'imap.start-keep-alive',
    coroutine: async (taskSignal) => {
      const signal = AbortSignal.any([taskSignal, keepAlive.signal]);
      while (!signal.aborted) {
        await delay(5 * 60_000, undefined, { signal });
        connection.noop();
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'imap',
    },
  });
  connection.once('end', () => keepAlive.abort());
}` }] }],
  },
  {
    code: `wss.on('connection', (ws) => {
  const ping = setInterval(() => ws.ping(), 30_000);
  ws.on('close', () => clearInterval(ping));
});`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 2, column: 16, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
wss.on('connection', (ws) => {
  const ping = new AbortController();
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.interval',
    coroutine: async (taskSignal: AbortSignal) => {
      const signal = AbortSignal.any([taskSignal, ping.signal]);
      while (!signal.aborted) {
        await delay(30_000, undefined, { signal });
        await ws.ping();
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
  ws.on('close', () => ping.abort());
});` }] }],
  },
  {
    code: `app.post('/imports', async (req, res) => {
  const importer = await imports.start(req.body);
  const watchdog = setInterval(() => importer.checkStalled(), 10_000);
  importer.on('end', () => clearInterval(watchdog));
  res.status(202).json({ id: importer.id });
});`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 3, column: 20, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
app.post('/imports', async (req, res) => {
  const importer = await imports.start(req.body);
  const watchdog = new AbortController();
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.interval',
    coroutine: async (taskSignal: AbortSignal) => {
      const signal = AbortSignal.any([taskSignal, watchdog.signal]);
      while (!signal.aborted) {
        await delay(10_000, undefined, { signal });
        await importer.checkStalled();
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
  importer.on('end', () => watchdog.abort());
  res.status(202).json({ id: importer.id });
});` }] }],
  },
  // stored handles keep stopping the task: clears become aborts
  {
    code: `let sweeper: NodeJS.Timeout | null = null;

export function startSweeper(cache: Map<string, Entry>) {
  sweeper = setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of cache) if (entry.expiresAt < now) cache.delete(key);
  }, 60_000);
}

export function stopSweeper() {
  if (sweeper) clearInterval(sweeper);
  sweeper = null;
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 4, column: 13, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
let sweeper: AbortController | null = null;

export function startSweeper(cache: Map<string, Entry>) {
  const sweeperController = new AbortController();
  sweeper = sweeperController;
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.start-sweeper',
    coroutine: async (taskSignal: AbortSignal) => {
      const signal = AbortSignal.any([taskSignal, sweeperController.signal]);
      while (!signal.aborted) {
        await delay(60_000, undefined, { signal });
        const now = Date.now();
        for (const [key, entry] of cache) if (entry.expiresAt < now) cache.delete(key);
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
}

export function stopSweeper() {
  if (sweeper) sweeper?.abort();
  sweeper = null;
}` }] }],
  },
  {
    code: `export function watchQueue(queue: Queue): { stop(): void } {
  const timer = setInterval(() => {
    queue.drain();
  }, 1000);
  return { stop: () => clearInterval(timer) };
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 2, column: 17, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export function watchQueue(queue: Queue): { stop(): void } {
  const timer = new AbortController();
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.watch-queue',
    coroutine: async (taskSignal: AbortSignal) => {
      const signal = AbortSignal.any([taskSignal, timer.signal]);
      while (!signal.aborted) {
        await delay(1000, undefined, { signal });
        queue.drain();
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
  return { stop: () => timer.abort() };
}` }] }],
  },
  {
    code: `export class Flusher {
  private timer: NodeJS.Timeout | undefined;

  start() {
    this.timer = setInterval(() => {
      this.flush();
    }, 1000).unref();
  }

  stop() {
    clearInterval(this.timer);
  }

  private async flush() {}
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 5, column: 18, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class Flusher {
  private timer: AbortController | undefined;

  start() {
    const timer = new AbortController();
    this.timer = timer;
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'flusher.start',
      coroutine: async (taskSignal: AbortSignal) => {
        const signal = AbortSignal.any([taskSignal, timer.signal]);
        while (!signal.aborted) {
          await delay(1000, undefined, { signal });
          await this.flush();
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'flusher',
      },
    });
  }

  stop() {
    this.timer?.abort();
  }

  private async flush() {}
}` }] }],
  },
  {
    code: `export class Flusher {
  timer = null;

  start() {
    this.timer = setInterval(() => this.flush(), 1000);
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
  }

  async flush() {}
}`,
    filename: file('services/orders/src/jobs/flusher.ts'),
    errors: [{ messageId: 'rawInterval' as const, line: 5, column: 18, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class Flusher {
  timer: AbortController | null = null;

  start() {
    const timer = new AbortController();
    this.timer = timer;
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'flusher.start',
      coroutine: async (taskSignal: AbortSignal) => {
        const signal = AbortSignal.any([taskSignal, timer.signal]);
        while (!signal.aborted) {
          await delay(1000, undefined, { signal });
          await this.flush();
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'flusher',
      },
    });
  }

  stop() {
    this.timer?.abort();
  }

  async flush() {}
}` }] }],
  },
  {
    code: `// A handle that leaves the class: it stays as it was, only the timer becomes a task.
export class Scheduler {
  start() {
    this.timer = setInterval(() => this.tick(), 1000);
    registry.track(this.timer);
  }

  async tick() {}
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 4, column: 18, suggestions: [{ messageId: 'submitToManager' as const, output: `// A handle that leaves the class: it stays as it was, only the timer becomes a task.
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class Scheduler {
  start() {
    this.timer = getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'scheduler.start',
      coroutine: async (signal: AbortSignal) => {
        while (!signal.aborted) {
          await delay(1000, undefined, { signal });
          await this.tick();
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'scheduler',
      },
    });
    registry.track(this.timer);
  }

  async tick() {}
}` }] }],
  },
  // the task awaits the work the callback started
  {
    code: `export class StatsPublisher {
  start() {
    setInterval(() => {
      const snapshot = this.collect();
      this.publish(snapshot).catch((error) => log.warn(error));
      void this.prune();
      log.debug('published');
    }, 10_000);
  }

  collect() {
    return { at: Date.now() };
  }

  async publish(snapshot: object) {}

  async prune() {}
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 3, column: 5, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class StatsPublisher {
  start() {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'stats-publisher.start',
      coroutine: async (signal: AbortSignal) => {
        while (!signal.aborted) {
          await delay(10_000, undefined, { signal });
          const snapshot = this.collect();
          await this.publish(snapshot).catch((error) => log.warn(error));
          await this.prune();
          log.debug('published');
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'stats-publisher',
      },
    });
  }

  collect() {
    return { at: Date.now() };
  }

  async publish(snapshot: object) {}

  async prune() {}
}` }] }],
  },
  {
    code: `export class StatsPublisher {
  start() {
    setInterval((reason: string) => {
      if (this.paused) return;
      this.publish(reason);
    }, 10_000, 'interval');
  }

  async publish(reason: string) {}
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 3, column: 5, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class StatsPublisher {
  start() {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'stats-publisher.start',
      coroutine: async (signal: AbortSignal) => {
        while (!signal.aborted) {
          await delay(10_000, undefined, { signal });
          await (async (reason: string) => {
            if (this.paused) return;
            await this.publish(reason);
          })('interval');
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'stats-publisher',
      },
    });
  }

  async publish(reason: string) {}
}` }] }],
  },
  // a member flag assigned only outside the loop (stop()) keeps it a service loop
  {
    code: `export class Heartbeat {
  private running = true;
  private lastBeat = 0;

  async run() {
    while (this.running) {
      await this.beat();
      this.lastBeat = Date.now();
      await sleep(5000);
    }
  }

  stop() {
    this.running = false;
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'pollingLoop' as const,
        line: 6,
        column: 5,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export class Heartbeat {
  private running = true;
  private lastBeat = 0;

  async run() {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'heartbeat.run',
      coroutine: async (signal: AbortSignal) => {
        while (!signal.aborted && this.running) {
          await this.beat();
          this.lastBeat = Date.now();
          await sleep(5000);
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'polling-loop',
        component: 'heartbeat',
      },
    });
  }

  stop() {
    this.running = false;
  }
}`,
          },
        ],
      },
    ],
  },
  // a disposer that the starting function does not own: the factory's writer lives as long as the service
  {
    code: `export function createBatchWriter<T>(flushBatch: (batch: T[]) => Promise<void>, flushInterval = 2_000) {
  let buffer: T[] = [];
  let timer: ReturnType<typeof setInterval> | null = null;

  function flush(): Promise<void> {
    const batch = buffer;
    buffer = [];
    return batch.length ? flushBatch(batch) : Promise.resolve();
  }

  function ensureTimer() {
    if (timer) return;
    timer = setInterval(() => void flush(), flushInterval);
  }

  function enqueue(item: T): void {
    buffer.push(item);
    ensureTimer();
  }

  function dispose(): Promise<void> {
    if (timer) clearInterval(timer);
    timer = null;
    return flush();
  }

  return dispose;
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 13, column: 13, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export function createBatchWriter<T>(flushBatch: (batch: T[]) => Promise<void>, flushInterval = 2_000) {
  let buffer: T[] = [];
  let timer: AbortController | null = null;

  function flush(): Promise<void> {
    const batch = buffer;
    buffer = [];
    return batch.length ? flushBatch(batch) : Promise.resolve();
  }

  function ensureTimer() {
    if (timer) return;
    const timerController = new AbortController();
    timer = timerController;
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'poller.ensure-timer',
      coroutine: async (taskSignal: AbortSignal) => {
        const signal = AbortSignal.any([taskSignal, timerController.signal]);
        while (!signal.aborted) {
          await delay(flushInterval, undefined, { signal });
          await flush();
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'poller',
      },
    });
  }

  function enqueue(item: T): void {
    buffer.push(item);
    ensureTimer();
  }

  function dispose(): Promise<void> {
    if (timer) timer?.abort();
    timer = null;
    return flush();
  }

  return dispose;
}` }] }],
  },
  // the returned disposer does not clear the timer
  {
    code: `export function watchDeployments(onChange: (id: string) => void): () => void {
  const listeners = new Set([onChange]);
  setInterval(async () => {
    for (const id of await deployments.changed()) listeners.forEach((listener) => listener(id));
  }, 10_000);
  return () => listeners.delete(onChange);
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 3, column: 3, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export function watchDeployments(onChange: (id: string) => void): () => void {
  const listeners = new Set([onChange]);
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.watch-deployments',
    coroutine: async (signal: AbortSignal) => {
      while (!signal.aborted) {
        await delay(10_000, undefined, { signal });
        for (const id of await deployments.changed()) listeners.forEach((listener) => listener(id));
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
  return () => listeners.delete(onChange);
}` }] }],
  },
  // a clear that only a signal listener runs: the timer lives as long as the process
  {
    code: `export function startMetricsPush(registry: Registry) {
  const timer = setInterval(() => registry.push(), 15_000);
  const stop = () => clearInterval(timer);
  process.once('SIGTERM', stop);
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 2, column: 17, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export function startMetricsPush(registry: Registry) {
  const timer = new AbortController();
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.start-metrics-push',
    coroutine: async (taskSignal: AbortSignal) => {
      const signal = AbortSignal.any([taskSignal, timer.signal]);
      while (!signal.aborted) {
        await delay(15_000, undefined, { signal });
        await registry.push();
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
  const stop = () => timer.abort();
  process.once('SIGTERM', stop);
}` }] }],
  },
  // a Fastify onClose hook: the timer lives as long as the server
  {
    code: `import type { FastifyInstance } from 'fastify';

export async function sessionSweeper(fastify: FastifyInstance) {
  const sweeper = setInterval(() => fastify.sessions.sweep(), 60_000);
  fastify.addHook('onClose', async () => clearInterval(sweeper));
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 4, column: 19, suggestions: [{ messageId: 'submitToManager' as const, output: `import type { FastifyInstance } from 'fastify';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';

export async function sessionSweeper(fastify: FastifyInstance) {
  const sweeper = new AbortController();
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'poller.session-sweeper',
    coroutine: async (taskSignal: AbortSignal) => {
      const signal = AbortSignal.any([taskSignal, sweeper.signal]);
      while (!signal.aborted) {
        await delay(60_000, undefined, { signal });
        await fastify.sessions.sweep();
      }
    },
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'orders',
      type: 'interval',
      component: 'poller',
    },
  });
  fastify.addHook('onClose', async () => sweeper.abort());
}` }] }],
  },
  // a timeout that another method schedules is no time box: the interval lives as long as the service
  {
    code: `export class Spinner {
  private timer: NodeJS.Timeout | undefined;

  start() {
    this.timer = setInterval(() => process.stdout.write('.'), 250);
  }

  stopLater(ms: number) {
    setTimeout(() => clearInterval(this.timer), ms);
  }
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'rawInterval' as const, line: 5, column: 18, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class Spinner {
  private timer: AbortController | undefined;

  start() {
    const timer = new AbortController();
    this.timer = timer;
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'spinner.start',
      coroutine: async (taskSignal: AbortSignal) => {
        const signal = AbortSignal.any([taskSignal, timer.signal]);
        while (!signal.aborted) {
          await delay(250, undefined, { signal });
          await process.stdout.write('.');
        }
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'interval',
        component: 'spinner',
      },
    });
  }

  stopLater(ms: number) {
    setTimeout(() => this.timer?.abort(), ms);
  }
}` }] }],
  },
  // a rescheduling heartbeat that only a close listener stops lives as long as the connection
  {
    code: `export function startHeartbeat(client: { ping(): Promise<void>; on(event: string, listener: () => void): void }) {
  let timer: NodeJS.Timeout | undefined;
  const beat = async () => {
    await client.ping();
    timer = setTimeout(beat, 5000);
  };
  timer = setTimeout(beat, 5000);
  client.on('close', () => clearTimeout(timer));
}`,
    filename: DEFAULT_FILE,
    errors: [{ messageId: 'recursiveTimeout' as const, line: 5, column: 13, suggestions: [{ messageId: 'submitToManager' as const, output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export function startHeartbeat(client: { ping(): Promise<void>; on(event: string, listener: () => void): void }) {
  let timer: NodeJS.Timeout | undefined;
  const beat = async () => {
    await client.ping();
    timer = getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'poller.beat',
      coroutine: async (signal: AbortSignal) => {
        await delay(5000, undefined, { signal });
        await beat();
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'recurring-timer',
        component: 'poller',
      },
    });
  };
  timer = setTimeout(beat, 5000);
  client.on('close', () => clearTimeout(timer));
}` }] }],
  },
];

ruleTester.run('no-raw-service-loop', rule, { valid, invalid });

// Every suggestion must leave code that parses and that the rule no longer reports.
describe('no-raw-service-loop suggestion round trip', () => {
  const linter = new Linter({ configType: 'flat' });
  const lint = (code: string, testCase: (typeof invalid)[number]) =>
    linter.verify(
      code,
      [
        {
          files: ['**/*.{ts,cjs,js}'],
          languageOptions: { parser },
          plugins: { 'async-governance': { rules: { 'no-raw-service-loop': rule } } },
          rules: { 'async-governance/no-raw-service-loop': 'error' },
          settings: 'settings' in testCase ? testCase.settings : {},
        },
      ] as unknown as Linter.Config[],
      { filename: testCase.filename },
    );

  invalid.forEach((testCase, index) => {
    const suggestions = testCase.errors[0].suggestions as { output: string }[];
    suggestions.forEach(({ output }) => {
      it(`case ${index + 1} (line ${testCase.errors[0].line}): parses and is clean after the suggestion`, () => {
        expect(lint(testCase.code, testCase)).toHaveLength(1);
        expect(lint(output, testCase)).toEqual([]);
      });
    });
  });
});

// Cycles among same-file functions: declarations, methods, object members, arrows and function
// expressions bound in any scope.
ruleTester.run('no-raw-service-loop (rescheduling cycles)', rule, {
  valid: [
  // a reconnect loop bounded by an early return; the counter is reset outside the cycle
  {
    code: `export class BrokerConnection {
  private attempts = 0;

  private onConnected() {
    this.attempts = 0;
    this.flushBacklog();
  }

  private scheduleReconnect() {
    if (this.attempts >= this.maxAttempts) return;
    this.attempts += 1;
    this.timer = setTimeout(() => this.reconnect(), 1000 * 2 ** this.attempts);
  }

  private async reconnect() {
    try {
      await this.socket.connect();
      this.onConnected();
    } catch {
      this.scheduleReconnect();
    }
  }
}`,
    filename: DEFAULT_FILE,
  },
  // a listener schedules the heartbeat once: nothing calls back
  {
    code: `export function startMonitor(monitor: Monitor, client: Client) {
  const beat = async () => {
    await probe(monitor);
  };
  const safeBeat = async () => {
    try {
      await beat();
    } catch (error) {
      logger.error(error);
    }
  };
  client.on('ready', () => setTimeout(safeBeat, 1000));
}`,
    filename: DEFAULT_FILE,
  },
  // a debounced flush: the flushed function does not schedule again
  {
    code: `const flush = async () => {
  await metrics.push();
};
exports.flushSoon = function () {
  clearTimeout(exports.timer);
  exports.timer = setTimeout(flush, 200);
};
exports.record = function (name) {
  metrics.inc(name);
  exports.flushSoon();
};`,
    filename: file('services/orders/src/jobs/poller.js'),
  },
  // a failure-only retry in the callback's callee ends the cycle
  {
    code: `export function keepAlive(session: Session) {
  const ping = async () => {
    try {
      await session.ping();
    } catch (error) {
      setTimeout(ping, 1000);
    }
  };
  const start = () => setTimeout(ping, 0);
  start();
}`,
    filename: DEFAULT_FILE,
  },
  ],
  invalid: [
  // a heartbeat: two arrows in a method, the retry counter reset on success
  {
    code: `export class MonitorRunner {
  private heartbeatTimer?: NodeJS.Timeout;
  private stopped = false;

  async start(monitor: Monitor) {
    let retries = 0;

    const beat = async () => {
      try {
        await this.probe(monitor);
        retries = 0;
      } catch (error) {
        retries += 1;
        if (retries > monitor.maxRetries) await this.markDown(monitor, error);
      }
      if (!this.stopped && retries <= monitor.maxRetries * 10) {
        this.heartbeatTimer = setTimeout(safeBeat, monitor.intervalMs);
      }
    };

    const safeBeat = async () => {
      try {
        await beat();
      } catch (error) {
        logger.error(error);
        if (!this.stopped) this.heartbeatTimer = setTimeout(safeBeat, monitor.intervalMs);
      }
    };

    await safeBeat();
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'recursiveTimeout' as const,
        line: 17,
        column: 31,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class MonitorRunner {
  private heartbeatTimer?: NodeJS.Timeout;
  private stopped = false;

  async start(monitor: Monitor) {
    let retries = 0;

    const beat = async () => {
      try {
        await this.probe(monitor);
        retries = 0;
      } catch (error) {
        retries += 1;
        if (retries > monitor.maxRetries) await this.markDown(monitor, error);
      }
      if (!this.stopped && retries <= monitor.maxRetries * 10) {
        this.heartbeatTimer = getBackgroundTaskManager().submitEnhancedTask({
          taskId: 'monitor-runner.beat',
          coroutine: async (signal: AbortSignal) => {
            await delay(monitor.intervalMs, undefined, { signal });
            await safeBeat();
          },
          priority: TaskPriority.NORMAL,
          tags: {
            service: 'orders',
            type: 'recurring-timer',
            component: 'monitor-runner',
          },
        });
      }
    };

    const safeBeat = async () => {
      try {
        await beat();
      } catch (error) {
        logger.error(error);
        if (!this.stopped) this.heartbeatTimer = setTimeout(safeBeat, monitor.intervalMs);
      }
    };

    await safeBeat();
  }
}`,
          },
        ],
      },
    ],
  },
  // CommonJS: both branches reschedule the same cycle, one report
  {
    code: `exports.refreshRates = async function () {
  cache.set('rates', await provider.latest());
  if (config.rates.fastRefresh) {
    setTimeout(exports.refreshRates, 5_000);
  } else {
    setTimeout(exports.refreshRates, 60_000);
  }
};`,
    filename: file('services/orders/src/jobs/poller.js'),
    errors: [
      {
        messageId: 'recursiveTimeout' as const,
        line: 4,
        column: 5,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `const { getBackgroundTaskManager, TaskPriority } = require('@/infra/background-manager');
const { setTimeout: delay } = require('node:timers/promises');
exports.refreshRates = async function () {
  cache.set('rates', await provider.latest());
  if (config.rates.fastRefresh) {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'poller.timer',
      coroutine: async (signal) => {
        await delay(5_000, undefined, { signal });
        await exports.refreshRates();
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'recurring-timer',
        component: 'poller',
      },
    });
  } else {
    setTimeout(exports.refreshRates, 60_000);
  }
};`,
          },
        ],
      },
    ],
  },
  // an object literal's member calls back through the object's name
  {
    code: `export const syncWorker = {
  async syncOnce() {
    await inventory.pull();
    setTimeout(() => syncWorker.run(), 30_000);
  },
  run() {
    this.syncOnce().catch((error) => logger.error(error));
  },
};`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'recursiveTimeout' as const,
        line: 4,
        column: 5,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export const syncWorker = {
  async syncOnce() {
    await inventory.pull();
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'poller.timer',
      coroutine: async (signal: AbortSignal) => {
        await delay(30_000, undefined, { signal });
        await syncWorker.run();
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'recurring-timer',
        component: 'poller',
      },
    });
  },
  run() {
    this.syncOnce().catch((error) => logger.error(error));
  },
};`,
          },
        ],
      },
    ],
  },
  // a static method through its class name
  {
    code: `export class CacheWarmer {
  static async warm(): Promise<void> {
    await cache.prime();
    setTimeout(() => CacheWarmer.warm(), 10 * 60_000);
  }
}`,
    filename: DEFAULT_FILE,
    errors: [
      {
        messageId: 'recursiveTimeout' as const,
        line: 4,
        column: 5,
        suggestions: [
          {
            messageId: 'submitToManager' as const,
            output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { setTimeout as delay } from 'node:timers/promises';
export class CacheWarmer {
  static async warm(): Promise<void> {
    await cache.prime();
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: 'cache-warmer.warm',
      coroutine: async (signal: AbortSignal) => {
        await delay(10 * 60_000, undefined, { signal });
        await CacheWarmer.warm();
      },
      priority: TaskPriority.NORMAL,
      tags: {
        service: 'orders',
        type: 'recurring-timer',
        component: 'cache-warmer',
      },
    });
  }
}`,
          },
        ],
      },
    ],
  },
  ],
});

// The doc page's ❌ examples must report and its ✅ examples must not.
describe('no-raw-service-loop doc examples', () => {
  const linter = new Linter({ configType: 'flat' });
  const doc = readFileSync(path.join(process.cwd(), 'docs/rules/no-raw-service-loop.md'), 'utf8');
  const blocks = (heading: string): string[] => {
    const section = doc.split(heading)[1]?.split(/\n##+ /)[0] ?? '';
    return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
  };
  const count = (code: string): number =>
    linter.verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser },
          plugins: { 'async-governance': { rules: { 'no-raw-service-loop': rule } } },
          rules: { 'async-governance/no-raw-service-loop': 'error' },
        },
      ] as unknown as Linter.Config[],
      { filename: DEFAULT_FILE },
    ).length;

  it('has examples of both kinds', () => {
    expect(blocks('### ❌ Incorrect').length).toBeGreaterThan(0);
    expect(blocks('### ✅ Correct').length).toBeGreaterThan(0);
  });
  it.each(blocks('### ❌ Incorrect'))('reports %#', (code) => expect(count(code)).toBe(1));
  it.each(blocks('### ✅ Correct'))('accepts %#', (code) => expect(count(code)).toBe(0));
});
