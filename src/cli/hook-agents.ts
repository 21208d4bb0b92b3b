import path from 'node:path';
import { applyPatch, PatchError } from './apply-patch.js';
import {
  applyReplacement,
  HookInputError,
  isObject,
  NotAWriteError,
  type ProposedChange,
  readCurrent,
  readExisting,
  type Replacement,
  toReplacement,
} from './hook-input.js';

/** The agents whose hook protocol the hook speaks. */
export const AGENTS = ['claude', 'codex', 'gemini', 'cursor', 'copilot', 'windsurf'] as const;
export type Agent = (typeof AGENTS)[number];

/** `pre`: before the write, may block. `post`: after the write, reports back, never blocks. */
export type Phase = 'pre' | 'post';

/** One hook call: who sent it, when, and the files it changes. */
export interface HookRequest {
  agent: Agent;
  phase: Phase;
  changes: ProposedChange[];
}

type Event = Record<string, unknown>;

export function parseAgent(name: string | undefined): Agent | undefined {
  if (name === undefined) return undefined;
  if (!AGENTS.includes(name as Agent)) throw new HookInputError(`unknown --agent '${name}' (use ${AGENTS.join(', ')})`);
  return name as Agent;
}

/** Which agent sent `event`, from its shape. */
export function detectAgent(event: Event): Agent {
  if ('toolName' in event || 'toolArgs' in event) return 'copilot';
  if (event.agent_action_name !== undefined && 'tool_info' in event) return 'windsurf';
  const hookEvent = event.hook_event_name;
  if (hookEvent === 'BeforeTool' || hookEvent === 'AfterTool') return 'gemini';
  if (hookEvent === 'preToolUse' || hookEvent === 'postToolUse' || hookEvent === 'afterFileEdit' || 'cursor_version' in event || 'generation_id' in event) return 'cursor';
  if (event.tool_name === 'apply_patch') return 'codex';
  return 'claude';
}

/** Tool names that write a file, across agents (Claude Code, Gemini CLI, Cursor, Copilot). */
const WRITE_TOOLS = ['Write', 'write_file', 'create'];
const REPLACE_TOOLS = ['Edit', 'replace', 'StrReplace', 'search_replace', 'edit', 'str_replace'];
const MULTI_TOOLS = ['MultiEdit'];
const FILE_TOOLS = [...WRITE_TOOLS, ...REPLACE_TOOLS, ...MULTI_TOOLS];

/** The first string among `keys` of `input` (agents name the same field differently). */
function pick(input: Event, keys: string[]): string | undefined {
  for (const key of keys) if (typeof input[key] === 'string') return input[key] as string;
  return undefined;
}

function need(input: Event, keys: string[], tool: string): string {
  const value = pick(input, keys);
  if (value === undefined) throw new HookInputError(`${tool} event without a string ${keys[0]}`);
  return value;
}

const PATH_KEYS = ['file_path', 'path', 'filePath', 'target_file'];
const CONTENT_KEYS = ['content', 'file_text', 'contents', 'text'];

function replacementOf(input: Event, tool: string): Replacement {
  return toReplacement(
    {
      old_string: pick(input, ['old_string', 'old_str', 'oldString']),
      new_string: pick(input, ['new_string', 'new_str', 'newString']),
      replace_all: input.replace_all === true || input.allow_multiple === true,
    },
    tool,
  );
}

/** Undoes replacements already applied to `after` (post-write events carry the edits, not the old file). */
function unapply(after: string, edits: Replacement[]): string {
  return [...edits].reverse().reduce((text, edit) => {
    if (edit.new_string === '' || !text.includes(edit.new_string)) return text;
    return applyReplacement(text, { old_string: edit.new_string, new_string: edit.old_string, replace_all: edit.replace_all });
  }, after);
}

