import rule from '../../src/rules/require-task-metadata.js';
import { ruleTester } from '../rule-tester.js';

// Relative filenames are joined to the working directory, so the derived names are stable.
const WORKER = 'services/billing/src/workers/invoice-sync.ts';
const SERVICE = 'services/billing/src/invoices/invoice.service.ts';
const HANDLER = 'services/billing/src/routes/events.ts';
const COMPONENT = 'apps/dashboard/src/components/ReportPanel.tsx';
const SCRIPT = 'services/billing/src/jobs/nightly.cjs';

const MANAGER_IMPORT = "import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';";

// A team that injects its scheduler and nests options under `opts`.
const SCHEDULER = {
  'async-governance': {
    manager: {
      module: '@acme/scheduler',
      getter: 'getScheduler',
      receivers: ['schedulerService'],
      submit: ['schedule', 'enqueue'],
      fields: { id: 'name', run: 'handler', priority: 'opts.priority', tags: 'opts.labels' },
      priorityEnum: 'JobPriority',
      priorities: ['URGENT', 'ROUTINE', 'DEFERRED'],
      defaultPriority: 'ROUTINE',
      requiredTags: ['team', 'service'],
    },
  },
};

const API = 'getBackgroundTaskManager().submitEnhancedTask(...)';
const DEFAULT_DATA = { id: 'taskId', priority: 'priority', priorityEnum: 'TaskPriority', tags: 'tags', requiredTags: '`service`, `type`, `component`' };
const SCHEDULER_DATA = { id: 'name', priority: 'opts.priority', priorityEnum: 'JobPriority', tags: 'opts.labels', requiredTags: '`team`, `service`' };

/** The single report of a submission, naming its problems and the manager call to use. */
const incomplete = (problems: string, api = API, data: Partial<typeof DEFAULT_DATA> = {}) => ({
  messageId: 'incompleteSubmission' as const,
  data: { ...DEFAULT_DATA, ...data, problems, api },
});

ruleTester.run('require-task-metadata', rule, {
  valid: [
    // complete submissions, however the manager is reached
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
export function startInvoiceSync() {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'invoice-sync.run',
    coroutine: syncInvoices,
    priority: TaskPriority.HIGH,
    tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
  });
}`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
const tasks = getBackgroundTaskManager();
export function scheduleCleanup(tenantId: string) {
  return tasks.submitEnhancedTask({
    taskId: \`cleanup.\${tenantId}\`,
    coroutine: async () => { await purgeExpired(tenantId); },
    priority: TaskPriority.BACKGROUND,
    tags: { service: 'billing', type: 'cleanup', component: 'sessions' },
  });
}`,
    },
    {
      filename: SERVICE,
      code: `${MANAGER_IMPORT}
export class InvoiceService {
  private readonly tasks = getBackgroundTaskManager();
  start() {
    this.tasks.submitEnhancedTask({
      taskId: 'invoice-service.sync',
      coroutine: () => this.sync(),
      priority: TaskPriority.NORMAL,
      tags: { service: 'billing', type: 'sync', component: 'invoice-service' },
    });
  }
  private async sync() {}
}`,
    },
    {
      filename: SERVICE,
      code: `${MANAGER_IMPORT}
export class ReminderService {
  private tasks;
  constructor() {
    this.tasks = getBackgroundTaskManager();
  }
  start() {
    this.tasks.submitEnhancedTask({
      taskId: 'reminders.send',
      coroutine: this.sendReminders.bind(this),
      priority: TaskPriority.LOW,
      tags: { service: 'billing', type: 'notification', component: 'reminders' },
    });
  }
  async sendReminders() {}
}`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
export async function boot() {
  const manager = await getBackgroundTaskManager();
  await manager.submitEnhancedTask({
    taskId: 'boot.warm-cache',
    coroutine: warmCache,
    priority: TaskPriority.CRITICAL,
    tags: { service: 'billing', type: 'cache', component: 'boot' },
  });
}`,
    },
    {
      filename: SERVICE,
      code: `${MANAGER_IMPORT}
export class LedgerService {
  readonly #tasks = getBackgroundTaskManager();
  start() {
    this.#tasks.submitEnhancedTask({
      'taskId': 'ledger.reconcile',
      'coroutine': () => this.reconcile(),
      'priority': TaskPriority['HIGH'],
      'tags': { 'service': 'billing', 'type': 'reconcile', 'component': 'ledger' },
    });
  }
  async reconcile() {}
}`,
    },
    {
      filename: WORKER,
      code: `import { container } from '@/infra/container';
