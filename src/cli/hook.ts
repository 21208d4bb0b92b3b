import path from 'node:path';
import type { Linter as LinterTypes } from 'eslint';
import { PLUGIN_NAMESPACE } from '../configs/index.js';
import { lazyTypeScriptParser } from '../utils/lazy-parser.js';
import { matchesExemption } from '../utils/settings.js';
import { parse } from './args.js';
import { describeError } from './errors.js';
import { fastParser, loadFastParser } from './fast-parser.js';
import { isLintedFile, isMinifiedBundle } from './file-kinds.js';
import { formatDenial } from './denial.js';
import { lintText, type Parser } from './fast-lint/index.js';
import { type Agent, AGENTS, answer, detectAgent, type HookRequest, isPostEvent, type Outcome, parseAgent, type Phase, readRequest } from './hook-agents.js';
import { changeFromContent, HookInputError, isObject, NotAWriteError, type ProposedChange } from './hook-input.js';
import { cliSettings, settingsFileOf, settingsOf } from './settings-file.js';
import { introducedViolations, mayPreExist, type Violation, violationsOf } from './violation-identity.js';

export interface HookIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  readStdin: () => Promise<string>;
  /** Lints one version of the file (tests swap in ESLint's `Linter` to compare). */
  lintEngine?: LintEngineFactory;
}

type Message = LinterTypes.LintMessage;

/** Lints one text as `filePath` with the recommended rules, inline config ignored. */
export type LintEngine = (text: string, filePath: string, options?: { fixes?: boolean; rules?: ReadonlySet<string> }) => Message[];
/** `eslintSettings` is ESLint's `settings` (empty unless `--config`: the rules find each file's settings file). */
export type LintEngineFactory = (parser: Parser, eslintSettings: Record<string, unknown>, cwd: string) => LintEngine;

/** The default engine: the fast lint with the recommended rules (src/cli/fast-lint). */
/** The hook's parser, exported so a test can lint through the built bundle as the hook does. */
export { fastParser };

export const fastEngine: LintEngineFactory = (parser, eslintSettings, cwd) => (text, filePath, options) =>
  lintText(text, filePath, { parser, eslintSettings, cwd, fixes: options?.fixes, rules: options?.rules });

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

const PARSERS = ['oxc', 'typescript'] as const;

/**
 * The hook parses with oxc (no `typescript` module to load); `--parser typescript`, or a
 * platform without oxc's binary, uses `@typescript-eslint/parser` with the same results.
 */
function chooseParser(name: string | undefined): Parser {
  if (name !== undefined && !PARSERS.includes(name as (typeof PARSERS)[number])) {
    throw new HookInputError(`unknown --parser '${name}' (use ${PARSERS.join(' or ')})`);
  }
  return (name !== 'typescript' && loadFastParser() ? fastParser : lazyTypeScriptParser) as Parser;
}

/** Lints one version of the file; inline `eslint-disable` comments are not honoured. */
function lint(engine: LintEngine, text: string, filePath: string, options?: { fixes: boolean; rules: ReadonlySet<string> }): { violations: Violation[]; fatal: Message | null } {
  const messages = engine(text, filePath, options);
  const fatal = messages.find((message) => message.fatal) ?? null;
  return { violations: violationsOf(messages, text, PLUGIN_NAMESPACE), fatal };
}

interface HookOptions {
  'fail-closed'?: boolean;
  'stdin-filename'?: string;
  config?: string;
  parser?: string;
  agent?: string;
  post?: boolean;
}

