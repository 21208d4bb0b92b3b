import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { ensurePrivateDirectory, isPrivateDirectory } from './warm/secure-dir.js';

/**
 * A 64-bit FNV-1a hash, in hex, for cache file names (loading `node:crypto` would cost a cold
 * start more than the whole cache lookup). A collision only costs speed: V8 rejects a cache made
 * for other source.
 */
function nameHash(text: string): string {
  let low = 0x84222325;
  let high = 0xcbf29ce4;
  for (let index = 0; index < text.length; index += 1) {
    low = (low ^ text.charCodeAt(index)) >>> 0;
    // Multiply by the FNV prime 2^40 + 2^8 + 0xb3, in two 32-bit halves.
    const lowProduct = low * 0x1b3;
    high = (high * 0x1b3 + (low << 8) + Math.floor(lowProduct / 0x100000000)) >>> 0;
    low = lowProduct >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/**
 * Runs a CommonJS bundle with V8's code cache kept in the OS temp folder (never in the project).
 * Node 22 has `module.enableCompileCache()`; on Node 20 this does the same for one file.
 * The cache is written at exit, after the run, so it also holds the functions the run compiled.
 */
export function requireWithCodeCache(file: string, variant = ''): unknown {
  const source = readFileSync(file, 'utf8');
  const { mtimeMs, size } = statSync(file);
  const hash = nameHash;
  // `<bundle and variant>-<version>.bin`: a rebuilt bundle or another Node replaces its older caches.
  const prefix = `${hash(`${file}\0${variant}`)}-`;
  // A per-user folder that only this user can enter: V8 runs cached code as it finds it, so a
  // cache file someone else could plant would run their code in the hook.
  const cacheDir = path.join(os.tmpdir(), `async-governance-cache-${process.getuid?.() ?? 'user'}`);
  const cacheFile = path.join(cacheDir, `${prefix}${hash(`${process.version}\0${process.arch}\0${mtimeMs}\0${size}\0${process.execArgv.join(' ')}`)}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = isPrivateDirectory(cacheDir) ? readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined;
  }
  // No `import()` inside: a cached vm script loses its dynamic-import loader on Node 20. The
  // bundle loads `async-governance.config.mjs` with require() of an ES module, which does not use it.
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        if (!ensurePrivateDirectory(cacheDir)) return;
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
        for (const name of readdirSync(cacheDir)) {
          if (name.startsWith(prefix) && name.endsWith('.bin') && path.join(cacheDir, name) !== cacheFile) rmSync(path.join(cacheDir, name), { force: true });
        }
      } catch {
        // A cache that cannot be written only costs speed.
      }
    });
  }
  const module = { exports: {} as unknown, filename: file, id: file };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}
