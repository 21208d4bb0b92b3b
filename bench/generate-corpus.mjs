// Deterministic generator of a realistic TypeScript service corpus for the benchmark.
// File i depends only on (seed, i), so the 200-file corpus is a prefix of the 1,000-file one.
//
//   node bench/generate-corpus.mjs --size 1000 [--out .bench-tmp/corpus-1000] [--seed 7]
//   node bench/generate-corpus.mjs --hook-lines 300 [--out file.ts]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_SEED = 20_251_122;

/** mulberry32: small, fast, and the same on every platform. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function tools(seed) {
  const next = random(seed);
  return {
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}

const ENTITIES = [
  'order', 'invoice', 'customer', 'shipment', 'payment', 'user', 'report', 'notification',
  'inventory', 'subscription', 'webhook', 'audit', 'coupon', 'refund', 'tenant', 'session',
];
const DOMAINS = ['billing', 'catalog', 'checkout', 'identity', 'logistics', 'messaging', 'analytics', 'platform'];
const FIELDS = ['status', 'total', 'currency', 'createdAt', 'updatedAt', 'ownerId', 'region', 'version', 'note'];

const pascal = (s) => s.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

// Shared infrastructure every generated file can import; counted in the corpus size.
const INFRA = {
  'src/infra/background-manager.ts': `export enum TaskPriority {
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

export class BackgroundTaskManager {
  private readonly queue: EnhancedTask[] = [];

  submitEnhancedTask(task: EnhancedTask): string {
    this.queue.push(task);
    this.queue.sort((a, b) => a.priority - b.priority);
    return task.taskId;
  }
}

let instance: BackgroundTaskManager | undefined;

export function getBackgroundTaskManager(): BackgroundTaskManager {
  instance ??= new BackgroundTaskManager();
  return instance;
}
`,
  'src/infra/db.ts': `export interface Row {
  id: string;
}

export interface Db {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  one<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T | undefined>;
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
}

export declare const db: Db;
`,
  'src/infra/cache.ts': `export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlSeconds?: number): Promise<void>;
  invalidate(prefix: string): Promise<number>;
}

export declare const cache: Cache;
`,
  'src/infra/logger.ts': `export interface Logger {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export const logger: Logger = {
  info: (message, meta) => console.log(message, meta ?? {}),
  warn: (message, meta) => console.warn(message, meta ?? {}),
  error: (message, meta) => console.error(message, meta ?? {}),
};
`,
  'src/infra/queue.ts': `export interface Job<T = unknown> {
  id: string;
  name: string;
  data: T;
  attempts: number;
}

export interface Queue {
  next(timeoutMs: number): Promise<Job | undefined>;
  ack(job: Job): Promise<void>;
  fail(job: Job, error: unknown): Promise<void>;
  publish(name: string, data: unknown): Promise<string>;
}

export declare const queue: Queue;
`,
  'src/lib/sleep.ts': `export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
`,
  'src/lib/http.ts': `export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(\`POST \${url} failed with \${response.status}\`);
  return (await response.json()) as T;
}
`,
  'src/types/vendor.d.ts': `declare module 'express' {
  export interface Request {
    params: Record<string, string>;
    query: Record<string, string | undefined>;
    body: any;
    headers: Record<string, string | undefined>;
  }
  export interface Response {
    status(code: number): Response;
    json(body: unknown): Response;
    send(body?: unknown): Response;
  }
  export type NextFunction = (error?: unknown) => void;
  type Handler = (req: Request, res: Response, next: NextFunction) => unknown;
  export interface Router {
    get(path: string, ...handlers: Handler[]): Router;
    post(path: string, ...handlers: Handler[]): Router;
    put(path: string, ...handlers: Handler[]): Router;
    delete(path: string, ...handlers: Handler[]): Router;
  }
  export function Router(): Router;
}

declare module '@nestjs/common' {
  export function Controller(prefix?: string): ClassDecorator;
  export function Injectable(): ClassDecorator;
  export function Get(path?: string): MethodDecorator;
  export function Post(path?: string): MethodDecorator;
  export function Put(path?: string): MethodDecorator;
  export function Delete(path?: string): MethodDecorator;
  export function Param(name?: string): ParameterDecorator;
  export function Body(): ParameterDecorator;
}
`,
};

function imports(lines) {
  return [...new Set(lines)].join('\n');
}

// ---------------------------------------------------------------------------
// Method bodies: each returns { code, imports } with a violation or clean.

function methodFind(t, e) {
  const E = pascal(e);
  return {
    imports: [],
    code: `  async find${E}(id: string): Promise<${E}Record | undefined> {
    const cached = await this.cache.get<${E}Record>(\`${e}:\${id}\`);
    if (cached) return cached;
    const row = await this.db.one<${E}Record>('select * from ${e}s where id = $1', [id]);
    if (row) await this.cache.set(\`${e}:\${id}\`, row, ${t.pick([30, 60, 300, 900])});
    return row;
  }`,
  };
}

function methodList(t, e) {
  const E = pascal(e);
  const field = t.pick(FIELDS);
  return {
    imports: [],
    code: `  async list${E}s(filter: { ${field}?: string; limit?: number } = {}): Promise<${E}Record[]> {
    const limit = Math.min(filter.limit ?? 50, 500);
    const rows = await this.db.query<${E}Record>(
      'select * from ${e}s where ($1::text is null or ${field} = $1) order by id limit $2',
      [filter.${field} ?? null, limit],
    );
    return rows.filter((row) => row.id.length > 0);
  }`,
  };
}

function methodUpdate(t, e, violation) {
  const E = pascal(e);
  const field = t.pick(FIELDS);
  // e.g. this.reindex(id); dropped promise of an async method of the same class
  const after = violation
    ? `    this.reindex${E}(id);`
    : `    await this.reindex${E}(id);`;
  return {
    imports: [],
    code: `  async update${E}(id: string, patch: Partial<${E}Record>): Promise<${E}Record> {
    const updated = await this.db.transaction(async (tx) => {
      const current = await tx.one<${E}Record>('select * from ${e}s where id = $1 for update', [id]);
      if (!current) throw new Error('${e} ' + id + ' not found');
      const next = { ...current, ...patch, ${field}: patch.${field} ?? current.${field} };
      await tx.query('update ${e}s set data = $2 where id = $1', [id, next]);
      return next;
    });
${after}
    return updated;
  }

  private async reindex${E}(id: string): Promise<void> {
    await this.cache.invalidate(\`${e}:\${id}\`);
  }`,
  };
}

function methodExport(t, e, violation) {
  const E = pascal(e);
  if (violation) {
    const call = t.pick(['writeFileSync', 'appendFileSync']);
    return {
      imports: [`import { ${call}, mkdirSync } from 'node:fs';`],
      code: `  async export${E}s(dir: string): Promise<number> {
    const rows = await this.db.query<${E}Record>('select * from ${e}s');
    mkdirSync(dir, { recursive: true });
    ${call}(dir + '/${e}s.json', JSON.stringify(rows, null, 2));
    return rows.length;
  }`,
    };
  }
  return {
    imports: [`import { mkdir, writeFile } from 'node:fs/promises';`],
    code: `  async export${E}s(dir: string): Promise<number> {
    const rows = await this.db.query<${E}Record>('select * from ${e}s');
    await mkdir(dir, { recursive: true });
    await writeFile(dir + '/${e}s.json', JSON.stringify(rows, null, 2));
    return rows.length;
  }`,
  };
}

function methodSign(t, e, violation) {
  if (violation) {
    return {
      imports: [`import * as crypto from 'crypto';`],
      code: `  async sign${pascal(e)}Token(id: string, secret: string): Promise<string> {
    const salt = crypto.randomBytes(16);
    const key = crypto.pbkdf2Sync(secret, salt, 100_000, 32, 'sha256');
    return crypto.createHmac('sha256', key).update(id).digest('hex');
  }`,
    };
  }
  return {
    imports: [`import { createHmac } from 'node:crypto';`],
    code: `  signature(payload: string, secret: string): string {
    return createHmac('sha256', secret).update(payload).digest('hex');
  }`,
  };
}

function methodStart(t, e, violation) {
  const E = pascal(e);
  if (violation) {
    const kind = t.pick(['interval', 'timeout']);
    if (kind === 'interval') {
      return {
        imports: [],
        code: `  start(): void {
    this.timer = setInterval(() => {
      this.sweepExpired${E}s().catch((error) => logger.error('sweep failed', { error }));
    }, ${t.pick([5_000, 30_000, 60_000])});
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async sweepExpired${E}s(): Promise<void> {
    await this.db.query("delete from ${e}s where expires_at < now()");
  }`,
      };
    }
    return {
      imports: [],
      code: `  start(): void {
    const tick = async () => {
      await this.sweepExpired${E}s();
      this.timer = setTimeout(tick, ${t.pick([1_000, 10_000, 45_000])});
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private async sweepExpired${E}s(): Promise<void> {
    await this.db.query("delete from ${e}s where expires_at < now()");
  }`,
    };
  }
  return {
    imports: [`import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';`],
    code: `  start(): void {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: '${e}-service.sweep-expired',
      coroutine: () => this.sweepExpired${E}s(),
      priority: TaskPriority.${t.pick(['LOW', 'BACKGROUND', 'NORMAL'])},
      tags: { service: '${e}s', type: 'sweep', component: '${e}-service' },
      intervalMs: ${t.pick([5_000, 30_000, 60_000])},
    });
  }

  stop(): void {
    this.timer = undefined;
  }

  private async sweepExpired${E}s(): Promise<void> {
    await this.db.query("delete from ${e}s where expires_at < now()");
  }`,
  };
}

function serviceFile(t, e) {
  const E = pascal(e);
  const bad = () => t.chance(0.3);
  const parts = [methodFind(t, e), methodList(t, e), methodUpdate(t, e, bad())];
  if (t.chance(0.6)) parts.push(methodExport(t, e, bad()));
  if (t.chance(0.4)) parts.push(methodSign(t, e, bad()));
  if (t.chance(0.5)) parts.push(methodStart(t, e, bad()));
  const fields = FIELDS.map((f) => `  ${f}: string;`);
  return `import type { Db } from '@/infra/db';
import type { Cache } from '@/infra/cache';
import { logger } from '@/infra/logger';
${imports(parts.flatMap((p) => p.imports))}

export interface ${E}Record {
  id: string;
${fields.join('\n')}
}

/** Reads and writes ${e}s with a read-through cache. */
export class ${E}Service {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: Db,
    private readonly cache: Cache,
  ) {}

