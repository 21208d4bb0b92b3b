import { Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { isFunction } from '../../src/utils/ast.js';
import { findRequestHandler, isInRequestHandler, isRequestHandler, type RequestHandlerKind } from '../../src/utils/request-handlers.js';

interface Probe {
  /** Name of the function (or the `probe()` call site) with its verdict. */
  name: string;
  handler: RequestHandlerKind | null;
  nested: boolean;
}

/** Lints `code` and reports, for every `probe('name')` call, the handler it sits in. */
function probe(code: string, filename = 'api/src/server.ts', settings: Record<string, unknown> = {}): Probe[] {
  const found: Probe[] = [];
  const rule: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create(context) {
      return {
        'CallExpression[callee.name="probe"]'(node: TSESTree.CallExpression) {
          const arg = node.arguments[0];
          const name = arg?.type === 'Literal' ? String(arg.value) : '?';
          const handler = findRequestHandler(context, node);
          found.push({ name, handler: handler?.kind ?? null, nested: isInRequestHandler(context, node) });
        },
      };
    },
  };
  const linter = new Linter({ cwd: '/repo' });
  const messages = linter.verify(code, [{
    files: ['**/*.ts'],
    languageOptions: { parser },
    plugins: { test: { rules: { probe: rule as never } } },
    rules: { 'test/probe': 'error' },
    settings,
  }], `/repo/${filename}`);
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return found;
}

const verdicts = (probes: Probe[]) => Object.fromEntries(probes.map((item) => [item.name, item.handler]));

