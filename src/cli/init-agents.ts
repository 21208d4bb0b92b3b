import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { jsonIndent, parseJsonObject, toJson } from './json-file.js';

const PACKAGE = 'eslint-plugin-async-governance';
const HOOK_DIST = `node_modules/${PACKAGE}/dist/cli`;

/** The agents `init --agent` can wire, in the order they are written. */
export const INIT_AGENTS = ['claude', 'codex', 'gemini', 'cursor', 'copilot'] as const;
export type InitAgent = (typeof INIT_AGENTS)[number];

/** One planned change (the same shape init.ts plans its other files with). */
export interface AgentStep {
  file: string;
  action: 'create' | 'update' | 'manual' | 'unchanged';
  summary: string;
  content?: string;
  /** What the user still has to do for the agent to run the hook. */
  next?: string;
}

const WINDOWS = process.platform === 'win32';

/**
 * The hook command for an agent, given how it finds the repository root. On POSIX systems the
 * warm client (src/cli/warm/hook-client.sh: it asks the background server, and runs the hook
 * cold when none answers, with NODE_EXTRA_CA_CERTS unset for Node); on Windows the cold CommonJS
 * entry. A direct call, not `npx`, which would add its own start-up time to every write.
 */
const hookCommand = (root: string, agent?: InitAgent): string => {
  const flags = agent ? ` --agent ${agent}` : '';
  return WINDOWS ? `node "${root}/${HOOK_DIST}/hook.cjs"${flags}` : `sh "${root}/${HOOK_DIST}/hook-client.sh"${flags}`;
};

/**
 * The command each agent runs. Claude Code gives the project folder as `$CLAUDE_PROJECT_DIR`;
 * Codex, Gemini CLI and Cursor start hooks in the session's folder, so the hook is found from the
 * repository root; Copilot runs it in the folder the entry names.
 */
export const AGENT_COMMANDS: Record<InitAgent, string> = {
  claude: hookCommand('$CLAUDE_PROJECT_DIR'),
  codex: hookCommand('$(git rev-parse --show-toplevel)', 'codex'),
  gemini: hookCommand('$(git rev-parse --show-toplevel)', 'gemini'),
  cursor: hookCommand('$(git rev-parse --show-toplevel)', 'cursor'),
  copilot: hookCommand('.', 'copilot'),
};

/** Copilot's entry names a command per shell: PowerShell runs the cold entry on any system. */
const COPILOT_POWERSHELL = `node "./${HOOK_DIST}/hook.cjs" --agent copilot`;

/** The folder whose presence says a repository uses the agent. */
const AGENT_FOLDERS: Record<InitAgent, string> = {
  claude: '.claude',
  codex: '.codex',
  gemini: '.gemini',
  cursor: '.cursor',
  copilot: path.join('.github', 'hooks'),
};

/** `--agent a,b` or, by default, every agent whose folder exists plus Claude Code. */
export function selectAgents(option: string | undefined, root: string): InitAgent[] {
  if (option === undefined) return INIT_AGENTS.filter((agent) => agent === 'claude' || existsSync(path.join(root, AGENT_FOLDERS[agent])));
  const names = option.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(INIT_AGENTS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new UsageError(`unknown agent '${unknown[0]}' for --agent (use ${INIT_AGENTS.join(', ')})`);
  if (names.length === 0) throw new UsageError(`--agent needs a list of agents (${INIT_AGENTS.join(', ')})`);
  return INIT_AGENTS.filter((agent) => names.includes(agent));
}

type Json = Record<string, unknown>;

function readJsonObject(file: string, shown: string): { value: Json; indent: string } | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  return { value: parseJsonObject(text, shown), indent: jsonIndent(text) };
}

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

/** Whether a settings value (or a TOML text) already runs our hook, in any agent's command form. */
const runsOurHook = (value: unknown): boolean => strings(value).some((text) => text.includes('async-governance') && /\bhook\b/.test(text));

/**
 * Adds `entry` to the list `hooks[event]` of a JSON settings file, keeping everything else.
 * `extra` is merged at the top level when the file is created (e.g. Cursor's `version`).
 */
function mergeHookEntry(root: string, relative: string, event: string, entry: Json, summary: string, extra: Json = {}): AgentStep {
  const existing = readJsonObject(path.join(root, relative), relative);
  const settings = existing?.value ?? { ...extra };
  const hooks = settings.hooks ?? {};
  if (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks)) throw new UsageError(`${relative} has a "hooks" value that is not an object; nothing was written`);
  const list = (hooks as Json)[event] ?? [];
  if (!Array.isArray(list)) throw new UsageError(`${relative} has a "hooks.${event}" value that is not an array; nothing was written`);
  if (runsOurHook(list)) return { file: relative, action: 'unchanged', summary: 'already runs the async-governance hook' };
  const merged = { ...settings, hooks: { ...(hooks as Json), [event]: [...list, entry] } };
  return { file: relative, action: existing ? 'update' : 'create', summary, content: toJson(merged, existing?.indent ?? '  ') };
}

