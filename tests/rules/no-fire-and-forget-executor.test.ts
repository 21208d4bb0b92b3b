import { ruleTester, typeAwareRuleTester } from '../rule-tester.js';
import rule from '../../src/rules/no-fire-and-forget.js';

// Forwarding a promise's outcome to the `reject` of the enclosing `new Promise` executor:
// the promise being built carries the result and the failure to whoever awaits it.

const FILE = 'billing/src/services/cache-client.ts';
const IMPORT = "import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager';";

/** `code` with `statement` submitted to the manager, as the `submitToManager` suggestion writes it. */
function submitted(code: string, statement: string, task: { work: string; component: string; service?: string }): string {
  const before = code.slice(0, code.indexOf(statement)).split('\n').at(-1) ?? '';
  const indent = /^\s*/.exec(before)?.[0] ?? '';
  const submission = [
    'getBackgroundTaskManager().submitEnhancedTask({',
    `${indent}  taskId: '${task.component}.${task.work}',`,
    `${indent}  coroutine: () => ${statement.slice(0, -1)},`,
    `${indent}  priority: TaskPriority.NORMAL,`,
    `${indent}  tags: {`,
    `${indent}    service: '${task.service ?? 'billing'}',`,
    `${indent}    type: '${task.work}',`,
    `${indent}    component: '${task.component}',`,
    `${indent}  },`,
    `${indent}});`,
  ].join('\n');
  const lines = code.replace(statement, submission).split('\n');
  lines.splice(lines.findLastIndex((line) => line.startsWith('import ')) + 1, 0, IMPORT);
  return lines.join('\n');
}

interface Expected {
  messageId: 'floatingPromise' | 'unsupervisedPromise';
  line: number;
  column: number;
  /** The work the task is named after, and the component its tags name. */
  work: string;
  component: string;
  /** Offered only where the enclosing function is async. */
  addAwait?: boolean;
}

/** An invalid case: `statement` in `code` is reported once, with its suggestions' exact output. */
function reported(code: string, statement: string, { messageId, line, column, work, component, addAwait = false }: Expected) {
  const suggestions = [
    ...(addAwait ? [{ messageId: 'addAwait' as const, output: code.replace(statement, `await ${statement}`) }] : []),
    { messageId: 'submitToManager' as const, output: submitted(code, statement, { work, component }) },
  ];
  return { filename: FILE, code, errors: [{ messageId, line, column, suggestions }] };
}

