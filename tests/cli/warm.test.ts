import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLEAN, makeRepo, VIOLATION } from './helpers.js';

// Warm mode: dist/cli/hook-client.sh sends the event to a background server (dist/cli/hook.cjs
// --serve) over a unix socket, through hook-client.pl where perl exists, else with curl, and falls
// back to a cold `node hook.cjs` run whenever no server answers. Every test runs with both
// clients. Servers started here exit after ASYNC_GOVERNANCE_SERVER_IDLE_MS of idleness.
const dist = path.resolve(__dirname, '../../dist/cli');
const CLIENT = path.join(dist, 'hook-client.sh');
const COLD = path.join(dist, 'hook.cjs');
const TIMING = 'async-governance hook timing';
const { version } = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };

const runtimeDirs: string[] = [];
afterAll(() => runtimeDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A private runtime folder of its own for each test, as $XDG_RUNTIME_DIR. */
function runtimeDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ag-run-'));
  runtimeDirs.push(dir);
  return dir;
}

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function exec(command: string, args: string[], input: string, env: Record<string, string>): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** A PATH with the programs the sh + curl client runs, and no perl. */
function pathWithoutPerl(): string {
  const bin = runtimeDir();
  for (const tool of ['curl', 'cat', 'cksum', 'ls']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), path.join(bin, tool));
  symlinkSync(process.execPath, path.join(bin, 'node'));
  return bin;
}

const CLIENTS: [string, Record<string, string>][] = [
  ['perl', {}],
  ['sh + curl', { PATH: pathWithoutPerl() }],
];
const cold = (input: string, args: string[] = []) => exec(process.execPath, [COLD, ...args], input, {});

const withoutTiming = (result: Result) => ({ ...result, stderr: result.stderr.split('\n').filter((line) => !line.startsWith(TIMING)).join('\n') });

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const socketsIn = (runtime: string) => {
  const dir = path.join(runtime, 'async-governance');
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.sock')).map((name) => path.join(dir, name)) : [];
};

/** Whether a server answers on the socket (a plain GET: 404 from ours). */
const answers = (socket: string) =>
  new Promise<boolean>((resolve) => {
    const req = request({ socketPath: socket, path: '/', method: 'GET' }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.end();
  });

async function serverUp(runtime: string): Promise<string> {
  let socket = '';
  await until(async () => {
    [socket] = socketsIn(runtime);
    return socket !== undefined && (await answers(socket));
  }, 'the server');
  return socket;
}

const write = (file: string, content: string) => JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: file, content } });
const edit = (file: string, oldString: string, newString: string) =>
  JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: file, old_string: oldString, new_string: newString } });

