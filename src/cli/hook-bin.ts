// The CommonJS entry of `async-governance hook` (dist/cli/hook.cjs, built by
// scripts/bundle-hook.mjs): a CommonJS main module skips Node's ESM loader, about 15 ms of a cold
// start. `hook.cjs --serve SOCKET` runs the warm server instead (src/cli/warm/server.ts).
import path from 'node:path';
import { loadHook, runHookProcess } from './hook-main.js';

declare const __filename: string;

async function main(): Promise<number> {
  const directory = path.dirname(__filename);
  const argv = process.argv.slice(2);
  let hook: Awaited<ReturnType<typeof loadHook>>;
  try {
    hook = await loadHook(directory, () => import('./hook.js'), argv[0] !== '--serve');
  } catch (error) {
    // A hook that cannot even load must not block the agent (exit 2 would): allow and say why.
    if (process.argv.includes('--fail-closed')) throw error;
    process.stderr.write(`async-governance hook could not start: ${(error as Error).message} (allowing it)\n`);
    return 0;
  }
  if (argv[0] === '--serve') {
    const { serve } = await import('./warm/server.js');
    await serve(argv[1], { hook, bundle: path.join(directory, 'hook.bundle.cjs') });
    return 0;
  }
  return runHookProcess(argv, hook, __filename);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Exit 2 blocks the write: only with --fail-closed.
    process.stderr.write(`async-governance hook: ${(error as Error).message}\n`);
    process.exitCode = process.argv.includes('--fail-closed') ? 2 : 0;
  },
);