describe('request handlers', () => {
  it('finds Express app and Router handlers, middleware included, at any depth', () => {
    expect(verdicts(probe(`
import express, { Router } from 'express';
const app = express();
const router = Router();
app.use((req, res, next) => { probe('middleware'); next(); });
app.get('/users', auth, async (req, res) => { probe('inline'); [1].map(() => probe('nested')); });
router.post(['/a', '/b'], (req, res) => probe('router'));
app.route('/items').get((req, res) => probe('route-chain'));
function auth(req: unknown, res: unknown, next: () => void) { probe('by-name'); }
function helper() { probe('plain'); }
app.listen(3000, () => probe('listen'));
`))).toEqual({ middleware: 'route', inline: 'route', nested: 'route', router: 'route', 'route-chain': 'route', 'by-name': 'route', plain: null, listen: null });
  });

  it('finds Koa router, Fastify and Hono handlers', () => {
    expect(verdicts(probe(`
import Router from '@koa/router';
import Fastify from 'fastify';
import { Hono } from 'hono';
const koa = new Router();
koa.get('/k', async (ctx) => { probe('koa'); });
const server = Fastify();
server.get('/f', { schema: {} }, async (request, reply) => probe('fastify'));
server.route({ method: 'GET', url: '/r', preHandler: async () => probe('pre'), handler: async () => probe('route') });
server.register(async (instance) => { instance.post('/p', async () => probe('plugin')); });
const hono = new Hono();
hono.get('/h', (c) => { probe('hono'); return c.text('ok'); });
`))).toEqual({ koa: 'route', fastify: 'route', pre: 'fastify-route', route: 'fastify-route', plugin: 'route', hono: 'route' });
  });

  it('ignores look-alikes: caches, axios clients and maps', () => {
    expect(verdicts(probe(`
const cache = new Map();
cache.get('/key', () => probe('map'));
api.get('/users', { params: {} }).then(() => probe('axios'));
memo.get('/x', async () => probe('memo'));
`))).toEqual({ map: null, axios: null, memo: null });
  });

  it('finds handlers given by reference and through wrappers', () => {
    expect(verdicts(probe(`
import express from 'express';
const app = express();
const asyncHandler = (fn: any) => fn;
class UserController {
  list(req: unknown, res: unknown) { probe('bound'); }
  create = async () => { probe('field'); };
  show(req: unknown) { probe('wrapped'); }
  other() { probe('other'); }
  mount() {
    app.get('/users', this.list.bind(this));
    app.post('/users', this.create);
    app.get('/users/:id', asyncHandler(this.show));
  }
}
`))).toEqual({ bound: 'route', field: 'route', wrapped: 'route', other: null });
  });

  it('finds Next.js route exports and pages/api default exports', () => {
    expect(verdicts(probe(`
export async function GET() { probe('get'); }
export const POST = async () => { probe('post'); };
function helper() { probe('helper'); }
`, 'web/src/app/api/users/route.ts'))).toEqual({ get: 'next-route', post: 'next-route', helper: null });
    expect(verdicts(probe(`
export default async function handler() { probe('api'); }
export async function GET() { probe('not-app-router'); }
`, 'web/pages/api/users/[id].ts'))).toEqual({ api: 'next-api', 'not-app-router': null });
    expect(verdicts(probe('export async function GET() { probe("lib"); }', 'web/src/lib/route-helpers.ts'))).toEqual({ lib: null });
  });

  it('finds NestJS controller and gateway methods', () => {
    expect(verdicts(probe(`
@Controller('users')
export class UsersController {
  @Get(':id') find() { probe('get'); }
  @MessagePattern({ cmd: 'sum' }) sum() { probe('message'); }
  @EventPattern('user_created') created() { probe('event'); }
  @Cron('* * * * *') nightly() { probe('cron'); }
}
@WebSocketGateway()
export class ChatGateway {
  @SubscribeMessage('events') onEvent() { probe('ws'); }
}
`))).toEqual({ get: 'nest', message: 'nest', event: 'nest', cron: null, ws: 'nest' });
  });

  it('finds socket.io per-message handlers, not the connection callback', () => {
    expect(verdicts(probe(`
io.on('connection', (socket) => {
  probe('connection');
  socket.on('chat', async (message) => { probe('message'); });
  socket.on('disconnect', onDisconnect);
});
function onDisconnect() { probe('by-name'); }
`))).toEqual({ connection: null, message: 'socket-message', 'by-name': 'socket-message' });
  });

  it('recognises handlers mounted from another file by their parameters', () => {
    expect(verdicts(probe(`
import type { Request, Response, NextFunction } from 'express';
import type { FastifyReply, FastifyRequest } from 'fastify';
import http from 'node:http';
exports.list = async (req, res) => { probe('express'); [1].map(() => probe('nested')); };
export async function show(_req, res, next) { probe('underscore'); }
export function onError(err, req, res, next) { probe('error-middleware'); }
export function onFailure(error: Error, req: Request, res: Response, next: NextFunction) { probe('typed-error'); }
export const create = async (request, reply) => { probe('fastify'); };
export const handler = async (request, h) => { probe('hapi'); };
export async function typed(input: Request, output: Response) { probe('express-types'); }
export async function fastifyTyped(r: FastifyRequest, out: FastifyReply) { probe('fastify-types'); }
export class ReportsController {
  async download(req: express.Request, res: express.Response) { probe('method'); }
}
http.createServer((req, res) => { probe('node-http'); }).listen(8080);
`))).toEqual({
      express: 'shape', nested: 'shape', underscore: 'shape', 'error-middleware': 'shape', 'typed-error': 'shape',
      fastify: 'shape', hapi: 'shape', 'express-types': 'shape', 'fastify-types': 'shape', method: 'shape', 'node-http': 'shape',
    });
  });

  it('does not take other two-parameter functions for handlers', () => {
    expect(verdicts(probe(`
import { Kafka } from 'kafkajs';
import { Worker } from 'bullmq';
export function diff(request, response) { probe('untyped-request-response'); }
export function merge(req) { probe('one-parameter'); }
export function swap(res, req) { probe('reversed'); }
export function pair(req: string, other: number) { probe('req-only'); }
export function cacheExchange(request: Request, body: string) { probe('request-type-only'); }
export function wrap(err, req) { probe('short-error'); }
consumer.run({ eachMessage: async ({ topic, message }) => { probe('kafka'); } });
new Worker('emails', async (job) => { probe('bullmq'); });
const sqs = Consumer.create({ queueUrl, handleMessage: async (message) => { probe('sqs'); } });
items.reduce((acc, res) => { probe('reduce'); return acc; }, []);
`))).toEqual({
      'untyped-request-response': null, 'one-parameter': null, reversed: null, 'req-only': null, 'request-type-only': null,
      'short-error': null, kafka: null, bullmq: null, sqs: null, reduce: null,
    });
  });

  it('treats every function of a requestHandlers file as a handler, not its top level', () => {
    const settings = { 'async-governance': { exemptions: { requestHandlers: ['**/handlers/**'] } } };
    const probes = probe(`probe('top');\nexport function list() { probe('fn'); }`, 'api/src/handlers/users.ts', settings);
    expect(probes).toEqual([
      { name: 'top', handler: null, nested: false },
      { name: 'fn', handler: 'glob', nested: true },
    ]);
  });

  it('tells a handler from a function nested in one', () => {
    const seen: boolean[] = [];
    const rule: TSESLint.RuleModule<never> = {
      meta: { type: 'problem', messages: {}, schema: [] },
      defaultOptions: [],
      create: (context) => ({
        ':function'(node: TSESTree.Node) {
          if (isFunction(node)) seen.push(isRequestHandler(context, node));
        },
      }),
    };
    new Linter().verify('app.get("/", (req, res) => { [1].forEach(() => {}); });', [{
      files: ['**/*.ts'], languageOptions: { parser }, plugins: { t: { rules: { r: rule as never } } }, rules: { 't/r': 'error' },
    }], 'x.ts');
    expect(seen).toEqual([true, false]);
  });
});