describe.each(CLIENTS)('warm hook, %s client', (_name, clientEnv) => {
  /** The client as the agent runs it; ASYNC_GOVERNANCE_TIMING marks the answers of a cold run. */
  const client = (repo: string, runtime: string, input: string, args: string[] = [], env: Record<string, string> = {}) =>
    exec('/bin/sh', [CLIENT, ...args], input, { XDG_RUNTIME_DIR: runtime, CLAUDE_PROJECT_DIR: repo, ASYNC_GOVERNANCE_TIMING: '1', ASYNC_GOVERNANCE_SERVER_IDLE_MS: '4000', ...clientEnv, ...env });

  it('starts a server on the first call and answers as the cold path does', async () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const runtime = runtimeDir();
    const events: [string, string[]][] = [
      [write(path.join(repo, 'src/new.ts'), VIOLATION), []],
      [write(path.join(repo, 'src/clean.ts'), CLEAN), []],
      [edit(path.join(repo, 'src/config.ts'), 'return text.trim();', "return text.trim() + readFileSync('b', 'utf8');"), []],
      [edit(path.join(repo, 'src/config.ts'), 'return text.trim();', 'return text;'), []],
      ['{ not json', []],
      ['{ not json', ['--fail-closed']],
      [JSON.stringify({ tool_name: 'Read', tool_input: { file_path: path.join(repo, 'src/config.ts') } }), []],
    ];
    const first = await client(repo, runtime, events[0][0]);
    expect(first.stderr).toContain(TIMING);
    expect(withoutTiming(first)).toEqual(await cold(events[0][0]));
    const socket = await serverUp(runtime);
    expect(path.basename(socket)).toMatch(/^hook-\d+\.\d+\.\d+.*-\d+\.sock$/);
    for (const [input, args] of events) {
      const warm = await client(repo, runtime, input, args);
      expect(warm.stderr).not.toContain(TIMING);
      expect(warm).toEqual(await cold(input, args));
    }
    const blocked = await client(repo, runtime, events[0][0]);
    expect(blocked.status).toBe(2);
    expect(JSON.parse(blocked.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  it('answers other agents in their own terms, as the cold path does for the same flags', async () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const runtime = runtimeDir();
    const file = (name: string) => path.join(repo, 'src', name);
    const patch = (name: string, content: string) => `*** Begin Patch\n*** Add File: src/${name}\n${content.trimEnd().split('\n').map((line) => `+${line}`).join('\n')}\n*** End Patch`;
    const gemini = (event: string, name: string, content: string) => JSON.stringify({ hook_event_name: event, cwd: repo, tool_name: 'write_file', tool_input: { file_path: file(name), content } });
    const events: [string, string[], number, string][] = [
      [gemini('BeforeTool', 'new.ts', VIOLATION), ['--agent', 'gemini'], 0, '"decision":"deny"'],
      [gemini('BeforeTool', 'clean.ts', CLEAN), ['--agent', 'gemini'], 0, '{}'],
      // After the write: src/config.ts holds the violation, reported back, never blocked.
      [gemini('AfterTool', 'config.ts', VIOLATION), ['--agent', 'gemini', '--post'], 0, 'additionalContext'],
      [JSON.stringify({ hook_event_name: 'PreToolUse', cwd: repo, tool_name: 'apply_patch', tool_input: { command: patch('job.ts', VIOLATION) } }), ['--agent', 'codex'], 0, '"permissionDecision":"deny"'],
      [JSON.stringify({ hook_event_name: 'preToolUse', workspace_roots: [repo], tool_name: 'Write', tool_input: { file_path: file('job.ts'), content: VIOLATION } }), ['--agent=cursor'], 0, '"permission":"deny"'],
      [JSON.stringify({ timestamp: 1, cwd: repo, toolName: 'create', toolArgs: JSON.stringify({ path: 'src/job.ts', file_text: VIOLATION }) }), ['--agent', 'copilot', '--fail-closed'], 0, '"permissionDecision":"deny"'],
      ['{ not json', ['--agent', 'cursor', '--fail-closed'], 0, '"permission":"deny"'],
      ['{ not json', ['--agent', 'vim'], 0, ''],
      [gemini('BeforeTool', 'new.ts', VIOLATION), ['--agent', 'codex', '--agent=gemini'], 0, '"decision":"deny"'],
    ];
    await client(repo, runtime, events[0][0], events[0][1]);
    await serverUp(runtime);
    for (const [input, args, status, stdout] of events) {
      const warm = await client(repo, runtime, input, args);
      expect(warm.stderr, args.join(' ')).not.toContain(TIMING);
      expect(warm).toEqual(await cold(input, args));
      expect(warm.status).toBe(status);
      expect(warm.stdout).toContain(stdout);
    }
    // A flag the server does not take, or an agent name it would not pass on, runs cold.
    for (const args of [['--agent', 'Cursor'], ['--parser', 'typescript']]) {
      const result = await client(repo, runtime, events[0][0], args);
      expect(result.stderr).toContain(TIMING);
      expect(withoutTiming(result)).toEqual(await cold(events[0][0], args));
    }
  });

  it('answers concurrent calls each with its own decision', async () => {
    const repo = makeRepo({});
    const runtime = runtimeDir();
    await client(repo, runtime, write(path.join(repo, 'src/a.ts'), CLEAN));
    await serverUp(runtime);
    const inputs = Array.from({ length: 8 }, (_, index) => write(path.join(repo, `src/file-${index}.ts`), index % 2 ? VIOLATION : CLEAN));
    const results = await Promise.all(inputs.map((input) => client(repo, runtime, input)));
    results.forEach((result, index) => {
      expect(result.stderr).not.toContain(TIMING);
      expect(result.status).toBe(index % 2 ? 2 : 0);
      if (index % 2) expect(result.stderr).toContain(`src/file-${index}.ts`);
    });
  });

  it('falls back to a cold run when the socket is stale, then starts a new server', async () => {
    const repo = makeRepo({});
    const runtime = runtimeDir();
    await client(repo, runtime, write(path.join(repo, 'src/a.ts'), CLEAN));
    const socket = await serverUp(runtime);
    // A server killed outright leaves its socket file behind.
    const holder = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(socket)}, () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
    rmSync(socket);
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(existsSync(socket)).toBe(true);
    expect(await answers(socket)).toBe(false);

    const input = write(path.join(repo, 'src/b.ts'), VIOLATION);
    const result = await client(repo, runtime, input);
    expect(result.stderr).toContain(TIMING);
    expect(withoutTiming(result)).toEqual(await cold(input));
    await serverUp(runtime);
    expect((await client(repo, runtime, input)).stderr).not.toContain(TIMING);
  });

  it('never trusts a socket in a folder others can enter', async () => {
    const repo = makeRepo({});
    const runtime = runtimeDir();
    const folder = path.join(runtime, 'async-governance');
    mkdirSync(folder, { mode: 0o755 });
    chmodSync(folder, 0o755);
    // A stranger's server that allows everything, at the socket path the client would use.
    let asked = 0;
    const impostor = createServer((req, res) => {
      asked += 1;
      res.end('0\n\n');
    });
    const first = await client(repo, runtime, write(path.join(repo, 'src/a.ts'), CLEAN));
    expect(first.status).toBe(0);
    expect(socketsIn(runtime)).toEqual([]);
    // No server started in the open folder; put the impostor where the client looks.
    const key = await exec('/bin/sh', ['-c', 'key=$(printf \'%s\\n%s\\n\' "$CLAUDE_PROJECT_DIR" "$(command -v node)" | cksum); echo "${key%% *}"'], '', { CLAUDE_PROJECT_DIR: repo, ...clientEnv });
    const target = path.join(folder, `hook-${version}-${key.stdout.trim()}.sock`);
    await new Promise<void>((resolve) => impostor.listen(target, resolve));
    try {
      const result = await client(repo, runtime, write(path.join(repo, 'src/b.ts'), VIOLATION));
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(TIMING);
      expect(asked).toBe(0);
      // The same impostor in a private folder would be asked: the check is what kept it out.
      chmodSync(folder, 0o700);
      const trusted = await client(repo, runtime, write(path.join(repo, 'src/b.ts'), VIOLATION));
      expect(asked).toBe(1);
      expect(trusted.status).toBe(0);
    } finally {
      impostor.close();
    }
  });

  it('runs cold when the server takes longer than the timeout', async () => {
    const repo = makeRepo({});
    const runtime = runtimeDir();
    await client(repo, runtime, write(path.join(repo, 'src/a.ts'), CLEAN));
    const socket = await serverUp(runtime);
    // A server that takes the call and never answers, in place of ours.
    rmSync(socket);
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(socket, resolve));
    try {
      const input = write(path.join(repo, 'src/b.ts'), VIOLATION);
      const result = await client(repo, runtime, input, [], { ASYNC_GOVERNANCE_WARM_TIMEOUT: '1' });
      expect(result.stderr).toContain(TIMING);
      expect(withoutTiming(result)).toEqual(await cold(input));
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('exits after the idle time and removes its socket', async () => {
    const repo = makeRepo({});
    const runtime = runtimeDir();
    await client(repo, runtime, write(path.join(repo, 'src/a.ts'), CLEAN), [], { ASYNC_GOVERNANCE_SERVER_IDLE_MS: '300' });
    await until(() => socketsIn(runtime).length > 0, 'the server');
    await until(() => socketsIn(runtime).length === 0, 'the idle server to exit');
  });

  it('reads settings files again when they change, .mjs included', async () => {
    const settingsFor = (getter: string) => `export default { manager: { getter: '${getter}' } };\n`;
    const repo = makeRepo({ 'async-governance.config.mjs': settingsFor('firstManager') });
    const runtime = runtimeDir();
    const input = write(path.join(repo, 'src/jobs.ts'), 'async function refresh() {}\nexport function start() {\n  refresh();\n}\n');
    await client(repo, runtime, input);
    await serverUp(runtime);
    const before = await client(repo, runtime, input);
    expect(before.stderr).not.toContain(TIMING);
    expect(before.stderr).toContain('firstManager()');
    // A changed settings file: that call runs cold, with the new settings, and a fresh server takes over.
    const file = path.join(repo, 'async-governance.config.mjs');
    writeFileSync(file, settingsFor('secondManager'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const after = await client(repo, runtime, input);
    expect(after.stderr).toContain('secondManager()');
    expect(withoutTiming(after)).toEqual(await cold(input));
    await until(async () => {
      const next = await client(repo, runtime, input);
      return !next.stderr.includes(TIMING) && next.stderr.includes('secondManager()');
    }, 'a warm answer with the new settings');

    // A JSON settings file placed closer to the file wins, as in a cold run.
    mkdirSync(path.join(repo, 'src'), { recursive: true });
    writeFileSync(path.join(repo, 'src/async-governance.config.json'), JSON.stringify({ manager: { getter: 'jsonManager' } }));
    const nearer = await client(repo, runtime, input);
    expect(nearer.stderr).toContain('jsonManager()');
    await until(async () => {
      const next = await client(repo, runtime, input);
      return !next.stderr.includes(TIMING) && next.stderr.includes('jsonManager()');
    }, 'a warm answer with the nearer settings');
  });

  it('runs cold when warm mode is off', async () => {
    const repo = makeRepo({});
    const runtime = runtimeDir();
    const result = await client(repo, runtime, write(path.join(repo, 'src/a.ts'), VIOLATION), [], { ASYNC_GOVERNANCE_WARM: '0' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(TIMING);
    expect(existsSync(path.join(runtime, 'async-governance'))).toBe(false);
  });
});