function fileChange(phase: Phase, tool: string, input: Event, cwd: string | undefined): ProposedChange {
  const raw = need(input, PATH_KEYS, tool);
  const filePath = cwd ? path.resolve(cwd, raw) : path.resolve(raw);
  if (WRITE_TOOLS.includes(tool)) {
    const content = need(input, CONTENT_KEYS, tool);
    if (phase === 'post') return { filePath, before: '', after: readCurrent(filePath), cwd };
    return { filePath, before: readCurrent(filePath), after: content, cwd };
  }
  const edits = MULTI_TOOLS.includes(tool)
    ? (() => {
        if (!Array.isArray(input.edits) || input.edits.length === 0) throw new HookInputError(`${tool} event without edits[]`);
        return input.edits.map((edit) => toReplacement(edit, tool));
      })()
    : [replacementOf(input, tool)];
  if (phase === 'post') {
    const after = readExisting(filePath, tool);
    return { filePath, before: unapply(after, edits), after, cwd };
  }
  const before = edits[0].old_string === '' ? readCurrent(filePath) : readExisting(filePath, tool);
  return { filePath, before, after: edits.reduce(applyReplacement, before), cwd };
}

function codexChanges(input: Event, cwd: string | undefined): ProposedChange[] {
  const patch = typeof input.command === 'string' ? input.command : typeof input.patch === 'string' ? input.patch : undefined;
  if (patch === undefined) throw new HookInputError('apply_patch event without a string tool_input.command');
  const resolve = (file: string) => (cwd ? path.resolve(cwd, file) : path.resolve(file));
  try {
    return applyPatch(patch, (file) => readExisting(resolve(file), 'apply_patch'))
      .filter((file) => file.after !== null)
      .map((file) => ({ filePath: resolve(file.target), before: file.before, after: file.after ?? '', cwd }));
  } catch (error) {
    if (error instanceof PatchError) throw new HookInputError(`the patch does not apply: ${error.message}`);
    throw error;
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HookInputError(`${what} is not a JSON event: ${(error as Error).message}`);
  }
}

const cwdOf = (event: Event): string | undefined => {
  if (typeof event.cwd === 'string') return event.cwd;
  const roots = event.workspace_roots;
  return Array.isArray(roots) && typeof roots[0] === 'string' ? roots[0] : undefined;
};

const POST_EVENTS = ['PostToolUse', 'AfterTool', 'afterFileEdit', 'postToolUse'];

/** Whether an event (possibly one the hook cannot fully read) comes after the write. */
export function isPostEvent(event: Event): boolean {
  return POST_EVENTS.includes(event.hook_event_name as string) || event.agent_action_name === 'post_write_code';
}

/**
 * Reads one hook event: which agent sent it (`forced` by `--agent`, else from its shape),
 * whether it comes before or after the write, and the files as they would be after it.
 */