${parts.map((p) => p.code).join('\n\n')}
}

export function describe${E}(record: ${E}Record): string {
  logger.info('describe', { id: record.id });
  return \`${e} \${record.id} (\${record.${FIELDS[0]}})\`;
}
`;
}

function expressRouteFile(t, e) {
  const E = pascal(e);
  const blocking = t.chance(0.25);
  const floating = t.chance(0.3);
  return `import { Router, type Request, type Response } from 'express';
import { db } from '@/infra/db';
import { logger } from '@/infra/logger';
import { postJson } from '@/lib/http';
${blocking ? `import { execSync } from 'node:child_process';` : ''}

export const ${camel(e)}Router = Router();

async function notifyWebhook(id: string, event: string): Promise<void> {
  await postJson('https://hooks.example.com/${e}s', { id, event });
}

${camel(e)}Router.get('/${e}s/:id', async (req: Request, res: Response) => {
  const row = await db.one('select * from ${e}s where id = $1', [req.params.id]);
  if (!row) return res.status(404).json({ error: 'not found' });
  return res.json(row);
});

${camel(e)}Router.post('/${e}s', async (req: Request, res: Response) => {
  const body = req.body as { ${t.pick(FIELDS)}?: string };
  const [created] = await db.query('insert into ${e}s (data) values ($1) returning *', [body]);
  ${floating ? `notifyWebhook(created.id, '${e}.created');` : `await notifyWebhook(created.id, '${e}.created');`}
  logger.info('${e} created', { id: created.id });
  res.status(201).json(created);
});

${camel(e)}Router.get('/${e}s/:id/${t.pick(['history', 'events', 'audit'])}', async (req: Request, res: Response) => {
  const rows = await db.query('select * from ${e}_events where ${e}_id = $1 order by id', [req.params.id]);
  ${blocking ? `const revision = execSync('git rev-parse HEAD').toString().trim();` : `const revision = process.env.GIT_SHA ?? 'dev';`}
  res.json({ revision, events: rows.map((row) => ({ ...row, ${e}Id: req.params.id })) });
});

export function ${camel(e)}Summary(count: number): string {
  return count === 1 ? '1 ${e}' : \`\${count} ${e}s\`;
}
`;
}

