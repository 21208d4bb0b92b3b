import path from 'node:path';
import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import rule, { type MessageIds, type Options } from '../../src/rules/no-fire-and-forget.js';
import { ruleTester, typeAwareRuleTester } from '../rule-tester.js';

// Suggestions derive the `service` tag from the folder above `src`.
const FILE = 'billing/src/services/invoice-service.ts';
const IMPORT = "import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';";
const CALL = 'getBackgroundTaskManager().submitEnhancedTask(...)';
const STRICT = [{ checkEventCallbacks: true, checkTimerCallbacks: true }] as const;

/** The manager submission a suggestion writes, as the default settings render it. */
function submission(indent: string, fields: { taskId: string; run: string; type: string; component: string; service?: string }): string {
  return [
    'getBackgroundTaskManager().submitEnhancedTask({',
    `${indent}  taskId: '${fields.taskId}',`,
    `${indent}  coroutine: ${fields.run},`,
    `${indent}  priority: TaskPriority.NORMAL,`,
    `${indent}  tags: {`,
    `${indent}    service: '${fields.service ?? 'billing'}',`,
    `${indent}    type: '${fields.type}',`,
    `${indent}    component: '${fields.component}',`,
    `${indent}  },`,
    `${indent}})`,
  ].join('\n');
}

const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();

