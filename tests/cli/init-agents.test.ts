import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, run, VIOLATION } from './helpers.js';

const ROOT = path.resolve(__dirname, '../..');
const ALL = 'claude,codex,gemini,cursor,copilot';
/** The warm client, found from the repository root (Codex, Gemini CLI and Cursor start hooks in the session's folder). */
const ROOT_CLIENT = '"$(git rev-parse --show-toplevel)/node_modules/eslint-plugin-async-governance/dist/cli/hook-client.sh"';
const readJson = (repo: string, file: string) => JSON.parse(readFileSync(path.join(repo, file), 'utf8'));

/** A real git repository with this package installed, so the written commands can run. */
function installedRepo(files: Record<string, string> = {}): string {
  const repo = makeRepo(files);
  rmSync(path.join(repo, '.git'), { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: repo });
  mkdirSync(path.join(repo, 'node_modules'));
  symlinkSync(ROOT, path.join(repo, 'node_modules/eslint-plugin-async-governance'), 'dir');
  return repo;
}

/** Runs a configured hook command the way the agent does: through the shell, in the repository. */
function runConfigured(command: string, repo: string, event: unknown, env: Record<string, string> = {}) {
  // The commands run the warm client: a server it starts leaves soon after the test.
  const warm = { ASYNC_GOVERNANCE_SERVER_IDLE_MS: '2000', ASYNC_GOVERNANCE_TIMING: '1' };
  const result = spawnSync('sh', ['-c', command], { cwd: repo, input: JSON.stringify(event), encoding: 'utf8', env: { ...process.env, ...warm, ...env } });
  // The timing line marks a cold run; the rest is the hook's answer.
  const timing = /^async-governance hook timing: .*\n/m;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.replace(timing, ''), cold: timing.test(result.stderr) };
}