import { TaskPriority } from '@/infra/background-manager';
container.getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'metrics.flush',
  coroutine: flushMetrics,
  priority: TaskPriority.LOW,
  tags: { service: 'billing', type: 'metrics', component: 'metrics' },
});`,
    },
    // the enum reached through an alias or a namespace
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority as Priority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'exports.build',
  coroutine: buildExports,
  priority: Priority.LOW,
  tags: { service: 'billing', type: 'export', component: 'exports' },
});`,
    },
    {
      filename: WORKER,
      code: `import * as bg from '@/infra/background-manager';
bg.getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'exports.build',
  coroutine: buildExports,
  priority: bg.TaskPriority.LOW,
  tags: { service: 'billing', type: 'export', component: 'exports' },
});`,
    },
    // values decided at runtime are not second-guessed
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
export function submitJob(job: Job) {
  return getBackgroundTaskManager().submitEnhancedTask({
    taskId: job.id,
    coroutine: () => job.run(),
    priority: job.priority,
    tags: job.tags,
  });
}`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
export function submitAtLevel(level: keyof typeof TaskPriority) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'reports.render',
    coroutine: renderReports,
    priority: TaskPriority[level],
    tags: { service: 'billing', type: 'report', component: 'reports' },
  });
}`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
export function retryPayment(attempt: number) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'payments.retry',
    coroutine: chargeAgain,
    priority: attempt > 3 ? TaskPriority.LOW : TaskPriority.HIGH,
    tags: { service: 'billing', type: 'retry', component: 'payments' },
  });
}`,
    },
    // tags built elsewhere: the report checks them across files
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
import { COMMON_TAGS } from './tags';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'digest.send',
  coroutine: sendDigest,
  priority: TaskPriority.NORMAL,
  tags: COMMON_TAGS,
});`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'digest.send',
  coroutine: sendDigest,
  priority: TaskPriority.NORMAL,
  tags: buildTags('digest'),
});`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
import { BASE_TAGS } from './tags';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'digest.send',
  coroutine: sendDigest,
  priority: TaskPriority.NORMAL,
  tags: { ...BASE_TAGS, component: 'digest' },
});`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
const TAG = 'component';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'digest.send',
  coroutine: sendDigest,
  priority: TaskPriority.NORMAL,
  tags: { service: 'billing', type: 'email', [TAG]: 'digest' },
});`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
export function submitDigest(service: string, type: string, component: string) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'digest.send',
    coroutine: sendDigest,
    priority: TaskPriority.NORMAL,
    tags: { service, type, component },
  });
}`,
    },
    // options that come from elsewhere or are spread in
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
import { DEFAULT_TASK } from './defaults';
getBackgroundTaskManager().submitEnhancedTask({ ...DEFAULT_TASK, coroutine: sendDigest });`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
export function submit(options: TaskOptions) {
  return getBackgroundTaskManager().submitEnhancedTask(options);
}`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
export function submitAll(...args: [TaskOptions]) {
  return getBackgroundTaskManager().submitEnhancedTask(...args);
}`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
const task = { taskId: 'audit.flush', coroutine: flushAudit };
task.priority = TaskPriority.LOW;
getBackgroundTaskManager().submitEnhancedTask(task);`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
const task = {
  taskId: 'audit.flush',
  coroutine: flushAudit,
  priority: TaskPriority.LOW,
  tags: { service: 'billing', type: 'audit', component: 'audit-log' },
} satisfies TaskOptions;
getBackgroundTaskManager().submitEnhancedTask(task);`,
    },
    // not the manager
    {
      filename: WORKER,
      code: `import { Queue } from 'bullmq';
const queue = new Queue('invoices');
export async function enqueueInvoice(id: string) {
  await queue.submitEnhancedTask({ id });
}`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
export function stats() {
  const manager = getBackgroundTaskManager();
  manager.cancel({ taskId: 'invoice-sync.run' });
  return manager.getStats({ detailed: true });
}`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
let tasks = getBackgroundTaskManager();
export function useFakeManager(fake: typeof tasks) {
  tasks = fake;
}
tasks.submitEnhancedTask({ coroutine: sendDigest });`,
    },
    {
      filename: SERVICE,
      code: `export class PollingService {
  constructor(private readonly schedulerService: Scheduler) {}
  start() {
    this.schedulerService.schedule({ run: () => this.poll() });
  }
  async poll() {}
}`,
    },
    // exempt files
    {
      filename: 'services/billing/src/workers/invoice-sync.test.ts',
      code: `${MANAGER_IMPORT}
it('submits', () => {
  getBackgroundTaskManager().submitEnhancedTask({ coroutine: async () => {} });
});`,
    },
    {
      filename: 'services/billing/src/__tests__/manager.ts',
      code: `${MANAGER_IMPORT}
getBackgroundTaskManager().submitEnhancedTask({ coroutine: async () => {}, priority: 'high' });`,
    },
    {
      filename: 'services/billing/src/infra/background-manager/shutdown.ts',
      settings: { 'async-governance': { exemptions: { frameworkInternals: ['**/infra/background-manager/**'] } } },
      code: `export function drainOnShutdown(manager: Manager) {
  const tasks = getBackgroundTaskManager();
  tasks.submitEnhancedTask({ coroutine: () => manager.drain() });
}`,
    },
    // React effects and SSE handlers that submit complete tasks
    {
      filename: COMPONENT,
      code: `import { useEffect } from 'react';
