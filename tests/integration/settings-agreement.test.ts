import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { run } from '../cli/helpers.js';

// Every surface reads the same settings: `npx eslint` with nothing but `configs.recommended`,
// `check`, `report` and the hook report the same findings on every file, from any folder.
const root = path.resolve(import.meta.dirname, '../..');
const MONOREPO = path.join(root, 'tests/fixtures/monorepo');
const SERVICE = path.join(root, 'examples/service');

const out = mkdtempSync(path.join(os.tmpdir(), 'ag-agreement-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(?:ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.startsWith('async-governance.config'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const key = (file: string, line: number, ruleId: string | null) => `${path.relative(root, file)}:${line} ${ruleId}`;

async function eslintFindings(project: string, cwd: string): Promise<string[]> {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended as Linter.Config] });
  const results = await eslint.lintFiles(sourceFiles(project));
  return results.flatMap((result) => result.messages.map((message) => key(result.filePath, message.line, message.ruleId))).sort();
}

function checkFindings(project: string, cwd: string): string[] {
  const result = run(['check', path.relative(cwd, project) || '.', '--format', 'json'], { cwd });
  expect(result.stderr).toBe('');
  const results = JSON.parse(result.stdout) as ESLint.LintResult[];
  return results.flatMap((item) => item.messages.map((message) => key(item.filePath, message.line, message.ruleId))).sort();
}

function reportFindings(project: string, cwd: string): string[] {
  const result = run(['report', path.relative(cwd, project) || '.', '--format', 'json', '--out', out], { cwd });
  expect(result.status).toBe(0);
  const report = JSON.parse(result.stdout) as { violations: { file: string; line: number; ruleId: string }[] };
  return report.violations.map((violation) => key(path.resolve(cwd, violation.file), violation.line, violation.ruleId)).sort();
}

/** The hook on each file written anew (nothing before it), so every finding is new and listed. */
function hookFindings(project: string, cwd: string): string[] {
  return sourceFiles(project).flatMap((file) => {
    const written = path.join(path.dirname(file), `new-${path.basename(file)}`);
    const result = run(['hook', '--stdin-filename', written], { cwd, input: readFileSync(file, 'utf8') });
    expect(result.status === 0 || result.status === 2).toBe(true);
    return [...result.stderr.matchAll(/^\d+\. Line (\d+), column \d+: (\S+)$/gm)].map((match) => key(file, Number(match[1]), match[2]));
  }).sort();
}

const MONOREPO_FINDINGS = [
  // api: its own manager (getQueue().enqueue, JobPriority), and src/infra/** relative to the package
  'tests/fixtures/monorepo/packages/api/src/jobs/sync.ts:8 async-governance/require-task-metadata',
  'tests/fixtures/monorepo/packages/api/src/jobs/sync.ts:16 async-governance/no-raw-service-loop',
  'tests/fixtures/monorepo/packages/api/src/jobs/sync.ts:17 async-governance/no-fire-and-forget',
  // worker: settings from async-governance.config.mjs (blockingCalls, lib/runtime/**)
  'tests/fixtures/monorepo/packages/worker/lib/jobs/import.ts:10 async-governance/no-blocking-in-async',
  'tests/fixtures/monorepo/packages/worker/lib/jobs/import.ts:11 async-governance/no-fire-and-forget',
  'tests/fixtures/monorepo/packages/worker/lib/runtime/loop.ts:16 async-governance/no-blocking-in-async',
].sort();

const API = path.join(MONOREPO, 'packages/api');
const WORKER = path.join(MONOREPO, 'packages/worker');

describe.each([
  ['the two-package monorepo, from its root', MONOREPO, MONOREPO],
  ['the api package, from its folder', API, API],
  ['the worker package, from the monorepo root', WORKER, MONOREPO],
  ['the example service, from the repository root', SERVICE, root],
  ['the example service, from its own folder', SERVICE, SERVICE],
])('settings agree on %s', (_, project, cwd) => {
  let expected: string[];

  it('npx eslint with only configs.recommended applies each package settings file', async () => {
    expected = await eslintFindings(project, cwd);
    if (project.startsWith(MONOREPO)) {
      expect(expected).toEqual(MONOREPO_FINDINGS.filter((finding) => finding.startsWith(path.relative(root, project))));
    } else {
      // The manager's own file (src/infra/**, relative to package.json) is never reported.
      expect(expected.some((finding) => finding.includes('/infra/'))).toBe(false);
      expect(expected).toHaveLength(10);
    }
  });

  it('check reports the same', () => {
    expect(checkFindings(project, cwd)).toEqual(expected);
  });

  it('report counts the same', () => {
    expect(reportFindings(project, cwd)).toEqual(expected);
  });

  it('the hook blocks the same', () => {
    expect(hookFindings(project, cwd)).toEqual(expected);
  });
});

describe('the hook applies the settings of the file being written', () => {
  it('blocks a write outside the event cwd by the settings of that file', () => {
    const file = path.join(WORKER, 'lib/jobs/new-import.ts');
    const event = { tool_name: 'Write', cwd: API, tool_input: { file_path: file, content: readFileSync(path.join(WORKER, 'lib/jobs/import.ts'), 'utf8') } };
    const result = run(['hook'], { cwd: API, input: JSON.stringify(event) });
    expect(result.status).toBe(2);
    // blockingCalls come from the worker's async-governance.config.mjs, not from the api package
    expect(result.stderr).toMatch(/^1\. Line 10, column 3: async-governance\/no-blocking-in-async$/m);
    expect(result.stderr).toMatch(/^2\. Line 11, column 3: async-governance\/no-fire-and-forget$/m);
  });

  it('allows a write to the manager file of another package (its frameworkInternals glob is relative to its settings)', () => {
    const file = path.join(API, 'src/infra/queue.ts');
    const content = `${readFileSync(file, 'utf8')}\nexport function startMetrics(): void {\n  setInterval(() => console.log('queue alive'), 5_000);\n}\n`;
    const event = { tool_name: 'Write', cwd: MONOREPO, tool_input: { file_path: file, content } };
    const result = run(['hook'], { cwd: MONOREPO, input: JSON.stringify(event) });
    expect(result).toMatchObject({ status: 0, stdout: '' });
  });
});
