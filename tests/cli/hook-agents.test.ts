import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, CLEAN, makeRepo, run, type RunResult, VIOLATION } from './helpers.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/hooks');

type Values = Record<string, string>;

function fill(value: unknown, values: Values, key = ''): unknown {
  if (typeof value === 'string') {
    // Copilot's toolArgs is itself a JSON string: fill it in inside.
    if (key === 'toolArgs') return JSON.stringify(fill(JSON.parse(value), values));
    return value.replace(/\$\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values, k)]));
  return value;
}

/** A fixture event with its placeholders filled in. */
function event(agent: string, name: string, values: Values): string {
  return JSON.stringify(fill(JSON.parse(readFileSync(path.join(FIXTURES, agent, `${name}.json`), 'utf8')), values));
}

const hook = (repo: string, input: string, args: string[] = []) => run(['hook', ...args], { cwd: repo, input });

/** The denial text, after checking the answer has exactly the agent's shape. */
type Denied = (result: RunResult) => string;

const NEW_LINE = "  return text.trim();";
const ADDED_VIOLATION = "  return text.trim() + readFileSync('extra.txt', 'utf8');";
const CLEAN_EDIT = '  return text.trim().toLowerCase();';

/** Codex patches, as the apply_patch tool writes them. */
const patch = (...sections: string[]) => ['*** Begin Patch', ...sections, '*** End Patch'].join('\n');
const addFile = (file: string, content: string) => [`*** Add File: ${file}`, ...content.replace(/\n$/, '').split('\n').map((line) => `+${line}`)].join('\n');
const updateFile = (file: string, context: string, from: string, to: string, moveTo?: string) =>
  [`*** Update File: ${file}`, ...(moveTo ? [`*** Move to: ${moveTo}`] : []), '@@', ` ${context}`, `-${from}`, `+${to}`].join('\n');

interface AgentCase {
  agent: string;
  /** A whole new file's content. */
  write: (repo: string, file: string, content: string) => string;
  /** A replacement in an existing file. */
  edit: (repo: string, file: string, from: string, to: string) => string;
  denied: Denied;
  /** What an allowed call prints on stdout. */
  allowStdout: string;
}

const jsonOnly = (result: RunResult) => {
  expect(result.stdout.endsWith('\n')).toBe(true);
  return JSON.parse(result.stdout) as Record<string, unknown>;
};