function nestControllerFile(t, e) {
  const E = pascal(e);
  const blocking = t.chance(0.25);
  return `import { Body, Controller, Get, Injectable, Param, Post } from '@nestjs/common';
import { db } from '@/infra/db';
${blocking ? `import { readFileSync } from 'fs';` : `import { readFile } from 'fs/promises';`}

@Injectable()
export class ${E}Repository {
  async byId(id: string) {
    return db.one('select * from ${e}s where id = $1', [id]);
  }

  async create(data: Record<string, unknown>) {
    const [row] = await db.query('insert into ${e}s (data) values ($1) returning *', [data]);
    return row;
  }
}

@Controller('${e}s')
export class ${E}Controller {
  constructor(private readonly repository: ${E}Repository) {}

  @Get(':id')
  async get(@Param('id') id: string) {
    return this.repository.byId(id);
  }

  @Post()
  async create(@Body() body: Record<string, unknown>) {
    const template = ${blocking ? `readFileSync('templates/${e}.json', 'utf8')` : `await readFile('templates/${e}.json', 'utf8')`};
    return this.repository.create({ ...JSON.parse(template), ...body });
  }
}
`;
}

function workerFile(t, e) {
  const E = pascal(e);
  const style = t.pick(['poll', 'poll', 'managed', 'retry', 'drain']);
  const header = `import { queue, type Job } from '@/infra/queue';
import { logger } from '@/infra/logger';
import { sleep } from '@/lib/sleep';
import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
`;
  const handle = `  private async handle(job: Job): Promise<void> {
    logger.info('processing ${e} job', { id: job.id, name: job.name });
    const data = job.data as { ${camel(e)}Id?: string };
    if (!data.${camel(e)}Id) throw new Error('job ' + job.id + ' has no ${e} id');
    await queue.publish('${e}.processed', { id: data.${camel(e)}Id });
  }`;
  let body;
  if (style === 'poll') {
    body = `  private running = true;

  async run(): Promise<void> {
    while (this.running) {
      const job = await queue.next(${t.pick([1_000, 5_000])});
      if (job) {
        try {
          await this.handle(job);
          await queue.ack(job);
        } catch (error) {
          await queue.fail(job, error);
        }
      }
      await sleep(${t.pick([250, 500, 1_000])});
    }
  }

  stop(): void {
    this.running = false;
  }`;
  } else if (style === 'managed') {
    const complete = t.chance(0.6);
    body = `  start(): void {
    getBackgroundTaskManager().submitEnhancedTask({
      taskId: '${e}-worker.consume',
      coroutine: (signal) => this.consume(signal),
      priority: ${complete ? `TaskPriority.${t.pick(['HIGH', 'NORMAL'])}` : `'high'`},
      tags: { service: '${e}s', type: 'consumer'${complete ? `, component: '${e}-worker'` : ''} },
    });
  }

  private async consume(signal: AbortSignal): Promise<void> {
    for (;;) {
      if (signal.aborted) return;
      const job = await queue.next(1_000);
      if (!job) return;
      await this.handle(job);
      await queue.ack(job);
    }
  }`;
  } else if (style === 'retry') {
    body = `  async deliver(job: Job): Promise<void> {
    for (let attempt = 0; attempt < ${t.int(3, 6)}; attempt++) {
      try {
        await this.handle(job);
        await queue.ack(job);
        return;
      } catch (error) {
        logger.warn('retrying ${e} job', { id: job.id, attempt, error });
        await sleep(2 ** attempt * 100);
      }
    }
    await queue.fail(job, new Error('gave up'));
  }`;
  } else {
    body = `  async drain(): Promise<number> {
    let handled = 0;
    while (true) {
      const job = await queue.next(0);
      if (!job) break;
      await this.handle(job);
      await queue.ack(job);
      handled++;
    }
    return handled;
  }`;
  }
  return `${header}
export class ${E}Worker {
${body}

${handle}
}
`;
}

