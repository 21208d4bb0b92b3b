import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, run } from './helpers.js';

const root = path.resolve(import.meta.dirname, '../..');

const MANAGER = `export enum TaskPriority { CRITICAL, HIGH, NORMAL, LOW, BACKGROUND }
export function getBackgroundTaskManager() {
  return { submitEnhancedTask(task: object): string { return String(task); } };
}
`;

const MANAGED = `import { getBackgroundTaskManager, TaskPriority } from './manager';
export function startSync() {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'sync.invoices',
    coroutine: async () => {},
    priority: TaskPriority.LOW,
    tags: { service: 'billing', type: 'sync', component: 'invoices' },
  });
}
`;

const RAW = `export function startMetrics(metrics: { flush(): void }) {
  setInterval(() => metrics.flush(), 1000);
}
`;

describe('report', () => {
  it('prints Markdown, writes JSON and counts the raw sites check reports', () => {
    const repo = makeRepo({ 'src/manager.ts': MANAGER, 'src/jobs/sync.ts': MANAGED, 'src/jobs/poller.ts': RAW, 'tsconfig.json': '{"include":["src"]}' });
    const result = run(['report', 'src'], { cwd: repo });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('## Async governance: 50% of background work on the manager');
    const json = JSON.parse(readFileSync(path.join(repo, 'async-governance-report/report.json'), 'utf8'));
    expect(json.schemaVersion).toBe(1);
    expect(json.summary.compliance).toBe(50);
    expect(json.managed).toHaveLength(1);
    expect(existsSync(path.join(repo, 'async-governance-report/report.md'))).toBe(true);

    const check = run(['check', 'src', '--format', 'json'], { cwd: repo });
    const reported = JSON.parse(check.stdout).flatMap((file: { messages: unknown[] }) => file.messages);
    expect(json.violations).toHaveLength(reported.length);
  });

  it('fails under the threshold and on new violations since a baseline', () => {
    const repo = makeRepo({ 'src/manager.ts': MANAGER, 'src/jobs/sync.ts': MANAGED, 'tsconfig.json': '{"include":["src"]}' });
    expect(run(['report', 'src', '--out', 'out', '--fail-under', '100'], { cwd: repo }).status).toBe(0);
    writeFileSync(path.join(repo, 'src/jobs/poller.ts'), RAW);
    const under = run(['report', 'src', '--out', 'next', '--fail-under', '100'], { cwd: repo });
    expect(under.status).toBe(1);
    expect(under.stderr).toContain('is under the required 100%');
    const regressed = run(['report', 'src', '--out', 'next', '--baseline', 'out/report.json', '--fail-on-new'], { cwd: repo });
    expect(regressed.status).toBe(1);
    expect(regressed.stderr).toContain('1 new violation(s) since the baseline');
  });

  it('exits 2 with one clear line on bad input', () => {
    const repo = makeRepo({ 'src/a.ts': RAW });
    expect(run(['report', 'missing'], { cwd: repo })).toMatchObject({ status: 2 });
    const broken = run(['report', 'src', '--project', 'nope.json'], { cwd: repo });
    expect(broken.status).toBe(2);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(run(['report', '--fail-under', 'abc'], { cwd: repo }).stderr).toContain('--fail-under needs a percentage');
  });

  it('reports the example service below 100%', () => {
    const result = run(['report', 'examples/service', '--out', path.join(import.meta.dirname, '../../node_modules/.cache/ag-report'), '--fail-under', '100'], { cwd: root });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/## Async governance: [\d.]+% of background work on the manager/);
  });
});