/** `code` with `statement` turned into a submission and the imports added. */
function submitted(code: string, statement: string, work: string | null, component = 'invoice-service'): string {
  const enclosing = /function (\w+)\(/.exec(code.slice(0, code.indexOf(statement)).split('\n').at(-1) ?? '')?.[1] ?? 'boot';
  const indent = /^\s*/.exec(code.slice(0, code.indexOf(statement)).split('\n').at(-1) ?? '')?.[0] ?? '';
  const text = submission(indent, {
    taskId: `${component}.${kebab(work ?? enclosing)}`,
    run: statement.startsWith('(async () => {})()') || !statement.startsWith('(async () =>') ? `() => ${statement.slice(0, -1)}` : statement,
    type: work ? kebab(work) : 'background-task',
    component,
  });
  const replaced = code.replace(statement, `${text};`);
  const lines = replaced.split('\n');
  const lastImport = lines.findLastIndex((line) => line.startsWith('import '));
  if (lastImport === -1) return `${IMPORT}\n${replaced}`;
  lines.splice(lastImport + 1, 0, lines[0].includes('"') ? IMPORT.replaceAll("'", '"') : IMPORT);
  return lines.join('\n');
}

const service = (body: string): string => `class InvoiceService {
  async syncLedger(id: string): Promise<void> {}

  async close(id: string) {
${body}
  }
}`;

ruleTester.run('no-fire-and-forget', rule, {
  valid: [
    // awaited, returned, yielded
    { filename: FILE, code: service('    await this.syncLedger(id);') },
    { filename: FILE, code: service('    return this.syncLedger(id);') },
    { filename: FILE, code: service('    const done = this.syncLedger(id);\n    await done;') },
    { filename: FILE, code: 'async function* pages() { yield fetch("/page/1"); }' },
    { filename: FILE, code: 'async function load() { const [a, b] = await Promise.all([fetch("/a"), fetch("/b")]); return a.ok && b.ok; }' },
    { filename: FILE, code: 'async function load() { await Promise.allSettled([refresh(), refresh()]); }\nasync function refresh() {}' },
    // passed as an argument: the callee owns it
    { filename: FILE, code: 'async function refresh() {}\nfunction schedule(run: (p: Promise<void>) => void) { run(refresh()); }' },
    { filename: FILE, code: 'async function refresh() {}\nexport function track(tasks: Set<Promise<void>>) { tasks.add(refresh()); }' },
    { filename: FILE, code: 'async function refresh() {}\nexport function handle(res: { waitUntil(p: Promise<void>): void }) { res.waitUntil(refresh()); }' },
    // stored and used
    { filename: FILE, code: 'async function connect() {}\nexport class Db { ready = connect(); async query() { await this.ready; } }' },
    { filename: FILE, code: 'async function connect() {}\nexport const ready = connect();' },
    { filename: FILE, code: 'async function connect() {}\nconst ready = connect();\nexport { ready };' },
    { filename: FILE, code: 'async function refresh() {}\nexport function start() { const pending = refresh(); return () => pending; }' },
    { filename: FILE, code: 'async function refresh() {}\nexport class Cache { start() { this.pending = refresh(); } pending?: Promise<void>; }' },
    // arrow body value, callbacks that merely return the promise
    { filename: FILE, code: 'async function flush() {}\nexport const onExit = () => flush();' },
    { filename: FILE, code: 'async function flush() {}\nexport function later(run: (f: () => Promise<void>) => void) { run(() => flush()); }' },
    { filename: FILE, code: 'async function sync(id: string) {}\nexport async function syncAll(ids: string[]) { await Promise.all(ids.map(async (id) => sync(id))); }' },
    { filename: FILE, code: 'async function sync(id: string) {}\nexport function syncAll(ids: string[]) { return ids.map((id) => sync(id)); }' },
    // a chain rooted in an existing promise only observes it
    { filename: FILE, code: 'export class Worker { ready!: Promise<void>; start() { this.ready.then(() => console.log("up")); } }' },
    { filename: FILE, code: 'export function watch(job: Promise<void>) { job.catch((error) => console.error(error)); }' },
    { filename: FILE, code: 'export function watch(job: Promise<void>) { job.then(() => {}).finally(() => {}); }' },
    // module top level: a handled chain is the program's entry point
    { filename: FILE, code: 'async function main() {}\nmain().catch((error) => { console.error(error); process.exit(1); });' },
    { filename: FILE, code: 'async function main() {}\nmain().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });' },
    { filename: FILE, code: 'async function main() {}\nif (require.main === module) {\n  main().catch(console.error).finally(() => console.log("bye"));\n}' },
    { filename: FILE, code: 'async function main() {}\ntry { main().catch(console.error); } catch {}' },
    // not promise-valued without type information
    { filename: FILE, code: 'import { sendEmail } from "./mailer";\nexport function welcome(to: string) { sendEmail(to); }' },
    { filename: FILE, code: 'import * as queue from "./queue";\nexport function enqueue(job: string) { queue.push(job); }' },
    // `.then(cb)` alone also fits builders: a workflow step, a query
    { filename: FILE, code: 'import { when } from "@acme/workflows";\nexport function build(input: { id?: string }) { when({ input }, ({ input }) => !!input.id).then(() => { notify(); }); }\nfunction notify() {}' },
    { filename: FILE, code: 'import { loadConfig } from "./config";\nexport function boot() { loadConfig().then((config) => console.log(config)); }' },
    { filename: FILE, code: 'export function log(logger: { info(m: string): void }) { logger.info("x"); }' },
    { filename: FILE, code: 'function save() { return 1; }\nexport function run() { save(); }' },
    { filename: FILE, code: 'interface Logger { info(message: string): void }\nexport function run(log: Logger) { log.info("x"); }' },
    { filename: FILE, code: 'import type { Repo } from "./repo";\nexport class Orders { constructor(private readonly repo: Repo) {} run() { this.repo.touch(); } }' },
    { filename: FILE, code: 'interface OrderRepo { count(): number }\nexport class Orders { constructor(private readonly repo: OrderRepo) {} run() { this.repo.count(); } }' },
    { filename: FILE, code: 'async function* stream() {}\nexport function run() { stream(); }' },
    // a callback typed `any | Promise<any>` (or `unknown | …`) is `any` for the compiler: maybe async, not known to be
    {
      filename: FILE,
      code: 'export function urlSource(metadata: { caption: string; onImport: (content: string) => any | Promise<any> }) {\n  return {\n    caption: metadata.caption,\n    onImportFromURL: (content: unknown) => {\n      if (typeof content === "string") metadata.onImport(content);\n    },\n  };\n}',
    },
    { filename: FILE, code: 'type Hook = () => unknown | Promise<unknown>;\nexport function runHooks(hooks: Hook[]) { for (const hook of hooks) hook(); }' },
    { filename: FILE, code: 'import { setInterval as every } from "node:timers/promises";\nexport function poll() { every(1000); }' },
    { filename: FILE, code: 'import dns from "node:dns/promises";\nexport function servers() { dns.getServers(); }' },
    { filename: FILE, code: 'export function defer() { const { promise, resolve } = Promise.withResolvers<void>(); resolve(); return promise; }' },
    { filename: FILE, code: 'class Promise2 { static all() {} }\nexport function run() { Promise2.all(); }' },
    { filename: FILE, code: 'export function run(Promise: { resolve(): void }) { Promise.resolve(); }' },
    { filename: FILE, code: 'export async function run() { await import("./plugin"); }' },
    // the manager submission is never reported, whatever it returns
    { filename: FILE, code: 'import { getBackgroundTaskManager } from "@/infra/background-manager";\nexport function run() { getBackgroundTaskManager().submitEnhancedTask({ taskId: "x", coroutine: async () => {} }); }' },
    { filename: FILE, code: 'import { getBackgroundTaskManager } from "@/infra/background-manager";\nconst tasks = getBackgroundTaskManager();\nexport function run() { tasks.submitEnhancedTask({ taskId: "x" }).catch(() => {}); }' },
    {
      filename: FILE,
      code: 'export class Billing { constructor(private readonly schedulerService: { submit(t: unknown): Promise<void> }) {} run() { this.schedulerService.submit({}); } }',
      settings: { 'async-governance': { manager: { receivers: ['schedulerService'], submit: 'submit' } } },
    },
    // exempt files
    { filename: 'billing/src/services/invoice-service.test.ts', code: 'async function refresh() {}\nrefresh();' },
    { filename: 'billing/tests/helpers.ts', code: 'async function refresh() {}\nrefresh();' },
    {
      filename: 'billing/src/infra/background-manager.ts',
      code: 'async function drain() {}\nexport function shutdown() { drain(); }',
      settings: { 'async-governance': { exemptions: { frameworkInternals: ['**/infra/background-manager.ts'] } } },
    },
    // request handlers: short-lived work per request is the handler's business
    { filename: FILE, code: 'import express from "express";\nasync function audit() {}\nconst app = express();\napp.post("/invoices", async (req, res) => { audit(); res.sendStatus(201); });' },
    { filename: FILE, code: 'import { Router } from "express";\nasync function audit() {}\nconst router = Router();\nrouter.get("/invoices/:id", requireAuth, (req, res) => { audit().catch(() => {}); res.json({}); });\nfunction requireAuth() {}' },
    { filename: FILE, code: 'async function audit() {}\nexport default async function routes(fastify: any) {\n  fastify.route({ method: "POST", url: "/pay", handler: async () => { audit(); return { ok: true }; } });\n}' },
    { filename: FILE, code: 'import { Hono } from "hono";\nasync function audit() {}\nconst app = new Hono();\napp.get("/health", (c) => { audit(); return c.text("ok"); });' },
    { filename: 'web/app/api/invoices/route.ts', code: 'async function audit() {}\nexport async function POST(request: Request) { audit(); return Response.json({}); }' },
    { filename: 'web/pages/api/invoices.ts', code: 'async function audit() {}\nexport default function handler(req: unknown, res: { end(): void }) { audit(); res.end(); }' },
    {
      filename: FILE,
      code: 'async function audit() {}\n@Controller("invoices")\nexport class InvoiceController {\n  @Post()\n  create() { audit(); return {}; }\n}',
    },
    {
      filename: FILE,
      code: 'async function audit() {}\nio.on("connection", (socket) => {\n  socket.on("invoice:paid", (payload) => { audit(); });\n});',
    },
    {
      filename: FILE,
      code: 'import express from "express";\nconst app = express();\nclass InvoiceController {\n  async audit() {}\n  list(req: unknown, res: { json(v: unknown): void }) { this.audit(); res.json([]); }\n  mount() { app.get("/invoices", this.list.bind(this)); }\n}',
    },
    {
      filename: 'billing/src/routes/invoices.ts',
      code: 'async function audit() {}\nexport function list() { audit(); }',
      settings: { 'async-governance': { exemptions: { requestHandlers: ['**/routes/**'] } } },
    },
    // strict: a callback that merely returns the promise is not itself a discard
    { filename: FILE, options: STRICT, code: 'async function flush() {}\nexport function start(bus: NodeJS.EventEmitter) { bus.on("drain", () => flush()); setTimeout(() => flush(), 10); }' },
    { filename: FILE, options: STRICT, code: 'export function start(bus: NodeJS.EventEmitter) { bus.on("drain", () => console.log("drained")); setImmediate(() => {}); }' },
    // CommonJS sources resolve through require
    { filename: 'billing/src/jobs/cleanup.js', code: 'const { sendMail } = require("./mail");\nmodule.exports = function notify(to) { sendMail(to); };' },
    // dropped callbacks that the recommended config leaves alone
    { filename: FILE, code: 'async function refresh() {}\nexport function start(bus: NodeJS.EventEmitter) { bus.on("invoice", async () => { await refresh(); }); }' },
    { filename: FILE, code: 'async function refresh() {}\nexport function later() { setTimeout(async () => { await refresh(); }, 1000); }' },
    { filename: FILE, code: 'export function each(ids: string[]) { ids.forEach((id) => console.log(id)); }' },
    { filename: FILE, code: 'import { sync } from "./sync";\nexport function each(ids: string[]) { ids.forEach(sync); }' },
    // options
    { filename: FILE, code: 'async function refresh() {}\nexport function run() { void refresh(); }', options: [{ allowVoid: true }] },
    {
      filename: FILE,
      code: 'type AuditedPromise<T> = Promise<T> & { audited: true };\ndeclare function record(e: string): AuditedPromise<void>;\nexport function run() { record("paid"); }',
      options: [{ allowForKnownSafePromises: ['AuditedPromise'] }],
    },
    // an ambient binding is owned elsewhere
    { filename: FILE, code: 'async function connect() {}\ndeclare let ready: Promise<void>;\nexport function start() { ready = connect(); }' },
    { filename: FILE, code: 'async function record(e: string) {}\nexport function run() { record("paid"); }', options: [{ allowForKnownSafeCalls: ['record'] }] },
    {
      filename: FILE,
      code: 'import { audit } from "@acme/audit";\nexport async function run() { audit.record("paid").then(() => {}); }',
      options: [{ allowForKnownSafeCalls: [{ from: 'package', package: '@acme/audit', name: 'audit.record' }] }],
    },
    {
      filename: FILE,
      code: 'class Metrics { async flush() {} }\nconst metrics = new Metrics();\nexport function run() { metrics.flush(); }',
      options: [{ allowForKnownSafeCalls: [{ from: 'file', name: 'flush' }] }],
    },
  ],
  invalid: [

    // promise sources the plugin knows without types; [code, the floating statement, the work it names, class]
    ...([
      ['import { readFile } from "node:fs/promises";\nexport function warm() { readFile("cache.json"); }', 'readFile("cache.json");', 'readFile'],
      ['import fs from "fs";\nexport function warm() { fs.promises.writeFile("cache.json", "{}"); }', 'fs.promises.writeFile("cache.json", "{}");', 'writeFile'],
      ['import * as fsp from "fs/promises";\nexport function warm() { fsp.rm("tmp", { recursive: true }); }', 'fsp.rm("tmp", { recursive: true });', 'rm'],
      ['import { setTimeout as delay } from "node:timers/promises";\nexport function later() { delay(500); }', 'delay(500);', 'delay'],
      ['import { lookup } from "dns/promises";\nexport function resolveHost(host: string) { lookup(host); }', 'lookup(host);', 'lookup'],
      ['import { pipeline } from "node:stream/promises";\nexport function copy(a: any, b: any) { pipeline(a, b); }', 'pipeline(a, b);', 'pipeline'],
      ['export function ping(url: string) { fetch(url, { method: "HEAD" }); }', 'fetch(url, { method: "HEAD" });', 'fetch'],
      ['export function ping(url: string) { globalThis.fetch(url); }', 'globalThis.fetch(url);', 'fetch'],
      ['export function ping(url: string) { fetch(url).then((res) => res.json()); }', 'fetch(url).then((res) => res.json());', 'fetch'],
      ['export function settle(jobs: Promise<void>[]) { Promise.allSettled(jobs); }', 'Promise.allSettled(jobs);', 'allSettled'],
      ['export function fail() { Promise.reject(new Error("nope")); }', 'Promise.reject(new Error("nope"));', 'reject'],
      ['export function wait() { new Promise((resolve) => setTimeout(resolve, 10)); }', 'new Promise((resolve) => setTimeout(resolve, 10));', 'Promise'],
      ['import { promisify } from "node:util";\nimport { exec } from "node:child_process";\nconst run = promisify(exec);\nexport function gitGc() { run("git gc"); }', 'run("git gc");', 'run'],
      ['import { loadConfig } from "./config";\nexport function boot() { loadConfig().then(apply).catch(report); }\nfunction apply() {}\nfunction report() {}', 'loadConfig().then(apply).catch(report);', 'loadConfig'],
      ['import { loadConfig } from "./config";\nexport function boot() { loadConfig().then(apply, report); }\nfunction apply() {}\nfunction report() {}', 'loadConfig().then(apply, report);', 'loadConfig'],
      ['import { readFile } from "node:fs/promises";\nexport function boot() { readFile("a.json").then(JSON.parse); }', 'readFile("a.json").then(JSON.parse);', 'readFile'],
      ['export function boot() { import("./plugins").then((plugins) => plugins.load()); }', 'import("./plugins").then((plugins) => plugins.load());', null],
      ['function refresh(): Promise<void> { return Promise.resolve(); }\nexport function run() { refresh(); }', 'refresh();', 'refresh'],
      ['declare function refresh(): PromiseLike<void>;\nexport function run() { refresh(); }', 'refresh();', 'refresh'],
      ['function load(id: string): Promise<string>;\nfunction load(id: string) { return Promise.resolve(id); }\nexport function run() { load("a"); }', 'load("a");', 'load'],
      ['export function run(task: () => Promise<void>) { task(); }', 'task();', 'task'],
      ['export function run(task: () => Promise<void> | void) { task(); }', 'task();', 'task'],
      ['export function run(task: () => Promise<unknown> | undefined) { task(); }', 'task();', 'task'],
      ['const refresh: () => Promise<void> = () => Promise.resolve();\nexport function run() { refresh(); }', 'refresh();', 'refresh'],
      ['class Cache { async warm() {} }\nconst cache = new Cache();\nexport function run() { cache.warm(); }', 'cache.warm();', 'warm'],
      ['class Cache { static async warmAll() {} }\nexport function run() { Cache.warmAll(); }', 'Cache.warmAll();', 'warmAll'],
      ['class Base { async flush() {} }\nexport class Child extends Base { close() { this.flush(); } }', 'this.flush();', 'flush', 'child'],
      ['class Base { async flush() {} }\nexport class Child extends Base { close() { super.flush(); } }', 'super.flush();', 'flush', 'child'],
      ['export class Poller { private tick = async () => {}; start() { this.tick(); } }', 'this.tick();', 'tick', 'poller'],
      ['export class Poller { #tick = async () => {}; start() { this.#tick(); } }', 'this.#tick();', '#tick', 'poller'],
      ['export class Poller { async tick() {} start() { const run = this.tick.bind(this); run(); } }', 'run();', 'run', 'poller'],
      ['export const jobs = { async nightly() {}, start() { this.nightly(); } };', 'this.nightly();', 'nightly'],
      ['interface OrderRepo { save(id: string): Promise<void>; count(): number }\nexport class OrderService {\n  constructor(private readonly repo: OrderRepo) {}\n  place(id: string) { this.repo.save(id); }\n}', 'this.repo.save(id);', 'save', 'order-service'],
      ['export function close(conn: { end(): Promise<void> }) { conn.end(); }', 'conn.end();', 'end'],
      ['type Queue = { drain: () => PromiseLike<void> };\nexport function stop(queue: Queue) { queue.drain(); }', 'queue.drain();', 'drain'],
      ['class Mailer { async send() {} }\nexport class Signup {\n  private mailer = new Mailer();\n  run() { this.mailer.send(); }\n}', 'this.mailer.send();', 'send', 'signup'],
      ['export function boot() { (async function warm() { await Promise.resolve(); })(); }', '(async function warm() { await Promise.resolve(); })();', null],
      ['export function boot() { (async () => {})().then(() => console.log("warm")); }', '(async () => {})().then(() => console.log("warm"));', null],
    ] as const).map(([code, statement, work, component]: readonly [string, string, string | null, string?]) => ({
      filename: FILE,
      code,
      errors: [{
        messageId: /\.catch\(\w|then\(\w+, \w+\)/.test(statement) ? 'unsupervisedPromise' as const : 'floatingPromise' as const,
        suggestions: [{ messageId: 'submitToManager' as const, output: submitted(code, statement, work, component) }],
      }],
    })),

    // CommonJS: fs.promises through require
    {
      filename: 'billing/src/jobs/cleanup.js',
      code: 'const fs = require("node:fs");\nmodule.exports = async function clean(dir) {\n  fs.promises.rm(dir, { recursive: true });\n};',
      errors: [{
        messageId: 'floatingPromise',
        line: 3,
        suggestions: [
          { messageId: 'addAwait', output: 'const fs = require("node:fs");\nmodule.exports = async function clean(dir) {\n  await fs.promises.rm(dir, { recursive: true });\n};' },
          {
            messageId: 'submitToManager',
            output: `const fs = require("node:fs");\nconst { getBackgroundTaskManager, TaskPriority } = require('@/infra/background-manager');\nmodule.exports = async function clean(dir) {\n  ${submission('  ', { taskId: 'cleanup.rm', run: '() => fs.promises.rm(dir, { recursive: true })', type: 'rm', component: 'cleanup' })};\n};`,
          },
        ],
      }],
    },
    // module top level: an unhandled entry point
    {
      filename: FILE,
      code: 'async function main() {}\nmain();',
      errors: [{ messageId: 'floatingPromise', line: 2, suggestions: [{ messageId: 'submitToManager', output: `${IMPORT}\nasync function main() {}\n${submission('', { taskId: 'invoice-service.main', run: '() => main()', type: 'main', component: 'invoice-service' })};` }] }],
    },
    {
      filename: FILE,
      code: 'async function main() {}\nmain().then(() => console.log("done"));',
      errors: [{ messageId: 'floatingPromise', suggestions: [{ messageId: 'submitToManager', output: `${IMPORT}\nasync function main() {}\n${submission('', { taskId: 'invoice-service.main', run: '() => main().then(() => console.log("done"))', type: 'main', component: 'invoice-service' })};` }] }],
    },
    {
      filename: FILE,
      code: 'async function main() {}\nmain().catch();',
      errors: [{ messageId: 'floatingPromise', suggestions: [{ messageId: 'submitToManager', output: `${IMPORT}\nasync function main() {}\n${submission('', { taskId: 'invoice-service.main', run: '() => main().catch()', type: 'main', component: 'invoice-service' })};` }] }],
    },
    // at top level, only a real handler makes the entry point acceptable
    {
      filename: FILE,
      code: 'async function main() {}\nmain().catch(undefined);\nmain().then(() => {}, null);\nmain().then(...[], () => {});',
      errors: [2, 3, 4].map((line) => ({
        messageId: 'floatingPromise' as const,
        line,
        suggestions: [{
          messageId: 'submitToManager' as const,
          output: `${IMPORT}\n${'async function main() {}\nmain().catch(undefined);\nmain().then(() => {}, null);\nmain().then(...[], () => {});'.split('\n').map((text, index) => (index === line - 1 ? `${submission('', { taskId: 'invoice-service.main', run: `() => ${text.slice(0, -1)}`, type: 'main', component: 'invoice-service' })};` : text)).join('\n')}`,
        }],
      })),
    },
    // a promise on the left of || is dropped as well (and always truthy)
    {
      filename: FILE,
      code: 'async function isReady() { return true; }\nexport function start(boot: () => void) { isReady() || boot(); }',
      errors: [{ messageId: 'floatingPromise', column: 43, suggestions: [] }],
    },
    // work inside the submitted function should await its own promises
    {
      filename: FILE,
      code: 'import { getBackgroundTaskManager, TaskPriority } from "@/infra/background-manager";\nasync function rebuild() {}\nexport function start() {\n  getBackgroundTaskManager().submitEnhancedTask({ taskId: "a.b", coroutine: async () => { rebuild(); }, priority: TaskPriority.LOW, tags: {} });\n}',
      errors: [{
        messageId: 'floatingPromise',
        line: 4,
        column: 91,
        suggestions: [
          { messageId: 'addAwait', output: 'import { getBackgroundTaskManager, TaskPriority } from "@/infra/background-manager";\nasync function rebuild() {}\nexport function start() {\n  getBackgroundTaskManager().submitEnhancedTask({ taskId: "a.b", coroutine: async () => { await rebuild(); }, priority: TaskPriority.LOW, tags: {} });\n}' },
          { messageId: 'submitToManager', output: `import { getBackgroundTaskManager, TaskPriority } from "@/infra/background-manager";\nasync function rebuild() {}\nexport function start() {\n  getBackgroundTaskManager().submitEnhancedTask({ taskId: "a.b", coroutine: async () => { ${submission('  ', { taskId: 'invoice-service.rebuild', run: '() => rebuild()', type: 'rebuild', component: 'invoice-service' })}; }, priority: TaskPriority.LOW, tags: {} });\n}` },
        ],
      }],
    },
    // the socket.io connection callback itself is not a request handler
    {
      filename: FILE,
      code: 'async function trackPresence() {}\nio.on("connection", (socket) => {\n  void trackPresence();\n  socket.on("ping", () => { trackPresence(); });\n});',
      errors: [{ messageId: 'floatingPromise', line: 3, suggestions: [{ messageId: 'submitToManager', output: `${IMPORT}\nasync function trackPresence() {}\nio.on("connection", (socket) => {\n  ${submission('  ', { taskId: 'invoice-service.track-presence', run: '() => trackPresence()', type: 'track-presence', component: 'invoice-service' })};\n  socket.on("ping", () => { trackPresence(); });\n});` }] }],
    },
    // queue consumers are not request handlers
    {
      filename: FILE,
      code: 'async function index(id: string) {}\nexport const consumer = { eachMessage: async ({ message }: any) => { index(message.key); } };',
      errors: [{
        messageId: 'floatingPromise',
        suggestions: [
          { messageId: 'addAwait', output: 'async function index(id: string) {}\nexport const consumer = { eachMessage: async ({ message }: any) => { await index(message.key); } };' },
          { messageId: 'submitToManager', output: `${IMPORT}\nasync function index(id: string) {}\nexport const consumer = { eachMessage: async ({ message }: any) => { ${submission('', { taskId: 'invoice-service.index', run: '() => index(message.key)', type: 'index', component: 'invoice-service' })}; } };` },
        ],
      }],
    },
    // code outside the handler of a routes file is not exempt
    {
      filename: FILE,
      code: 'import express from "express";\nasync function warmRoutes() {}\nconst app = express();\napp.get("/", (req, res) => res.send("ok"));\nexport function mount() { warmRoutes(); }',
      errors: [{ messageId: 'floatingPromise', line: 5, suggestions: [{ messageId: 'submitToManager', output: `import express from "express";\n${IMPORT.replaceAll("'", '"')}\nasync function warmRoutes() {}\nconst app = express();\napp.get("/", (req, res) => res.send("ok"));\nexport function mount() { ${submission('', { taskId: 'invoice-service.warm-routes', run: '() => warmRoutes()', type: 'warm-routes', component: 'invoice-service' })}; }` }] }],
    },
    // forEach drops every promise its async callback returns
    {
      filename: FILE,
      code: 'async function sync(id: string) {}\nexport async function syncAll(ids: string[]) {\n  ids.forEach(async (id) => {\n    await sync(id);\n  });\n}',
      errors: [{
        messageId: 'droppedAsyncCallback',
        data: { sink: 'forEach', call: CALL },
        line: 3,
        column: 15,
        suggestions: [
          { messageId: 'awaitAll', output: 'async function sync(id: string) {}\nexport async function syncAll(ids: string[]) {\n  await Promise.all(ids.map(async (id) => {\n    await sync(id);\n  }));\n}' },
          { messageId: 'submitToManager', output: `${IMPORT}\nasync function sync(id: string) {}\nexport async function syncAll(ids: string[]) {\n  ids.forEach((id) => ${submission('  ', { taskId: 'invoice-service.sync-all', run: 'async () => {\n    await sync(id);\n  }', type: 'for-each', component: 'invoice-service' })});\n}` },
        ],
      }],
    },
    {
      filename: FILE,
      code: 'export class Reindexer {\n  async reindex(id: string) {}\n  run(ids: Set<string>) {\n    ids.forEach(this.reindex, this);\n  }\n}',
      errors: [{
        messageId: 'droppedAsyncCallback',
        line: 4,
        column: 17,
        suggestions: [
          { messageId: 'submitToManager', output: `${IMPORT}\nexport class Reindexer {\n  async reindex(id: string) {}\n  run(ids: Set<string>) {\n    ids.forEach((id) => ${submission('    ', { taskId: 'reindexer.reindex', run: '() => this.reindex(id)', type: 'for-each', component: 'reindexer' })}, this);\n  }\n}` },
        ],
      }],
    },
    {
      filename: FILE,
      code: 'async function sync(id: string) {}\nexport async function syncAll(ids: string[]) {\n  ids.map(async (id) => sync(id));\n}',
      errors: [{
        messageId: 'droppedAsyncCallback',
        data: { sink: 'map', call: CALL },
        suggestions: [
          { messageId: 'awaitAll', output: 'async function sync(id: string) {}\nexport async function syncAll(ids: string[]) {\n  await Promise.all(ids.map(async (id) => sync(id)));\n}' },
          { messageId: 'submitToManager', output: `${IMPORT}\nasync function sync(id: string) {}\nexport async function syncAll(ids: string[]) {\n  ids.map((id) => ${submission('  ', { taskId: 'invoice-service.sync-all', run: 'async () => sync(id)', type: 'map', component: 'invoice-service' })});\n}` },
        ],
      }],
    },
    // a Map has no .map: only the manager suggestion
    {
      filename: FILE,
      code: 'async function evict(key: string) {}\nexport async function evictAll(entries: Map<string, number>) {\n  entries.forEach(async (_, key) => evict(key));\n}',
      errors: [{
        messageId: 'droppedAsyncCallback',
        suggestions: [
          { messageId: 'submitToManager', output: `${IMPORT}\nasync function evict(key: string) {}\nexport async function evictAll(entries: Map<string, number>) {\n  entries.forEach((_, key) => ${submission('  ', { taskId: 'invoice-service.evict-all', run: 'async () => evict(key)', type: 'for-each', component: 'invoice-service' })});\n}` },
        ],
      }],
    },
    // strict: async callbacks given to emitters and timers
    {
      filename: FILE,
      options: STRICT,
      code: 'async function reconcile() {}\nexport function listen(bus: NodeJS.EventEmitter) {\n  bus.on("invoice.paid", async () => {\n    await reconcile();\n  });\n}',
      errors: [{
        messageId: 'droppedAsyncCallback',
        data: { sink: 'on', call: CALL },
        suggestions: [
          { messageId: 'submitToManager', output: `${IMPORT}\nasync function reconcile() {}\nexport function listen(bus: NodeJS.EventEmitter) {\n  bus.on("invoice.paid", () => ${submission('  ', { taskId: 'invoice-service.listen', run: 'async () => {\n    await reconcile();\n  }', type: 'on-invoice-paid', component: 'invoice-service' })});\n}` },
        ],
      }],
    },
    {
      filename: FILE,
      options: STRICT,
      code: 'async function shutdown() {}\nprocess.once("SIGTERM", shutdown);',
      errors: [{
        messageId: 'droppedAsyncCallback',
        data: { sink: 'once', call: CALL },
        column: 25,
        suggestions: [
          { messageId: 'submitToManager', output: `${IMPORT}\nasync function shutdown() {}\nprocess.once("SIGTERM", () => ${submission('', { taskId: 'invoice-service.shutdown', run: '() => shutdown()', type: 'on-sigterm', component: 'invoice-service' })});` },
        ],
      }],
    },
    {
      filename: FILE,
      options: STRICT,
      code: 'export function watch(queue: NodeJS.EventEmitter) {\n  queue.on("failed", async function (job: { id: string }, error: Error) {\n    await alerts.send(job.id, error);\n  });\n}',
      errors: [{
        messageId: 'droppedAsyncCallback',
        data: { sink: 'on', call: CALL },
        suggestions: [
          { messageId: 'submitToManager', output: `${IMPORT}\nexport function watch(queue: NodeJS.EventEmitter) {\n  queue.on("failed", (job: { id: string }, error: Error) => ${submission('  ', { taskId: 'invoice-service.watch', run: 'async () => {\n    await alerts.send(job.id, error);\n  }', type: 'on-failed', component: 'invoice-service' })});\n}` },
        ],
      }],
    },
    {
      filename: FILE,
      options: STRICT,
      code: 'export class Mailer {\n  start(bus: NodeJS.EventEmitter) {\n    bus.on("signup", this.onSignup.bind(this));\n  }\n  async onSignup(user: { email: string }, source = "web") {}\n}',
      errors: [{
        messageId: 'droppedAsyncCallback',
        data: { sink: 'on', call: CALL },
        suggestions: [
          { messageId: 'submitToManager', output: `${IMPORT}\nexport class Mailer {\n  start(bus: NodeJS.EventEmitter) {\n    bus.on("signup", (user, source) => ${submission('    ', { taskId: 'mailer.start', run: '() => this.onSignup(user, source)', type: 'on-signup', component: 'mailer' })});\n  }\n  async onSignup(user: { email: string }, source = "web") {}\n}` },
        ],
      }],
    },
    {
      filename: FILE,
      options: STRICT,
      code: 'async function retry() {}\nexport function later() {\n  setTimeout(async () => retry(), 1_000);\n}',
      errors: [{
        messageId: 'droppedAsyncCallback',
        data: { sink: 'setTimeout', call: CALL },
        suggestions: [{ messageId: 'submitToManager', output: `${IMPORT}\nasync function retry() {}\nexport function later() {\n  setTimeout(() => ${submission('  ', { taskId: 'invoice-service.later', run: 'async () => retry()', type: 'set-timeout', component: 'invoice-service' })}, 1_000);\n}` }],
      }],
    },
    {
      filename: FILE,
      options: STRICT,
      code: 'import { setImmediate } from "node:timers";\nasync function flush() {}\nexport function soon() { setImmediate(flush); queueMicrotask(flush); process.nextTick(flush); }',
      errors: (['setImmediate', 'queueMicrotask', 'process.nextTick'] as const).map((sink) => {
        const submitted = `() => ${submission('', { taskId: 'invoice-service.flush', run: '() => flush()', type: sink === 'process.nextTick' ? 'next-tick' : kebab(sink), component: 'invoice-service' })}`;
        const calls = { setImmediate: 'setImmediate(flush);', queueMicrotask: 'queueMicrotask(flush);', 'process.nextTick': 'process.nextTick(flush);' };
        const body = Object.values(calls).map((call) => (call === calls[sink] ? call.replace('flush', submitted) : call)).join(' ');
        return {
          messageId: 'droppedAsyncCallback' as const,
          data: { sink, call: CALL },
          suggestions: [{
            messageId: 'submitToManager' as const,
            output: `import { setImmediate } from "node:timers";\n${IMPORT.replaceAll("'", '"')}\nasync function flush() {}\nexport function soon() { ${body} }`,
          }],
        };
      }),
    },
    // options: a safe-call list does not hide other calls
    {
      filename: FILE,
      options: [{ allowForKnownSafeCalls: ['audit.record'] }],
      code: 'const audit = { async record(e: string) {}, async purge() {} };\nexport function run() { audit.purge(); }',
      errors: [{ messageId: 'floatingPromise', suggestions: [{ messageId: 'submitToManager', output: `${IMPORT}\nconst audit = { async record(e: string) {}, async purge() {} };\nexport function run() { ${submission('', { taskId: 'invoice-service.purge', run: '() => audit.purge()', type: 'purge', component: 'invoice-service' })}; }` }] }],
    },
    // this.method() of the same class
    {
      filename: FILE,
      code: service('    this.syncLedger(id);'),
      errors: [{
        messageId: 'floatingPromise',
        line: 5,
        column: 5,
        suggestions: [
          { messageId: 'addAwait', output: service('    await this.syncLedger(id);') },
          {
            messageId: 'submitToManager',
            output: `${IMPORT}\n${service(`    ${submission('    ', { taskId: 'invoice-service.sync-ledger', run: '() => this.syncLedger(id)', type: 'sync-ledger', component: 'invoice-service' })};`)}`,
          },
        ],
      }],
    },
    // void is a discard too
    {
      filename: FILE,
      code: service('    void this.syncLedger(id);'),
      errors: [{
        messageId: 'floatingPromise',
        line: 5,
        column: 10,
        suggestions: [
          { messageId: 'addAwait', output: service('    await this.syncLedger(id);') },
          {
            messageId: 'submitToManager',
            output: `${IMPORT}\n${service(`    ${submission('    ', { taskId: 'invoice-service.sync-ledger', run: '() => this.syncLedger(id)', type: 'sync-ledger', component: 'invoice-service' })};`)}`,
          },
        ],
      }],
    },
    // a binding that nobody reads
    {
      filename: FILE,
      code: service('    const pending = this.syncLedger(id);'),
      errors: [{
        messageId: 'unusedPromise',
        data: { name: 'pending', call: CALL },
        line: 5,
        suggestions: [
          { messageId: 'addAwait', output: service('    const pending = await this.syncLedger(id);') },
          {
            messageId: 'submitToManager',
            output: `${IMPORT}\n${service(`    ${submission('    ', { taskId: 'invoice-service.sync-ledger', run: '() => this.syncLedger(id)', type: 'sync-ledger', component: 'invoice-service' })};`)}`,
          },
        ],
      }],
    },
    // .catch(handler) inside a function is still unsupervised work
    {
      filename: FILE,
      code: service('    this.syncLedger(id).catch((error) => console.error(error));'),
      errors: [{
        messageId: 'unsupervisedPromise',
        suggestions: [
          { messageId: 'addAwait', output: service('    await this.syncLedger(id).catch((error) => console.error(error));') },
          {
            messageId: 'submitToManager',
            output: `${IMPORT}\n${service(`    ${submission('    ', { taskId: 'invoice-service.sync-ledger', run: '() => this.syncLedger(id).catch((error) => console.error(error))', type: 'sync-ledger', component: 'invoice-service' })};`)}`,
          },
        ],
      }],
    },
    // the import merges into an existing one from the manager module
    {
      filename: FILE,
      code: 'import { TaskPriority } from "@/infra/background-manager";\nasync function reindex() {}\nexport function publish() {\n  reindex();\n}',
      errors: [{
        messageId: 'floatingPromise',
        line: 4,
        suggestions: [{
          messageId: 'submitToManager',
          output: `import { TaskPriority, getBackgroundTaskManager } from "@/infra/background-manager";\nasync function reindex() {}\nexport function publish() {\n  ${submission('  ', { taskId: 'invoice-service.reindex', run: '() => reindex()', type: 'reindex', component: 'invoice-service' })};\n}`,
        }],
      }],
    },
    // CommonJS files get a require, never an import
    {
      filename: 'billing/src/jobs/cleanup.cjs',
      code: 'const { purge } = require("./purge");\nasync function cleanup() {}\nmodule.exports = function run() {\n  cleanup();\n};',
      errors: [{
        messageId: 'floatingPromise',
        suggestions: [{
          messageId: 'submitToManager',
          output: `const { purge } = require("./purge");\nconst { getBackgroundTaskManager, TaskPriority } = require('@/infra/background-manager');\nasync function cleanup() {}\nmodule.exports = function run() {\n  ${submission('  ', { taskId: 'cleanup.cleanup', run: '() => cleanup()', type: 'cleanup', component: 'cleanup' })};\n};`,
        }],
      }],
    },
    // custom manager settings shape the submission
    {
      filename: FILE,
      code: 'async function reindex() {}\nexport function publish() {\n  reindex();\n}',
      settings: {
        'async-governance': {
          manager: {
            module: '~/jobs',
            getter: 'jobs',
            submit: 'enqueue',
            fields: { id: 'name', run: 'run', priority: 'opts.priority', tags: 'opts.labels' },
            priorityEnum: 'Lane',
            priorities: ['FAST', 'SLOW'],
            defaultPriority: 'SLOW',
            requiredTags: ['service'],
          },
        },
      },
      errors: [{
        messageId: 'floatingPromise',
        data: { call: 'jobs().enqueue(...)' },
        suggestions: [{
          messageId: 'submitToManager',
          data: { call: 'jobs().enqueue(...)' },
          output: "import { jobs, Lane } from '~/jobs';\nasync function reindex() {}\nexport function publish() {\n  jobs().enqueue({\n    name: 'invoice-service.reindex',\n    run: () => reindex(),\n    opts: {\n      priority: Lane.SLOW,\n      labels: {\n        service: 'billing',\n      },\n    },\n  });\n}",
        }],
      }],
    },
    // object-literal methods and arrows bound to variables
    {
      filename: FILE,
      code: 'const mailer = { async send(to: string) {} };\nexport function welcome(to: string) { mailer.send(to); }',
      errors: [{ messageId: 'floatingPromise', line: 2, suggestions: [{ messageId: 'submitToManager', output: `${IMPORT}\nconst mailer = { async send(to: string) {} };\nexport function welcome(to: string) { ${submission('', { taskId: 'invoice-service.send', run: '() => mailer.send(to)', type: 'send', component: 'invoice-service' })}; }` }] }],
    },
    {
      filename: FILE,
      code: 'const notify = async (id: string) => {};\nexport async function close(id: string) { notify(id); }',
      errors: [{
        messageId: 'floatingPromise',
        suggestions: [
          { messageId: 'addAwait', output: 'const notify = async (id: string) => {};\nexport async function close(id: string) { await notify(id); }' },
          { messageId: 'submitToManager', output: `${IMPORT}\nconst notify = async (id: string) => {};\nexport async function close(id: string) { ${submission('', { taskId: 'invoice-service.notify', run: '() => notify(id)', type: 'notify', component: 'invoice-service' })}; }` },
        ],
      }],
    },
    // an async IIFE runs its arrow as the task
    {
      filename: FILE,
      code: 'export function boot() {\n  (async () => {\n    await warmUp();\n  })();\n}\nasync function warmUp() {}',
      errors: [{
        messageId: 'floatingPromise',
        line: 2,
        suggestions: [{
          messageId: 'submitToManager',
          output: `${IMPORT}\nexport function boot() {\n  ${submission('  ', { taskId: 'invoice-service.boot', run: 'async () => {\n    await warmUp();\n  }', type: 'background-task', component: 'invoice-service' })};\n}\nasync function warmUp() {}`,
        }],
      }],
    },
    // a comma sequence drops its left operand
    {
      filename: FILE,
      code: 'async function refresh() {}\nexport async function run() { refresh(), console.log("queued"); }',
      errors: [{ messageId: 'floatingPromise', column: 31, suggestions: [{ messageId: 'addAwait', output: 'async function refresh() {}\nexport async function run() { await refresh(), console.log("queued"); }' }] }],
    },
    // both sides of a conditional and the right side of && are dropped
    {
      filename: FILE,
      code: 'async function refresh() {}\nexport async function run(force: boolean) { force ? refresh() : null; force && refresh(); }',
      errors: [
        { messageId: 'floatingPromise', column: 53, suggestions: [{ messageId: 'addAwait', output: 'async function refresh() {}\nexport async function run(force: boolean) { force ? await refresh() : null; force && refresh(); }' }] },
        { messageId: 'floatingPromise', column: 80, suggestions: [{ messageId: 'addAwait', output: 'async function refresh() {}\nexport async function run(force: boolean) { force ? refresh() : null; force && await refresh(); }' }] },
      ],
    },
    // a reassigned local that is never read
    {
      filename: FILE,
      code: 'async function refresh() {}\nexport function run() { let last; last = refresh(); }',
      errors: [{ messageId: 'unusedPromise', data: { name: 'last', call: CALL }, suggestions: [] }],
    },
  ],
});

// Functions stored on objects, the CommonJS style of many Node codebases.
const MODEL = 'billing/src/models/user.js';
const REQUIRE = "const { getBackgroundTaskManager, TaskPriority } = require('@/infra/background-manager');";
const userModel = (body: string): string => `const User = require("../db").model("User");

User.syncCounts = async function (uid) {
  await this.updateOne({ uid }, { $inc: { posts: 1 } });
};

User.displayName = function (user) {
  return user.name.trim();
};

${body}`;

ruleTester.run('no-fire-and-forget (functions stored on objects)', rule, {
  valid: [
    { filename: MODEL, code: userModel('User.onPostCreated = async function (uid) {\n  await User.syncCounts(uid);\n};') },
    { filename: MODEL, code: userModel('User.onPostCreated = function (uid) {\n  return User.syncCounts(uid);\n};') },
    // a synchronous member is not a promise
    { filename: MODEL, code: userModel('User.describe = function (user) {\n  User.displayName(user);\n};') },
    // a parameter that shadows the model is something else
    { filename: MODEL, code: userModel('exports.count = function (User) {\n  User.syncCounts(1);\n};') },
    // assignments that disagree on whether the member is async
    { filename: MODEL, code: 'exports.sync = async () => {};\nif (process.env.DRY_RUN) exports.sync = () => {};\nexports.run = function () {\n  exports.sync();\n};' },
    // `exports` no longer is the module's object once `module.exports` is replaced
    { filename: MODEL, code: 'module.exports = {\n  async flush() {},\n};\nfunction stop() {\n  exports.flush();\n}' },
    // an Express handler mounted in the same file owns its short-lived work
    { filename: MODEL, code: userModel('const router = require("express").Router();\nrouter.post("/users/:uid/posts", (req, res) => {\n  User.syncCounts(req.params.uid);\n  res.sendStatus(201);\n});') },
    // the prototype method of another model with the same member name
    { filename: MODEL, code: 'function Post() {}\nPost.prototype.save = function () { return true; };\nPost.prototype.publish = function () {\n  this.save();\n};' },
  ],
  invalid: [
    // a mongoose-style static assigned on the model
    {
      filename: MODEL,
      code: userModel('User.onPostCreated = function (uid) {\n  User.syncCounts(uid);\n};'),
      errors: [{
        messageId: 'floatingPromise',
        line: 12,
        column: 3,
        suggestions: [{
          messageId: 'submitToManager',
          output: `${REQUIRE}\n${userModel(`User.onPostCreated = function (uid) {\n  ${submission('  ', { taskId: 'user.sync-counts', run: '() => User.syncCounts(uid)', type: 'sync-counts', component: 'user' })};\n};`)}`,
        }],
      }],
    },
    // exports.x and module.exports.x are the same member
    {
      filename: 'billing/src/services/search.js',
      code: 'exports.reindex = async () => {\n  await search.rebuild();\n};\n\nexports.publish = async function (id) {\n  module.exports.reindex();\n};',
      errors: [{
        messageId: 'floatingPromise',
        line: 6,
        suggestions: [
          { messageId: 'addAwait', output: 'exports.reindex = async () => {\n  await search.rebuild();\n};\n\nexports.publish = async function (id) {\n  await module.exports.reindex();\n};' },
          {
            messageId: 'submitToManager',
            output: `${REQUIRE}\nexports.reindex = async () => {\n  await search.rebuild();\n};\n\nexports.publish = async function (id) {\n  ${submission('  ', { taskId: 'search.reindex', run: '() => module.exports.reindex()', type: 'reindex', component: 'search' })};\n};`,
          },
        ],
      }],
    },
    // module.exports = { … }: members by name, shorthand members through their declaration
    {
      filename: 'billing/src/jobs/digest.js',
      code: 'async function sendDigest() {}\nmodule.exports = {\n  sendDigest,\n  async buildDigest() {},\n  schedule() {\n    this.buildDigest();\n    module.exports.sendDigest();\n  },\n};',
      errors: [6, 7].map((line) => ({
        messageId: 'floatingPromise' as const,
        line,
        suggestions: [{
          messageId: 'submitToManager' as const,
          output: `${REQUIRE}\n${'async function sendDigest() {}\nmodule.exports = {\n  sendDigest,\n  async buildDigest() {},\n  schedule() {\n    this.buildDigest();\n    module.exports.sendDigest();\n  },\n};'.split('\n').map((text, index) => {
            if (index !== line - 1) return text;
            const work = line === 6 ? 'buildDigest' : 'sendDigest';
            return `    ${submission('    ', { taskId: `digest.${kebab(work)}`, run: `() => ${text.trim().slice(0, -1)}`, type: kebab(work), component: 'digest' })};`;
          }).join('\n')}`,
        }],
      })),
    },
    // a prototype method calling another through `this`
    {
      filename: MODEL,
      code: 'function Session(id) { this.id = id; }\nSession.prototype.persist = async function () { await store.put(this.id, this); };\nSession.prototype.touch = function () {\n  this.expiresAt = Date.now() + 60_000;\n  this.persist();\n};\nmodule.exports = Session;',
      errors: [{
        messageId: 'floatingPromise',
        line: 5,
        suggestions: [{
          messageId: 'submitToManager',
          output: `${REQUIRE}\nfunction Session(id) { this.id = id; }\nSession.prototype.persist = async function () { await store.put(this.id, this); };\nSession.prototype.touch = function () {\n  this.expiresAt = Date.now() + 60_000;\n  ${submission('  ', { taskId: 'user.persist', run: '() => this.persist()', type: 'persist', component: 'user' })};\n};\nmodule.exports = Session;`,
        }],
      }],
    },
    // a static method through a class expression's name, in a TypeScript service
    {
      filename: FILE,
      code: 'const Repo = class {\n  static async sync(): Promise<void> {}\n};\nexport function onDeploy() {\n  Repo.sync();\n}',
      errors: [{
        messageId: 'floatingPromise',
        line: 5,
        suggestions: [{
          messageId: 'submitToManager',
          output: `${IMPORT}\nconst Repo = class {\n  static async sync(): Promise<void> {}\n};\nexport function onDeploy() {\n  ${submission('  ', { taskId: 'invoice-service.sync', run: '() => Repo.sync()', type: 'sync', component: 'invoice-service' })};\n}`,
        }],
      }],
    },
  ],
});

// `void call()` says "I am dropping a promise", whatever the callee.
const SIGNUP = 'billing/src/services/signup-service.ts';
const signup = (body: string): string => `import { track } from "./analytics";
import * as queue from "./queue";

function auditLine(user: { id: string }) {
  return \`signup \${user.id}\`;
}

${body}`;
const signupSubmission = (indent: string, run: string, work: string): string =>
  submission(indent, { taskId: `signup-service.${kebab(work)}`, run, type: kebab(work), component: 'signup-service' });
const IMPORT_DOUBLE = IMPORT.replaceAll("'", '"');

ruleTester.run('no-fire-and-forget (void)', rule, {
  valid: [
    // the callee is a same-file function that returns no promise
    { filename: SIGNUP, code: signup('export function onSignup(user: { id: string }) {\n  void auditLine(user);\n}') },
    { filename: SIGNUP, code: signup('export function onSignup() {\n  void (() => 1)();\n}') },
    // `void` only to return undefined: the callback idiom, not a dropped promise
    { filename: SIGNUP, code: signup('export function load(id: string, cb: (err: Error | null) => void) {\n  if (!id) return void cb(new Error("no id"));\n  cb(null);\n}') },
    // `void` on something other than a call
    { filename: SIGNUP, code: signup('export function onSignup(user: { id: string }) {\n  void user;\n  void 0;\n}') },
    // the team accepts `void` as a reviewed discard
    { filename: SIGNUP, code: signup('export function onSignup(user: { id: string }) {\n  void track("signup", user.id);\n}'), options: [{ allowVoid: true }] },
    // short-lived work of a request handler
    { filename: SIGNUP, code: signup('export function mount(app: any) {\n  app.post("/signup", (req: any, res: any) => {\n    void track("signup", req.body.id);\n    res.sendStatus(201);\n  });\n}') },
    // built-ins that never return a promise: `void` only drops a boolean or a handle
    {
      filename: SIGNUP,
      code: 'export class MarkdownBuffer {\n  private pages: Record<string, string> = {};\n  pop(pageId: string) {\n    const markdown = Reflect.get(this.pages, pageId);\n    void Reflect.deleteProperty(this.pages, pageId);\n    return markdown;\n  }\n}',
    },
    { filename: SIGNUP, code: signup('export function freeze(config: object) {\n  void Object.freeze(config);\n  void console.log("frozen");\n  void clearTimeout(undefined);\n}') },
    // ChildProcess#kill returns a boolean
    {
      filename: SIGNUP,
      code: 'import { fork } from "node:child_process";\nexport function startApiWorker(file: string) {\n  const worker = fork(file, [], { execArgv: process.execArgv });\n  const kill = (signal?: NodeJS.Signals) => void worker.kill(signal);\n  worker.on("exit", () => void worker.disconnect());\n  return { kill };\n}',
    },
    // Node's EventEmitter#emit returns a boolean: `void` there only keeps an arrow's result undefined
    {
      filename: SIGNUP,
      code: 'import { EventEmitter, on } from "events";\nfunction createPubSub<P extends Record<string, unknown>>(emitter: EventEmitter) {\n  return {\n    publish: <T extends keyof P & string>(event: T, payload: P[T]) => void emitter.emit(event, payload),\n    subscribe: (event: string) => on(emitter, event),\n  };\n}\nexport const messages = createPubSub(new EventEmitter());',
    },
    {
      filename: SIGNUP,
      code: 'import EventEmitter from "node:events";\nconst changes = new EventEmitter();\nexport function onSettingsSaved(key: string) {\n  void changes.emit("settings.changed", key);\n}',
    },
    {
      filename: SIGNUP,
      code: 'import { EventEmitter } from "node:events";\nexport class ImportJob extends EventEmitter {\n  private readonly bus = new EventEmitter();\n  finish(rows: number) {\n    void this.emit("done", rows);\n    void this.bus.emit("progress", 1);\n  }\n}',
    },
  ],
  invalid: [
    // Worker#terminate of worker_threads returns a promise
    {
      filename: SIGNUP,
      code: 'import { Worker } from "node:worker_threads";\nexport function startMicroservices(file: string) {\n  const worker = new Worker(file);\n  return { kill: () => void worker.terminate() };\n}',
      errors: [{
        messageId: 'floatingPromise',
        line: 4,
        suggestions: [{
          messageId: 'submitToManager',
          output: `import { Worker } from "node:worker_threads";\n${IMPORT_DOUBLE}\nexport function startMicroservices(file: string) {\n  const worker = new Worker(file);\n  return { kill: () => ${submission('  ', { taskId: 'signup-service.terminate', run: '() => worker.terminate()', type: 'terminate', component: 'signup-service' })} };\n}`,
        }],
      }],
    },
    // an emitter of another library may return a promise (Emittery's emit does)
    {
      filename: SIGNUP,
      code: 'import Emittery from "emittery";\nconst changes = new Emittery();\nexport function onSettingsSaved(key: string) {\n  void changes.emit("settings.changed", key);\n}',
      errors: [{
        messageId: 'floatingPromise',
        line: 4,
        suggestions: [{
          messageId: 'submitToManager',
          output: `import Emittery from "emittery";\n${IMPORT_DOUBLE}\nconst changes = new Emittery();\nexport function onSettingsSaved(key: string) {\n  ${submission('  ', { taskId: 'signup-service.emit', run: '() => changes.emit("settings.changed", key)', type: 'emit', component: 'signup-service' })};\n}`,
        }],
      }],
    },
    {
      filename: SIGNUP,
      code: 'import type { Bus } from "./bus";\nexport function publisher(bus: Bus) {\n  return (event: string) => void bus.emit(event);\n}',
      errors: [{
        messageId: 'floatingPromise',
        line: 3,
        suggestions: [{
          messageId: 'submitToManager',
          output: `import type { Bus } from "./bus";\n${IMPORT_DOUBLE}\nexport function publisher(bus: Bus) {\n  return (event: string) => ${submission('  ', { taskId: 'signup-service.emit', run: '() => bus.emit(event)', type: 'emit', component: 'signup-service' })};\n}`,
        }],
      }],
    },
    {
      filename: SIGNUP,
      code: signup('export function onSignup(user: { id: string }) {\n  void track("signup", user.id);\n}'),
      errors: [{
        messageId: 'floatingPromise',
        line: 9,
        column: 8,
        suggestions: [{ messageId: 'submitToManager', output: signup(`export function onSignup(user: { id: string }) {\n  ${signupSubmission('  ', '() => track("signup", user.id)', 'track')};\n}`).replace('import * as queue from "./queue";', `import * as queue from "./queue";\n${IMPORT_DOUBLE}`) }],
      }],
    },
    {
      filename: SIGNUP,
      code: signup('export async function onSignup(user: { id: string }) {\n  void queue.push(user);\n}'),
      errors: [{
        messageId: 'floatingPromise',
        line: 9,
        suggestions: [
          { messageId: 'addAwait', output: signup('export async function onSignup(user: { id: string }) {\n  await queue.push(user);\n}') },
          { messageId: 'submitToManager', output: signup(`export async function onSignup(user: { id: string }) {\n  ${signupSubmission('  ', '() => queue.push(user)', 'push')};\n}`).replace('import * as queue from "./queue";', `import * as queue from "./queue";\n${IMPORT_DOUBLE}`) },
        ],
      }],
    },
    // a method of an injected client whose type lives in another file
    {
      filename: SIGNUP,
      code: 'import type { Redis } from "ioredis";\nexport class PresenceService {\n  constructor(private readonly redis: Redis) {}\n  markOnline(id: string) {\n    void this.redis.set(`online:${id}`, "1", "EX", 60);\n  }\n}',
      errors: [{
        messageId: 'floatingPromise',
        line: 5,
        suggestions: [{
          messageId: 'submitToManager',
          output: `import type { Redis } from "ioredis";\n${IMPORT_DOUBLE}\nexport class PresenceService {\n  constructor(private readonly redis: Redis) {}\n  markOnline(id: string) {\n    ${submission('    ', { taskId: 'presence-service.set', run: '() => this.redis.set(`online:${id}`, "1", "EX", 60)', type: 'set', component: 'presence-service' })};\n  }\n}`,
        }],
      }],
    },
    // a local binding that shadows a built-in name is not the built-in
    {
      filename: SIGNUP,
      code: 'import { createStore } from "./store";\nconst Reflect = createStore();\nexport function evict(key: string) {\n  void Reflect.deleteProperty(key);\n}',
      errors: [{
        messageId: 'floatingPromise',
        line: 4,
        suggestions: [{
          messageId: 'submitToManager',
          output: `import { createStore } from "./store";\n${IMPORT_DOUBLE}\nconst Reflect = createStore();\nexport function evict(key: string) {\n  ${signupSubmission('  ', '() => Reflect.deleteProperty(key)', 'deleteProperty')};\n}`,
        }],
      }],
    },
    // a voided call as an arrow's whole body becomes the submission
    {
      filename: SIGNUP,
      code: signup('export const onClick = (id: string) => void track("click", id);'),
      errors: [{
        messageId: 'floatingPromise',
        line: 8,
        suggestions: [{ messageId: 'submitToManager', output: signup(`export const onClick = (id: string) => ${signupSubmission('', '() => track("click", id)', 'track')};`).replace('import * as queue from "./queue";', `import * as queue from "./queue";\n${IMPORT_DOUBLE}`) }],
      }],
    },
  ],
});

// Chains on existing promises: observing one is fine; `.then(ok)`/`.finally(f)` derive a promise nobody handles.
const REPOSITORY = `import { createPool } from "./pool";

export class OrderRepository {
  private ready = this.connect();

  constructor(private readonly logger: { info(m: string): void }) {
    this.ready.then(() => this.logger.info("orders database connected"));
  }

  private async connect(): Promise<void> {
    await createPool().query("select 1");
  }
}`;
const FETCH_WITH_TIMEOUT = `export async function fetchWithTimeout(url: string, ms: number) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const inflight = fetch(url, { signal: controller.signal });
  inflight.finally(() => clearTimeout(timer));
  return inflight;
}`;

const TIMED = `export function Timed(histogram: { record(ms: number): void }) {
  return (_target: object, _key: string, descriptor: PropertyDescriptor) => {
    const method = descriptor.value;
    descriptor.value = function (...args: unknown[]) {
      const start = performance.now();
      const result = method.apply(this, args);
      void Promise.resolve(result)
        .then(() => histogram.record(performance.now() - start))
        .catch(() => {});
      return result;
    };
  };
}`;

ruleTester.run('no-fire-and-forget (chains on existing promises)', rule, {
  valid: [
    // \`Promise.resolve(result)\` only wraps a value the caller also gets: a handled chain on it observes
    { filename: FILE, code: TIMED },
    // a rejection handler only observes the promise
    { filename: FILE, code: REPOSITORY.replace('this.ready.then(() => this.logger.info("orders database connected"));', 'this.ready.catch((error) => this.logger.info(`orders database down: ${error}`));') },
    { filename: FILE, code: REPOSITORY.replace('this.ready.then(() => this.logger.info("orders database connected"));', 'this.ready.then(() => this.logger.info("up"), () => this.logger.info("down"));') },
    { filename: FILE, code: REPOSITORY.replace('this.ready.then(() => this.logger.info("orders database connected"));', 'this.ready.then(() => this.logger.info("up")).catch(() => this.logger.info("down"));') },
    // the derived promise is handed on
    { filename: FILE, code: FETCH_WITH_TIMEOUT.replace('  inflight.finally(() => clearTimeout(timer));\n  return inflight;', '  return inflight.finally(() => clearTimeout(timer));') },
    // the root is not known to be a promise without type information
    { filename: FILE, code: 'import { loadConfig } from "./config";\nconst config = loadConfig();\nexport function boot(apply: (c: unknown) => void) { config.then(apply); }' },
    { filename: FILE, code: 'export class Worker { constructor(private readonly ready: Promise<void>) {} start(log: () => void) { this.ready.then(log); } }' },
  ],
  invalid: [
    // without a rejection handler the derived promise rejects with the wrapped one
    {
      filename: FILE,
      code: TIMED.replace('\n        .catch(() => {});', ';'),
      errors: [{
        messageId: 'floatingPromise',
        line: 7,
        suggestions: [{
          messageId: 'submitToManager',
          output: `${IMPORT}\n${TIMED.replace(
            'void Promise.resolve(result)\n        .then(() => histogram.record(performance.now() - start))\n        .catch(() => {});',
            `${submission('      ', { taskId: 'invoice-service.resolve', run: '() => Promise.resolve(result)\n        .then(() => histogram.record(performance.now() - start))', type: 'resolve', component: 'invoice-service' })};`,
          )}`,
        }],
      }],
    },
    // wrapping a call starts new work
    {
      filename: FILE,
      code: TIMED.replace('Promise.resolve(result)', 'Promise.resolve(method.apply(this, args))'),
      errors: [{
        messageId: 'unsupervisedPromise',
        line: 7,
        suggestions: [{
          messageId: 'submitToManager',
          output: `${IMPORT}\n${TIMED.replace(
            'void Promise.resolve(result)\n        .then(() => histogram.record(performance.now() - start))\n        .catch(() => {});',
            `${submission('      ', { taskId: 'invoice-service.resolve', run: '() => Promise.resolve(method.apply(this, args))\n        .then(() => histogram.record(performance.now() - start))\n        .catch(() => {})', type: 'resolve', component: 'invoice-service' })};`,
          )}`,
        }],
      }],
    },
    {
      filename: 'billing/src/services/order-repository.ts',
      code: REPOSITORY,
      errors: [{
        messageId: 'floatingPromise',
        line: 7,
        column: 5,
        suggestions: [{
          messageId: 'submitToManager',
          output: REPOSITORY.replace('import { createPool } from "./pool";', `import { createPool } from "./pool";\n${IMPORT_DOUBLE}`).replace(
            'this.ready.then(() => this.logger.info("orders database connected"));',
            `${submission('    ', { taskId: 'order-repository.constructor', run: '() => this.ready.then(() => this.logger.info("orders database connected"))', type: 'background-task', component: 'order-repository' })};`,
          ),
        }],
      }],
    },
    // the `finally` promise rejects when the fetch does, although the caller handles `inflight`
    {
      filename: 'billing/src/services/http.ts',
      code: FETCH_WITH_TIMEOUT,
      errors: [{
        messageId: 'floatingPromise',
        line: 5,
        suggestions: [
          { messageId: 'addAwait', output: FETCH_WITH_TIMEOUT.replace('  inflight.finally', '  await inflight.finally') },
          {
            messageId: 'submitToManager',
            output: `${IMPORT}\n${FETCH_WITH_TIMEOUT.replace('inflight.finally(() => clearTimeout(timer));', `${submission('  ', { taskId: 'http.fetch-with-timeout', run: '() => inflight.finally(() => clearTimeout(timer))', type: 'background-task', component: 'http' })};`)}`,
          },
        ],
      }],
    },
  ],
});

// Without types, a lone `.then(cb)` on an unknown import may be a builder; any other promise-only link is a promise.
const WORKFLOW = 'billing/src/workflows/refund.ts';

ruleTester.run('no-fire-and-forget (chains on calls of unknown imports)', rule, {
  valid: [
    { filename: WORKFLOW, code: 'import { when, step } from "@acme/workflows";\nexport function refundFlow(input: { amount: number }) {\n  when(input, (i) => i.amount > 0)\n    .then(() => step("notify"))\n    .then(() => step("refund"));\n}' },
    { filename: WORKFLOW, code: 'import { knex } from "./db";\nexport function rows(render: (r: unknown[]) => void) {\n  knex("refunds").where("open", true).then(render);\n}' },
  ],
  invalid: [
    {
      filename: WORKFLOW,
      code: 'import { acquireLock } from "./locks";\nexport function refund(release: () => void) {\n  acquireLock("refunds").finally(release);\n}',
      errors: [{
        messageId: 'floatingPromise',
        line: 3,
        suggestions: [{
          messageId: 'submitToManager',
          output: `import { acquireLock } from "./locks";\n${IMPORT_DOUBLE}\nexport function refund(release: () => void) {\n  ${submission('  ', { taskId: 'refund.acquire-lock', run: '() => acquireLock("refunds").finally(release)', type: 'acquire-lock', component: 'refund' })};\n}`,
        }],
      }],
    },
    {
      filename: WORKFLOW,
      code: 'import { refundQueue } from "./queues";\nexport async function requestRefund(id: string) {\n  refundQueue.add("refund", { id }).catch(() => {});\n}',
      errors: [{
        messageId: 'unsupervisedPromise',
        line: 3,
        suggestions: [
          { messageId: 'addAwait', output: 'import { refundQueue } from "./queues";\nexport async function requestRefund(id: string) {\n  await refundQueue.add("refund", { id }).catch(() => {});\n}' },
          {
            messageId: 'submitToManager',
            output: `import { refundQueue } from "./queues";\n${IMPORT_DOUBLE}\nexport async function requestRefund(id: string) {\n  ${submission('  ', { taskId: 'refund.add', run: '() => refundQueue.add("refund", { id }).catch(() => {})', type: 'add', component: 'refund' })};\n}`,
          },
        ],
      }],
    },
    {
      filename: WORKFLOW,
      code: 'import { when } from "@acme/workflows";\nexport function refundFlow(input: { amount: number }, onError: (e: unknown) => void) {\n  when(input, (i) => i.amount > 0).then(() => {}, onError);\n}',
      errors: [{
        messageId: 'unsupervisedPromise',
        line: 3,
        suggestions: [{
          messageId: 'submitToManager',
          output: `import { when } from "@acme/workflows";\n${IMPORT_DOUBLE}\nexport function refundFlow(input: { amount: number }, onError: (e: unknown) => void) {\n  ${submission('  ', { taskId: 'refund.when', run: '() => when(input, (i) => i.amount > 0).then(() => {}, onError)', type: 'when', component: 'refund' })};\n}`,
        }],
      }],
    },
  ],
});

// With type information: cases lint `tests/fixtures/billing/src/invoices.ts` in the fixture project.
const TYPED_FILE = 'billing/src/invoices.ts';
const JOBS = "import { AuditLog, formatReport, notifyWatchers, reindexSearch, table } from '../../no-fire-and-forget/jobs.js';";
const typed = (fields: { taskId: string; run: string; type: string }) => submission('', { ...fields, component: 'invoices' });

typeAwareRuleTester.run('no-fire-and-forget (type-aware)', rule, {
  valid: ([
    `${JOBS}\nexport function render(id: string) { formatReport(id); }`,
    `${JOBS}\nexport async function publish() { await reindexSearch(); }`,
    `${JOBS}\nexport function publish() { return reindexSearch(); }`,
    `${JOBS}\nexport async function audit(log: AuditLog) { log.flushSync(); await log.record('x'); }`,
    // a thenable query builder being configured starts nothing
    `${JOBS}\nexport async function list() { const query = table('invoices'); query.where('paid', true); query.limit(10); return await query; }`,
    `${JOBS}\nexport function scope() { table('invoices').where('paid', true); }`,
    // an existing promise is only observed
    'declare const job: Promise<void>;\nexport function watch(log: (e: unknown) => void) { job.catch(log); job.then(() => {}, log); job.then(() => {}).catch(log); }',
    // a thenable whose `then` takes no rejection handler cannot reject unobserved

    'class Thenable { then(callback: () => void): Thenable { return new Thenable(); } }\nexport async function run() { const thenable = new Thenable(); await thenable; thenable.then(() => {}); return thenable; }',
    'class NonFunctionThenable { then = 1; }\nexport function run() { new NonFunctionThenable(); }',
    'declare const returnsPromise: () => Promise<void> | null;\nexport async function run() { await returnsPromise?.(); return returnsPromise(); }',
    'declare const anything: any;\nexport function run() { anything.go(); }',
    // values that are not promises, as statements
    'declare const count: number;\ndeclare const ready: Promise<void>;\nexport async function run(flag: boolean) { count; flag && count; await ready; }',
    // `void` on a call the checker types as no promise
    `${JOBS}\nexport function render(id: string) { void formatReport(id); }`,
    // an array of promises handed on, or of values
    `${JOBS}\nexport async function notifyAll(ids: string[]) { await Promise.all(ids.map((id) => notifyWatchers(id))); }`,
    `${JOBS}\nexport function render(ids: string[]) { ids.map((id) => formatReport(id)); }`,
    // the checker proves the right side never runs
    `${JOBS}\nexport function publish() { const dryRun = false as const; dryRun && reindexSearch(); }`,
    'declare function getBackgroundTaskManager(): { submitEnhancedTask(t: object): Promise<string> };\nexport function run() { getBackgroundTaskManager().submitEnhancedTask({}); }',
    `${JOBS}\nexport async function notifyAll(ids: string[]) { await Promise.all(ids.map(notifyWatchers)); }`,
    // a rejection handler the checker confirms is callable
    'declare const onError: (error: unknown) => void;\nasync function main() {}\nmain().catch(onError);',
    // recursive instantiation expressions overflow the checker; answer conservatively
    'interface Link<P> { next: () => Link<P> }\ndeclare const makeLink: () => { next: <T>() => Link<T> };\nfunction wrap<T>(get: () => Link<T>) { return get; }\n(async () => {\n  wrap(() => {\n    const link = makeLink();\n    return wrap<typeof link.next<any>>(link.next);\n  });\n})().catch(() => {});',
  ] as string[]).map((code) => ({ code, filename: TYPED_FILE })),
  invalid: ([
    // functions imported from other files
    {
      code: `${JOBS}\nexport function publish() { reindexSearch(); }`,
      errors: [{
        messageId: 'floatingPromise',
        line: 2,
        column: 29,
        suggestions: [{
          messageId: 'submitToManager',
          output: `${JOBS}\n${IMPORT}\nexport function publish() { ${typed({ taskId: 'invoices.reindex-search', run: '() => reindexSearch()', type: 'reindex-search' })}; }`,
        }],
      }],
    },
    {
      code: `${JOBS}\nexport async function publish(id: string) { notifyWatchers(id); }`,
      errors: [{
        messageId: 'floatingPromise',
        suggestions: [
          { messageId: 'addAwait', output: `${JOBS}\nexport async function publish(id: string) { await notifyWatchers(id); }` },
          { messageId: 'submitToManager', output: `${JOBS}\n${IMPORT}\nexport async function publish(id: string) { ${typed({ taskId: 'invoices.notify-watchers', run: '() => notifyWatchers(id)', type: 'notify-watchers' })}; }` },
        ],
      }],
    },
    {
      code: `${JOBS}\nexport function audit(log: AuditLog) { const pending = log.record('paid'); }`,
      errors: [{
        messageId: 'unusedPromise',
        suggestions: [{ messageId: 'submitToManager', output: `${JOBS}\n${IMPORT}\nexport function audit(log: AuditLog) { ${typed({ taskId: 'invoices.record', run: "() => log.record('paid')", type: 'record' })}; }` }],
      }],
    },
    // unions and custom thenables
    {
      code: 'declare function maybeSync(): Promise<number> | number;\nexport function run() { maybeSync(); }',
      errors: [{ messageId: 'floatingPromise', suggestions: [{ messageId: 'submitToManager', output: `${IMPORT}\ndeclare function maybeSync(): Promise<number> | number;\nexport function run() { ${typed({ taskId: 'invoices.maybe-sync', run: '() => maybeSync()', type: 'maybe-sync' })}; }` }] }],
    },
    {
      code: 'interface Job { then(ok: () => void, fail: () => void): Job }\ndeclare const queue: { push(name: string): Job };\nexport function run() { queue.push("a"); }',
      errors: [{ messageId: 'floatingPromise', suggestions: [{ messageId: 'submitToManager', output: `${IMPORT}\ninterface Job { then(ok: () => void, fail: () => void): Job }\ndeclare const queue: { push(name: string): Job };\nexport function run() { ${typed({ taskId: 'invoices.push', run: '() => queue.push("a")', type: 'push' })}; }` }] }],
    },
    {
      code: 'declare const returnsPromise: () => Promise<void> | null;\nexport function run() { returnsPromise?.(); }',
      errors: [{ messageId: 'floatingPromise', suggestions: [{ messageId: 'submitToManager', output: `${IMPORT}\ndeclare const returnsPromise: () => Promise<void> | null;\nexport function run() { ${typed({ taskId: 'invoices.returns-promise', run: '() => returnsPromise?.()', type: 'returns-promise' })}; }` }] }],
    },
    // an imported async function handed to forEach by reference
    {
      code: `${JOBS}\nexport function notifyAll(ids: string[]) { ids.forEach(notifyWatchers); }`,
      errors: [{
        messageId: 'droppedAsyncCallback',
        column: 56,
        suggestions: [{ messageId: 'submitToManager', output: `${JOBS}\n${IMPORT}\nexport function notifyAll(ids: string[]) { ids.forEach((...args) => ${typed({ taskId: 'invoices.notify-watchers', run: '() => notifyWatchers(...args)', type: 'for-each' })}); }` }],
      }],
    },
    // a derived promise on an existing one rejects with nobody listening
    {
      code: 'declare const job: Promise<void>;\nexport function watch(log: () => void) { job.then(log); }',
      errors: [{ messageId: 'floatingPromise', column: 42, suggestions: [{ messageId: 'submitToManager', output: `${IMPORT}\ndeclare const job: Promise<void>;\nexport function watch(log: () => void) { ${typed({ taskId: 'invoices.watch', run: '() => job.then(log)', type: 'background-task' })}; }` }] }],
    },
    {
      code: 'export async function refresh(inflight: Promise<void>, done: () => void) {\n  inflight.finally(done);\n}',
      errors: [{ messageId: 'floatingPromise', line: 2, suggestions: [
        { messageId: 'addAwait', output: 'export async function refresh(inflight: Promise<void>, done: () => void) {\n  await inflight.finally(done);\n}' },
        { messageId: 'submitToManager', output: `${IMPORT}\nexport async function refresh(inflight: Promise<void>, done: () => void) {\n  ${submission('  ', { taskId: 'invoices.refresh', run: '() => inflight.finally(done)', type: 'background-task', component: 'invoices' })};\n}` },
      ] }],
    },
    // a bare promise value as a statement
    {
      code: 'declare const pending: Promise<void>;\nexport async function flush(force: boolean) {\n  pending;\n  force && pending;\n}',
      errors: [
        { messageId: 'floatingPromise', line: 3, suggestions: [
          { messageId: 'addAwait', output: 'declare const pending: Promise<void>;\nexport async function flush(force: boolean) {\n  await pending;\n  force && pending;\n}' },
          { messageId: 'submitToManager', output: `${IMPORT}\ndeclare const pending: Promise<void>;\nexport async function flush(force: boolean) {\n  ${submission('  ', { taskId: 'invoices.flush', run: '() => pending', type: 'background-task', component: 'invoices' })};\n  force && pending;\n}` },
        ] },
        { messageId: 'floatingPromise', line: 4, column: 12, suggestions: [
          { messageId: 'addAwait', output: 'declare const pending: Promise<void>;\nexport async function flush(force: boolean) {\n  pending;\n  force && await pending;\n}' },
        ] },
      ],
    },
    // an array of promises dropped, or awaited whole (which waits for none of them)
    {
      code: `${JOBS}\nexport async function notifyAll(ids: string[]) {\n  ids.map((id) => notifyWatchers(id));\n}`,
      errors: [{ messageId: 'floatingPromise', line: 3, column: 3, suggestions: [
        { messageId: 'addAwait', output: `${JOBS}\nexport async function notifyAll(ids: string[]) {\n  await Promise.all(ids.map((id) => notifyWatchers(id)));\n}` },
        { messageId: 'submitToManager', output: `${JOBS}\n${IMPORT}\nexport async function notifyAll(ids: string[]) {\n  ${submission('  ', { taskId: 'invoices.map', run: '() => Promise.all(ids.map((id) => notifyWatchers(id)))', type: 'map', component: 'invoices' })};\n}` },
      ] }],
    },
    {
      code: `${JOBS}\nexport async function notifyAll(ids: string[]) {\n  await ids.map((id) => notifyWatchers(id));\n}`,
      errors: [{ messageId: 'floatingPromise', line: 3, column: 9, suggestions: [
        { messageId: 'addAwait', output: `${JOBS}\nexport async function notifyAll(ids: string[]) {\n  await Promise.all(ids.map((id) => notifyWatchers(id)));\n}` },
      ] }],
    },
    // `.then(cb)` on an imported promise is new work, not a builder being configured
    {
      code: `${JOBS}\nexport function publish(log: () => void) { reindexSearch().then(log); }`,
      errors: [{ messageId: 'floatingPromise', suggestions: [{ messageId: 'submitToManager', output: `${JOBS}\n${IMPORT}\nexport function publish(log: () => void) { ${typed({ taskId: 'invoices.reindex-search', run: '() => reindexSearch().then(log)', type: 'reindex-search' })}; }` }] }],
    },
    // a value asserted to be a promise, as a statement
    {
      code: 'declare const pending: unknown;\nexport async function flush() {\n  pending as Promise<void>;\n}',
      errors: [{ messageId: 'floatingPromise', line: 3, suggestions: [
        { messageId: 'addAwait', output: 'declare const pending: unknown;\nexport async function flush() {\n  await pending as Promise<void>;\n}' },
        { messageId: 'submitToManager', output: `${IMPORT}\ndeclare const pending: unknown;\nexport async function flush() {\n  ${submission('  ', { taskId: 'invoices.flush', run: '() => pending as Promise<void>', type: 'background-task', component: 'invoices' })};\n}` },
      ] }],
    },
    // `void` on a call the checker cannot type
    {
      code: 'declare const sdk: any;\nexport function track(id: string) { void sdk.track(id); }',
      errors: [{ messageId: 'floatingPromise', suggestions: [{ messageId: 'submitToManager', output: `${IMPORT}\ndeclare const sdk: any;\nexport function track(id: string) { ${typed({ taskId: 'invoices.track', run: '() => sdk.track(id)', type: 'track' })}; }` }] }],
    },
    // the syntactic knowledge still applies
    {
      code: 'export async function ping(url: string) { fetch(url); }',
      errors: [{
        messageId: 'floatingPromise',
        suggestions: [
          { messageId: 'addAwait', output: 'export async function ping(url: string) { await fetch(url); }' },
          { messageId: 'submitToManager', output: `${IMPORT}\nexport async function ping(url: string) { ${typed({ taskId: 'invoices.fetch', run: '() => fetch(url)', type: 'fetch' })}; }` },
        ],
      }],
    },
  ] satisfies InvalidTestCase<MessageIds, Options>[]).map((test) => ({ ...test, filename: TYPED_FILE })),
});

// The bundled example service: its two floating promises, and nothing in its request handlers or entry point.
describe('no-fire-and-forget on examples/service', () => {
  it('finds the floating promises of the example service', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        plugin.configs.recommended as Linter.Config,
        { settings: { 'async-governance': { exemptions: { frameworkInternals: ['**/src/infra/**'] } } } },
      ],
    });
    const results = await eslint.lintFiles(['examples/service']);
    const found = results.flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId === 'async-governance/no-fire-and-forget')
        .map((message) => `${path.relative(root, result.filePath)}:${message.line}`));
    expect(found.sort()).toEqual([
      'examples/service/src/jobs/cache-refresher.ts:24',
      'examples/service/src/workers/email-worker.ts:21',
    ]);
  });
});