describe('init --agent', () => {
  it('writes each agent\'s hook configuration and prints the trust steps', () => {
    const repo = makeRepo({ 'package.json': '{}' });
    const result = run(['init', '--agent', ALL], { cwd: repo });
    expect(result.status).toBe(0);
    expect(readJson(repo, '.claude/settings.json').hooks.PreToolUse).toEqual([
      { matcher: 'Write|Edit', hooks: [{ type: 'command', command: 'sh "$CLAUDE_PROJECT_DIR/node_modules/eslint-plugin-async-governance/dist/cli/hook-client.sh"' }] },
    ]);
    expect(readJson(repo, '.codex/hooks.json')).toEqual({
      hooks: { PreToolUse: [{ matcher: 'apply_patch', hooks: [{ type: 'command', command: `sh ${ROOT_CLIENT} --agent codex` }] }] },
    });
    expect(readJson(repo, '.gemini/settings.json').hooks.BeforeTool).toEqual([
      { matcher: 'write_file|replace', hooks: [{ type: 'command', command: `sh ${ROOT_CLIENT} --agent gemini`, timeout: 30000 }] },
    ]);
    expect(readJson(repo, '.cursor/hooks.json')).toEqual({
      version: 1,
      hooks: { preToolUse: [{ command: `sh ${ROOT_CLIENT} --agent cursor`, matcher: 'Write|StrReplace|Edit' }] },
    });
    expect(readJson(repo, '.github/hooks/async-governance.json')).toEqual({
      version: 1,
      hooks: {
        preToolUse: [
          {
            type: 'command',
            bash: 'sh "./node_modules/eslint-plugin-async-governance/dist/cli/hook-client.sh" --agent copilot',
            powershell: 'node "./node_modules/eslint-plugin-async-governance/dist/cli/hook.cjs" --agent copilot',
            cwd: '.',
            timeoutSec: 30,
          },
        ],
      },
    });
    expect(result.stdout).toContain('Then: Codex runs project hooks only in a trusted project');
    expect(result.stdout).toContain('Then: Gemini CLI loads project settings only in a trusted folder');
    expect(result.stdout).toContain('Then: Copilot CLI reads .github/hooks/*.json');
  });

  it('merges into existing JSON and TOML without clobbering, and changes nothing the second time', () => {
    const repo = makeRepo({
      'package.json': '{}',
      '.codex/config.toml': 'model = "gpt-5-codex"\n\n[features]\nhooks = true\n',
      '.gemini/settings.json': JSON.stringify({ theme: 'Dracula', hooks: { BeforeTool: [{ matcher: 'run_shell_command', hooks: [{ type: 'command', command: './audit.sh' }] }] } }, null, 4),
      '.cursor/hooks.json': JSON.stringify({ version: 1, hooks: { afterFileEdit: [{ command: 'npx prettier --write' }] } }),
    });
    expect(run(['init', '--agent', ALL], { cwd: repo }).status).toBe(0);
    const toml = readFileSync(path.join(repo, '.codex/config.toml'), 'utf8');
    expect(toml.startsWith('model = "gpt-5-codex"\n\n[features]\nhooks = true\n')).toBe(true);
    expect(toml).toContain('[[hooks.PreToolUse]]\nmatcher = "apply_patch"\n\n[[hooks.PreToolUse.hooks]]\ntype = "command"\ncommand = \'sh "$(git rev-parse --show-toplevel)/node_modules/eslint-plugin-async-governance/dist/cli/hook-client.sh" --agent codex\'\n');
    expect(existsSync(path.join(repo, '.codex/hooks.json'))).toBe(false);
    const gemini = readJson(repo, '.gemini/settings.json');
    expect(gemini.theme).toBe('Dracula');
    expect(gemini.hooks.BeforeTool.map((entry: { matcher: string }) => entry.matcher)).toEqual(['run_shell_command', 'write_file|replace']);
    expect(readFileSync(path.join(repo, '.gemini/settings.json'), 'utf8')).toContain('\n    "theme"');
    expect(readJson(repo, '.cursor/hooks.json').hooks.afterFileEdit).toEqual([{ command: 'npx prettier --write' }]);
    const again = run(['init', '--agent', ALL], { cwd: repo });
    expect(again.stdout).not.toMatch(/^(created|updated): /m);
    expect(again.stdout.match(/^unchanged: \.(claude|codex|gemini|cursor|github)/gm)).toHaveLength(5);
    expect(again.stdout).not.toContain('Then:');
  });

  it('asks for a hand edit when config.toml defines hooks inline', () => {
    const repo = makeRepo({ '.codex/config.toml': 'hooks = { PreToolUse = [] }\n' });
    const result = run(['init', '--agent', 'codex'], { cwd: repo });
    expect(result.stdout).toContain('to do by hand: .codex/config.toml: defines hooks inline');
    expect(readFileSync(path.join(repo, '.codex/config.toml'), 'utf8')).toBe('hooks = { PreToolUse = [] }\n');
  });

  it('defaults to every agent whose folder exists, plus Claude Code', () => {
    const repo = makeRepo({ '.cursor/rules/style.mdc': 'x', '.gemini/GEMINI.md': 'x' });
    expect(run(['init'], { cwd: repo }).status).toBe(0);
    expect(existsSync(path.join(repo, '.claude/settings.json'))).toBe(true);
    expect(existsSync(path.join(repo, '.cursor/hooks.json'))).toBe(true);
    expect(existsSync(path.join(repo, '.gemini/settings.json'))).toBe(true);
    expect(existsSync(path.join(repo, '.codex'))).toBe(false);
    expect(existsSync(path.join(repo, '.github/hooks'))).toBe(false);
  });

  it('exits 2 on an unknown agent and on invalid JSON, writing nothing', () => {
    const repo = makeRepo({ '.cursor/hooks.json': '{ "version": ' });
    expect(run(['init', '--agent', 'claude,vim'], { cwd: repo })).toMatchObject({ status: 2, stderr: "async-governance init: unknown agent 'vim' for --agent (use claude, codex, gemini, cursor, copilot)\n" });
    const invalid = run(['init', '--agent', 'claude,cursor'], { cwd: repo });
    expect(invalid.status).toBe(2);
    expect(existsSync(path.join(repo, '.claude'))).toBe(false);
  });
});

