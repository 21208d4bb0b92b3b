import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { CLEAN, makeRepo, run, snapshot, VIOLATION } from './helpers.js';

const RULE = 'async-governance/no-blocking-in-async';
const DOCS = plugin.rules['no-blocking-in-async'].meta.docs?.url ?? '';

const write = (file: string, content: string) => JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: file, content } });
const edit = (file: string, old_string: string, new_string: string, replace_all = false) =>
  JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: file, old_string, new_string, replace_all } });

function hook(repo: string, input: string, args: string[] = []) {
  return run(['hook', ...args], { cwd: repo, input });
}

function expectAllowed(result: ReturnType<typeof hook>) {
  expect(result.status).toBe(0);
  expect(result.stdout).toBe('');
}

function expectBlocked(result: ReturnType<typeof hook>) {
  expect(result.status).toBe(2);
  const output = JSON.parse(result.stdout);
  expect(Object.keys(output)).toEqual(['hookSpecificOutput']);
  expect(output.hookSpecificOutput).toEqual({
    hookEventName: 'PreToolUse',
    permissionDecision: 'deny',
    permissionDecisionReason: result.stderr.trimEnd(),
  });
  return result.stderr;
}

describe('hook: decisions', () => {
  it('blocks a new file that brings a violation, with a denial a code generator can act on', () => {
    const repo = makeRepo({});
    const denial = expectBlocked(hook(repo, write(path.join(repo, 'src/config.ts'), VIOLATION)));
    expect(denial).toContain('Line 4, column 16');
    expect(denial).toContain(RULE);
    expect(denial).toContain("readFileSync(path, 'utf8')");
    expect(denial).toContain("+   const text = await readFile(path, 'utf8');");
    expect(denial).toContain('getBackgroundTaskManager().submitEnhancedTask');
    expect(denial).toContain(`Docs: ${DOCS}`);
  });

  it('allows a clean write and prints nothing on stdout', () => {
    const repo = makeRepo({});
    expectAllowed(hook(repo, write(path.join(repo, 'src/config.ts'), CLEAN)));
  });

  it('allows an edit to a file whose only violations were already there', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const result = hook(repo, edit(path.join(repo, 'src/config.ts'), 'return text.trim();', 'return text.trim().toLowerCase();'));
    expectAllowed(result);
    expect(result.stderr).toBe('');
  });

  it('blocks only the violation an edit adds, not the one already there', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const denial = expectBlocked(hook(repo, edit(path.join(repo, 'src/config.ts'), 'return text.trim();', "return text.trim() + readFileSync('extra.txt', 'utf8');")));
    expect(denial).toContain('it adds 1 violation');
    expect(denial).toContain('Line 5');
    expect(denial).not.toContain('Line 4');
  });

  it('does not block code that only moved', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const moved = `import { readFileSync } from 'node:fs';\n\nexport const version = 1;\n\nexport async function loadConfig(path: string): Promise<string> {\n    const text = readFileSync(path,   'utf8');\n    return text.trim();\n}\n`;
    expectAllowed(hook(repo, write(path.join(repo, 'src/config.ts'), moved)));
  });

  it('blocks an identical second copy of existing offending code', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const copy = `${VIOLATION}\nexport async function loadAgain(path: string): Promise<string> {\n  const text = readFileSync(path, 'utf8');\n  return text;\n}\n`;
    const denial = expectBlocked(hook(repo, write(path.join(repo, 'src/config.ts'), copy)));
    expect(denial).toContain('Line 9,');
    expect(denial).not.toContain('Line 4,');
  });

  it('applies replace_all to every occurrence', () => {
    const repo = makeRepo({ 'src/io.ts': `import { readFile, readFileSync } from 'node:fs';\n\nexport async function both(a: string, b: string) {\n  const x = readFile.length;\n  return [xread(a), xread(b), x];\n}\n` });
    const file = path.join(repo, 'src/io.ts');
    const denial = expectBlocked(hook(repo, edit(file, 'xread(', 'readFileSync(', true)));
    expect(denial).toContain('it adds 2 violations');
    const single = expectBlocked(hook(repo, edit(file, 'xread(', 'readFileSync(', false)));
    expect(single).toContain('it adds 1 violation');
  });

  it('applies MultiEdit edits in order', () => {
    const repo = makeRepo({ 'src/config.ts': CLEAN });
    const event = JSON.stringify({
      tool_name: 'MultiEdit',
      tool_input: {
        file_path: path.join(repo, 'src/config.ts'),
        edits: [
          { old_string: "import { readFile } from 'node:fs/promises';", new_string: "import { readFileSync } from 'node:fs';" },
          { old_string: 'await readFile(', new_string: 'readFileSync(' },
        ],
      },
    });
    expectBlocked(hook(repo, event));
  });

  it('does not let an eslint-disable comment switch the policy off', () => {
    const repo = makeRepo({});
    const disabled = VIOLATION.replace('  const text', `  // eslint-disable-next-line ${RULE}\n  const text`);
    expectBlocked(hook(repo, write(path.join(repo, 'src/config.ts'), `/* eslint-disable */\n${disabled}`)));
  });

  it('gives the same decision with --parser typescript', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const event = edit(path.join(repo, 'src/config.ts'), 'return text.trim();', "return text.trim() + readFileSync('extra.txt', 'utf8');");
    expect(hook(repo, event, ['--parser', 'typescript'])).toEqual(hook(repo, event));
  });

  it('names the configured manager API in the denial', () => {
    const repo = makeRepo({
      'async-governance.config.json': JSON.stringify({ manager: { getter: 'getScheduler', submit: 'enqueue', module: '@acme/scheduler' } }),
    });
    const denial = expectBlocked(hook(repo, write(path.join(repo, 'src/config.ts'), VIOLATION)));
    expect(denial).toContain("getScheduler().enqueue({ ... }) from '@acme/scheduler'");
  });

  it('reads async-governance.config.mjs, also when the bundle comes from the code cache', () => {
    const repo = makeRepo({ 'async-governance.config.mjs': "export default { manager: { getter: 'getJobs', submit: 'add', module: '@/jobs' } };\n" });
    const event = write(path.join(repo, 'src/config.ts'), VIOLATION);
    for (let run = 0; run < 2; run += 1) expect(expectBlocked(hook(repo, event))).toContain("getJobs().add({ ... }) from '@/jobs'");
  });

  it('never writes to the project', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const before = snapshot(repo);
    hook(repo, write(path.join(repo, 'src/new.ts'), VIOLATION));
    hook(repo, edit(path.join(repo, 'src/config.ts'), 'return text.trim();', "return readFileSync('x');"));
    expect(snapshot(repo)).toEqual(before);
    expect(readFileSync(path.join(repo, 'src/config.ts'), 'utf8')).toBe(VIOLATION);
  });
});