function managerFile(t, e) {
  const submissions = [];
  const count = t.int(1, 3);
  for (let i = 0; i < count; i++) {
    const task = `${t.pick(['refresh', 'rebuild', 'reconcile', 'purge', 'export'])}-${e}s-${i}`;
    const kind = t.pick(['complete', 'complete', 'noTags', 'noPriority', 'literalPriority', 'partialTags', 'noId']);
    const fields = [];
    if (kind !== 'noId') fields.push(`    taskId: '${task}',`);
    fields.push(`    coroutine: async () => {
      const rows = await db.query('select id from ${e}s where stale');
      for (const row of rows) await cache.invalidate(\`${e}:\${row.id}\`);
    },`);
    if (kind === 'literalPriority') fields.push(`    priority: 'low',`);
    else if (kind !== 'noPriority') fields.push(`    priority: TaskPriority.${t.pick(['LOW', 'BACKGROUND', 'NORMAL', 'HIGH'])},`);
    if (kind === 'partialTags') fields.push(`    tags: { service: '${e}s', type: 'maintenance' },`);
    else if (kind !== 'noTags') fields.push(`    tags: { service: '${e}s', type: 'maintenance', component: '${task}' },`);
    submissions.push(`  manager.submitEnhancedTask({
${fields.join('\n')}
    intervalMs: ${t.pick([60_000, 300_000, 3_600_000])},
  } as never);`);
  }
  return `import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';
import { db } from '@/infra/db';
import { cache } from '@/infra/cache';

/** Registers the periodic ${e} maintenance tasks. */
export function register${pascal(e)}Maintenance(): void {
  const manager = getBackgroundTaskManager();
${submissions.join('\n')}
}
`;
}