${MANAGER_IMPORT}
export function ReportPanel({ reportId }: { reportId: string }) {
  useEffect(() => {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: \`report-panel.prefetch.\${reportId}\`,
      coroutine: () => prefetchReport(reportId),
      priority: TaskPriority.LOW,
      tags: { service: 'dashboard', type: 'prefetch', component: 'report-panel' },
    });
  }, [reportId]);
  return null;
}`,
    },
    {
      filename: HANDLER,
      code: `import express from 'express';
${MANAGER_IMPORT}
const router = express.Router();
router.get('/events', (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'events.audit',
    coroutine: () => recordSubscription(req.ip),
    priority: TaskPriority.BACKGROUND,
    tags: { service: 'billing', type: 'audit', component: 'events' },
  });
});`,
    },
    // CommonJS
    {
      filename: SCRIPT,
      code: `const { getBackgroundTaskManager, TaskPriority } = require('@/infra/background-manager');
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'nightly.rollup',
  coroutine: rollup,
  priority: TaskPriority.LOW,
  tags: { service: 'billing', type: 'rollup', component: 'nightly' },
});
module.exports = {};`,
    },
    // custom manager settings
    {
      filename: SERVICE,
      settings: SCHEDULER,
      code: `import { JobPriority } from '@acme/scheduler';
export class PollingService {
  constructor(private readonly schedulerService: Scheduler) {}
  start() {
    this.schedulerService.schedule({
      name: 'polling.poll',
      handler: () => this.poll(),
      opts: { priority: JobPriority.DEFERRED, labels: { team: 'payments', service: 'billing' } },
    });
  }
  async poll() {}
}`,
    },
    {
      filename: SERVICE,
      settings: SCHEDULER,
      code: `import { getScheduler, JobPriority } from '@acme/scheduler';
getScheduler().enqueue({
  name: 'ledger.close',
  handler: closeLedger,
  opts: { priority: JobPriority.URGENT, labels: { team: 'payments', service: 'billing', region: 'eu' } },
});`,
    },
    {
      filename: SERVICE,
      settings: SCHEDULER,
      code: `export function register(services: Services) {
  services.schedulerService.enqueue({
    name: 'ledger.close',
    handler: closeLedger,
    opts: { ...DEFAULT_OPTS, labels: { team: 'payments', service: 'billing' } },
  });
}`,
    },
    {
      filename: SERVICE,
      settings: SCHEDULER,
      code: `export function register(services: Services) {
  services.schedulerService.enqueue({ name: 'ledger.close', handler: closeLedger, opts: buildOpts('ledger') });
}`,
    },
    {
      filename: SERVICE,
      settings: SCHEDULER,
      code: `${MANAGER_IMPORT}
// With a custom getter, the default one is not the manager.
getBackgroundTaskManager().submitEnhancedTask({ coroutine: sendDigest });`,
    },
    {
      filename: SERVICE,
      settings: SCHEDULER,
      code: `import { JobPriority } from '@acme/scheduler';
// A team enum that is not the configured one may be an alias: left alone.
schedulerService.schedule({
  name: 'ledger.close',
  handler: closeLedger,
  opts: { priority: LegacyPriority.HIGH, labels: { team: 'payments', service: 'billing' } },
});`,
    },
    {
      filename: SERVICE,
      settings: { 'async-governance': { manager: { requiredTags: [] } } },
      code: `${MANAGER_IMPORT}
getBackgroundTaskManager().submitEnhancedTask({ taskId: 'digest.send', coroutine: sendDigest, priority: TaskPriority.LOW });`,
    },
    // retry helpers that forward caller options, and typed wrappers
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
export function submitWithRetry(options: TaskOptions, attempts = 3) {
  return getBackgroundTaskManager().submitEnhancedTask({
    ...options,
    coroutine: async () => {
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          return await options.coroutine();
        } catch (error) {
          if (attempt === attempts) throw error;
        }
      }
    },
  });
}`,
    },
    {
      filename: WORKER,
      code: `${MANAGER_IMPORT}
export function submitTagged(extra?: Record<string, string>) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'exports.build',
    async coroutine() {
      await buildExports();
    },
    priority: TaskPriority.HIGH as TaskPriority,
    tags: { ...(extra ?? {}), service: 'billing', type: 'export', component: 'exports' } as const,
  });
}`,
    },
    {
      filename: 'services/billing/src/workers/thumbnails.worker.mjs',
      code: `import { parentPort } from 'node:worker_threads';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
