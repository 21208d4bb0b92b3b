#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { describeError } from './errors.js';
import { stdinReader } from './io.js';
import { COMMAND_USAGE, wantsHelp } from './usage.js';

const USAGE = `Usage: async-governance <command> [options]

Commands:
  check [paths...]   Lint files with the async-governance rules (zero configuration)
      --format stylish|json|sarif   --fix   --stdin --stdin-filename FILE
      --max-warnings N   --config FILE   --output-file FILE
      --suppress-all   --prune-suppressions   --suppressions-location FILE
      --engine auto|eslint|oxlint   --concurrency N|auto   --shard i/n
  hook               Pre-write check for AI coding agents (the agent's hook event on stdin)
      --agent NAME   --post   --stdin-filename FILE (full proposed content on stdin)
      --fail-closed   --config FILE   --parser oxc|typescript
  report [paths...]  Compliance inventory: managed vs raw background work, priorities, tags, per folder
      --project TSCONFIG   --out DIR (default async-governance-report)   --format markdown|json
      --baseline FILE   --fail-under PCT   --fail-on-new   --link-base URL   --config FILE
      --shard i/n   --merge REPORT.json...
  init [dir]         Add the ESLint (or oxlint) config, a lint-staged entry and the AI agents' hooks
      --agent claude,codex,gemini,cursor,copilot   --dry-run   --oxlint
      --manager [path] (write a background task manager; --force replaces an existing file)

Exit codes: 0 clean or allowed, 1 violations (check) or a failed gate (report), 2 usage or configuration error, or a blocked write (hook).
async-governance <command> --help shows a command's options.
Docs: docs/cli.md`;

type Command = (argv: string[]) => Promise<number>;

// ESLint warns when the project has an .eslintignore, which ESLint 9+ no longer reads. The CLI
// lints with its own embedded config and the repository's .gitignore, so that advice about the
// project's ESLint config is noise here.
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
  const [typeOrOptions] = rest;
  const type = typeof typeOrOptions === 'string' ? typeOrOptions : (typeOrOptions as { type?: string } | undefined)?.type;
  if (type !== 'ESLintIgnoreWarning') emitWarning(warning, ...rest);
}) as typeof process.emitWarning;

const io = () => ({ cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, readStdin: stdinReader() });

/** The hook is bundled into one file (see scripts/bundle-hook.mjs) and loaded with a code cache. */
async function runHookCommand(argv: string[]): Promise<number> {
  let hook: typeof import('./hook.js');
  try {
    const { loadHook } = await import('./hook-main.js');
    hook = await loadHook(fileURLToPath(new URL('.', import.meta.url)), () => import('./hook.js'));
  } catch (error) {
    // A hook that cannot even load must not block the agent (exit 2 would): allow and say why.
    if (argv.includes('--fail-closed')) throw error;
    process.stderr.write(`async-governance hook could not start: ${describeError(error)} (allowing it)\n`);
    return 0;
  }
  const { runHookProcess } = await import('./hook-main.js');
  return runHookProcess(argv, hook, fileURLToPath(new URL('./hook.cjs', import.meta.url)));
}

// Each command loads its own modules, so `hook` never pays for ESLint's file-walking engine.
const COMMANDS: Record<string, Command> = {
  check: async (argv) => (await import('./check.js')).runCheck(argv, io()),
  hook: runHookCommand,
  init: async (argv) => (await import('./init.js')).runInit(argv, io()),
  report: async (argv) => (await import('./report.js')).runReport(argv, io()),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const { default: plugin } = await import('../index.js');
    process.stdout.write(`${plugin.meta.version}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`async-governance: unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')})\n`);
    return 2;
  }
  if (wantsHelp(rest)) {
    process.stdout.write(`${COMMAND_USAGE[name]}\n`);
    return 0;
  }
  try {
    return await command(rest);
  } catch (error) {
    // One prefix per error: a message that already names the command is not prefixed twice.
    const message = describeError(error).replace(new RegExp(`^${name}: `), '');
    process.stderr.write(`async-governance ${name}: ${message}\n`);
    if (process.env.ASYNC_GOVERNANCE_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
