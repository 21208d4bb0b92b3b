import noBlockingInAsync from '../../src/rules/no-blocking-in-async.js';
import noFireAndForget from '../../src/rules/no-fire-and-forget.js';
import { ruleTester } from '../rule-tester.js';

// Handlers defined in one file and mounted in another are known by their parameters
// (SPEC "Request handlers"): `(req, res[, next])`, `(err, req, res, next)`, `(request, reply)`,
// `(request, h)`, or the framework's request/response types.
const CONTROLLER = 'api/src/controllers/users.ts';

ruleTester.run('no-fire-and-forget (handlers by shape)', noFireAndForget, {
  valid: [
    {
      filename: 'api/src/controllers/users.js',
      code: `const User = require('../models/user');
async function sendWelcome(user) {}
exports.create = async (req, res) => {
  const user = await User.create(req.body);
  sendWelcome(user);
  res.status(201).json(user);
};`,
    },
    {
      filename: 'api/src/middleware/errors.ts',
      code: `async function reportError(error: unknown) {}
export function onError(err, req, res, next) {
  reportError(err);
  res.status(500).json({ error: 'internal' });
}`,
    },
    {
      filename: CONTROLLER,
      code: `import type { FastifyReply, FastifyRequest } from 'fastify';
async function indexProduct(body: unknown) {}
export async function createProduct(request: FastifyRequest, reply: FastifyReply) {
  indexProduct(request.body);
  return reply.code(201).send();
}`,
    },
    {
      filename: 'api/src/server.ts',
      code: `import http from 'node:http';
async function logRequest(url: string | undefined) {}
http.createServer((req, res) => {
  logRequest(req.url);
  res.end('ok');
}).listen(8080);`,
    },
    {
      filename: 'api/src/routes/health.ts',
      code: `async function track(path: string) {}
export const health = {
  method: 'GET',
  path: '/health',
  handler: async (request, h) => {
    track(request.path);
    return h.response('ok');
  },
};`,
    },
    {
      filename: CONTROLLER,
      code: `import type { Request, Response } from 'express';
export class UsersController {
  async remove(_req: Request, res: Response) {
    this.audit('remove');
    res.sendStatus(204);
  }
  private async audit(action: string) {}
}`,
    },
    // Koa middleware mounted in another file (`app.use(koaErrorHandler())`), in files that import Koa
    {
      filename: 'api/src/middleware/koa-error-handler.ts',
      code: `import type { Middleware } from 'koa';
import { appInsights } from './app-insights';

async function trackException(error: unknown) {}

export default function koaErrorHandler(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error: unknown) {
      void appInsights.trackException(error);
      trackException(error);
      ctx.status = 500;
    }
  };
}`,
    },
    {
      filename: 'api/src/middleware/quota.ts',
      code: `import type { MiddlewareType } from 'koa';

export function koaReportUsage(quota: { report(key: string): Promise<void> }, key: string): MiddlewareType {
  return async (_, next) => {
    await next();
    void quota.report(key);
  };
}`,
    },
    {
      filename: 'api/src/middleware/timing.js',
      code: `const Koa = require('koa');
async function recordTiming(path, ms) {}
module.exports = function timing() {
  return async (ctx, next) => {
    const started = Date.now();
    await next();
    recordTiming(ctx.path, Date.now() - started);
  };
};`,
    },
  ],
  invalid: [
    // (request, response) without types is not a handler's shape
    {
      filename: 'api/src/lib/snapshots.ts',
      code: `async function saveSnapshot(request: string, response: string) {}
export function compareSnapshots(request, response) {
  saveSnapshot(request, response);
}`,
      errors: [{ messageId: 'floatingPromise', line: 3, suggestions: [{ messageId: 'submitToManager', output: `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
async function saveSnapshot(request: string, response: string) {}
export function compareSnapshots(request, response) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'snapshots.save-snapshot',
    coroutine: () => saveSnapshot(request, response),
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'api',
      type: 'save-snapshot',
      component: 'snapshots',
    },
  });
}` }] }],
    },
    // `(ctx, next)` outside a Koa file: a bot's middleware, not a request handler
    {
      filename: 'api/src/bot/middleware.ts',
      code: `import type { Middleware } from 'telegraf';

async function recordCommand(text: string) {}

export const logCommands: Middleware = async (ctx, next) => {
  recordCommand(ctx.message.text);
  await next();
};`,
      errors: [{ messageId: 'floatingPromise' as const, line: 6, column: 3, suggestions: [{ messageId: 'addAwait' as const, output: `import type { Middleware } from 'telegraf';

async function recordCommand(text: string) {}

export const logCommands: Middleware = async (ctx, next) => {
  await recordCommand(ctx.message.text);
  await next();
};` }, { messageId: 'submitToManager' as const, output: `import type { Middleware } from 'telegraf';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';

async function recordCommand(text: string) {}

export const logCommands: Middleware = async (ctx, next) => {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'middleware.record-command',
    coroutine: () => recordCommand(ctx.message.text),
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'api',
      type: 'record-command',
      component: 'middleware',
    },
  });
  await next();
};` }] }],
    },
    // a Koa file's other functions: `(ctx)` alone is no middleware
    {
      filename: 'api/src/middleware/session.ts',
      code: `import type { Context } from 'koa';

async function purgeExpired(table: string) {}

export function describeSession(ctx: Context) {
  purgeExpired('sessions');
  return { user: ctx.state.user };
}`,
      errors: [{ messageId: 'floatingPromise' as const, line: 6, column: 3, suggestions: [{ messageId: 'submitToManager' as const, output: `import type { Context } from 'koa';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';

async function purgeExpired(table: string) {}

export function describeSession(ctx: Context) {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'session.purge-expired',
    coroutine: () => purgeExpired('sessions'),
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'api',
      type: 'purge-expired',
      component: 'session',
    },
  });
  return { user: ctx.state.user };
}` }] }],
    },
    // per-message queue consumers are not request handlers
    {
      filename: 'api/src/workers/email.ts',
      code: `import { Worker } from 'bullmq';
async function sendEmail(data: unknown) {}
export const worker = new Worker('emails', async (job) => {
  sendEmail(job.data);
});`,
      errors: [{
        messageId: 'floatingPromise',
        line: 4,
        suggestions: [
          { messageId: 'addAwait', output: `import { Worker } from 'bullmq';
async function sendEmail(data: unknown) {}
export const worker = new Worker('emails', async (job) => {
  await sendEmail(job.data);
});` },
          { messageId: 'submitToManager', output: `import { Worker } from 'bullmq';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
async function sendEmail(data: unknown) {}
export const worker = new Worker('emails', async (job) => {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'email.send-email',
    coroutine: () => sendEmail(job.data),
    priority: TaskPriority.NORMAL,
    tags: {
      service: 'api',
      type: 'send-email',
      component: 'email',
    },
  });
});` },
        ],
      }],
    },
  ],
});

ruleTester.run('no-blocking-in-async (handlers by shape, strict)', noBlockingInAsync, {
  valid: [
    {
      filename: 'api/src/lib/merge.ts',
      options: [{ checkSyncRequestHandlers: true }],
      code: `import { readFileSync } from 'node:fs';
export function mergeFixtures(request, response) {
  return { request, response, base: readFileSync('fixtures/base.json', 'utf8') };
}`,
    },
  ],
  invalid: [
    {
      filename: 'api/src/controllers/files.js',
      options: [{ checkSyncRequestHandlers: true }],
      code: `const { readFileSync } = require('fs');
exports.download = (req, res) => {
  res.type('text/csv').send(readFileSync(\`exports/\${req.params.id}.csv\`));
};`,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 3, suggestions: [{ messageId: 'makeHandlerAsync', output: `const { readFile } = require('fs/promises');
exports.download = async (req, res) => {
  res.type('text/csv').send(await readFile(\`exports/\${req.params.id}.csv\`));
};` }] }],
    },
  ],
});