const CASES: AgentCase[] = [
  {
    agent: 'claude',
    write: (repo, file, content) => event('claude', 'pre-write', { CWD: repo, FILE: path.join(repo, file), CONTENT: content }),
    edit: (repo, file, from, to) => event('claude', 'pre-edit', { CWD: repo, FILE: path.join(repo, file), OLD: from, NEW: to }),
    denied: (result) => {
      expect(result.status).toBe(2);
      const output = jsonOnly(result);
      expect(Object.keys(output)).toEqual(['hookSpecificOutput']);
      const specific = output.hookSpecificOutput as Record<string, string>;
      expect(specific).toMatchObject({ hookEventName: 'PreToolUse', permissionDecision: 'deny' });
      expect(result.stderr.trimEnd()).toBe(specific.permissionDecisionReason);
      return specific.permissionDecisionReason;
    },
    allowStdout: '',
  },
  {
    agent: 'codex',
    write: (repo, file, content) => event('codex', 'pre-apply-patch', { CWD: repo, PATCH: patch(addFile(file, content)) }),
    edit: (repo, file, from, to) => {
      const lines = readFileSync(path.join(repo, file), 'utf8').split('\n');
      const at = lines.indexOf(from);
      return event('codex', 'pre-apply-patch', { CWD: repo, PATCH: patch(updateFile(file, lines[at - 1], from, to)) });
    },
    denied: (result) => {
      expect(result.status).toBe(0);
      const output = jsonOnly(result);
      // Exactly these fields: Codex rejects unknown ones and then lets the edit through.
      expect(Object.keys(output)).toEqual(['hookSpecificOutput']);
      const specific = output.hookSpecificOutput as Record<string, string>;
      expect(Object.keys(specific).sort()).toEqual(['hookEventName', 'permissionDecision', 'permissionDecisionReason']);
      expect(specific).toMatchObject({ hookEventName: 'PreToolUse', permissionDecision: 'deny' });
      return specific.permissionDecisionReason;
    },
    allowStdout: '',
  },
  {
    agent: 'gemini',
    write: (repo, file, content) => event('gemini', 'before-write-file', { CWD: repo, FILE: path.join(repo, file), CONTENT: content }),
    edit: (repo, file, from, to) => event('gemini', 'before-replace', { CWD: repo, FILE: path.join(repo, file), OLD: from, NEW: to }),
    denied: (result) => {
      expect(result.status).toBe(0);
      const output = jsonOnly(result);
      expect(Object.keys(output).sort()).toEqual(['decision', 'reason']);
      expect(output.decision).toBe('deny');
      return output.reason as string;
    },
    allowStdout: '{}\n',
  },
  {
    agent: 'cursor',
    write: (repo, file, content) => event('cursor', 'pre-write', { CWD: repo, FILE: path.join(repo, file), CONTENT: content }),
    edit: (repo, file, from, to) => event('cursor', 'pre-str-replace', { CWD: repo, FILE: path.join(repo, file), OLD: from, NEW: to }),
    denied: (result) => {
      expect(result.status).toBe(0);
      const output = jsonOnly(result);
      expect(output.permission).toBe('deny');
      expect(output.user_message).toBe((output.agent_message as string).split('\n')[0]);
      return output.agent_message as string;
    },
    allowStdout: '{}\n',
  },
  {
    agent: 'copilot',
    // Relative paths, resolved against the event's cwd.
    write: (repo, file, content) => event('copilot', 'pre-create', { CWD: repo, FILE: file, CONTENT: content }),
    edit: (repo, file, from, to) => event('copilot', 'pre-edit', { CWD: repo, FILE: path.join(repo, file), OLD: from, NEW: to }),
    denied: (result) => {
      expect(result.status).toBe(0);
      const output = jsonOnly(result);
      expect(Object.keys(output).sort()).toEqual(['permissionDecision', 'permissionDecisionReason']);
      expect(output.permissionDecision).toBe('deny');
      return output.permissionDecisionReason as string;
    },
    allowStdout: '',
  },
  {
    agent: 'windsurf',
    write: (repo, file, content) => event('windsurf', 'pre-write-code', { FILE: path.join(repo, file), OLD: '', NEW: content }),
    edit: (repo, file, from, to) => event('windsurf', 'pre-write-code', { FILE: path.join(repo, file), OLD: from, NEW: to }),
    denied: (result) => {
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      return result.stderr;
    },
    allowStdout: '',
  },
];

const expectAllowed = (result: RunResult, stdout: string) => {
  expect(result.status).toBe(0);
  expect(result.stdout).toBe(stdout);
};

describe.each(CASES)('hook for $agent', ({ agent, write, edit, denied, allowStdout }) => {
  it('blocks a new file with a violation, in the agent\'s own terms', () => {
    const repo = makeRepo({});
    const reason = denied(hook(repo, write(repo, 'src/config.ts', VIOLATION)));
    expect(reason).toContain('async-governance/no-blocking-in-async');
    expect(reason).toContain("+   const text = await readFile(path, 'utf8');");
  });

  it('allows a clean change silently', () => {
    const repo = makeRepo({ 'src/config.ts': CLEAN });
    expectAllowed(hook(repo, write(repo, 'src/other.ts', CLEAN)), allowStdout);
    const result = hook(repo, edit(repo, 'src/config.ts', "  const text = await readFile(path, 'utf8');", "  const text = await readFile(path, 'latin1');"));
    expectAllowed(result, allowStdout);
    expect(result.stderr).toBe('');
  });

  it('allows an edit to a file whose only violation was already there, and blocks one that adds another', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    expectAllowed(hook(repo, edit(repo, 'src/config.ts', NEW_LINE, CLEAN_EDIT)), allowStdout);
    const reason = denied(hook(repo, edit(repo, 'src/config.ts', NEW_LINE, ADDED_VIOLATION)));
    expect(reason).toContain('it adds 1 violation');
    expect(reason).toContain('Line 5');
  });

  it('allows a malformed event and says why, and blocks it under --fail-closed', () => {
    const repo = makeRepo({});
    const result = hook(repo, '{"tool_name": ', ['--agent', agent]);
    expectAllowed(result, allowStdout);
    expect(result.stderr).toContain('could not check this change');
    expect(denied(hook(repo, '{"tool_name": ', ['--agent', agent, '--fail-closed']))).toContain('blocking it: --fail-closed');
  });

  it('lets a file that is not JavaScript or TypeScript through at once', () => {
    const repo = makeRepo({});
    const result = hook(repo, write(repo, 'docs/notes.md', VIOLATION));
    expectAllowed(result, allowStdout);
    expect(result.stderr).toBe('');
  });
});