export function readRequest(json: string, forced?: Agent, forcePost = false): HookRequest {
  if (json.trim() === '') throw new HookInputError('no event on stdin');
  const event = parseJson(json, 'stdin (the event)');
  if (!isObject(event)) throw new HookInputError('stdin is not a JSON object');
  // The event is read by its shape; --agent only chooses how to answer.
  const shape = detectAgent(event);
  const agent = forced ?? shape;
  const hookEvent = event.hook_event_name;
  const phase: Phase = forcePost || isPostEvent(event) ? 'post' : 'pre';
  const cwd = cwdOf(event);

  if (shape === 'copilot') {
    const tool = event.toolName ?? event.tool_name;
    if (typeof tool !== 'string') throw new HookInputError('event without toolName');
    const args = typeof event.toolArgs === 'string' ? parseJson(event.toolArgs, 'toolArgs') : (event.toolArgs ?? event.tool_input);
    if (!FILE_TOOLS.includes(tool)) throw new NotAWriteError(`tool ${tool} does not write a file`);
    if (!isObject(args)) throw new HookInputError(`${tool} event without toolArgs`);
    return { agent, phase, changes: [fileChange(phase, tool, args, cwd)] };
  }
  if (shape === 'windsurf') {
    if (event.agent_action_name !== 'pre_write_code' && event.agent_action_name !== 'post_write_code') throw new NotAWriteError(`action ${String(event.agent_action_name)} does not write a file`);
    const info = event.tool_info;
    if (!isObject(info)) throw new HookInputError('pre_write_code event without tool_info');
    const windsurfPhase: Phase = event.agent_action_name === 'post_write_code' ? 'post' : phase;
    return { agent, phase: windsurfPhase, changes: [fileChange(windsurfPhase, 'MultiEdit', info, cwd)] };
  }
  if (shape === 'cursor' && hookEvent === 'afterFileEdit') {
    return { agent, phase, changes: [fileChange('post', 'MultiEdit', event, cwd)] };
  }

  const tool = event.tool_name;
  if (typeof tool !== 'string') throw new HookInputError('event without tool_name');
  if (shape === 'codex') {
    if (tool !== 'apply_patch') throw new NotAWriteError(`tool ${tool} does not write a file`);
    if (phase === 'post') throw new NotAWriteError('apply_patch after the write is not checked');
    if (!isObject(event.tool_input)) throw new HookInputError('apply_patch event without tool_input');
    return { agent, phase, changes: codexChanges(event.tool_input, cwd) };
  }
  if (!FILE_TOOLS.includes(tool)) throw new NotAWriteError(`tool ${tool} does not write a file`);
  let input = event.tool_input;
  if (typeof input === 'string') input = parseJson(input, 'tool_input');
  if (!isObject(input)) throw new HookInputError(`${tool} event without tool_input`);
  return { agent, phase, changes: [fileChange(phase, tool, input, cwd)] };
}

/** What the hook prints and exits with. */
export interface Answer {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export type Outcome =
  | { kind: 'allow'; note?: string }
  | { kind: 'deny'; reason: string }
  | { kind: 'report'; reason: string };

const json = (value: unknown) => `${JSON.stringify(value)}\n`;
const line = (text: string | undefined) => (text ? `${text}\n` : '');

/**
 * The outcome in the agent's own terms: the JSON it reads on stdout and the exit code it
 * expects. Allowing never prints an explicit "allow", which would skip the user's own prompt.
 */
export function answer(agent: Agent, outcome: Outcome): Answer {
  if (outcome.kind === 'allow') {
    // Gemini parses stdout as JSON after exit 0; Cursor expects a JSON reply.
    const stdout = agent === 'gemini' || agent === 'cursor' ? '{}\n' : '';
    return { exitCode: 0, stdout, stderr: line(outcome.note) };
  }
  const { reason } = outcome;
  if (outcome.kind === 'report') {
    switch (agent) {
      case 'claude':
      case 'codex':
        return { exitCode: 0, stdout: json({ decision: 'block', reason }), stderr: '' };
      case 'gemini':
        return { exitCode: 0, stdout: json({ hookSpecificOutput: { hookEventName: 'AfterTool', additionalContext: reason } }), stderr: '' };
      case 'cursor':
        return { exitCode: 0, stdout: '{}\n', stderr: line(reason) };
      default:
        return { exitCode: 0, stdout: '', stderr: line(reason) };
    }
  }
  switch (agent) {
    case 'claude':
      return { exitCode: 2, stdout: json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } }), stderr: line(reason) };
    case 'codex':
      // Exactly these fields: Codex rejects unknown ones, and a rejected reply lets the edit through.
      return { exitCode: 0, stdout: json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } }), stderr: '' };
    case 'gemini':
      return { exitCode: 0, stdout: json({ decision: 'deny', reason }), stderr: '' };
    case 'cursor':
      return { exitCode: 0, stdout: json({ permission: 'deny', user_message: reason.split('\n')[0], agent_message: reason }), stderr: '' };
    case 'copilot':
      return { exitCode: 0, stdout: json({ permissionDecision: 'deny', permissionDecisionReason: reason }), stderr: '' };
    case 'windsurf':
      return { exitCode: 2, stdout: '', stderr: line(reason) };
  }
}
