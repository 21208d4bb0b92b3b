import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, type ManagedSite } from '../../src/report/catalog.js';
import { resolveSettings } from '../../src/utils/settings.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/report');

function sourceFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|js)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const at = (sites: ManagedSite[], file: string, line: number): ManagedSite => {
  const site = sites.find((item) => item.file === file && item.line === line);
  if (!site) throw new Error(`no submission at ${file}:${line}; found ${sites.map((item) => `${item.file}:${item.line}`).join(', ')}`);
  return site;
};

describe('catalogue of a TypeScript service (tsconfig with path aliases)', () => {
  const root = path.join(fixtures, 'service');
  let sites: ManagedSite[];
  beforeAll(async () => {
    sites = await buildCatalog({
      cwd: root,
      files: sourceFiles(root),
      tsconfig: path.join(root, 'tsconfig.json'),
      settings: resolveSettings({ exemptions: { frameworkInternals: ['src/infra/**'] } }),
    });
  });

  it('finds every submission, whatever holds the manager', () => {
    expect(sites.map((site) => `${site.file}:${site.line} ${site.call}`).sort()).toEqual([
      'src/reports/schedule.ts:22 getBackgroundTaskManager().submitEnhancedTask',
      'src/reports/schedule.ts:9 tasks.submitEnhancedTask',
      'src/routes/events.ts:5 getBackgroundTaskManager().submitEnhancedTask',
      'src/workers/invoice-sync.ts:18 this.tasks.submitEnhancedTask',
      'src/workers/invoice-sync.ts:9 this.tasks.submitEnhancedTask',
      'test/invoice-sync.ts:5 getBackgroundTaskManager().submitEnhancedTask',
    ]);
  });

  it('resolves task ids through constants of other files, and keeps patterns', () => {
    expect(at(sites, 'src/workers/invoice-sync.ts', 9).taskId).toEqual({ kind: 'literal', value: 'billing.workers.invoice-sync' });
    expect(at(sites, 'src/workers/invoice-sync.ts', 18).taskId).toEqual({ kind: 'pattern', value: 'invoice-sync.*' });
    expect(at(sites, 'src/routes/events.ts', 5).taskId).toEqual({ kind: 'missing' });
  });

  it('classifies priorities as members, invalid literals, runtime values or missing', () => {
    expect(at(sites, 'src/workers/invoice-sync.ts', 9).priority).toEqual({ kind: 'member', member: 'HIGH' });
    expect(at(sites, 'src/workers/invoice-sync.ts', 18).priority).toEqual({ kind: 'invalid', text: '"high"' });
    expect(at(sites, 'src/reports/schedule.ts', 22).priority).toEqual({ kind: 'dynamic', text: 'level' });
    expect(at(sites, 'src/routes/events.ts', 5).priority).toEqual({ kind: 'missing' });
  });

  it('flags imported tags that lack a required key, which the rule cannot see', () => {
    const site = at(sites, 'src/workers/invoice-sync.ts', 9);
    expect(site.tags).toEqual({
      values: { service: 'billing', type: 'sync' },
      complete: true,
      missingKeys: ['component'],
      crossFile: true,
      beyondRule: true,
    });
    expect(site.flags).toEqual(['cross-file-tags-missing-keys']);
  });

  it('resolves spreads of constants from other files and does not flag complete tags', () => {
    const site = at(sites, 'src/reports/schedule.ts', 9);
    expect(site.tags?.values).toEqual({ service: 'billing', type: 'report', component: 'reports' });
    expect(site.tags?.missingKeys).toEqual([]);
    expect(site.flags).toEqual([]);
  });

  it('leaves inline tags lacking a key to the rule (no flag)', () => {
    const site = at(sites, 'src/reports/schedule.ts', 22);
    expect(site.tags).toMatchObject({ missingKeys: ['component'], crossFile: false, beyondRule: false });
    expect(site.flags).toEqual([]);
    expect(at(sites, 'src/routes/events.ts', 5).tags).toBeNull();
  });

  it('records where the submitted function is defined', () => {
    expect(at(sites, 'src/reports/schedule.ts', 9).run).toEqual({ name: 'renderReports', at: { file: 'src/reports/render.ts', line: 1 } });
    // () => this.syncInvoices() and this.syncInvoices.bind(this) lead to the method
    expect(at(sites, 'src/workers/invoice-sync.ts', 9).run).toEqual({ name: 'syncInvoices', at: { file: 'src/workers/invoice-sync.ts', line: 26 } });
    expect(at(sites, 'src/workers/invoice-sync.ts', 18).run).toEqual({ name: 'syncInvoices', at: { file: 'src/workers/invoice-sync.ts', line: 26 } });
    expect(at(sites, 'src/routes/events.ts', 5).run).toEqual({ name: 'recordSubscription', at: { file: 'src/routes/events.ts', line: 13 } });
    expect(at(sites, 'test/invoice-sync.ts', 5).run).toEqual({ name: null, at: { file: 'test/invoice-sync.ts', line: 5 } });
  });

  it('marks submissions in exempt files', () => {
    expect(at(sites, 'test/invoice-sync.ts', 5).exempt).toBe('tests');
    expect(sites.filter((site) => site.exempt !== null)).toHaveLength(1);
  });
});