describe('hook: files it lets through at once', () => {
  it('allows files that are not JavaScript or TypeScript', () => {
    const repo = makeRepo({});
    for (const name of ['README.md', 'data.json', 'types.d.ts']) {
      const result = hook(repo, write(path.join(repo, name), VIOLATION));
      expectAllowed(result);
      expect(result.stderr).toBe('');
    }
  });

  it('allows minified bundles, which the configs leave out, and still checks their sources', () => {
    const repo = makeRepo({});
    for (const name of ['public/vendor/chart.min.ts', 'public/vendor/htmx-min.mts']) {
      const result = hook(repo, write(path.join(repo, name), VIOLATION));
      expectAllowed(result);
      expect(result.stderr).toBe('');
    }
    expect(hook(repo, write(path.join(repo, 'public/vendor/chart.ts'), VIOLATION)).status).toBe(2);
  });

  it('allows files that match the tests exemption', () => {
    const repo = makeRepo({});
    expectAllowed(hook(repo, write(path.join(repo, 'src/config.test.ts'), VIOLATION)));
    expectAllowed(hook(repo, write(path.join(repo, 'tests/helpers/load.ts'), VIOLATION)));
  });

  it('allows files matching custom tests globs from the settings', () => {
    const repo = makeRepo({ 'package.json': JSON.stringify({ asyncGovernance: { exemptions: { tests: ['e2e/**'] } } }) });
    expectAllowed(hook(repo, write(path.join(repo, 'e2e/flow.ts'), VIOLATION)));
    expectBlocked(hook(repo, write(path.join(repo, 'src/flow.test.ts'), VIOLATION)));
  });

  it('ignores tools that do not write files', () => {
    const repo = makeRepo({});
    const result = hook(repo, JSON.stringify({ tool_name: 'Bash', tool_input: { command: 'ls' } }));
    expectAllowed(result);
    expect(result.stderr).toBe('');
  });
});

describe('hook: input it cannot act on', () => {
  const cases: [string, (repo: string) => string, string][] = [
    ['malformed JSON', () => '{"tool_name": "Write", ', 'not a JSON event'],
    ['an empty stdin', () => '', 'no event'],
    ['an event without tool_input', () => JSON.stringify({ tool_name: 'Write' }), 'without tool_input'],
    ['an Edit of a missing file', (repo) => edit(path.join(repo, 'src/missing.ts'), 'a', 'b'), 'cannot be read'],
    ['an Edit whose old_string is absent', (repo) => edit(path.join(repo, 'src/config.ts'), 'not in the file', 'x'), 'does not occur'],
    ['content that does not parse', (repo) => write(path.join(repo, 'src/config.ts'), 'export async function (\n'), 'does not parse'],
  ];

  it.each(cases)('allows %s and says why on stderr', (_name, event, reason) => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const result = hook(repo, event(repo));
    expectAllowed(result);
    expect(result.stderr).toContain(reason);
    expect(result.stderr).toContain('allowing');
  });

  it.each(cases)('blocks %s with --fail-closed', (_name, event, reason) => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const denial = expectBlocked(hook(repo, event(repo), ['--fail-closed']));
    expect(denial).toContain(reason);
  });

  it('allows the write when the settings are invalid, unless --fail-closed', () => {
    const repo = makeRepo({ 'async-governance.config.json': JSON.stringify({ manager: { priorities: 'HIGH' } }) });
    const event = write(path.join(repo, 'src/config.ts'), VIOLATION);
    const result = hook(repo, event);
    expectAllowed(result);
    expect(result.stderr).toContain('manager.priorities');
    expectBlocked(hook(repo, event, ['--fail-closed']));
  });

  it('allows the write on an unknown flag', () => {
    const repo = makeRepo({});
    const result = hook(repo, write(path.join(repo, 'src/a.ts'), VIOLATION), ['--bogus']);
    expectAllowed(result);
    expect(result.stderr).toContain('--bogus');
  });
});