const OPTIONS = {
  'fail-closed': { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  config: { type: 'string', short: 'c' },
  parser: { type: 'string' },
  agent: { type: 'string' },
  post: { type: 'boolean' },
} as const;

function readRequestFrom(input: string, options: HookOptions): HookRequest {
  const forced = parseAgent(options.agent);
  const file = options['stdin-filename'];
  if (file !== undefined) return { agent: forced ?? 'claude', phase: options.post ? 'post' : 'pre', changes: [changeFromContent(path.resolve(file), input)] };
  return readRequest(input, forced, options.post === true);
}

/** The new violations of one file, or null when it is let through at once. */
function introducedIn(change: ProposedChange, options: HookOptions, parser: () => Parser, engineFactory: LintEngineFactory) {
  if (!isLintedFile(change.filePath) || isMinifiedBundle(change.filePath)) return null;
  const eventCwd = change.cwd ?? process.cwd();
  const eslintSettings = cliSettings(options.config, eventCwd);
  const settings = settingsOf(change.filePath, eventCwd, eslintSettings);
  if (matchesExemption(settings, 'tests', change.filePath, eventCwd)) return null;
  // ESLint lints nothing outside its base folder; a file written elsewhere is linted from its own project.
  const cwd = isInside(change.filePath, eventCwd) ? eventCwd : path.dirname(settingsFileOf(change.filePath, eventCwd, eslintSettings) ?? change.filePath);
  const engine = engineFactory(parser(), eslintSettings, cwd);
  const after = lint(engine, change.after, change.filePath);
  if (after.fatal) throw new HookInputError(`${path.relative(eventCwd, change.filePath) || change.filePath}: the new content does not parse (line ${after.fatal.line}: ${after.fatal.message})`);
  if (after.violations.length === 0) return null;
  // A file that did not parse before counts as having no violations. Only a violation of the same
  // rule can match a new one, so only those rules run on the old version.
  const rules = new Set(after.violations.map((violation) => violation.message.ruleId as string));
  const before = mayPreExist(after.violations, change.before) ? lint(engine, change.before, change.filePath, { fixes: false, rules }) : { violations: [] };
  const introduced = introducedViolations(before.violations, after.violations, change.before, change.after);
  return introduced.length === 0 ? null : { introduced, settings, cwd: eventCwd };
}

/** Checks every file the change touches; a file that cannot be checked does not hide another's violations. */
function decide(request: HookRequest, options: HookOptions, engineFactory: LintEngineFactory): Outcome {
  let parserInstance: Parser | undefined;
  const parser = () => (parserInstance ??= chooseParser(options.parser));
  const sections: string[] = [];
  let problem: unknown;
  for (const change of request.changes) {
    try {
      const found = introducedIn(change, options, parser, engineFactory);
      if (found) sections.push(formatDenial(change.filePath, change.after, found.introduced, found.settings, found.cwd, request.phase));
    } catch (error) {
      problem ??= error;
    }
  }
  if (sections.length > 0) return { kind: request.phase === 'post' ? 'report' : 'deny', reason: sections.join('\n\n') };
  if (problem !== undefined) throw problem;
  return { kind: 'allow' };
}

/** `async-governance hook`: answers the agent's event in its own terms; only new violations block. */
export async function runHook(argv: string[], io: HookIo): Promise<number> {
  const failClosed = argv.includes('--fail-closed');
  let agent: Agent = 'claude';
  let phase: Phase = argv.includes('--post') ? 'post' : 'pre';
  let input = '';
  let outcome: Outcome;
  try {
    input = await io.readStdin();
    const { values: options } = parse(argv, OPTIONS, 'hook');
    agent = parseAgent(options.agent) ?? agent;
    const request = readRequestFrom(input, options);
    ({ agent, phase } = request);
    outcome = decide(request, options, io.lintEngine ?? fastEngine);
  } catch (error) {
    if (error instanceof NotAWriteError) {
      outcome = { kind: 'allow' };
    } else {
      agent = guessAgent(argv, input) ?? agent;
      if (isPostInput(input)) phase = 'post';
      const reason = `async-governance hook could not check this change: ${describeError(error)}`;
      outcome = failClosed && phase === 'pre' ? { kind: 'deny', reason: `${reason} (blocking it: --fail-closed)` } : { kind: 'allow', note: `${reason} (allowing it)` };
    }
  }
  const { exitCode, stdout, stderr } = answer(agent, outcome);
  if (stderr) io.stderr.write(stderr);
  if (stdout) io.stdout.write(stdout);
  return exitCode;
}

function isPostInput(input: string): boolean {
  try {
    const event: unknown = JSON.parse(input);
    return isObject(event) && isPostEvent(event);
  } catch {
    return false;
  }
}

/** The agent to answer when the event could not be read: `--agent`, else the event's shape. */
function guessAgent(argv: string[], input: string): Agent | undefined {
  const flag = argv.indexOf('--agent');
  const named = flag !== -1 ? argv[flag + 1] : argv.find((arg) => arg.startsWith('--agent='))?.slice('--agent='.length);
  if (named && (AGENTS as readonly string[]).includes(named)) return named as Agent;
  try {
    const event: unknown = JSON.parse(input);
    return isObject(event) ? detectAgent(event) : undefined;
  } catch {
    return undefined;
  }
}