describe('hook for codex: apply_patch', () => {
  const codex = CASES.find((c) => c.agent === 'codex') as AgentCase;
  const call = (repo: string, body: string, args: string[] = []) => hook(repo, event('codex', 'pre-apply-patch', { CWD: repo, PATCH: body }), args);

  it('blocks a two-file patch for the one file that adds a violation, and names only it', () => {
    const repo = makeRepo({});
    const reason = codex.denied(call(repo, patch(addFile('src/clean.ts', CLEAN), addFile('src/config.ts', VIOLATION))));
    expect(reason).toContain('change to src/config.ts');
    expect(reason).not.toContain('src/clean.ts');
  });

  it('applies Update hunks by their context lines, wherever they are in the file', () => {
    const repo = makeRepo({ 'src/config.ts': `// header\n\n${VIOLATION}` });
    const body = patch(['*** Update File: src/config.ts', '@@ export async function loadConfig(path: string): Promise<string> {', "   const text = readFileSync(path, 'utf8');", '-  return text.trim();', `+${ADDED_VIOLATION}`, ' }'].join('\n'));
    const reason = codex.denied(call(repo, body));
    expect(reason).toContain('Line 7');
    expect(reason).toContain("readFileSync('extra.txt', 'utf8')");
    expectAllowed(call(repo, patch(updateFile('src/config.ts', "  const text = readFileSync(path, 'utf8');", NEW_LINE, CLEAN_EDIT))), '');
  });

  it('carries a moved file\'s violations with it: a Move alone does not block, a Move that adds one does', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    expectAllowed(call(repo, patch(updateFile('src/config.ts', "  const text = readFileSync(path, 'utf8');", NEW_LINE, CLEAN_EDIT, 'src/settings/load.ts'))), '');
    const reason = codex.denied(call(repo, patch(updateFile('src/config.ts', "  const text = readFileSync(path, 'utf8');", NEW_LINE, ADDED_VIOLATION, 'src/settings/load.ts'))));
    expect(reason).toContain('change to src/settings/load.ts');
  });

  it('allows a Delete', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    expectAllowed(call(repo, patch('*** Delete File: src/config.ts')), '');
  });

  it('allows a patch that does not apply, with the reason, and blocks it under --fail-closed', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const body = patch(updateFile('src/config.ts', 'no such context line', NEW_LINE, ADDED_VIOLATION));
    const result = call(repo, body);
    expectAllowed(result, '');
    expect(result.stderr).toContain('the patch does not apply');
    expect(codex.denied(call(repo, body, ['--fail-closed']))).toContain('does not apply');
  });

  it('never writes to the project', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    call(repo, patch(updateFile('src/config.ts', "  const text = readFileSync(path, 'utf8');", NEW_LINE, ADDED_VIOLATION, 'src/moved.ts'), addFile('src/new.ts', VIOLATION)));
    expect(readFileSync(path.join(repo, 'src/config.ts'), 'utf8')).toBe(VIOLATION);
    expect(() => readFileSync(path.join(repo, 'src/new.ts'))).toThrow();
  });
});