parentPort.on('message', (job) => {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: \`thumbnails.\${job.id}\`,
    coroutine: () => renderThumbnail(job),
    priority: TaskPriority.BACKGROUND,
    tags: { service: 'billing', type: 'thumbnail', component: 'thumbnails-worker' },
  });
});`,
    },
    {
      filename: SERVICE,
      code: `${MANAGER_IMPORT}
// Another library's submit method on an unrelated object is not the manager.
export class ExportService {
  constructor(private readonly pool: WorkerPool) {}
  start() {
    this.pool.submitEnhancedTask({ run: () => this.export() });
    workerpool.pool().submitEnhancedTask({ run: () => this.export() });
  }
  async export() {}
}`,
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, Priority } from '@/infra/background-manager';
import { PRIORITIES } from './priorities';
// A name exported by the manager's module, and a team map of priorities: not second-guessed.
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'exports.build',
  coroutine: buildExports,
  priority: Priority.LOW,
  tags: { service: 'billing', type: 'export', component: 'exports' },
});
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'exports.clean',
  coroutine: cleanExports,
  priority: PRIORITIES.HIGH,
  tags: { service: 'billing', type: 'export', component: 'exports' },
});`,
    },
  ],
  invalid: [
    // missing priority: autofix with the default member, import extended
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager } from '@/infra/background-manager';
export function startInvoiceSync() {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'invoice-sync.run',
    coroutine: syncInvoices,
    tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
  });
}`,
      output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export function startInvoiceSync() {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'invoice-sync.run',
    coroutine: syncInvoices,
    tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
    priority: TaskPriority.NORMAL,
  });
}`,
      errors: [
        {
          ...incomplete('no `priority`'),
          line: 3,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager } from '../infra/tasks';
import { syncInvoices } from './sync';

getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' }
});`,
      output: `import { getBackgroundTaskManager } from '../infra/tasks';
import { syncInvoices } from './sync';
import { TaskPriority } from '@/infra/background-manager';

getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
  priority: TaskPriority.NORMAL
});`,
      errors: [
        {
          ...incomplete('no `priority`'),
          line: 4,
          column: 1,
          suggestions: [],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({ taskId: 'invoice-sync.run', coroutine: syncInvoices, tags: { service: 'billing', type: 'sync', component: 'invoice-sync' } });`,
      output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({ taskId: 'invoice-sync.run', coroutine: syncInvoices, tags: { service: 'billing', type: 'sync', component: 'invoice-sync' }, priority: TaskPriority.NORMAL });`,
      errors: [
        {
          ...incomplete('no `priority`'),
          line: 2,
          column: 1,
          suggestions: [],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' }, // owned by billing
});`,
      output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' }, // owned by billing
  priority: TaskPriority.NORMAL,
});`,
      errors: [
        {
          ...incomplete('no `priority`'),
          line: 2,
          column: 1,
          suggestions: [],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' } // owned by billing
});`,
      output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' }, // owned by billing
  priority: TaskPriority.NORMAL
});`,
      errors: [
        {
          ...incomplete('no `priority`'),
          line: 2,
          column: 1,
          suggestions: [],
        },
      ],
    },
    // literal priorities that name a member are mapped
    {
      filename: SERVICE,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export class InvoiceService {
  private readonly tasks = getBackgroundTaskManager();
  start() {
    this.tasks.submitEnhancedTask({
      taskId: 'invoice-service.sync',
      coroutine: () => this.sync(),
      priority: 'high',
      tags: { service: 'billing', type: 'sync', component: 'invoice-service' },
    });
  }
  private async sync() {}
}`,
      output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export class InvoiceService {
  private readonly tasks = getBackgroundTaskManager();
  start() {
    this.tasks.submitEnhancedTask({
      taskId: 'invoice-service.sync',
      coroutine: () => this.sync(),
      priority: TaskPriority.HIGH,
      tags: { service: 'billing', type: 'sync', component: 'invoice-service' },
    });
  }
  private async sync() {}
}`,
      errors: [
        {
          ...incomplete('`priority` is the literal \'high\', not a TaskPriority member'),
          line: 5,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager } from '@/infra/background-manager';
const tasks = getBackgroundTaskManager();
tasks.submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: "HIGH",
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});`,
      output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
const tasks = getBackgroundTaskManager();
tasks.submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});`,
      errors: [
        {
          ...incomplete('`priority` is the literal "HIGH", not a TaskPriority member'),
          line: 3,
          column: 1,
          suggestions: [],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export function retryPayment(attempt: number) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'payments.retry',
    coroutine: chargeAgain,
    priority: attempt > 3 ? \`low\` : TaskPriority.HIGH,
    tags: { service: 'billing', type: 'retry', component: 'payments' },
  });
}`,
      output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export function retryPayment(attempt: number) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'payments.retry',
    coroutine: chargeAgain,
    priority: attempt > 3 ? TaskPriority.LOW : TaskPriority.HIGH,
    tags: { service: 'billing', type: 'retry', component: 'payments' },
  });
}`,
      errors: [
        {
          ...incomplete('`priority` is the literal `low`, not a TaskPriority member'),
          line: 3,
          column: 3,
          suggestions: [],
        },
      ],
    },
    // literals and members that match no member get a suggestion
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: 'urgent',
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});`,
      output: null,
      errors: [
        {
          ...incomplete('`priority` is the literal \'urgent\', not a TaskPriority member'),
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'usePriority', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.NORMAL,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});` },
          ],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: 1,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});`,
      output: null,
      errors: [
        {
          ...incomplete('`priority` is the literal 1, not a TaskPriority member'),
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'usePriority', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.NORMAL,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});` },
          ],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.URGENT,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});`,
      output: null,
      errors: [
        {
          ...incomplete('`TaskPriority.URGENT` is not one of TaskPriority.CRITICAL/HIGH/NORMAL/LOW/BACKGROUND'),
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'usePriority', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.NORMAL,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});` },
          ],
        },
      ],
    },
    // members are case-sensitive
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.High,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});`,
      output: null,
      errors: [
        {
          ...incomplete('`TaskPriority.High` is not one of TaskPriority.CRITICAL/HIGH/NORMAL/LOW/BACKGROUND'),
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'usePriority', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});` },
          ],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: undefined,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});`,
      output: null,
      errors: [
        {
          ...incomplete('`priority` is the literal undefined, not a TaskPriority member'),
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'usePriority', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.NORMAL,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});` },
          ],
        },
      ],
    },
    // task id suggestions are derived from file, class and function
    {
      filename: SERVICE,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export class InvoiceService {
  private tasks;
  constructor() {
    this.tasks = getBackgroundTaskManager();
  }
  start() {
    this.tasks.submitEnhancedTask({
      coroutine: this.syncInvoices.bind(this),
      priority: TaskPriority.NORMAL,
      tags: { service: 'billing', type: 'sync', component: 'invoice-service' },
    });
  }
  async syncInvoices() {}
}`,
      output: null,
      errors: [
        {
          ...incomplete('no `taskId`'),
          line: 8,
          column: 5,
          suggestions: [
            { messageId: 'addTaskId', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export class InvoiceService {
  private tasks;
  constructor() {
    this.tasks = getBackgroundTaskManager();
  }
  start() {
    this.tasks.submitEnhancedTask({
      coroutine: this.syncInvoices.bind(this),
      priority: TaskPriority.NORMAL,
      tags: { service: 'billing', type: 'sync', component: 'invoice-service' },
      taskId: 'invoice-service.sync-invoices',
    });
  }
  async syncInvoices() {}
}` },
          ],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export async function scheduleCleanup() {
  const manager = await getBackgroundTaskManager();
  await manager.submitEnhancedTask({
    taskId: '',
    coroutine: async () => {
      await purgeExpiredSessions();
    },
    priority: TaskPriority.LOW,
    tags: { service: 'billing', type: 'cleanup', component: 'sessions' },
  });
}`,
      output: null,
      errors: [
        {
          ...incomplete('an empty `taskId`'),
          line: 4,
          column: 9,
          suggestions: [
            { messageId: 'addTaskId', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export async function scheduleCleanup() {
  const manager = await getBackgroundTaskManager();
  await manager.submitEnhancedTask({
    taskId: 'invoice-sync.purge-expired-sessions',
    coroutine: async () => {
      await purgeExpiredSessions();
    },
    priority: TaskPriority.LOW,
    tags: { service: 'billing', type: 'cleanup', component: 'sessions' },
  });
}` },
          ],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export function startDigest() {
  getBackgroundTaskManager().submitEnhancedTask({ coroutine: sendDigestEmails, priority: TaskPriority.LOW, tags: { service: 'billing', type: 'email', component: 'digest' } });
}`,
      output: null,
      errors: [
        {
          ...incomplete('no `taskId`'),
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addTaskId', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export function startDigest() {
  getBackgroundTaskManager().submitEnhancedTask({ coroutine: sendDigestEmails, priority: TaskPriority.LOW, tags: { service: 'billing', type: 'email', component: 'digest' }, taskId: 'invoice-sync.send-digest-emails' });
}` },
          ],
        },
      ],
    },
    // missing tags and tag keys
    {
      filename: SERVICE,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export class LedgerService {
  readonly #tasks = getBackgroundTaskManager();
  start() {
    this.#tasks.submitEnhancedTask({
      taskId: 'ledger.reconcile',
      coroutine: () => this.reconcileLedger(),
      priority: TaskPriority.HIGH,
    });
  }
  async reconcileLedger() {}
}`,
      output: null,
      errors: [
        {
          ...incomplete('no `tags`'),
          line: 5,
          column: 5,
          suggestions: [
            { messageId: 'addTags', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export class LedgerService {
  readonly #tasks = getBackgroundTaskManager();
  start() {
    this.#tasks.submitEnhancedTask({
      taskId: 'ledger.reconcile',
      coroutine: () => this.reconcileLedger(),
      priority: TaskPriority.HIGH,
      tags: { service: 'billing', type: 'reconcile', component: 'ledger-service' },
    });
  }
  async reconcileLedger() {}
}` },
          ],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
  tags: { service: 'billing' },
});`,
      output: null,
      errors: [
        {
          ...incomplete('`tags` lacks `type`, `component`'),
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'addTags', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});` },
          ],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
  tags: {
    service: 'billing',
    type: 'sync',
  },
});`,
      output: null,
      errors: [
        {
          ...incomplete('`tags` lacks `component`'),
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'addTags', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
  tags: {
    service: 'billing',
    type: 'sync',
    component: 'invoice-sync',
  },
});` },
          ],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
  tags: {},
});`,
      output: null,
      errors: [
        {
          ...incomplete('`tags` lacks `service`, `type`, `component`'),
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'addTags', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});` },
          ],
        },
      ],
    },
    // everything missing: one report naming every problem
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager } from '@/infra/background-manager';
export function startInvoiceSync() {
  getBackgroundTaskManager().submitEnhancedTask({
    coroutine: async () => {
      await syncInvoices();
    },
  });
}`,
      output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export function startInvoiceSync() {
  getBackgroundTaskManager().submitEnhancedTask({
    coroutine: async () => {
      await syncInvoices();
    },
    priority: TaskPriority.NORMAL,
  });
}`,
      errors: [
        {
          ...incomplete('no `taskId`; no `priority`; no `tags`'),
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'addTaskId', output: `import { getBackgroundTaskManager } from '@/infra/background-manager';
export function startInvoiceSync() {
  getBackgroundTaskManager().submitEnhancedTask({
    coroutine: async () => {
      await syncInvoices();
    },
    taskId: 'invoice-sync.sync-invoices',
  });
}` },
            { messageId: 'addTags', output: `import { getBackgroundTaskManager } from '@/infra/background-manager';
export function startInvoiceSync() {
  getBackgroundTaskManager().submitEnhancedTask({
    coroutine: async () => {
      await syncInvoices();
    },
    tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
  });
}` },
          ],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({});`,
      output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({ priority: TaskPriority.NORMAL });`,
      errors: [
        {
          ...incomplete('no `taskId`; no `priority`; no `tags`'),
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'addTaskId', output: `import { getBackgroundTaskManager } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({ taskId: 'invoice-sync.task' });` },
            { messageId: 'addTags', output: `import { getBackgroundTaskManager } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({ tags: { service: 'billing', type: 'background', component: 'invoice-sync' } });` },
          ],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export function startAll() {
  getBackgroundTaskManager().submitEnhancedTask({ taskId: 'a.one', coroutine: one, priority: 'low', tags: { service: 'billing', type: 'sync', component: 'a' } });
  getBackgroundTaskManager().submitEnhancedTask({ taskId: 'a.two', coroutine: two, priority: TaskPriority.LOW, tags: { service: 'billing' } });
}`,
      output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export function startAll() {
  getBackgroundTaskManager().submitEnhancedTask({ taskId: 'a.one', coroutine: one, priority: TaskPriority.LOW, tags: { service: 'billing', type: 'sync', component: 'a' } });
  getBackgroundTaskManager().submitEnhancedTask({ taskId: 'a.two', coroutine: two, priority: TaskPriority.LOW, tags: { service: 'billing' } });
}`,
      errors: [
        {
          ...incomplete('`priority` is the literal \'low\', not a TaskPriority member'),
          line: 3,
          column: 3,
          suggestions: [],
        },
        {
          ...incomplete('`tags` lacks `type`, `component`'),
          line: 4,
          column: 3,
          suggestions: [
            { messageId: 'addTags', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export function startAll() {
  getBackgroundTaskManager().submitEnhancedTask({ taskId: 'a.one', coroutine: one, priority: 'low', tags: { service: 'billing', type: 'sync', component: 'a' } });
  getBackgroundTaskManager().submitEnhancedTask({ taskId: 'a.two', coroutine: two, priority: TaskPriority.LOW, tags: { service: 'billing', type: 'two', component: 'invoice-sync' } });
}` },
          ],
        },
      ],
    },
    // options held in a constant
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager } from '@/infra/background-manager';
const refreshTask = {
  taskId: 'rates.refresh',
  coroutine: refreshRates,
  tags: { service: 'billing', type: 'refresh', component: 'rates' },
};
getBackgroundTaskManager().submitEnhancedTask(refreshTask);`,
      output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
const refreshTask = {
  taskId: 'rates.refresh',
  coroutine: refreshRates,
  tags: { service: 'billing', type: 'refresh', component: 'rates' },
  priority: TaskPriority.NORMAL,
};
getBackgroundTaskManager().submitEnhancedTask(refreshTask);`,
      errors: [
        {
          ...incomplete('no `priority`'),
          line: 7,
          column: 1,
          suggestions: [],
        },
      ],
    },
    // the enum already bound: namespace, alias, type-only import
    {
      filename: WORKER,
      code: `import * as bg from '@/infra/background-manager';
bg.getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'exports.build',
  coroutine: buildExports,
  tags: { service: 'billing', type: 'export', component: 'exports' },
});`,
      output: `import * as bg from '@/infra/background-manager';
bg.getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'exports.build',
  coroutine: buildExports,
  tags: { service: 'billing', type: 'export', component: 'exports' },
  priority: bg.TaskPriority.NORMAL,
});`,
      errors: [
        {
          ...incomplete('no `priority`'),
          line: 2,
          column: 1,
          suggestions: [],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority as Priority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'exports.build',
  coroutine: buildExports,
  priority: 'low',
  tags: { service: 'billing', type: 'export', component: 'exports' },
});`,
      output: `import { getBackgroundTaskManager, TaskPriority as Priority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'exports.build',
  coroutine: buildExports,
  priority: Priority.LOW,
  tags: { service: 'billing', type: 'export', component: 'exports' },
});`,
      errors: [
        {
          ...incomplete('`priority` is the literal \'low\', not a TaskPriority member'),
          line: 2,
          column: 1,
          suggestions: [],
        },
      ],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager } from '@/infra/background-manager';
import type { TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'exports.build',
  coroutine: buildExports,
  tags: { service: 'billing', type: 'export', component: 'exports' },
});`,
      output: null,
      errors: [
        {
          ...incomplete('no `priority`'),
          line: 3,
          column: 1,
          suggestions: [],
        },
      ],
    },
    // a local type named like the enum is no value to reference: no autofix
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager } from '@/infra/background-manager';
type TaskPriority = 'HIGH' | 'LOW';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'exports.build',
  coroutine: buildExports,
  tags: { service: 'billing', type: 'export', component: 'exports' },
});`,
      output: null,
      errors: [{ ...incomplete('no `priority`'), line: 3, column: 1, suggestions: [] }],
    },
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager } from '@/infra/background-manager';
interface TaskPriority { level: number }
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'exports.build',
  coroutine: buildExports,
  tags: { service: 'billing', type: 'export', component: 'exports' },
});`,
      output: null,
      errors: [{ ...incomplete('no `priority`'), line: 3, column: 1, suggestions: [] }],
    },
    // CommonJS files get a require, never an import
    {
      filename: SCRIPT,
      code: `'use strict';
const { getBackgroundTaskManager } = require('@/infra/background-manager');

getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'nightly.rollup',
  coroutine: rollup,
  tags: { service: 'billing', type: 'rollup', component: 'nightly' },
});`,
      output: `'use strict';
const { getBackgroundTaskManager, TaskPriority } = require('@/infra/background-manager');

getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'nightly.rollup',
  coroutine: rollup,
  tags: { service: 'billing', type: 'rollup', component: 'nightly' },
  priority: TaskPriority.NORMAL,
});`,
      errors: [
        {
          ...incomplete('no `priority`'),
          line: 4,
          column: 1,
          suggestions: [],
        },
      ],
    },
    {
      filename: "services/billing/src/jobs/nightly.js",
      code: `const { getBackgroundTaskManager } = require('../infra/tasks');
const { rollup } = require('./rollup');

getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'nightly.rollup',
  coroutine: rollup,
  priority: 'low',
  tags: { service: 'billing', type: 'rollup', component: 'nightly' },
});
module.exports = { rollup };`,
      output: `const { getBackgroundTaskManager } = require('../infra/tasks');
const { rollup } = require('./rollup');
const { TaskPriority } = require('@/infra/background-manager');

getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'nightly.rollup',
  coroutine: rollup,
  priority: TaskPriority.LOW,
  tags: { service: 'billing', type: 'rollup', component: 'nightly' },
});
module.exports = { rollup };`,
      errors: [
        {
          ...incomplete('`priority` is the literal \'low\', not a TaskPriority member'),
          line: 4,
          column: 1,
          suggestions: [],
        },
      ],
    },
    // React effects and request handlers are not exempt
    {
      filename: COMPONENT,
      code: `import { useEffect } from 'react';
import { getBackgroundTaskManager } from '@/infra/background-manager';
export function ReportPanel({ reportId }: { reportId: string }) {
  useEffect(() => {
    getBackgroundTaskManager().submitEnhancedTask({
      coroutine: () => prefetchReport(reportId),
      priority: 'low',
    });
  }, [reportId]);
  return null;
}`,
      output: `import { useEffect } from 'react';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export function ReportPanel({ reportId }: { reportId: string }) {
  useEffect(() => {
    getBackgroundTaskManager().submitEnhancedTask({
      coroutine: () => prefetchReport(reportId),
      priority: TaskPriority.LOW,
    });
  }, [reportId]);
  return null;
}`,
      errors: [
        {
          ...incomplete('no `taskId`; `priority` is the literal \'low\', not a TaskPriority member; no `tags`'),
          line: 5,
          column: 5,
          suggestions: [
            { messageId: 'addTaskId', output: `import { useEffect } from 'react';
import { getBackgroundTaskManager } from '@/infra/background-manager';
export function ReportPanel({ reportId }: { reportId: string }) {
  useEffect(() => {
    getBackgroundTaskManager().submitEnhancedTask({
      coroutine: () => prefetchReport(reportId),
      priority: 'low',
      taskId: 'report-panel.prefetch-report',
    });
  }, [reportId]);
  return null;
}` },
            { messageId: 'addTags', output: `import { useEffect } from 'react';
import { getBackgroundTaskManager } from '@/infra/background-manager';
export function ReportPanel({ reportId }: { reportId: string }) {
  useEffect(() => {
    getBackgroundTaskManager().submitEnhancedTask({
      coroutine: () => prefetchReport(reportId),
      priority: 'low',
      tags: { service: 'dashboard', type: 'prefetch', component: 'report-panel' },
    });
  }, [reportId]);
  return null;
}` },
          ],
        },
      ],
    },
    {
      filename: HANDLER,
      code: `import express from 'express';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
const router = express.Router();
router.get('/events', (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'events.audit',
    coroutine: () => recordSubscription(req.ip),
    tags: { service: 'billing', type: 'audit' },
  });
});`,
      output: `import express from 'express';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
const router = express.Router();
router.get('/events', (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'events.audit',
    coroutine: () => recordSubscription(req.ip),
    tags: { service: 'billing', type: 'audit' },
    priority: TaskPriority.NORMAL,
  });
});`,
      errors: [
        {
          ...incomplete('no `priority`; `tags` lacks `component`'),
          line: 6,
          column: 3,
          suggestions: [
            { messageId: 'addTags', output: `import express from 'express';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
const router = express.Router();
router.get('/events', (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'events.audit',
    coroutine: () => recordSubscription(req.ip),
    tags: { service: 'billing', type: 'audit', component: 'events' },
  });
});` },
          ],
        },
      ],
    },
    // periodic submissions carry the same metadata
    {
      filename: WORKER,
      settings: { 'async-governance': { manager: { periodic: { method: 'submitPeriodicTask', interval: 'intervalMs' } } } },
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitPeriodicTask({
  taskId: 'metrics.flush',
  coroutine: flushMetrics,
  intervalMs: 10_000,
  tags: { service: 'billing', type: 'metrics', component: 'metrics' },
});`,
      output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitPeriodicTask({
  taskId: 'metrics.flush',
  coroutine: flushMetrics,
  intervalMs: 10_000,
  tags: { service: 'billing', type: 'metrics', component: 'metrics' },
  priority: TaskPriority.NORMAL,
});`,
      errors: [
        {
          ...incomplete('no `priority`', 'getBackgroundTaskManager().submitPeriodicTask(...)'),
          line: 2,
          column: 1,
          suggestions: [],
        },
      ],
    },
    // custom manager: injected receiver, dotted fields, another enum
    {
      filename: SERVICE,
      settings: SCHEDULER,
      code: `import { JobPriority } from '@acme/scheduler';
export class PollingService {
  constructor(private readonly schedulerService: Scheduler) {}
  start() {
    this.schedulerService.schedule({
      name: 'polling.poll',
      handler: () => this.poll(),
      opts: {
        labels: { team: 'payments', service: 'billing' },
      },
    });
  }
  async poll() {}
}`,
      output: `import { JobPriority } from '@acme/scheduler';
export class PollingService {
  constructor(private readonly schedulerService: Scheduler) {}
  start() {
    this.schedulerService.schedule({
      name: 'polling.poll',
      handler: () => this.poll(),
      opts: {
        labels: { team: 'payments', service: 'billing' },
        priority: JobPriority.ROUTINE,
      },
    });
  }
  async poll() {}
}`,
      errors: [
        {
          ...incomplete('no `opts.priority`', 'this.schedulerService.schedule(...)', SCHEDULER_DATA),
          line: 5,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      filename: SERVICE,
      settings: SCHEDULER,
      code: `export class PollingService {
  constructor(private readonly schedulerService: Scheduler) {}
  start() {
    this.schedulerService.schedule({ name: 'polling.poll', handler: () => this.poll() });
  }
  async poll() {}
}`,
      output: `import { JobPriority } from '@acme/scheduler';
export class PollingService {
  constructor(private readonly schedulerService: Scheduler) {}
  start() {
    this.schedulerService.schedule({ name: 'polling.poll', handler: () => this.poll(), opts: { priority: JobPriority.ROUTINE } });
  }
  async poll() {}
}`,
      errors: [
        {
          ...incomplete('no `opts.priority`; no `opts.labels`', 'this.schedulerService.schedule(...)', SCHEDULER_DATA),
          line: 4,
          column: 5,
          suggestions: [
            { messageId: 'addTags', output: `export class PollingService {
  constructor(private readonly schedulerService: Scheduler) {}
  start() {
    this.schedulerService.schedule({ name: 'polling.poll', handler: () => this.poll(), opts: { labels: { team: 'billing', service: 'billing' } } });
  }
  async poll() {}
}` },
          ],
        },
      ],
    },
    {
      filename: SERVICE,
      settings: SCHEDULER,
      code: `import { getScheduler } from '@acme/scheduler';
getScheduler().enqueue({
  name: 'ledger.close',
  handler: closeLedger,
  opts: { priority: 'urgent', labels: { service: 'billing' } },
});`,
      output: `import { getScheduler, JobPriority } from '@acme/scheduler';
getScheduler().enqueue({
  name: 'ledger.close',
  handler: closeLedger,
  opts: { priority: JobPriority.URGENT, labels: { service: 'billing' } },
});`,
      errors: [
        {
          ...incomplete('`opts.priority` is the literal \'urgent\', not a JobPriority member; `opts.labels` lacks `team`', 'getScheduler().enqueue(...)', SCHEDULER_DATA),
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'addTags', output: `import { getScheduler } from '@acme/scheduler';
getScheduler().enqueue({
  name: 'ledger.close',
  handler: closeLedger,
  opts: { priority: 'urgent', labels: { service: 'billing', team: 'billing' } },
});` },
          ],
        },
      ],
    },
    {
      filename: SERVICE,
      settings: SCHEDULER,
      code: `import { JobPriority } from '@acme/scheduler';
export function register(services: Services) {
  services.schedulerService.enqueue({
    name: 'ledger.close',
    handler: closeLedger,
    opts: { priority: JobPriority.NORMAL, labels: { team: 'payments', service: 'billing' } },
  });
}`,
      output: null,
      errors: [
        {
          ...incomplete('`JobPriority.NORMAL` is not one of JobPriority.URGENT/ROUTINE/DEFERRED', 'services.schedulerService.enqueue(...)', SCHEDULER_DATA),
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'usePriority', output: `import { JobPriority } from '@acme/scheduler';
export function register(services: Services) {
  services.schedulerService.enqueue({
    name: 'ledger.close',
    handler: closeLedger,
    opts: { priority: JobPriority.ROUTINE, labels: { team: 'payments', service: 'billing' } },
  });
}` },
          ],
        },
      ],
    },
    {
      filename: SERVICE,
      settings: SCHEDULER,
      code: `import { getScheduler } from '@acme/scheduler';
const scheduler = getScheduler();
export function register() {
  scheduler.schedule({ handler: closeLedger, opts: { priority: 'ROUTINE' } });
}`,
      output: `import { getScheduler, JobPriority } from '@acme/scheduler';
const scheduler = getScheduler();
export function register() {
  scheduler.schedule({ handler: closeLedger, opts: { priority: JobPriority.ROUTINE } });
}`,
      errors: [
        {
          ...incomplete('no `name`; `opts.priority` is the literal \'ROUTINE\', not a JobPriority member; no `opts.labels`', 'getScheduler().schedule(...)', SCHEDULER_DATA),
          line: 4,
          column: 3,
          suggestions: [
            { messageId: 'addTaskId', output: `import { getScheduler } from '@acme/scheduler';
const scheduler = getScheduler();
export function register() {
  scheduler.schedule({ handler: closeLedger, opts: { priority: 'ROUTINE' }, name: 'invoice-service.close-ledger' });
}` },
            { messageId: 'addTags', output: `import { getScheduler } from '@acme/scheduler';
const scheduler = getScheduler();
export function register() {
  scheduler.schedule({ handler: closeLedger, opts: { priority: 'ROUTINE', labels: { team: 'billing', service: 'billing' } } });
}` },
          ],
        },
      ],
    },
    // custom required tags: only the keys that can be derived are suggested
    {
      filename: WORKER,
      settings: { 'async-governance': { manager: { requiredTags: ['service', 'owner'] } } },
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
  tags: { owner: 'team-billing' },
});`,
      output: null,
      errors: [
        {
          ...incomplete('`tags` lacks `service`', 'getBackgroundTaskManager().submitEnhancedTask(...)', { requiredTags: '`service`, `owner`' }),
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'addTags', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
  tags: { owner: 'team-billing', service: 'billing' },
});` },
          ],
        },
      ],
    },
    {
      filename: WORKER,
      settings: { 'async-governance': { manager: { requiredTags: ['owner'] } } },
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
});`,
      output: null,
      errors: [
        {
          ...incomplete('no `tags`', 'getBackgroundTaskManager().submitEnhancedTask(...)', { requiredTags: '`owner`' }),
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'addTags', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
  tags: { owner: 'billing' },
});` },
          ],
        },
      ],
    },
    // a team tag that cannot be derived: reported without a made-up value
    {
      filename: WORKER,
      settings: { 'async-governance': { manager: { requiredTags: ['env'] } } },
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
});`,
      output: null,
      errors: [
        {
          ...incomplete('no `tags`', 'getBackgroundTaskManager().submitEnhancedTask(...)', { requiredTags: '`env`' }),
          line: 2,
          column: 1,
          suggestions: [],
        },
      ],
    },
    // two submissions in one file share the inserted import (applied over two passes)
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager } from '@/infra/background-manager';
export function startAll() {
  getBackgroundTaskManager().submitEnhancedTask({ taskId: 'a.one', coroutine: one, tags: { service: 'billing', type: 'sync', component: 'a' } });
  getBackgroundTaskManager().submitEnhancedTask({ taskId: 'a.two', coroutine: two, priority: 'high', tags: { service: 'billing', type: 'sync', component: 'a' } });
}`,
      output: [
        `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export function startAll() {
  getBackgroundTaskManager().submitEnhancedTask({ taskId: 'a.one', coroutine: one, tags: { service: 'billing', type: 'sync', component: 'a' }, priority: TaskPriority.NORMAL });
  getBackgroundTaskManager().submitEnhancedTask({ taskId: 'a.two', coroutine: two, priority: 'high', tags: { service: 'billing', type: 'sync', component: 'a' } });
}`,
        `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
export function startAll() {
  getBackgroundTaskManager().submitEnhancedTask({ taskId: 'a.one', coroutine: one, tags: { service: 'billing', type: 'sync', component: 'a' }, priority: TaskPriority.NORMAL });
  getBackgroundTaskManager().submitEnhancedTask({ taskId: 'a.two', coroutine: two, priority: TaskPriority.HIGH, tags: { service: 'billing', type: 'sync', component: 'a' } });
}`,
      ],
      errors: [
        { ...incomplete('no `priority`'), line: 3, column: 3, suggestions: [] },
        { ...incomplete("`priority` is the literal 'high', not a TaskPriority member"), line: 4, column: 3, suggestions: [] },
      ],
    },
    // another priority enum than the configured one
    {
      filename: WORKER,
      code: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
enum Priority {
  HIGH = 'high',
  LOW = 'low',
}
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: Priority.HIGH,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});`,
      output: null,
      errors: [
        {
          ...incomplete('`Priority.HIGH` is not a TaskPriority member'),
          line: 6,
          column: 1,
          suggestions: [
            { messageId: 'usePriority', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
enum Priority {
  HIGH = 'high',
  LOW = 'low',
}
getBackgroundTaskManager().submitEnhancedTask({
  taskId: 'invoice-sync.run',
  coroutine: syncInvoices,
  priority: TaskPriority.HIGH,
  tags: { service: 'billing', type: 'sync', component: 'invoice-sync' },
});` },
          ],
        },
      ],
    },
    {
      filename: SERVICE,
      settings: SCHEDULER,
      code: `import { TaskPriority } from '@/infra/background-manager';
export function register(services: Services) {
  services.schedulerService.enqueue({
    name: 'ledger.close',
    handler: closeLedger,
    opts: { priority: TaskPriority.HIGH, labels: { team: 'payments', service: 'billing' } },
  });
}`,
      output: null,
      errors: [
        {
          ...incomplete('`TaskPriority.HIGH` is not a JobPriority member', 'services.schedulerService.enqueue(...)', SCHEDULER_DATA),
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'usePriority', output: `import '@/infra/background-manager';
import { JobPriority } from '@acme/scheduler';
export function register(services: Services) {
  services.schedulerService.enqueue({
    name: 'ledger.close',
    handler: closeLedger,
    opts: { priority: JobPriority.ROUTINE, labels: { team: 'payments', service: 'billing' } },
  });
}` },
          ],
        },
      ],
    },
  ],
});
