import picomatch from 'picomatch';
import type { Origin } from '../../utils/references.js';
import type { BlockingCall } from '../../utils/settings.js';

/** How a blocking call is rewritten: its async form, and whether that keeps behaviour. */
export type Remedy =
  /** `await fsPromises.<name>(...)`: autofix when `safe`, otherwise a suggestion. */
  | { kind: 'fs-promises'; name: string; safe: boolean }
  /** fs-extra's own promise-returning export `<name>`. */
  | { kind: 'fs-extra'; name: string }
  /** `await access(p).then(() => true, () => false)`. */
  | { kind: 'exists' }
  /** `await promisify(<name>)(...)`, plus `.stdout` for child processes. */
  | { kind: 'promisify'; module: string; name: string; property?: string }
  /** `await Atomics.waitAsync(...).value`. */
  | { kind: 'wait-async' }
  /** `await <name>(...)` from `module`, the `use` a `blockingCalls` entry names: a suggestion. */
  | { kind: 'custom'; module: string; name: string }
  /** No faithful rewrite: the message names the alternative. */
  | { kind: 'advice'; use: string };

export interface BlockingMatch {
  /** The name shown in the message: `readFileSync`, `Atomics.wait`. */
  name: string;
  /** What to write instead, for the message. */
  use: string;
  remedy: Remedy;
}

const FS_MODULES = ['fs', 'graceful-fs', 'fs-extra'];

/** Modules whose `*Sync` exports block. */
export const BLOCKING_MODULES: readonly string[] = [...FS_MODULES, 'child_process', 'zlib', 'crypto'];

/** Calls whose awaited `fs/promises` form behaves the same. */
export const AUTOFIXED_FS_CALLS: readonly string[] = [
  'readFileSync', 'writeFileSync', 'appendFileSync', 'readdirSync', 'statSync', 'lstatSync', 'mkdirSync',
  'rmSync', 'unlinkSync', 'renameSync', 'copyFileSync', 'realpathSync', 'accessSync',
];

/** Calls with an `fs/promises` twin of the same signature, offered as a suggestion. */
const SUGGESTED_FS_CALLS = new Set([
  'chmodSync', 'chownSync', 'lchownSync', 'utimesSync', 'lutimesSync', 'linkSync', 'symlinkSync', 'readlinkSync',
  'truncateSync', 'mkdtempSync', 'rmdirSync', 'cpSync', 'opendirSync', 'statfsSync', 'lchmodSync',
]);

/** File-descriptor calls: `promisify` of the callback form keeps the fd API; `write`/`read` resolve to an object. */
const FD_CALLS: Record<string, string | undefined> = {
  openSync: undefined, closeSync: undefined, fsyncSync: undefined, fdatasyncSync: undefined, ftruncateSync: undefined,
  fstatSync: undefined, fchmodSync: undefined, fchownSync: undefined, futimesSync: undefined,
  writeSync: 'bytesWritten', readSync: 'bytesRead',
};

const PROMISIFIABLE: Record<string, readonly string[]> = {
  zlib: ['gzipSync', 'gunzipSync', 'deflateSync', 'inflateSync', 'deflateRawSync', 'inflateRawSync', 'unzipSync',
    'brotliCompressSync', 'brotliDecompressSync', 'zstdCompressSync', 'zstdDecompressSync'],
  crypto: ['pbkdf2Sync', 'scryptSync', 'randomFillSync', 'generateKeyPairSync', 'generateKeySync', 'generatePrimeSync', 'hkdfSync'],
};

const ASYNC_NAME = (name: string): string => name.replace(/Sync$/, '');

