import { createHash } from 'node:crypto';
import { chmodSync, statSync, unlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { SETTINGS_FILES } from '../../utils/settings-files.js';
import type { LintEngineFactory } from '../hook.js';
import { ensurePrivateDirectory } from './secure-dir.js';

type HookModule = typeof import('../hook.js');

export interface ServeOptions {
  hook: HookModule;
  /** The hook bundle: when it changes (the plugin was upgraded) the server stops answering. */
  bundle: string;
}

/** Default idle time before the server exits; ASYNC_GOVERNANCE_SERVER_IDLE_MS overrides it. */
const IDLE_MS = 15 * 60_000;
/** Query parameters a request may carry, as the hook's flags. */
const FLAGS = ['fail-closed'];

/** Whether a live server answers at `socket` (a leftover socket file refuses connections). */
function isListening(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const connection = net.connect(socket);
    connection.once('connect', () => {
      connection.destroy();
      resolve(true);
    });
    connection.once('error', () => resolve(false));
  });
}

function fingerprint(file: string): string {
  try {
    const { mtimeMs, size, ino } = statSync(file);
    return `${mtimeMs}:${size}:${ino}`;
  } catch {
    return 'missing';
  }
}

/**
 * Whether a settings file that applies to the event's files appeared, changed or went away since
 * the server first looked. The rules cache settings per folder, and an `.mjs` file stays in the
 * module cache once loaded, so the server answers no more after such a change: that call and the
 * next run cold, and a fresh server takes over. Every absolute path in the event counts, whatever
 * the agent calls the field.
 */
function settingsWatcher(): (body: string) => boolean {
  const seen = new Map<string, string>();
  return (body) => {
    let event: unknown;
    try {
      event = JSON.parse(body);
    } catch {
      return false;
    }
    const folders = new Set<string>();
    const visit = (value: unknown, depth: number): void => {
      if (typeof value === 'string') {
        if (value.length < 4096 && path.isAbsolute(value) && !value.includes('\n')) folders.add(path.dirname(value));
      } else if (value !== null && typeof value === 'object' && depth < 8) {
        for (const item of Object.values(value)) visit(item, depth + 1);
      }
    };
    visit(event, 0);
    let changed = false;
    for (const start of folders) {
      for (let dir = start; ; dir = path.dirname(dir)) {
        for (const name of SETTINGS_FILES) {
          const file = path.join(dir, name);
          const stamp = fingerprint(file);
          const known = seen.get(file);
          if (known === undefined) seen.set(file, stamp);
          else if (known !== stamp) changed = true;
        }
        if (path.dirname(dir) === dir) break;
      }
    }
    return changed;
  };
}

/** How many lint results the server keeps: a few files' recent versions. */
const CACHED_LINTS = 64;

/**
 * Remembers recent lint results by file, settings and text. An agent's next edit of a file
 * starts from the text of its last one, so the "before" half of most calls is already known.
 */
function cachingEngine(engine: LintEngineFactory): LintEngineFactory {
  const cache = new Map<string, ReturnType<ReturnType<LintEngineFactory>>>();
  return (parser, source, cwd) => {
    const lint = engine(parser, source, cwd);
    const settings = JSON.stringify(source.raw) ?? '';
    return (text, filePath, options) => {
      const key = createHash('sha256').update(`${filePath}\0${cwd}\0${settings}\0${options?.fixes !== false}\0${[...(options?.rules ?? [])].join(',')}\0`).update(text).digest('base64');
      let messages = cache.get(key);
      if (messages) cache.delete(key);
      else messages = lint(text, filePath, options);
      cache.set(key, messages);
      if (cache.size > CACHED_LINTS) cache.delete(cache.keys().next().value as string);
      return messages;
    };
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Answers one hook call: the reply body is the exit code on the first line, the hook's stdout
 * (one JSON line, or empty) on the second, and its stderr after that.
 */
async function answer(request: IncomingMessage, response: ServerResponse, options: ServeOptions, lintEngine: LintEngineFactory, settingsChanged: (body: string) => boolean, stop: () => void): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (request.method !== 'POST' || url.pathname !== '/hook') {
    response.writeHead(404).end();
    return;
  }
  const input = await readBody(request);
  if (settingsChanged(input)) {
    response.writeHead(503).end();
    stop();
    return;
  }
  const argv = FLAGS.filter((flag) => url.searchParams.get(flag) === '1').map((flag) => `--${flag}`);
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) => ({ write: (chunk: string | Uint8Array) => (append(String(chunk)), true) }) as unknown as NodeJS.WritableStream;
  const code = await options.hook.runHook(argv, {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    readStdin: async () => input,
    lintEngine,
  });
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`${code}\n${stdout.replace(/\n$/, '')}\n${stderr}`);
}

/**
 * The warm hook server: one per user, project, plugin version and Node, on a unix socket in a
 * private directory. It exits when idle, when the plugin on disk changes, or when another server
 * already holds the socket.
 */
export async function serve(socket: string, options: ServeOptions): Promise<void> {
  if (process.platform === 'win32' || !socket || !ensurePrivateDirectory(path.dirname(socket))) return;
  if (await isListening(socket)) return;
  try {
    unlinkSync(socket);
  } catch {
    // No leftover socket.
  }
  const idleMs = Number(process.env.ASYNC_GOVERNANCE_SERVER_IDLE_MS) || IDLE_MS;
  // The plugin's bundle and the Node binary: an upgrade of either (same paths) retires the server.
  const codeStamp = () => `${fingerprint(options.bundle)}|${fingerprint(process.execPath)}`;
  const startStamp = codeStamp();
  const settingsChanged = settingsWatcher();
  const lintEngine = cachingEngine(options.hook.fastEngine);
  let idle: NodeJS.Timeout | undefined;
  let inode = -1;

  const server = createServer((request, response) => {
    armIdleTimer();
    // An upgraded plugin or Node: this server's code is stale, the client falls back to a cold run.
    if (codeStamp() !== startStamp) {
      response.writeHead(503).end();
      stop();
      return;
    }
    answer(request, response, options, lintEngine, settingsChanged, stop).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const stop = () => {
    clearTimeout(idle);
    server.close();
    // Remove the socket only if it is still ours (a newer server may have replaced it).
    try {
      if (statSync(socket).ino === inode) unlinkSync(socket);
    } catch {
      // Already gone.
    }
  };
  const armIdleTimer = () => {
    clearTimeout(idle);
    idle = setTimeout(stop, idleMs);
    idle.unref();
  };
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  }).catch(() => undefined);
  if (!server.listening) return;
  chmodSync(socket, 0o600);
  inode = statSync(socket).ino;
  armIdleTimer();
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, stop);
  await new Promise<void>((resolve) => server.once('close', () => resolve()));
}
