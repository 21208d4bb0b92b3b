import rule from '../../src/rules/no-blocking-in-async.js';
import { ruleTester } from '../rule-tester.js';

const betterSqlite = {
  'async-governance': {
    blockingCalls: [
      { module: 'better-sqlite3', call: '*', use: 'a pooled async driver' },
      { module: '@acme/legacy-db', call: 'querySync', use: '`query`' },
      { module: 'sync-rpc', call: '*Sync', use: 'the async client' },
    ],
  },
};

ruleTester.run('no-blocking-in-async', rule, {
  valid: [
    // synchronous request handlers are only checked in strict mode
    `import express from 'express';
import { readFileSync } from 'fs';
const app = express();
app.get('/version', (_req, res) => {
  res.send(readFileSync('VERSION', 'utf8'));
});`,
    {
      code: `import { readFileSync } from 'fs';
export function renderTemplate(name: string) {
  return readFileSync('templates/' + name, 'utf8');
}
export const router = { get(path: string, fn: Function) {} };`,
      options: [{ checkSyncRequestHandlers: true }],
    },
    {
      code: `import express from 'express';
import { readFileSync } from 'fs';
const app = express();
app.get('/version', (_req, res) => {
  process.nextTick(() => readFileSync('VERSION'));
  res.end();
});`,
      options: [{ checkSyncRequestHandlers: true }],
    },
    // module top level: startup configuration is read once, before serving
    `import { readFileSync } from 'node:fs';
const config = JSON.parse(readFileSync('config.json', 'utf8'));
export default config;`,
    `import fs from 'fs';
if (process.env.TLS) {
  const cert = fs.readFileSync(process.env.TLS_CERT!);
  console.log(cert.length);
}`,
    `const fs = require('fs');
try {
  module.exports = JSON.parse(fs.readFileSync(__dirname + '/package.json', 'utf8'));
} catch {
  module.exports = {};
}`,
    // synchronous functions: the caller chose a sync API
    `import { readFileSync, existsSync } from 'node:fs';
export function loadTemplates(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return [readFileSync(dir + '/index.html', 'utf8')];
}`,
    `import { execSync } from 'node:child_process';
function gitSha(): string {
  return execSync('git rev-parse HEAD').toString().trim();
}
export const version = gitSha();`,
    `import * as fs from 'fs';
export class TemplateCache {
  private readonly templates = new Map<string, string>();
  constructor(private readonly dir: string) {
    for (const name of fs.readdirSync(dir)) {
      this.templates.set(name, fs.readFileSync(dir + '/' + name, 'utf8'));
    }
  }
}`,
    // async code already on the promise APIs
    `import { readFile, writeFile } from 'node:fs/promises';
export async function rotateKey(path: string) {
  const current = await readFile(path, 'utf8');
  await writeFile(path + '.bak', current);
}`,
    `import fs from 'fs';
export async function load(path: string) {
  return JSON.parse(await fs.promises.readFile(path, 'utf8'));
}`,
    `import fse from 'fs-extra';
export async function saveReport(file: string, report: object) {
  await fse.ensureDir('reports');
  await fse.writeJson(file, report, { spaces: 2 });
}`,
    // a user function that merely has a *Sync name
    `function readFileSync(path: string) { return cache.get(path); }
export async function handler(path: string) {
  return readFileSync(path);
}`,
    `export class SettingsStore {
  async refresh() {
    this.loadSync();
    return this.repository.findAllSync();
  }
  loadSync() {}
}`,
    `export async function sync(client: { syncSync(): void }) {
  client.syncSync();
}`,
    // a parameter that shadows the module name is not the module
    `export async function copy(fs: { readFileSync(p: string): string }, p: string) {
  return fs.readFileSync(p);
}`,
    // crypto calls that do not block for long
    `import { createHash, randomBytes, randomUUID } from 'node:crypto';
export async function issueToken(userId: string) {
  const salt = randomBytes(16);
  const id = randomUUID();
  return createHash('sha256').update(userId).update(salt).digest('hex') + id;
}`,
    `import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
export async function compress(input: NodeJS.ReadableStream, output: NodeJS.WritableStream) {
  await pipeline(input, zlib.createGzip(), output);
}`,
    `import { spawn } from 'node:child_process';
export async function runMigrations() {
  const child = spawn('npm', ['run', 'migrate'], { stdio: 'inherit' });
  await new Promise((resolve) => child.on('close', resolve));
}`,
    // sync callbacks that are not array callbacks run later, outside this async function
    `import { readFileSync } from 'fs';
export async function watchConfig(emitter: NodeJS.EventEmitter) {
  emitter.on('reload', () => {
    console.log(readFileSync('config.json', 'utf8'));
  });
}`,
    `import { writeFileSync } from 'fs';
export async function start(server: { close(cb: () => void): void }) {
  process.on('exit', () => writeFileSync('/tmp/app.pid', ''));
}`,
    // loops that are not empty clock spins
    `export async function waitUntil(deadline: number, tick: () => Promise<void>) {
  while (Date.now() < deadline) {
    await tick();
  }
}`,
    `export async function drain(queue: string[]) {
  while (queue.length > 0) {}
}`,
    // Atomics
    `export function parkWorker(flags: Int32Array) {
  Atomics.wait(flags, 0, 0);
}`,
    `export async function park(flags: Int32Array) {
  await Atomics.waitAsync(flags, 0, 0, 1000).value;
}`,
    // test files are exempt
    {
      code: `import { readFileSync } from 'fs';
it('loads the fixture', async () => {
  const body = readFileSync('fixtures/order.json', 'utf8');
  expect(JSON.parse(body).id).toBe(1);
});`,
      filename: 'src/orders/order.service.test.ts',
    },
    {
      code: `import fs from 'fs';
export async function seed() { fs.writeFileSync('db.json', '{}'); }`,
      filename: 'tests/helpers/seed.ts',
    },
    // custom blocking calls only apply inside async code and to their module
    {
      code: `import Database from 'better-sqlite3';
const db = new Database('app.db');
export function countUsers(): number {
  return db.prepare('select count(*) as n from users').get().n;
}`,
      settings: betterSqlite,
    },
    {
      code: `import { query } from '@acme/legacy-db';
export async function findUser(id: string) {
  return query('select * from users where id = ?', [id]);
}`,
      settings: betterSqlite,
    },
    {
      code: `import { querySync } from './local-db';
export async function findUser(id: string) {
  return querySync(id);
}`,
      settings: betterSqlite,
    },
    // type positions are not calls
    `import fs from 'fs';
type Reader = typeof fs.readFileSync;
export async function pick(reader: Reader) { return reader; }`,
    // a sync generator is not async code
    `import { readdirSync } from 'fs';
export function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) yield entry;
}`,
    // class field initializers run in the constructor and static blocks at definition: not async code
    `import { readFileSync } from 'fs';
export async function createRenderer(templatePath: string) {
  class Renderer {
    template = readFileSync(templatePath, 'utf8');
  }
  return new Renderer();
}`,
    `import { readFileSync } from 'fs';
export async function loadPlugins() {
  class Registry {
    static manifest: string;
    static {
      Registry.manifest = readFileSync('plugins.json', 'utf8');
    }
  }
  return Registry;
}`,
  ],
  invalid: [
    // a parameter default cannot await: reported without a fix
    {
      code: `import { readFileSync } from 'fs';
export async function loadConfig(raw = readFileSync('config.json', 'utf8')) {
  return JSON.parse(raw);
}`,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 2, column: 40, suggestions: [] }],
    },
    // strict: synchronous request handlers block every other request too
    {
      code: `import express from 'express';
import { readFileSync } from 'fs';
const app = express();
app.get('/version', (_req, res) => {
  res.send(readFileSync('VERSION', 'utf8'));
});`,
      options: [{ checkSyncRequestHandlers: true }],
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 5,
          suggestions: [
            {
              messageId: 'makeHandlerAsync',
              data: { use: '`await readFile(...)` from node:fs/promises' },
              output: `import express from 'express';
import { readFile } from 'fs/promises';
const app = express();
app.get('/version', async (_req, res) => {
  res.send(await readFile('VERSION', 'utf8'));
});`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Controller, Get } from '@nestjs/common';
import { readFileSync } from 'fs';
@Controller('health')
export class HealthController {
  @Get()
  public version() {
    return readFileSync('VERSION', 'utf8');
  }

  @Get('typed')
  typed(): string {
    return readFileSync('VERSION', 'utf8');
  }
}`,
      options: [{ checkSyncRequestHandlers: true }],
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 7,
          suggestions: [
            {
              messageId: 'makeHandlerAsync',
              data: { use: '`await readFile(...)` from node:fs/promises' },
              output: `import { Controller, Get } from '@nestjs/common';
import { readFileSync } from 'fs';
import { readFile } from 'fs/promises';
@Controller('health')
export class HealthController {
  @Get()
  public async version() {
    return await readFile('VERSION', 'utf8');
  }

  @Get('typed')
  typed(): string {
    return readFileSync('VERSION', 'utf8');
  }
}`,
            },
          ],
        },
        // a declared return type becomes a promise of it
        {
          messageId: 'blockingCall',
          line: 12,
          suggestions: [
            {
              messageId: 'makeHandlerAsync',
              data: { use: '`await readFile(...)` from node:fs/promises' },
              output: `import { Controller, Get } from '@nestjs/common';
import { readFileSync } from 'fs';
import { readFile } from 'fs/promises';
@Controller('health')
export class HealthController {
  @Get()
  public version() {
    return readFileSync('VERSION', 'utf8');
  }

  @Get('typed')
  async typed(): Promise<string> {
    return await readFile('VERSION', 'utf8');
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Controller, Get } from '@nestjs/common';
import { execSync } from 'child_process';
@Controller('build')
export class BuildController {
  @Get('sha')
  sha(): string {
    return ['a'].map(() => execSync('git rev-parse HEAD').toString())[0];
  }
}`,
      options: [{ checkSyncRequestHandlers: true }],
      output: null,
      errors: [{ messageId: 'blockingCall', line: 7, suggestions: [] }],
    },
    // the import of the sync function goes with its last use
    {
      code: `import { readFileSync } from 'node:fs';
export async function loadPair(left: string, right: string) {
  const a = readFileSync(left, 'utf8');
  const b = readFileSync(right, 'utf8');
  return a + b;
}`,
      // each report's fix spans the imports, so one applies per pass; the last use removes the import
      output: [
        `import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
export async function loadPair(left: string, right: string) {
  const a = await readFile(left, 'utf8');
  const b = readFileSync(right, 'utf8');
  return a + b;
}`,
        `import { readFile } from 'node:fs/promises';
export async function loadPair(left: string, right: string) {
  const a = await readFile(left, 'utf8');
  const b = await readFile(right, 'utf8');
  return a + b;
}`,
      ],
      errors: [{ messageId: 'blockingCall', line: 3 }, { messageId: 'blockingCall', line: 4 }],
    },
    {
      code: `import { readFileSync } from 'node:fs';
export async function loadAll(dir: string) {
  const a = readFileSync(dir + '/a.json', 'utf8');
  const b = readFileSync(dir + '/b.json', 'utf8');
  const c = readFileSync(dir + '/c.json', 'utf8');
  return [a, b, c];
}`,
      // the last use waits one pass for the use before it, then removes the import alone
      output: [
        `import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
export async function loadAll(dir: string) {
  const a = await readFile(dir + '/a.json', 'utf8');
  const b = readFileSync(dir + '/b.json', 'utf8');
  const c = readFileSync(dir + '/c.json', 'utf8');
  return [a, b, c];
}`,
        `import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
export async function loadAll(dir: string) {
  const a = await readFile(dir + '/a.json', 'utf8');
  const b = await readFile(dir + '/b.json', 'utf8');
  const c = readFileSync(dir + '/c.json', 'utf8');
  return [a, b, c];
}`,
        `import { readFile } from 'node:fs/promises';
export async function loadAll(dir: string) {
  const a = await readFile(dir + '/a.json', 'utf8');
  const b = await readFile(dir + '/b.json', 'utf8');
  const c = await readFile(dir + '/c.json', 'utf8');
  return [a, b, c];
}`,
      ],
      errors: [{ messageId: 'blockingCall', line: 3 }, { messageId: 'blockingCall', line: 4 }, { messageId: 'blockingCall', line: 5 }],
    },
    {
      code: `import { readFileSync, writeFileSync } from 'node:fs';
export async function migrate(files: string[]) {
  const users = readFileSync(files[0], 'utf8');
  writeFileSync(files[0] + '.bak', users);
  const orders = readFileSync(files[1], 'utf8');
  writeFileSync(files[1] + '.bak', orders);
}`,
      // two bindings, used in turn: each import goes with its last use
      output: [
        `import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
export async function migrate(files: string[]) {
  const users = await readFile(files[0], 'utf8');
  writeFileSync(files[0] + '.bak', users);
  const orders = readFileSync(files[1], 'utf8');
  writeFileSync(files[1] + '.bak', orders);
}`,
        `import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
export async function migrate(files: string[]) {
  const users = await readFile(files[0], 'utf8');
  writeFileSync(files[0] + '.bak', users);
  const orders = await readFile(files[1], 'utf8');
  writeFileSync(files[1] + '.bak', orders);
}`,
        `import { writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
export async function migrate(files: string[]) {
  const users = await readFile(files[0], 'utf8');
  await writeFile(files[0] + '.bak', users);
  const orders = await readFile(files[1], 'utf8');
  writeFileSync(files[1] + '.bak', orders);
}`,
        `import { readFile, writeFile } from 'node:fs/promises';
export async function migrate(files: string[]) {
  const users = await readFile(files[0], 'utf8');
  await writeFile(files[0] + '.bak', users);
  const orders = await readFile(files[1], 'utf8');
  await writeFile(files[1] + '.bak', orders);
}`,
      ],
      errors: [{ messageId: 'blockingCall', line: 3 }, { messageId: 'blockingCall', line: 4 }, { messageId: 'blockingCall', line: 5 }, { messageId: 'blockingCall', line: 6 }],
    },
    {
      code: `import { readFileSync } from 'fs';
const readTemplate = readFileSync;
export const templates = { main: readTemplate('main.html', 'utf8') };
export async function reload(name: string) {
  return readFileSync(name, 'utf8');
}`,
      output: `import { readFileSync } from 'fs';
import { readFile } from 'fs/promises';
const readTemplate = readFileSync;
export const templates = { main: readTemplate('main.html', 'utf8') };
export async function reload(name: string) {
  return await readFile(name, 'utf8');
}`,
      errors: [{ messageId: 'blockingCall', line: 5 }],
    },
    {
      code: `import { readFileSync } from 'fs';
export { readFileSync };
export async function reload(name: string) {
  return readFileSync(name, 'utf8');
}`,
      output: `import { readFileSync } from 'fs';
import { readFile } from 'fs/promises';
export { readFileSync };
export async function reload(name: string) {
  return await readFile(name, 'utf8');
}`,
      errors: [{ messageId: 'blockingCall', line: 4 }],
    },
    {
      code: `import { readFileSync } from 'fs';
export type Reader = typeof readFileSync;
export async function reload(name: string) {
  return readFileSync(name, 'utf8');
}`,
      output: `import { readFileSync } from 'fs';
import { readFile } from 'fs/promises';
export type Reader = typeof readFileSync;
export async function reload(name: string) {
  return await readFile(name, 'utf8');
}`,
      errors: [{ messageId: 'blockingCall', line: 4 }],
    },
    {
      code: `import fs, { readFileSync } from 'fs';
export const watcher = fs.watch('config');
export async function reload() {
  return readFileSync('config/app.json', 'utf8');
}`,
      output: `import fs from 'fs';
import { readFile } from 'fs/promises';
export const watcher = fs.watch('config');
export async function reload() {
  return await readFile('config/app.json', 'utf8');
}`,
      errors: [{ messageId: 'blockingCall', line: 4 }],
    },
    {
      code: `import path from 'node:path';
import { readFileSync, } from 'node:fs';
import { logger } from './logger';
export async function readManifest(dir: string) {
  logger.debug('manifest', dir);
  return readFileSync(path.join(dir, 'manifest.json'), 'utf8');
}`,
      output: `import path from 'node:path';
import { logger } from './logger';
import { readFile } from 'node:fs/promises';
export async function readManifest(dir: string) {
  logger.debug('manifest', dir);
  return await readFile(path.join(dir, 'manifest.json'), 'utf8');
}`,
      errors: [{ messageId: 'blockingCall', line: 6 }],
    },
    {
      code: `import { type Stats, statSync } from 'node:fs';
export async function inspect(p: string): Promise<Stats> {
  return statSync(p);
}`,
      output: `import { type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
export async function inspect(p: string): Promise<Stats> {
  return await stat(p);
}`,
      errors: [{ messageId: 'blockingCall', line: 3 }],
    },
    {
      code: `import {
  existsSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
export function ensureDir(dir: string) {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
}
export async function saveReport(file: string, body: string) {
  writeFileSync(file, body);
}`,
      output: `import {
  existsSync,
  mkdirSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
export function ensureDir(dir: string) {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
}
export async function saveReport(file: string, body: string) {
  await writeFile(file, body);
}`,
      errors: [{ messageId: 'blockingCall', line: 10 }],
    },
    // a comment in the import would go with the specifier: the import stays
    {
      code: `import { readFileSync /* config only */ } from 'fs';
export async function reload() {
  return readFileSync('config.json', 'utf8');
}`,
      output: `import { readFileSync /* config only */ } from 'fs';
import { readFile } from 'fs/promises';
export async function reload() {
  return await readFile('config.json', 'utf8');
}`,
      errors: [{ messageId: 'blockingCall', line: 3 }],
    },
    {
      code: `const { readFileSync, statSync } = require('fs');
function sizeOf(p) {
  return statSync(p).size;
}
async function load(p) {
  return readFileSync(p, 'utf8');
}
module.exports = { sizeOf, load };`,
      output: `const { statSync } = require('fs');
const { readFile } = require('fs/promises');
function sizeOf(p) {
  return statSync(p).size;
}
async function load(p) {
  return await readFile(p, 'utf8');
}
module.exports = { sizeOf, load };`,
      errors: [{ messageId: 'blockingCall', line: 6 }],
    },
    // several declarators in one statement: left as they are
    {
      code: `const { readFileSync } = require('fs'), path = require('path');
async function load(dir) {
  return readFileSync(path.join(dir, 'a.json'), 'utf8');
}
module.exports = { load };`,
      output: `const { readFileSync } = require('fs'), path = require('path');
const { readFile } = require('fs/promises');
async function load(dir) {
  return await readFile(path.join(dir, 'a.json'), 'utf8');
}
module.exports = { load };`,
      errors: [{ messageId: 'blockingCall', line: 3 }],
    },
    // the async twin from the same module takes the sync function's place in the import
    {
      code: `import { existsSync } from 'fs-extra';
export async function hasCache(dir: string) {
  return existsSync(dir + '/.cache');
}`,
      output: null,
      errors: [{
        messageId: 'blockingCall',
        line: 3,
        suggestions: [{
          messageId: 'useAsyncApi',
          output: `import { pathExists } from 'fs-extra';
export async function hasCache(dir: string) {
  return await pathExists(dir + '/.cache');
}`,
        }],
      }],
    },
    // a package's import goes only when the package stays imported: it may register something on load
    {
      code: `import { querySync } from '@acme/legacy-db';
import { query } from '@acme/legacy-db';
export async function countOrders() {
  const [open] = await query('select count(*) from orders where open');
  return open + querySync('select count(*) from orders_archive')[0];
}`,
      output: null,
      errors: [{
        messageId: 'blockingCall',
        line: 5,
        suggestions: [{
          messageId: 'useAsyncApi',
          output: `import { query } from '@acme/legacy-db';
export async function countOrders() {
  const [open] = await query('select count(*) from orders where open');
  return open + (await query('select count(*) from orders_archive'))[0];
}`,
        }],
      }],
      settings: betterSqlite,
    },
    // named imports: autofix to fs/promises, adding the import
    {
      code: `import { readFileSync } from 'node:fs';
export async function loadConfig(path: string) {
  return JSON.parse(readFileSync(path, 'utf8'));
}`,
      output: `import { readFile } from 'node:fs/promises';
export async function loadConfig(path: string) {
  return JSON.parse(await readFile(path, 'utf8'));
}`,
      errors: [{ messageId: 'blockingCall', line: 3, column: 21, data: { name: 'readFileSync', use: '`await readFile(...)` from node:fs/promises' } }],
    },
    // an existing fs/promises import is extended
    {
      code: `import { writeFileSync } from 'fs';
import { mkdir } from 'fs/promises';
export async function persist(dir: string, body: string) {
  await mkdir(dir, { recursive: true });
  writeFileSync(dir + '/state.json', body);
}`,
      output: `import { mkdir, writeFile } from 'fs/promises';
export async function persist(dir: string, body: string) {
  await mkdir(dir, { recursive: true });
  await writeFile(dir + '/state.json', body);
}`,
      errors: [{ messageId: 'blockingCall', line: 5 }],
    },
    // an existing binding is reused
    {
      code: `import { appendFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
export const audit = async (line: string) => {
  appendFileSync('audit.log', line + '\\n');
};`,
      output: `import { appendFile } from 'node:fs/promises';
export const audit = async (line: string) => {
  await appendFile('audit.log', line + '\\n');
};`,
      errors: [{ messageId: 'blockingCall', line: 4, column: 3 }],
    },
    {
      code: `import * as fsp from 'node:fs/promises';
import { readdirSync } from 'node:fs';
export async function listUploads(dir: string) {
  const names = readdirSync(dir);
  return names.filter((n) => n.endsWith('.csv'));
}`,
      output: `import * as fsp from 'node:fs/promises';
export async function listUploads(dir: string) {
  const names = await fsp.readdir(dir);
  return names.filter((n) => n.endsWith('.csv'));
}`,
      errors: [{ messageId: 'blockingCall', line: 4 }],
    },
    // member calls on the module use its promises namespace
    {
      code: `import fs from 'fs';
export class InvoiceService {
  async render(id: string) {
    const template = fs.readFileSync('templates/invoice.html').toString();
    return template.replace('{{id}}', id);
  }
}`,
      output: `import fs from 'fs';
export class InvoiceService {
  async render(id: string) {
    const template = (await fs.promises.readFile('templates/invoice.html')).toString();
    return template.replace('{{id}}', id);
  }
}`,
      errors: [{ messageId: 'blockingCall', line: 4, column: 22 }],
    },
    {
      code: `import * as fs from 'node:fs';
export async function ensureUploadDir(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  fs.renameSync(dir + '/tmp', dir + '/current');
}`,
      output: `import * as fs from 'node:fs';
export async function ensureUploadDir(dir: string) {
  await fs.promises.mkdir(dir, { recursive: true });
  await fs.promises.rename(dir + '/tmp', dir + '/current');
}`,
      errors: [{ messageId: 'blockingCall', line: 3 }, { messageId: 'blockingCall', line: 4 }],
    },
    {
      code: `const fs = require('fs');
module.exports.cleanup = async function cleanup(paths) {
  for (const p of paths) fs.unlinkSync(p);
};`,
      output: `const fs = require('fs');
module.exports.cleanup = async function cleanup(paths) {
  for (const p of paths) await fs.promises.unlink(p);
};`,
      errors: [{ messageId: 'blockingCall', line: 3 }],
    },
    {
      code: `export async function tail(path: string) {
  return require('fs').statSync(path).size;
}`,
      output: `export async function tail(path: string) {
  return (await require('fs').promises.stat(path)).size;
}`,
      errors: [{ messageId: 'blockingCall', line: 2 }],
    },
    // CommonJS files get a require, never an ESM import
    {
      code: `const { copyFileSync } = require('fs');
async function backup(src, dest) {
  copyFileSync(src, dest);
}
module.exports = { backup };`,
      output: `const { copyFile } = require('fs/promises');
async function backup(src, dest) {
  await copyFile(src, dest);
}
module.exports = { backup };`,
      errors: [{ messageId: 'blockingCall', line: 3 }],
      filename: 'scripts/backup.cjs',
    },
    {
      code: `'use strict';
const { rmSync: remove } = require('node:fs');
exports.purge = async (dir) => {
  remove(dir, { recursive: true, force: true });
};`,
      output: `'use strict';
const { rm } = require('node:fs/promises');
exports.purge = async (dir) => {
  await rm(dir, { recursive: true, force: true });
};`,
      errors: [{ messageId: 'blockingCall', line: 4, data: { name: 'rmSync', use: '`await rm(...)` from node:fs/promises' } }],
      filename: 'src/purge.js',
    },
    // aliased named import
    {
      code: `import { lstatSync as lstat, realpathSync } from 'fs';
export async function resolveLink(p: string) {
  if (lstat(p).isSymbolicLink()) return realpathSync(p);
  return p;
}`,
      // `lstat` is taken by the alias, so the promise API comes in as `lstatAsync`
      output: [
        `import { realpathSync } from 'fs';
import { lstat as lstatAsync } from 'fs/promises';
export async function resolveLink(p: string) {
  if ((await lstatAsync(p)).isSymbolicLink()) return realpathSync(p);
  return p;
}`,
        `import { lstat as lstatAsync, realpath } from 'fs/promises';
export async function resolveLink(p: string) {
  if ((await lstatAsync(p)).isSymbolicLink()) return await realpath(p);
  return p;
}`,
      ],
      errors: [{ messageId: 'blockingCall', line: 3, column: 7 }, { messageId: 'blockingCall', line: 3, column: 41 }],
    },
    {
      code: `import { accessSync, constants } from 'node:fs';
export async function canWrite(p: string) {
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}`,
      output: `import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
export async function canWrite(p: string) {
  try {
    await access(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}`,
      errors: [{ messageId: 'blockingCall', line: 4 }],
    },
    // a name clash gets an alias (SPEC "Fixes")
    {
      code: `import { readFileSync } from 'fs';
const readFile = (p: string) => p;
export async function load(p: string) {
  return readFileSync(p, 'utf8') + readFile(p);
}`,
      output: `import { readFile as readFileAsync } from 'fs/promises';
const readFile = (p: string) => p;
export async function load(p: string) {
  return await readFileAsync(p, 'utf8') + readFile(p);
}`,
      errors: [{ messageId: 'blockingCall', line: 4 }],
    },
    // statSync with throwIfNoEntry returns undefined; the promise API throws: suggestion only
    {
      code: `import { statSync } from 'node:fs';
export async function sizeOf(p: string) {
  return statSync(p, { throwIfNoEntry: false })?.size ?? 0;
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              data: { use: '`await stat(...)` from node:fs/promises' },
              output: `import { stat } from 'node:fs/promises';
export async function sizeOf(p: string) {
  return (await stat(p, { throwIfNoEntry: false }))?.size ?? 0;
}`,
            },
          ],
        },
      ],
    },
    // existsSync has no promise twin: suggest access()
    {
      code: `import fs from 'node:fs';
export async function hasLock(dir: string) {
  if (fs.existsSync(dir + '/.lock')) return true;
  return false;
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              data: { use: '`await access(...)` from node:fs/promises' },
              output: `import fs from 'node:fs';
export async function hasLock(dir: string) {
  if (await fs.promises.access(dir + '/.lock').then(() => true, () => false)) return true;
  return false;
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { existsSync } from 'fs';
export const isInstalled = async (bin: string) => existsSync('/usr/local/bin/' + bin);`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `import { access } from 'fs/promises';
export const isInstalled = async (bin: string) => await access('/usr/local/bin/' + bin).then(() => true, () => false);`,
            },
          ],
        },
      ],
    },
    // fs-extra: its own promise forms
    {
      code: `import fse from 'fs-extra';
export async function exportData(file: string, rows: object[]) {
  fse.outputJsonSync(file, rows);
  return fse.readFileSync(file, 'utf8');
}`,
      output: `import fse from 'fs-extra';
export async function exportData(file: string, rows: object[]) {
  fse.outputJsonSync(file, rows);
  return await fse.readFile(file, 'utf8');
}`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `import fse from 'fs-extra';
export async function exportData(file: string, rows: object[]) {
  await fse.outputJson(file, rows);
  return fse.readFileSync(file, 'utf8');
}`,
            },
          ],
        },
        { messageId: 'blockingCall', line: 4 },
      ],
    },
    {
      code: `import { pathExistsSync, readJsonSync } from 'fs-extra';
export async function readManifest(p: string) {
  return pathExistsSync(p) ? readJsonSync(p) : null;
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `import { readJsonSync, pathExists } from 'fs-extra';
export async function readManifest(p: string) {
  return await pathExists(p) ? readJsonSync(p) : null;
}`,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `import { pathExistsSync, readJson } from 'fs-extra';
export async function readManifest(p: string) {
  return pathExistsSync(p) ? await readJson(p) : null;
}`,
            },
          ],
        },
      ],
    },
    // graceful-fs has a promises namespace too
    {
      code: `import gracefulFs from 'graceful-fs';
export async function read(p: string) {
  return gracefulFs.readFileSync(p);
}`,
      output: `import gracefulFs from 'graceful-fs';
export async function read(p: string) {
  return await gracefulFs.promises.readFile(p);
}`,
      errors: [{ messageId: 'blockingCall' }],
    },
    // fd-based calls: the callback form, promisified, keeps the fd API
    {
      code: `import { openSync, writeSync, closeSync } from 'fs';
export async function writeHeader(p: string) {
  const fd = openSync(p, 'w');
  const written = writeSync(fd, 'id,total\\n');
  closeSync(fd);
  return written;
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          data: { name: 'openSync', use: '`await promisify(open)(...)` from node:util and node:fs' },
          suggestions: [{
            messageId: 'useAsyncApi',
            data: { use: '`await promisify(open)(...)` from node:util and node:fs' },
            output: `import { writeSync, closeSync, open } from 'fs';
import { promisify } from 'util';
export async function writeHeader(p: string) {
  const fd = await promisify(open)(p, 'w');
  const written = writeSync(fd, 'id,total\\n');
  closeSync(fd);
  return written;
}`,
          }],
        },
        {
          messageId: 'blockingCall',
          line: 4,
          suggestions: [{
            messageId: 'useAsyncApi',
            data: { use: '`await promisify(write)(...)` from node:util and node:fs' },
            output: `import { openSync, closeSync, write } from 'fs';
import { promisify } from 'util';
export async function writeHeader(p: string) {
  const fd = openSync(p, 'w');
  const written = (await promisify(write)(fd, 'id,total\\n')).bytesWritten;
  closeSync(fd);
  return written;
}`,
          }],
        },
        {
          messageId: 'blockingCall',
          line: 5,
          suggestions: [{
            messageId: 'useAsyncApi',
            data: { use: '`await promisify(close)(...)` from node:util and node:fs' },
            output: `import { openSync, writeSync, close } from 'fs';
import { promisify } from 'util';
export async function writeHeader(p: string) {
  const fd = openSync(p, 'w');
  const written = writeSync(fd, 'id,total\\n');
  await promisify(close)(fd);
  return written;
}`,
          }],
        },
      ],
    },
    {
      code: `import fs from 'fs';
export async function canonical(p: string) {
  return fs.realpathSync.native(p);
}`,
      output: null,
      errors: [{
        messageId: 'blockingCall',
        data: { name: 'realpathSync.native', use: '`await realpath(...)` from node:fs/promises' },
        suggestions: [{
          messageId: 'useAsyncApi',
          data: { use: '`await realpath(...)` from node:fs/promises' },
          output: `import fs from 'fs';
export async function canonical(p: string) {
  return await fs.promises.realpath(p);
}`,
        }],
      }],
    },
    {
      code: `import { realpathSync } from 'node:fs';
export async function resolveRoot(dir: string) {
  const root = realpathSync.native(dir);
  return root.endsWith('/') ? root : root + '/';
}`,
      output: null,
      errors: [{
        messageId: 'blockingCall',
        suggestions: [{
          messageId: 'useAsyncApi',
          data: { use: '`await realpath(...)` from node:fs/promises' },
          output: `import { realpath } from 'node:fs/promises';
export async function resolveRoot(dir: string) {
  const root = await realpath(dir);
  return root.endsWith('/') ? root : root + '/';
}`,
        }],
      }],
    },
    // child_process
    {
      code: `import { execSync } from 'node:child_process';
export async function deploy(tag: string) {
  const log = execSync('git log -1 --format=%s ' + tag);
  return log;
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `import { exec } from 'node:child_process';
import { promisify } from 'node:util';
export async function deploy(tag: string) {
  const log = (await promisify(exec)('git log -1 --format=%s ' + tag)).stdout;
  return log;
}`,
            },
          ],
        },
      ],
    },
    {
      code: `const cp = require('child_process');
module.exports.build = async () => {
  cp.execFileSync('tsc', ['-p', '.']);
};`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `const cp = require('child_process');
const { promisify } = require('util');
module.exports.build = async () => {
  await promisify(cp.execFile)('tsc', ['-p', '.']);
};`,
            },
          ],
        },
      ],
    },
    {
      code: `import { spawnSync } from 'child_process';
export async function lint() {
  return spawnSync('eslint', ['.']).status;
}`,
      output: null,
      errors: [{ messageId: 'blockingCall', data: { name: 'spawnSync', use: '`spawn(...)` from node:child_process, awaiting its `close` event' }, suggestions: [] }],
    },
    // zlib and crypto
    {
      code: `import zlib from 'node:zlib';
export async function pack(body: Buffer) {
  return zlib.brotliCompressSync(body);
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `import zlib from 'node:zlib';
import { promisify } from 'node:util';
export async function pack(body: Buffer) {
  return await promisify(zlib.brotliCompress)(body);
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { scryptSync, timingSafeEqual } from 'crypto';
export class PasswordService {
  async verify(password: string, salt: Buffer, hash: Buffer) {
    return timingSafeEqual(scryptSync(password, salt, 64), hash);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 4,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `import { timingSafeEqual, scrypt } from 'crypto';
import { promisify } from 'util';
export class PasswordService {
  async verify(password: string, salt: Buffer, hash: Buffer) {
    return timingSafeEqual(await promisify(scrypt)(password, salt, 64), hash);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import crypto from 'node:crypto';
export async function keys() {
  return crypto.generateKeyPairSync('ed25519');
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'generateKeyPairSync', use: '`await promisify(generateKeyPair)(...)` from node:util and node:crypto' },
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `import crypto from 'node:crypto';
import { promisify } from 'node:util';
export async function keys() {
  return await promisify(crypto.generateKeyPair)('ed25519');
}`,
            },
          ],
        },
      ],
    },
    // request handlers and async arrows
    {
      code: `import express from 'express';
import { readFileSync } from 'fs';
const app = express();
app.get('/health', async (_req, res) => {
  res.json({ version: readFileSync('VERSION', 'utf8').trim() });
});`,
      output: `import express from 'express';
import { readFile } from 'fs/promises';
const app = express();
app.get('/health', async (_req, res) => {
  res.json({ version: (await readFile('VERSION', 'utf8')).trim() });
});`,
      errors: [{ messageId: 'blockingCall', line: 5 }],
    },
    {
      code: `import { readFileSync } from 'node:fs';
export async function loadAll(paths: string[]) {
  return Promise.all(paths.map(async (p) => readFileSync(p, 'utf8')));
}`,
      output: `import { readFile } from 'node:fs/promises';
export async function loadAll(paths: string[]) {
  return Promise.all(paths.map(async (p) => await readFile(p, 'utf8')));
}`,
      errors: [{ messageId: 'blockingCall' }],
    },
    // synchronous array callbacks inside async functions: reported, no autofix
    {
      code: `import { readFileSync } from 'fs';
export async function bundle(files: string[]) {
  return files.map((file) => readFileSync(file, 'utf8')).join('\\n');
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          suggestions: [
            {
              messageId: 'awaitAllCallbacks',
              data: { use: '`await readFile(...)` from node:fs/promises' },
              output: `import { readFile } from 'fs/promises';
export async function bundle(files: string[]) {
  return (await Promise.all(files.map(async (file) => await readFile(file, 'utf8')))).join('\\n');
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import fs from 'fs';
export async function publish(pages: { path: string; html: string }[]) {
  pages.forEach((page) => {
    fs.writeFileSync(page.path, page.html);
  });
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 4,
          suggestions: [
            {
              messageId: 'awaitAllCallbacks',
              data: { use: '`await writeFile(...)` from node:fs/promises' },
              output: `import fs from 'fs';
export async function publish(pages: { path: string; html: string }[]) {
  await Promise.all(pages.map(async (page) => {
    await fs.promises.writeFile(page.path, page.html);
  }));
}`,
            },
          ],
        },
      ],
    },
    {
      code: `const { execSync } = require('child_process');
async function versions(tools) {
  const lines = tools.map((tool) => execSync(\`\${tool} --version\`));
  return lines;
}
module.exports = { versions };`,
      filename: 'src/tools.js',
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          suggestions: [
            {
              messageId: 'awaitAllCallbacks',
              data: { use: '`(await promisify(exec)(...)).stdout` from node:util and node:child_process' },
              output: `const { exec } = require('child_process');
const { promisify } = require('util');
async function versions(tools) {
  const lines = await Promise.all(tools.map(async (tool) => (await promisify(exec)(\`\${tool} --version\`)).stdout));
  return lines;
}
module.exports = { versions };`,
            },
          ],
        },
      ],
    },
    // filter, some and every callbacks: the verdicts are awaited together
    {
      code: `import { statSync } from 'fs';
export async function listDirectories(entries: string[]) {
  const directories = entries.filter((entry) => statSync(entry).isDirectory());
  return directories.sort();
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          suggestions: [
            {
              messageId: 'awaitAllCallbacks',
              data: { use: '`await stat(...)` from node:fs/promises' },
              output: `import { stat } from 'fs/promises';
export async function listDirectories(entries: string[]) {
  const directories = (await Promise.all(entries.map(async (entry) => ((await stat(entry)).isDirectory() ? [entry] : [])))).flat();
  return directories.sort();
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import fs from 'node:fs';
export async function pendingUploads(files: string[]) {
  return files.filter((file: string) => !fs.existsSync(file + '.done')).length;
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          suggestions: [
            {
              messageId: 'awaitAllCallbacks',
              data: { use: '`await access(...)` from node:fs/promises' },
              output: `import fs from 'node:fs';
export async function pendingUploads(files: string[]) {
  return (await Promise.all(files.map(async (file: string) => (!await fs.promises.access(file + '.done').then(() => true, () => false) ? [file] : [])))).flat().length;
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { existsSync } from 'node:fs';
export async function hasLockfile(dirs: string[]) {
  if (dirs.some((dir) => existsSync(dir + '/package-lock.json'))) return 'npm';
  return null;
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          suggestions: [
            {
              messageId: 'awaitAllCallbacks',
              data: { use: '`await access(...)` from node:fs/promises' },
              output: `import { access } from 'node:fs/promises';
export async function hasLockfile(dirs: string[]) {
  if ((await Promise.all(dirs.map(async (dir) => await access(dir + '/package-lock.json').then(() => true, () => false)))).some(Boolean)) return 'npm';
  return null;
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { statSync } from 'fs';
export async function largeFiles(files: string[]) {
  return files.filter((file) => {
    const size = statSync(file).size;
    return size > 1_000_000;
  });
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 4,
          suggestions: [
            {
              messageId: 'awaitAllCallbacks',
              data: { use: '`await stat(...)` from node:fs/promises' },
              output: `import { stat } from 'fs/promises';
export async function largeFiles(files: string[]) {
  return (await Promise.all(files.map(async (file) => {
    const size = (await stat(file)).size;
    return (size > 1_000_000 ? [file] : []);
  }))).flat();
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { statSync } from 'fs';
export async function recentFiles(files: string[], since: number) {
  return files.filter((file) => {
    if (file.startsWith('.')) return false;
    return statSync(file).mtimeMs > since;
  });
}`,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 5, suggestions: [] }],
    },
    // nested array callbacks: no suggestion
    {
      code: `import { readFileSync } from 'fs';
export async function readGroups(groups: string[][]) {
  return groups.map((group) => group.map((file) => readFileSync(file)));
}`,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 3, suggestions: [] }],
    },
    {
      code: `import { statSync } from 'fs';
export async function newest(files: string[]) {
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}`,
      output: null,
      errors: [{ messageId: 'blockingCall', column: 31 }, { messageId: 'blockingCall', column: 53 }],
    },
    // async generators and class fields holding async arrows
    {
      code: `import { readdirSync } from 'fs';
export async function* entries(dir: string) {
  for (const name of readdirSync(dir)) yield name;
}`,
      output: `import { readdir } from 'fs/promises';
export async function* entries(dir: string) {
  for (const name of await readdir(dir)) yield name;
}`,
      errors: [{ messageId: 'blockingCall' }],
    },
    {
      code: `import * as fs from 'fs';
export class ReportWorker {
  process = async (job: { file: string }) => {
    return fs.readFileSync(job.file);
  };
}`,
      output: `import * as fs from 'fs';
export class ReportWorker {
  process = async (job: { file: string }) => {
    return await fs.promises.readFile(job.file);
  };
}`,
      errors: [{ messageId: 'blockingCall' }],
    },
    // Atomics.wait
    {
      code: `export async function waitForSlot(flags: Int32Array) {
  Atomics.wait(flags, 0, 1, 50);
}`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'Atomics.wait', use: '`await Atomics.waitAsync(...).value`' },
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `export async function waitForSlot(flags: Int32Array) {
  await Atomics.waitAsync(flags, 0, 1, 50).value;
}`,
            },
          ],
        },
      ],
    },
    {
      code: `export const sleepSync = async (ms: number) => {
  globalThis.Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};`,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          line: 2,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `export const sleepSync = async (ms: number) => {
  await globalThis.Atomics.waitAsync(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms).value;
};`,
            },
          ],
        },
      ],
    },
    // empty busy-wait loops on the clock
    {
      code: `export async function throttle(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {}
}`,
      output: null,
      errors: [
        {
          messageId: 'busyWait',
          line: 3,
          suggestions: [
            {
              messageId: 'useTimer',
              output: `export async function throttle(ms: number) {
  const until = Date.now() + ms;
  await new Promise((resolve) => setTimeout(resolve, until - Date.now()));
}`,
            },
          ],
        },
      ],
    },
    {
      code: `export async function backoff(start: number, ms: number) {
  do {} while (performance.now() - start < ms);
}`,
      output: null,
      errors: [
        {
          messageId: 'busyWait',
          suggestions: [
            {
              messageId: 'useTimer',
              output: `export async function backoff(start: number, ms: number) {
  await new Promise((resolve) => setTimeout(resolve, ms - (performance.now() - start)));
}`,
            },
          ],
        },
      ],
    },
    {
      code: `export async function spin(deadline: number) {
  for (; deadline > Date.now(); );
}`,
      output: null,
      errors: [{ messageId: 'busyWait', suggestions: [{ messageId: 'useTimer', output: `export async function spin(deadline: number) {
  await new Promise((resolve) => setTimeout(resolve, deadline - Date.now()));
}` }] }],
    },
    {
      code: `export async function pause(ms: number) {
  const start = Date.now();
  while (Date.now() - start < ms || !ready()) {}
}`,
      output: null,
      errors: [{ messageId: 'busyWait', suggestions: [] }],
    },
    // custom blocking calls
    {
      code: `import Database from 'better-sqlite3';
const db = new Database('app.db');
export async function countUsers() {
  return db.prepare('select count(*) as n from users').get().n;
}`,
      output: null,
      settings: betterSqlite,
      errors: [{ messageId: 'blockingCall', line: 4, data: { name: 'get', use: 'a pooled async driver' } }],
    },
    {
      code: `import Database from 'better-sqlite3';
export class AuditLog {
  async open(file: string) {
    const db = new Database(file);
    return db;
  }
}`,
      output: null,
      settings: betterSqlite,
      errors: [{ messageId: 'blockingCall', line: 4, data: { name: 'default', use: 'a pooled async driver' } }],
    },
    {
      code: `import legacy, { querySync as q } from '@acme/legacy-db';
export async function findUser(id: string) {
  const user = q('select * from users where id = ?', [id]);
  return user ?? legacy.querySync('select * from archived where id = ?', [id]);
}`,
      output: null,
      settings: betterSqlite,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          data: { name: 'querySync', use: '`query`' },
          suggestions: [
            {
              messageId: 'useAsyncApi',
              data: { use: '`query`' },
              output: `import legacy, { query } from '@acme/legacy-db';
export async function findUser(id: string) {
  const user = await query('select * from users where id = ?', [id]);
  return user ?? legacy.querySync('select * from archived where id = ?', [id]);
}`,
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 4,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              data: { use: '`query`' },
              output: `import legacy, { querySync as q } from '@acme/legacy-db';
export async function findUser(id: string) {
  const user = q('select * from users where id = ?', [id]);
  return user ?? await legacy.query('select * from archived where id = ?', [id]);
}`,
            },
          ],
        },
      ],
    },
    {
      code: `const { querySync } = require('@acme/legacy-db');
async function findOrder(id) {
  return querySync('select * from orders where id = ?', [id]).rows[0];
}
module.exports = { findOrder };`,
      filename: 'src/orders.js',
      output: null,
      settings: betterSqlite,
      errors: [
        {
          messageId: 'blockingCall',
          line: 3,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              data: { use: '`query`' },
              output: `const { query } = require('@acme/legacy-db');
async function findOrder(id) {
  return (await query('select * from orders where id = ?', [id])).rows[0];
}
module.exports = { findOrder };`,
            },
          ],
        },
      ],
    },
    {
      code: `import { querySync } from '@acme/legacy-db';
const query = (sql: string) => sql.trim();
export async function countOrders() {
  return querySync(query(' select count(*) from orders '));
}`,
      output: null,
      settings: {
        'async-governance': { blockingCalls: [{ module: '@acme/legacy-db', call: 'querySync', use: 'await query(...)' }] },
      },
      errors: [
        {
          messageId: 'blockingCall',
          line: 4,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              data: { use: 'await query(...)' },
              output: `import { query as queryAsync } from '@acme/legacy-db';
const query = (sql: string) => sql.trim();
export async function countOrders() {
  return await queryAsync(query(' select count(*) from orders '));
}`,
            },
          ],
        },
      ],
    },
    {
      code: `const rpc = require('sync-rpc');
module.exports.lookup = async (host) => rpc.resolveSync(host);`,
      output: null,
      settings: betterSqlite,
      errors: [{ messageId: 'blockingCall', data: { name: 'resolveSync', use: 'the async client' } }],
    },
    // NestJS-style service with an injected path
    {
      code: `import { Injectable } from '@nestjs/common';
import { writeFileSync } from 'node:fs';
@Injectable()
export class ExportService {
  async exportCsv(rows: string[]): Promise<string> {
    const file = '/tmp/export-' + Date.now() + '.csv';
    writeFileSync(file, rows.join('\\n'));
    return file;
  }
}`,
      output: `import { Injectable } from '@nestjs/common';
import { writeFile } from 'node:fs/promises';
@Injectable()
export class ExportService {
  async exportCsv(rows: string[]): Promise<string> {
    const file = '/tmp/export-' + Date.now() + '.csv';
    await writeFile(file, rows.join('\\n'));
    return file;
  }
}`,
      errors: [{ messageId: 'blockingCall', line: 7 }],
    },
    // precedence: the awaited value is parenthesised where needed
    {
      code: `import { readFileSync } from 'fs';
export async function lines(p: string) {
  const count = readFileSync(p, 'utf8').split('\\n').length;
  return count;
}`,
      output: `import { readFile } from 'fs/promises';
export async function lines(p: string) {
  const count = (await readFile(p, 'utf8')).split('\\n').length;
  return count;
}`,
      errors: [{ messageId: 'blockingCall' }],
    },
    {
      code: `import { readdirSync } from 'fs';
export async function clean(dir: string) {
  let n = 0
  readdirSync(dir).forEach(() => n++);
  return n;
}`,
      output: `import { readdir } from 'fs/promises';
export async function clean(dir: string) {
  let n = 0
  ;(await readdir(dir)).forEach(() => n++);
  return n;
}`,
      errors: [{ messageId: 'blockingCall' }],
    },
  ],
});