function matchFs(module: string, name: string, member: string | undefined): BlockingMatch | null {
  if (member === 'native') {
    return { name: `${name}.native`, use: '`await realpath(...)` from node:fs/promises', remedy: { kind: 'fs-promises', name: 'realpath', safe: false } };
  }
  const asyncName = ASYNC_NAME(name);
  if (name === 'existsSync') {
    if (module === 'fs-extra') return { name, use: '`await pathExists(...)` from fs-extra', remedy: { kind: 'fs-extra', name: 'pathExists' } };
    return { name, use: '`await access(...)` from node:fs/promises', remedy: { kind: 'exists' } };
  }
  if (AUTOFIXED_FS_CALLS.includes(name) || SUGGESTED_FS_CALLS.has(name)) {
    const safe = AUTOFIXED_FS_CALLS.includes(name);
    return { name, use: `\`await ${asyncName}(...)\` from node:fs/promises`, remedy: { kind: 'fs-promises', name: asyncName, safe } };
  }
  if (module === 'fs-extra') {
    return { name, use: `\`await ${asyncName}(...)\` from fs-extra`, remedy: { kind: 'fs-extra', name: asyncName } };
  }
  if (name in FD_CALLS) {
    const property = FD_CALLS[name];
    return {
      name,
      use: `\`await promisify(${asyncName})(...)\` from node:util and node:fs`,
      remedy: { kind: 'promisify', module: 'fs', name: asyncName, property },
    };
  }
  return { name, use: 'a FileHandle from `await open(...)` in node:fs/promises', remedy: { kind: 'advice', use: 'FileHandle' } };
}

function matchChildProcess(name: string): BlockingMatch {
  if (name === 'execSync' || name === 'execFileSync') {
    const asyncName = ASYNC_NAME(name);
    return {
      name,
      use: `\`(await promisify(${asyncName})(...)).stdout\` from node:util and node:child_process`,
      remedy: { kind: 'promisify', module: 'child_process', name: asyncName, property: 'stdout' },
    };
  }
  return { name, use: '`spawn(...)` from node:child_process, awaiting its `close` event', remedy: { kind: 'advice', use: 'spawn' } };
}

/** The export a `use` text names (`query`, `` `query` ``, `await query(...)`), or null for prose. */
function namedExport(use: string): string | null {
  return /^`?(?:await\s+)?([A-Za-z_$][\w$]*)(?:\(\.\.\.\))?`?$/.exec(use.trim())?.[1] ?? null;
}

/** Compiles the `blockingCalls` setting once into matchers over module origins. */
export function compileCustomCalls(entries: BlockingCall[]): ((origin: Origin) => BlockingMatch | null) | null {
  if (entries.length === 0) return null;
  const compiled = entries.map((entry) => ({
    module: entry.module.replace(/^node:/, ''),
    matches: entry.call === '*' ? () => true : picomatch(entry.call),
    use: entry.use,
    replacement: namedExport(entry.use),
  }));
  return (origin) => {
    if (origin.kind !== 'module') return null;
    const exportName = origin.path.filter((segment) => segment !== '()').at(-1) ?? 'default';
    for (const entry of compiled) {
      if (entry.module === origin.module && entry.matches(exportName)) {
        const remedy: Remedy = entry.replacement !== null && entry.replacement !== exportName
          ? { kind: 'custom', module: origin.module, name: entry.replacement }
          : { kind: 'advice', use: entry.use };
        return { name: exportName, use: entry.use, remedy };
      }
    }
    return null;
  };
}

/** What a resolved callee blocks on, or null when it is not a blocking call. */
export function matchBlockingCall(origin: Origin): BlockingMatch | null {
  if (origin.kind === 'global') {
    if (origin.path.length === 2 && origin.path[0] === 'Atomics' && origin.path[1] === 'wait') {
      return { name: 'Atomics.wait', use: '`await Atomics.waitAsync(...).value`', remedy: { kind: 'wait-async' } };
    }
    return null;
  }
  const [name, member, ...rest] = origin.path;
  if (!name?.endsWith('Sync') || rest.length > 0 || (member !== undefined && member !== 'native')) return null;
  if (FS_MODULES.includes(origin.module)) return matchFs(origin.module, name, member);
  if (member !== undefined) return null;
  if (origin.module === 'child_process') return matchChildProcess(name);
  const promisifiable = PROMISIFIABLE[origin.module];
  if (promisifiable) {
    const asyncName = ASYNC_NAME(name);
    if (promisifiable.includes(name)) {
      return {
        name,
        use: `\`await promisify(${asyncName})(...)\` from node:util and node:${origin.module}`,
        remedy: { kind: 'promisify', module: origin.module, name: asyncName },
      };
    }
    return { name, use: `the callback or stream form of \`${asyncName}\``, remedy: { kind: 'advice', use: asyncName } };
  }
  return null;
}