function planClaude(root: string): AgentStep {
  return mergeHookEntry(
    root,
    path.join('.claude', 'settings.json'),
    'PreToolUse',
    { matcher: 'Write|Edit', hooks: [{ type: 'command', command: AGENT_COMMANDS.claude }] },
    'Claude Code PreToolUse hook (matcher Write|Edit) runs async-governance hook before each write',
  );
}

const CODEX_TOML = `
[[hooks.PreToolUse]]
matcher = "apply_patch"

[[hooks.PreToolUse.hooks]]
type = "command"
command = '${AGENT_COMMANDS.codex}'
`;

/**
 * Whether appending `[[hooks.PreToolUse]]` tables would clash with the TOML: a top-level
 * `hooks = { … }`, or a `PreToolUse = […]` array under `[hooks]`.
 */
function definesHooksInline(toml: string): boolean {
  let table = '';
  for (const line of toml.split('\n')) {
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (header) table = header[1];
    else if (table === '' && /^\s*hooks\s*=/.test(line)) return true;
    else if (table === 'hooks' && /^\s*PreToolUse\s*=/.test(line)) return true;
  }
  return false;
}

const CODEX_TRUST = 'Codex runs project hooks only in a trusted project: trust this folder when Codex asks (and check `/hooks` lists the entry).';

/** Codex reads `.codex/hooks.json` or `[hooks]` in `.codex/config.toml`; the TOML is appended to, never rewritten. */
function planCodex(root: string): AgentStep {
  const tomlFile = path.join('.codex', 'config.toml');
  const jsonFile = path.join('.codex', 'hooks.json');
  const toml = existsSync(path.join(root, tomlFile)) ? readFileSync(path.join(root, tomlFile), 'utf8') : null;
  if (toml !== null && runsOurHook(toml)) {
    return { file: tomlFile, action: 'unchanged', summary: 'already runs the async-governance hook' };
  }
  if (toml !== null && !existsSync(path.join(root, jsonFile))) {
    if (definesHooksInline(toml)) {
      return { file: tomlFile, action: 'manual', summary: `defines hooks inline; add a PreToolUse entry (matcher "apply_patch") running:\n    ${AGENT_COMMANDS.codex}`, next: CODEX_TRUST };
    }
    return { file: tomlFile, action: 'update', summary: 'Codex PreToolUse hook (matcher apply_patch) appended', content: `${toml.replace(/\n*$/, '\n')}${CODEX_TOML}`, next: CODEX_TRUST };
  }
  const step = mergeHookEntry(root, jsonFile, 'PreToolUse', { matcher: 'apply_patch', hooks: [{ type: 'command', command: AGENT_COMMANDS.codex }] }, 'Codex PreToolUse hook (matcher apply_patch) checks every patch before it is applied');
  return { ...step, next: step.action === 'unchanged' ? undefined : CODEX_TRUST };
}

function planGemini(root: string): AgentStep {
  const step = mergeHookEntry(
    root,
    path.join('.gemini', 'settings.json'),
    'BeforeTool',
    { matcher: 'write_file|replace', hooks: [{ type: 'command', command: AGENT_COMMANDS.gemini, timeout: 30_000 }] },
    'Gemini CLI BeforeTool hook (matcher write_file|replace) checks each write',
  );
  return { ...step, next: step.action === 'unchanged' ? undefined : 'Gemini CLI loads project settings only in a trusted folder: trust this folder when it asks (`/hooks` lists the entry).' };
}

function planCursor(root: string): AgentStep {
  const step = mergeHookEntry(
    root,
    path.join('.cursor', 'hooks.json'),
    'preToolUse',
    { command: AGENT_COMMANDS.cursor, matcher: 'Write|StrReplace|Edit' },
    'Cursor preToolUse hook (matcher Write|StrReplace|Edit) checks each write',
    { version: 1 },
  );
  return { ...step, next: step.action === 'unchanged' ? undefined : 'Cursor reads .cursor/hooks.json when it starts: restart Cursor, then check Settings → Hooks.' };
}

function planCopilot(root: string): AgentStep {
  const step = mergeHookEntry(
    root,
    path.join('.github', 'hooks', 'async-governance.json'),
    'preToolUse',
    { type: 'command', bash: AGENT_COMMANDS.copilot, powershell: COPILOT_POWERSHELL, cwd: '.', timeoutSec: 30 },
    'GitHub Copilot preToolUse hook checks each create/edit',
    { version: 1 },
  );
  return { ...step, next: step.action === 'unchanged' ? undefined : 'Copilot CLI reads .github/hooks/*.json from the folder it starts in; the coding agent reads it from the default branch: commit and merge it.' };
}

const PLANNERS: Record<InitAgent, (root: string) => AgentStep> = { claude: planClaude, codex: planCodex, gemini: planGemini, cursor: planCursor, copilot: planCopilot };

/** The hook configuration of each selected agent, planned before anything is written. */
export function planAgentHooks(root: string, agents: InitAgent[]): AgentStep[] {
  return agents.map((agent) => PLANNERS[agent](root));
}