describe('the commands init writes run the hook', () => {
  const eventFor = (repo: string) => ({
    claude: { hook_event_name: 'PreToolUse', cwd: repo, tool_name: 'Write', tool_input: { file_path: path.join(repo, 'src/job.ts'), content: VIOLATION } },
    codex: { hook_event_name: 'PreToolUse', cwd: repo, tool_name: 'apply_patch', tool_input: { command: `*** Begin Patch\n*** Add File: src/job.ts\n${VIOLATION.trimEnd().split('\n').map((line) => `+${line}`).join('\n')}\n*** End Patch` } },
    gemini: { hook_event_name: 'BeforeTool', cwd: repo, tool_name: 'write_file', tool_input: { file_path: path.join(repo, 'src/job.ts'), content: VIOLATION } },
    cursor: { hook_event_name: 'preToolUse', workspace_roots: [repo], tool_name: 'Write', tool_input: { file_path: path.join(repo, 'src/job.ts'), content: VIOLATION } },
    copilot: { timestamp: 1, cwd: repo, toolName: 'create', toolArgs: JSON.stringify({ path: 'src/job.ts', file_text: VIOLATION }) },
  });

  it('from a subfolder of the repository, for every agent, warm after the first call', () => {
    const repo = installedRepo({ 'package.json': '{}', 'src/.keep': '' });
    expect(run(['init', '--agent', ALL], { cwd: repo }).status).toBe(0);
    const events = eventFor(repo);
    const commands = {
      claude: readJson(repo, '.claude/settings.json').hooks.PreToolUse[0].hooks[0].command,
      codex: readJson(repo, '.codex/hooks.json').hooks.PreToolUse[0].hooks[0].command,
      gemini: readJson(repo, '.gemini/settings.json').hooks.BeforeTool[0].hooks[0].command,
      cursor: readJson(repo, '.cursor/hooks.json').hooks.preToolUse[0].command,
      copilot: readJson(repo, '.github/hooks/async-governance.json').hooks.preToolUse[0].bash,
    };
    const denials = {
      claude: (out: string) => JSON.parse(out).hookSpecificOutput.permissionDecision,
      codex: (out: string) => JSON.parse(out).hookSpecificOutput.permissionDecision,
      gemini: (out: string) => JSON.parse(out).decision,
      cursor: (out: string) => JSON.parse(out).permission,
      copilot: (out: string) => JSON.parse(out).permissionDecision,
    };
    const runtime = mkdtempSync(path.join(os.tmpdir(), 'ag-run-'));
    try {
      for (const agent of Object.keys(commands) as (keyof typeof commands)[]) {
        // Copilot starts the command in the configured cwd (the repository root); the others may start in a subfolder.
        const cwd = agent === 'copilot' ? repo : path.join(repo, 'src');
        const env = { XDG_RUNTIME_DIR: runtime, ...(agent === 'claude' ? { CLAUDE_PROJECT_DIR: realpathSync(repo) } : {}) };
        const first = runConfigured(commands[agent], cwd, events[agent], env);
        expect(denials[agent](first.stdout), `${agent}: ${first.stderr}`).toBe('deny');
        // The first call ran cold and started the server; a later one is answered by it, alike.
        let next = first;
        for (let attempt = 0; attempt < 100 && next.cold; attempt++) {
          spawnSync('sleep', ['0.1']);
          next = runConfigured(commands[agent], cwd, events[agent], env);
        }
        expect(next.cold, `${agent}: no warm answer`).toBe(false);
        expect({ ...next, cold: first.cold }).toEqual(first);
      }
      // One server for the project, whichever agent called and from whichever folder.
      expect(readdirSync(path.join(runtime, 'async-governance')).filter((name) => name.endsWith('.sock'))).toHaveLength(1);
    } finally {
      rmSync(runtime, { recursive: true, force: true });
    }
  }, 60_000);
});
