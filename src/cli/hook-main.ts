import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { requireWithCodeCache } from './compile-cache.js';
import { descriptorWriter, stdinReader } from './io.js';

type HookModule = typeof import('./hook.js');

/**
 * Loads the bundled hook (dist/cli/hook.bundle.cjs) with its code cache, or the plain modules.
 * A one-shot process (a cold hook call, not the warm server) turns V8's optimising compiler off:
 * the call ends before optimised code pays off, and exiting waits for the compiler's background
 * jobs, about 20 ms of a cold call on 2 cores (bench/RESULTS.md).
 */
export function loadHook(directory: string, fallback: () => Promise<HookModule>, oneShot = true): Promise<HookModule> | HookModule {
  if (oneShot) setFlagsFromString('--no-opt');
  const bundle = path.join(directory, 'hook.bundle.cjs');
  if (!existsSync(bundle) || process.env.ASYNC_GOVERNANCE_UNBUNDLED === '1') return fallback();
  const useCache = process.env.ASYNC_GOVERNANCE_CODE_CACHE !== '0';
  // The server and one-shot calls compile under different flags: each keeps its own cache.
  return (useCache ? requireWithCodeCache(bundle, oneShot ? 'one-shot' : 'server') : createRequire(bundle)(bundle)) as HookModule;
}

/**
 * Runs `hook` in this process, then, when the warm client asked for it (it found no server at
 * `ASYNC_GOVERNANCE_START_SOCKET`), starts the background server for the next calls.
 */
export async function runHookProcess(argv: string[], hook: HookModule, serverEntry: string): Promise<number> {
  const started = performance.now();
  const code = await hook.runHook(argv, { stdout: descriptorWriter(1), stderr: descriptorWriter(2), readStdin: stdinReader() });
  // ASYNC_GOVERNANCE_TIMING=1 shows where a cold call spends its time (see bench/hook-latency.mjs).
  if (process.env.ASYNC_GOVERNANCE_TIMING === '1') {
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    process.stderr.write(`async-governance hook timing: node start and load ${ms(started)}, run ${ms(performance.now() - started)}\n`);
  }
  const socket = process.env.ASYNC_GOVERNANCE_START_SOCKET;
  if (socket) {
    const { startServer } = await import('./warm/spawn.js');
    startServer(serverEntry, socket);
  }
  return code;
}