function scriptFile(t, e) {
  const blocking = t.chance(0.5);
  return `#!/usr/bin/env node
${blocking ? `import fs from 'node:fs';` : `import { readdir, readFile } from 'node:fs/promises';`}
import path from 'node:path';
import { db } from '@/infra/db';

async function importFile(file: string): Promise<number> {
  const text = ${blocking ? `fs.readFileSync(file, 'utf8')` : `await readFile(file, 'utf8')`};
  const rows = text.split('\\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  for (const row of rows) await db.query('insert into ${e}s (data) values ($1)', [row]);
  return rows.length;
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? 'data/${e}s';
  const files = ${blocking ? `fs.readdirSync(dir)` : `await readdir(dir)`};
  let total = 0;
  for (const file of files) total += await importFile(path.join(dir, file));
  console.log(\`imported \${total} ${e}s from \${files.length} files\`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;
}

function modelFile(t, e) {
  const E = pascal(e);
  const states = ['draft', 'pending', 'active', 'suspended', 'closed'].slice(0, t.int(3, 5));
  return `export type ${E}State = ${states.map((s) => `'${s}'`).join(' | ')};

export interface ${E}Dto {
  id: string;
  state: ${E}State;
${FIELDS.slice(0, t.int(2, 6)).map((f) => `  ${f}?: string;`).join('\n')}
}

const transitions: Record<${E}State, ${E}State[]> = {
${states.map((s, i) => `  ${s}: [${states.slice(i + 1, i + 3).map((n) => `'${n}'`).join(', ')}],`).join('\n')}
};

export function canTransition(from: ${E}State, to: ${E}State): boolean {
  return transitions[from].includes(to);
}

export function parse${E}(input: unknown): ${E}Dto {
  if (typeof input !== 'object' || input === null) throw new TypeError('${e} must be an object');
  const value = input as Record<string, unknown>;
  if (typeof value.id !== 'string') throw new TypeError('${e}.id must be a string');
  const state = String(value.state ?? '${states[0]}') as ${E}State;
  if (!(state in transitions)) throw new TypeError('unknown ${e} state ' + state);
  return { ...(value as object), id: value.id, state } as ${E}Dto;
}
`;
}

const KINDS = [
  ['services', serviceFile, 30],
  ['routes', expressRouteFile, 14],
  ['controllers', nestControllerFile, 8],
  ['workers', workerFile, 16],
  ['tasks', managerFile, 10],
  ['scripts', scriptFile, 6],
  ['models', modelFile, 16],
];
const TOTAL_WEIGHT = KINDS.reduce((sum, [, , w]) => sum + w, 0);

/** The relative path and text of generated file number `index`. */
export function generateFile(seed, index) {
  const t = tools((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  let roll = t.int(0, TOTAL_WEIGHT - 1);
  const [folder, make] = KINDS.find(([, , w]) => (roll -= w) < 0);
  const entity = t.pick(ENTITIES);
  const domain = DOMAINS[index % DOMAINS.length];
  const name = `${entity}-${folder.replace(/s$/, '')}-${index}.ts`;
  return { path: `src/${domain}/${folder}/${name}`, text: make(t, entity) };
}

/** Writes a corpus of exactly `size` .ts files (plus tsconfig.json) into `dir`, replacing it. */
export function generateCorpus({ size, dir, seed = DEFAULT_SEED }) {
  rmSync(dir, { recursive: true, force: true });
  const files = Object.entries(INFRA).map(([file, text]) => ({ path: file, text }));
  for (let i = 0; files.length < size; i++) files.push(generateFile(seed, i));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    writeFileSync(path.join(dir, file.path), file.text);
  }
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          experimentalDecorators: true,
          types: ['node'],
          paths: { '@/*': ['./src/*'] },
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "bench-corpus", "private": true, "type": "module" }\n');
  const lines = files.reduce((sum, file) => sum + file.text.split('\n').length, 0);
  return { files: files.length, lines };
}

/**
 * One service file of about `lines` lines, for the hook: a class that grows method by method.
 * With `violation`, the first method gains a `readFileSync` and the first `update` method drops
 * the promise of `reindex` (new findings for no-blocking-in-async and no-fire-and-forget).
 */
export function generateHookFile(lines, { seed = DEFAULT_SEED, violation = false } = {}) {
  const t = tools(seed + lines);
  const e = 'order';
  const E = pascal(e);
  const head = `import type { Db } from '@/infra/db';
import type { Cache } from '@/infra/cache';
import { logger } from '@/infra/logger';
import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

export interface ${E}Record {
  id: string;
  status: string;
  total: string;
}

export class ${E}Service {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: Db,
    private readonly cache: Cache,
  ) {}
`;
  const names = new RegExp(`\\b(find${E}|list${E}s|update${E}|reindex${E}|export${E}s)\\(`, 'g');
  const methods = [];
  let count = head.split('\n').length + 4;
  for (let i = 0; count < lines; i++) {
    const make = [methodFind, methodList, methodUpdate, methodExport][i % 4];
    // Same tools sequence with and without the violation, so both versions differ in one line.
    let code = make(t, e, violation && i === 2).code.replace(names, (_, name) => `${name}${i}(`);
    // e.g. a sync read slipped into the first async method: the one violation every build detects.
    if (violation && i === 0) code = code.replace('    if (cached) return cached;', "    if (cached) return cached;\n    const defaults = readFileSync('config/order-defaults.json', 'utf8');");
    const n = code.split('\n').length + 1;
    if (count + n > lines + 8 && methods.length > 0) break;
    methods.push(code);
    count += n;
  }
  return `${head}\n${methods.join('\n\n')}\n}\n\nlogger.info('loaded');\n`;
}

/**
 * One huge generated module: `functions` small exported functions, every second one dropping the
 * promise of an async function (`refresh(id);`): `functions / 2` reports of no-fire-and-forget,
 * each with a manager suggestion that imports the getter at the top of the file.
 */
export function generateHugeFile(functions) {
  const parts = ['async function refresh(id: number): Promise<void> {\n  await Promise.resolve(id);\n}\n'];
  for (let i = 0; i < functions; i++) {
    parts.push(i % 2 ? `function s${i}(id) { refresh(id); }\n` : `function n${i}(id) { return id; }\n`);
  }
  return parts.join('');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const seed = Number(arg('seed') ?? DEFAULT_SEED);
  if (arg('hook-lines')) {
    const text = generateHookFile(Number(arg('hook-lines')), { seed, violation: process.argv.includes('--violation') });
    if (arg('out')) writeFileSync(arg('out'), text);
    else process.stdout.write(text);
  } else {
    const size = Number(arg('size') ?? 200);
    const dir = path.resolve(arg('out') ?? `.bench-tmp/corpus-${size}`);
    const { files, lines } = generateCorpus({ size, dir, seed });
    console.log(`${files} files, ${lines} lines in ${dir}`);
  }
}
