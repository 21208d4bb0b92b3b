import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { requireWithCodeCache } from './compile-cache.js';
import { descriptorWriter, stdinReader } from './io.js';

type HookModule = typeof import('./hook.js');

/** Loads the bundled hook (dist/cli/hook.bundle.cjs) with its code cache, or the plain modules. */
export function loadHook(directory: string, fallback: () => Promise<HookModule>): Promise<HookModule> | HookModule {
  const bundle = path.join(directory, 'hook.bundle.cjs');
  if (!existsSync(bundle) || process.env.ASYNC_GOVERNANCE_UNBUNDLED === '1') return fallback();
  const useCache = process.env.ASYNC_GOVERNANCE_CODE_CACHE !== '0';
  return (useCache ? requireWithCodeCache(bundle) : createRequire(bundle)(bundle)) as HookModule;
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