describe('hook: generic mode for other agents', () => {
  it('reads the full proposed content for --stdin-filename', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const file = path.join(repo, 'src/config.ts');
    expectAllowed(run(['hook', '--stdin-filename', file], { cwd: repo, input: VIOLATION.replace('text.trim()', 'text') }));
    expectBlocked(run(['hook', '--stdin-filename', file], { cwd: repo, input: `${VIOLATION}\nexport async function b() { return readFileSync('b'); }\n` }));
    expectBlocked(run(['hook', '--stdin-filename', 'src/new.ts'], { cwd: repo, input: VIOLATION }));
  });
});

const POLLER = `import { logger } from './logger.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Poller {
  private running = false;
  private timer?: NodeJS.Timeout;

  start(): void {
    this.timer = setInterval(() => {
      logger.info('tick');
    }, 5000);
  }

  async loop(): Promise<void> {
    this.running = true;
    while (this.running) {
      logger.info('polling');
      await this.pollOnce();
      await sleep(1000);
    }
  }

  flush(): void {
    setInterval(flushMetrics, 60_000);
  }

  private async pollOnce(): Promise<void> {}
}

declare function flushMetrics(): void;
`;

describe('hook: a violation keeps its identity through edits inside it', () => {
  const allowedEdits: [string, string, string][] = [
    ['the period of an existing setInterval', '}, 5000);', '}, 10_000);'],
    ['a log line inside an existing polling loop', "logger.info('polling');", "logger.info('polling the queue', { at: Date.now() });"],
    ['a log line inside an existing setInterval callback', "logger.info('tick');", "logger.info('tick', { timer: 'stats' });"],
    ['a one-line setInterval edited on its own line', 'setInterval(flushMetrics, 60_000);', 'setInterval(flushMetrics, 30_000);'],
    ['the head of an existing loop', 'while (this.running) {', 'while (this.running && !this.paused) {'],
    ['the line that holds an existing setInterval', 'this.timer = setInterval(() => {', 'this.timer = setInterval(async () => {'],
  ];

  it.each(allowedEdits)('allows a change to %s', (_name, from, to) => {
    const repo = makeRepo({ 'src/poller.ts': POLLER });
    const result = hook(repo, edit(path.join(repo, 'src/poller.ts'), from, to));
    expectAllowed(result);
    expect(result.stderr).toBe('');
  });

  it('still blocks a second, new setInterval next to the edited one', () => {
    const repo = makeRepo({ 'src/poller.ts': POLLER });
    const denial = expectBlocked(hook(repo, edit(path.join(repo, 'src/poller.ts'), 'setInterval(flushMetrics, 60_000);', 'setInterval(flushMetrics, 30_000);\n    setInterval(() => logger.info(\'alive\'), 1000);')));
    expect(denial).toContain('it adds 1 violation');
    expect(denial).toContain("setInterval(() => logger.info('alive'), 1000)");
  });

  it('still blocks a new violation written inside an existing loop', () => {
    const repo = makeRepo({ 'src/poller.ts': POLLER });
    const inside = "logger.info('polling');\n      this.pollOnce();";
    const denial = expectBlocked(hook(repo, edit(path.join(repo, 'src/poller.ts'), "logger.info('polling');", inside)));
    expect(denial).toContain('it adds 1 violation');
    expect(denial).toContain('Line 19, column 7: async-governance/no-fire-and-forget');
  });
});

describe('hook: what the denial shows', () => {
  it('shows the head and a skeleton of a long loop, and each import once', () => {
    const body = Array.from({ length: 30 }, (_, i) => `      logger.info('step ${i}');`).join('\n');
    const content = `import { logger } from './logger.js';\n\nconst sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));\n\nexport class Sweeper {\n  private running = true;\n\n  async run(): Promise<void> {\n    while (this.running) {\n${body}\n      await sleep(1000);\n    }\n  }\n\n  async second(): Promise<void> {\n    while (this.running) {\n      logger.info('b');\n      await sleep(500);\n    }\n  }\n}\n`;
    const repo = makeRepo({});
    const denial = expectBlocked(hook(repo, write(path.join(repo, 'src/sweeper.ts'), content)));
    expect(denial).toContain('it adds 2 violations');
    expect(denial.match(/Write instead/g)).toHaveLength(2);
    expect(denial).toContain('+     getBackgroundTaskManager().submitEnhancedTask({');
    expect(denial).toContain('+           … (31 lines as before)');
    expect(denial.match(/\+ import \{ getBackgroundTaskManager, TaskPriority \}/g)).toHaveLength(1);
    expect(denial.split('\n').length).toBeLessThan(75);
  });
});