describe('catalogue of a JavaScript project without tsconfig and a custom manager', () => {
  const root = path.join(fixtures, 'scheduler-js');
  let sites: ManagedSite[];
  beforeAll(async () => {
    sites = await buildCatalog({
      cwd: root,
      files: sourceFiles(root),
      tsconfig: null,
      settings: resolveSettings({
        manager: {
          module: '@acme/scheduler',
          getter: 'getScheduler',
          receivers: ['schedulerService'],
          submit: ['schedule', 'enqueue'],
          fields: { id: 'name', run: 'handler', priority: 'opts.priority', tags: 'opts.labels' },
          priorityEnum: 'JobPriority',
          priorities: ['URGENT', 'ROUTINE', 'DEFERRED'],
          defaultPriority: 'ROUTINE',
          requiredTags: ['team', 'service'],
        },
      }),
    });
  });

  it('finds injected receivers, this.receiver and getter aliases with several submit methods', () => {
    expect(sites.map((site) => `${site.file}:${site.line} ${site.call}`).sort()).toEqual([
      'src/__tests__/ledger.js:2 schedulerService.schedule',
      'src/jobs/audit.js:12 this.schedulerService.enqueue',
      'src/jobs/ledger.js:6 schedulerService.schedule',
      'src/jobs/legacy.js:6 scheduler.schedule',
    ]);
  });

  it('follows dotted fields, re-exports with aliases and spreads across files', () => {
    const site = at(sites, 'src/jobs/ledger.js', 6);
    expect(site.priority).toEqual({ kind: 'member', member: 'URGENT' });
    expect(site.tags).toMatchObject({ values: { team: 'payments', service: 'ledger' }, missingKeys: [], crossFile: true });
    expect(site.run).toEqual({ name: 'closeLedger', at: { file: 'src/jobs/close-ledger.js', line: 1 } });
  });

  it('reads fields out of an options constant and flags labels from another file lacking a key', () => {
    const site = at(sites, 'src/jobs/audit.js', 12);
    expect(site.taskId).toEqual({ kind: 'pattern', value: 'audit.*' });
    expect(site.priority).toEqual({ kind: 'member', member: 'DEFERRED' });
    expect(site.tags).toMatchObject({ values: { team: 'payments' }, missingKeys: ['service'], crossFile: true, beyondRule: true });
    expect(site.flags).toEqual(['cross-file-tags-missing-keys']);
    expect(site.run).toEqual({ name: 'flush', at: { file: 'src/jobs/audit.js', line: 15 } });
  });

  it('reports literal priorities as invalid', () => {
    expect(at(sites, 'src/jobs/legacy.js', 6).priority).toEqual({ kind: 'invalid', text: '"urgent"' });
    expect(at(sites, 'src/jobs/legacy.js', 6).taskId).toEqual({ kind: 'missing' });
  });
});