describe('hook after the write (--post, PostToolUse, AfterTool, afterFileEdit)', () => {
  /** The repository after the agent's edit went through. */
  const written = (from: string, to: string) => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const file = path.join(repo, 'src/config.ts');
    writeFileSync(file, VIOLATION.replace(from, to));
    return { repo, file };
  };

  it('reports new violations to Claude Code as a PostToolUse block decision, and nothing for old ones', () => {
    const { repo, file } = written(NEW_LINE, ADDED_VIOLATION);
    const result = hook(repo, event('claude', 'post-edit', { CWD: repo, FILE: file, OLD: NEW_LINE, NEW: ADDED_VIOLATION }));
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as { decision: string; reason: string };
    expect(output.decision).toBe('block');
    expect(output.reason).toContain('the change just written to src/config.ts adds 1 violation');
    expect(output.reason).toContain('Line 5');
    const clean = written(NEW_LINE, CLEAN_EDIT);
    expect(hook(clean.repo, event('claude', 'post-edit', { CWD: clean.repo, FILE: clean.file, OLD: NEW_LINE, NEW: CLEAN_EDIT }))).toMatchObject({ status: 0, stdout: '' });
  });

  it('adds the report to the tool result for Gemini CLI', () => {
    const { repo, file } = written(NEW_LINE, ADDED_VIOLATION);
    const result = hook(repo, event('gemini', 'after-replace', { CWD: repo, FILE: file, OLD: NEW_LINE, NEW: ADDED_VIOLATION }));
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as { hookSpecificOutput: { hookEventName: string; additionalContext: string } };
    expect(output.hookSpecificOutput.hookEventName).toBe('AfterTool');
    expect(output.hookSpecificOutput.additionalContext).toContain('Line 5');
  });

  it("writes the report to the hook output for Cursor's afterFileEdit, which cannot block", () => {
    const { repo, file } = written(NEW_LINE, ADDED_VIOLATION);
    const result = hook(repo, event('cursor', 'after-file-edit', { CWD: repo, FILE: file, OLD: NEW_LINE, NEW: ADDED_VIOLATION }));
    expect(result).toMatchObject({ status: 0, stdout: '{}\n' });
    expect(result.stderr).toContain('Line 5');
  });

  it('never blocks after the write, even with --fail-closed', () => {
    const repo = makeRepo({});
    const result = hook(repo, JSON.stringify({ hook_event_name: 'PostToolUse', tool_name: 'Edit', tool_input: { file_path: path.join(repo, 'missing.ts'), old_string: 'a', new_string: 'b' } }), ['--fail-closed']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('allowing it');
  });
});

describe('hook: --agent', () => {
  it('answers in the named agent\'s terms even when the event looks like another\'s', () => {
    const repo = makeRepo({});
    const input = event('claude', 'pre-write', { CWD: repo, FILE: path.join(repo, 'src/config.ts'), CONTENT: VIOLATION });
    const result = hook(repo, input, ['--agent', 'gemini']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).decision).toBe('deny');
  });

  it('allows with a reason on an unknown agent name', () => {
    const repo = makeRepo({});
    const result = hook(repo, event('claude', 'pre-write', { CWD: repo, FILE: path.join(repo, 'src/config.ts'), CONTENT: VIOLATION }), ['--agent', 'vim']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("unknown --agent 'vim'");
  });
});

describe('hook: a hook that cannot load', () => {
  it('allows the write instead of exiting 2', () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'ag-broken-'));
    cpSync(path.dirname(BIN), dist, { recursive: true });
    writeFileSync(path.join(dist, 'hook.bundle.cjs'), "throw new Error('bundle damaged');\n");
    const repo = makeRepo({});
    const input = event('claude', 'pre-write', { CWD: repo, FILE: path.join(repo, 'src/a.ts'), CONTENT: VIOLATION });
    const result = spawnSync(process.execPath, [path.join(dist, 'index.js'), 'hook'], { cwd: repo, input, encoding: 'utf8', env: { ...process.env, ASYNC_GOVERNANCE_CODE_CACHE: '0' } });
    rmSync(dist, { recursive: true, force: true });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('could not start: bundle damaged (allowing it)');
  });
});