ruleTester.run('no-fire-and-forget (forwarding to a Promise executor)', rule, {
  valid: [
    // a Redis client wrapper: connect() settles the promise connect() returns
    { filename: FILE, code: `import { createClient } from 'redis';

export class CacheClient {
  private readonly client = createClient({ url: process.env.REDIS_URL });

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client.once('error', reject);
      this.client.connect().then(() => resolve(), reject);
    });
  }
}` },
    // a database wrapper: the value is mapped, the failure forwarded by `.catch(reject)`
    { filename: FILE, code: `import { Pool } from 'pg';
import { loadConfig } from './config';

export class Database {
  private pool?: Pool;

  open(): Promise<Pool> {
    return new Promise((resolve, reject) => {
      loadConfig()
        .then((config) => {
          this.pool = new Pool(config.database);
          resolve(this.pool);
        })
        .catch(reject);
    });
  }
}` },
    // an HTTP server close(): both handlers forward
    { filename: FILE, code: `import Fastify from 'fastify';

export class HttpServer {
  private readonly app = Fastify({ logger: true });

  stop(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.app.close().then(() => resolve(), (error) => reject(error));
    });
  }
}` },
    // a child process wrapper: forwarded from a listener inside the executor
    { filename: FILE, code: `import { spawn } from 'node:child_process';

async function parseStatus(output: string): Promise<string[]> {
  return output.split('\\n').filter(Boolean);
}

export function gitStatus(cwd: string): Promise<string[]> {
  return new Promise((res, rej) => {
    const child = spawn('git', ['status', '--porcelain'], { cwd });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', rej);
    child.on('close', (code) => {
      if (code !== 0) {
        rej(new Error(\`git status exited with \${code}\`));
        return;
      }
      parseStatus(output).then(res).catch((e) => rej(e));
    });
  });
}` },
    // CommonJS, function expressions
    { filename: 'billing/src/catalog/load-catalog.js', code: `const { fetchAll } = require('./catalog');

module.exports = function loadCatalog() {
  return new Promise(function (resolve, reject) {
    fetchAll().then(resolve).catch(function (error) {
      reject(error);
    });
  });
};` },
    // a typed `reject` and a handler that returns `reject(err)`
    { filename: FILE, code: `import type { MongoClient } from 'mongodb';

export class UserStore {
  constructor(private readonly client: MongoClient) {}

  activeIds(): Promise<string[]> {
    return new Promise<string[]>((resolve, reject: (reason?: unknown) => void) => {
      this.client.db('app').collection('users').find({ active: true }).toArray()
        .then((users) => resolve(users.map((user) => String(user._id))), (err) => {
          return reject(err);
        });
    });
  }
}` },
    // `void` in front changes nothing: the outcome still reaches the executor
    { filename: FILE, code: `import { createClient } from 'redis';

export class QueueConnection {
  private readonly client = createClient();

  shutdown(): Promise<void> {
    return new Promise((resolve, reject) => {
      void this.client.quit().then(() => resolve(), reject);
    });
  }
}` },
    // module level, `res`/`rej` names
    { filename: FILE, code: `import { fetchAll } from './catalog';

export const catalog = new Promise((res, rej) => { fetchAll().then(res).catch((e) => rej(e)); });` },
  ],
  invalid: [
    // the rejection is not forwarded
    reported(
      `export class CacheClient {
  private async handshake(): Promise<void> {}

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.handshake().then(resolve);
    });
  }
}`,
      `this.handshake().then(resolve);`,
      { messageId: 'floatingPromise', line: 6, column: 7, work: 'handshake', component: 'cache-client' },
    ),
    reported(
      `import { loadConfig } from './config';

export function readConfig(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    loadConfig().then((config) => resolve(config)).catch(() => {});
  });
}`,
      `loadConfig().then((config) => resolve(config)).catch(() => {});`,
      { messageId: 'unsupervisedPromise', line: 5, column: 5, work: 'load-config', component: 'cache-client' },
    ),
    reported(
      `import Fastify from 'fastify';

function log(error: unknown) {
  console.error(error);
}

export class HttpServer {
  private readonly app = Fastify();

  stop(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.app.close().then(() => resolve()).catch(log);
    });
  }
}`,
      `this.app.close().then(() => resolve()).catch(log);`,
      { messageId: 'unsupervisedPromise', line: 12, column: 7, work: 'close', component: 'http-server' },
    ),
    // a rejection handler that does something else than `reject(e)`
    reported(
      `import { spawn } from 'node:child_process';

async function collect(child: ReturnType<typeof spawn>): Promise<string> {
  return '';
}

export function run(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { shell: true });
    collect(child).then(resolve, (e) => {
      console.error(e);
    });
  });
}`,
      `collect(child).then(resolve, (e) => {
      console.error(e);
    });`,
      { messageId: 'unsupervisedPromise', line: 10, column: 5, work: 'collect', component: 'cache-client' },
    ),
    // the resolvers of another promise: a field, a Deferred
    reported(
      `import { createClient } from 'redis';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

export class CacheClient {
  private readonly client = createClient();
  private pending!: Deferred<void>;

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client.connect().then(this.pending.resolve, this.pending.reject);
      resolve();
    });
  }
}`,
      `this.client.connect().then(this.pending.resolve, this.pending.reject);`,
      { messageId: 'unsupervisedPromise', line: 15, column: 7, work: 'connect', component: 'cache-client' },
    ),
    reported(
      `import { createClient } from 'redis';

export class CacheClient {
  private readonly client = createClient();
  readonly ready = Promise.withResolvers<void>();

  start() {
    this.client.connect().then(() => this.ready.resolve(), (error) => this.ready.reject(error));
  }
}`,
      `this.client.connect().then(() => this.ready.resolve(), (error) => this.ready.reject(error));`,
      { messageId: 'unsupervisedPromise', line: 8, column: 5, work: 'connect', component: 'cache-client' },
    ),
    // the same chain outside an executor: a `.catch` inside a function does not exempt
    reported(
      `import { loadConfig } from './config';

export async function onReady(resolve: (config: unknown) => void, reject: (error: unknown) => void) {
  loadConfig().then(resolve, reject);
}`,
      `loadConfig().then(resolve, reject);`,
      { messageId: 'unsupervisedPromise', line: 4, column: 3, work: 'load-config', component: 'cache-client', addAwait: true },
    ),
    // another floating call in the same executor is still reported, alone
    reported(
      `import type { Server } from 'node:http';

async function audit(event: string): Promise<void> {}
async function closeServer(server: Server): Promise<void> {}

export function restart(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    audit('restart');
    closeServer(server).then(resolve, reject);
  });
}`,
      `audit('restart');`,
      { messageId: 'floatingPromise', line: 8, column: 5, work: 'audit', component: 'cache-client' },
    ),
    // the last call is not the forwarding one: `.finally` makes a promise nobody awaits
    reported(
      `import { createClient } from 'redis';

export class CacheClient {
  private readonly client = createClient();

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client.connect().then(() => resolve(), reject).finally(() => this.client.removeAllListeners('error'));
    });
  }
}`,
      `this.client.connect().then(() => resolve(), reject).finally(() => this.client.removeAllListeners('error'));`,
      { messageId: 'unsupervisedPromise', line: 8, column: 7, work: 'connect', component: 'cache-client' },
    ),
    // the executor forwards, but its own promise is dropped
    reported(
      `import { createClient } from 'redis';

export class CacheClient {
  private readonly client = createClient();

  warm() {
    new Promise<void>((resolve, reject) => {
      this.client.connect().then(() => resolve(), reject);
    });
  }
}`,
      `new Promise<void>((resolve, reject) => {
      this.client.connect().then(() => resolve(), reject);
    });`,
      { messageId: 'floatingPromise', line: 7, column: 5, work: 'promise', component: 'cache-client' },
    ),
  ],
});

const TYPED_LOGGING = `declare const client: { connect(): Promise<void> };
export function connect(): Promise<void> {
  return new Promise((resolve, reject) => {
    client.connect().then(resolve, (error: unknown) => console.error(error));
  });
}`;

typeAwareRuleTester.run('no-fire-and-forget (forwarding to a Promise executor, type-aware)', rule, {
  valid: [
    `declare const client: { connect(): Promise<void>; quit(): Promise<'OK'> };
export function connect(): Promise<void> {
  return new Promise((resolve, reject) => {
    client.connect().then(resolve, reject);
  });
}
export function quit(): Promise<void> {
  return new Promise((resolve, reject) => {
    client.quit().then(() => resolve()).catch((error: unknown) => reject(error));
  });
}`,
  ],
  invalid: [
    // the rejection handler logs instead of forwarding
    {
      code: TYPED_LOGGING,
      errors: [{
        messageId: 'unsupervisedPromise',
        line: 4,
        column: 5,
        suggestions: [{
          messageId: 'submitToManager',
          output: submitted(TYPED_LOGGING, 'client.connect().then(resolve, (error: unknown) => console.error(error));', { work: 'connect', component: 'file', service: 'app' }),
        }],
      }],
    },
  ],
});
