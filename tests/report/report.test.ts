import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import {
  BaselineError,
  buildReport,
  evaluateGates,
  liftExemptions,
  type ProgressEvent,
  ProjectError,
  renderJson,
  renderMarkdown,
  type Report,
} from '../../src/report/index.js';
import { SettingsError } from '../../src/utils/settings.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/report/service');
const settings = { exemptions: { frameworkInternals: ['src/infra/**'] } };
const NOW = new Date('2026-01-01T00:00:00Z');

/** What `check` reports: the recommended config through ESLint's Node API. */
async function checkCounts(cwd: string, paths: string[]): Promise<{ total: number; background: number; byRule: Record<string, number> }> {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.recommended as Linter.Config, { settings: { 'async-governance': settings } }],
  });
  const byRule: Record<string, number> = {};
  let background = 0;
  for (const result of await eslint.lintFiles(paths)) {
    for (const message of result.messages) {
      if (!message.ruleId) continue;
      byRule[message.ruleId] = (byRule[message.ruleId] ?? 0) + 1;
      if (/no-fire-and-forget|no-raw-service-loop/.test(message.ruleId)) background += 1;
    }
  }
  const total = Object.values(byRule).reduce((sum, count) => sum + count, 0);
  return { total, background, byRule: Object.fromEntries(Object.entries(byRule).sort()) };
}

describe('buildReport on a fixture service', () => {
  let report: Report;
  const progress: ProgressEvent[] = [];
  beforeAll(async () => {
    report = await buildReport({ cwd: root, settings, now: NOW, onProgress: (event) => progress.push(event) });
  });

  it('counts exactly what check reports, rule by rule', async () => {
    const check = await checkCounts(root, ['.']);
    expect(report.summary.violations).toBe(check.total);
    expect(report.summary.violationsByRule).toEqual(check.byRule);
    expect(report.summary.rawBackground).toBe(check.background);
    expect(report.violations.filter((violation) => violation.ruleId === 'async-governance/require-task-metadata').map((violation) => `${violation.file}:${violation.line}`))
      .toEqual(['src/reports/schedule.ts:22', 'src/routes/events.ts:5', 'src/workers/invoice-sync.ts:18']);
  });

  it('computes compliance as managed / (managed + raw background sites)', () => {
    expect(report.summary.managed).toBe(5);
    const { managed, rawBackground } = report.summary;
    expect(report.summary.compliance).toBe(Math.round((managed / (managed + rawBackground)) * 1000) / 10);
    for (const folder of report.folders) {
      expect(folder.compliance).toBe(folder.managed + folder.raw === 0 ? 100 : Math.round((folder.managed / (folder.managed + folder.raw)) * 1000) / 10);
    }
    expect(report.folders.map((folder) => folder.folder).sort()).toEqual(expect.arrayContaining(['src/reports', 'src/routes', 'src/workers']));
  });

  it('counts exempt sites apart, by exemption and rule', () => {
    expect(report.exempt.tests).toMatchObject({
      'async-governance/no-blocking-in-async': 1,
      'async-governance/require-task-metadata': 1,
    });
    expect(report.summary.exempt.managed).toBe(1);
    expect(report.managed.filter((site) => site.exempt === 'tests').map((site) => site.file)).toEqual(['test/invoice-sync.ts']);
    expect(report.violations.some((violation) => violation.file.startsWith('test/'))).toBe(false);
  });

  it('gives the priority distribution and tag coverage of managed submissions', () => {
    expect(report.priorities).toEqual({ CRITICAL: 0, HIGH: 1, NORMAL: 0, LOW: 1, BACKGROUND: 0, invalid: 1, dynamic: 1, missing: 1 });
    expect(report.tags.byKey).toEqual({
      service: { count: 4, percent: 80 },
      type: { count: 4, percent: 80 },
      component: { count: 2, percent: 40 },
    });
    expect(report.tags.complete).toEqual({ count: 2, percent: 40 });
    expect(report.tags.missing).toBe(1);
    expect(report.summary.crossFileFlags).toBe(1);
  });

  it('lists the worst files, most raw sites first', () => {
    expect(report.worstFiles.length).toBeGreaterThan(0);
    const order = report.worstFiles.map((file) => [file.raw, file.violations]);
    expect(order).toEqual([...order].sort((a, b) => b[0] - a[0] || b[1] - a[1]));
  });

  it('writes versioned JSON with the documented top-level keys', () => {
    const json = JSON.parse(renderJson(report));
    expect(Object.keys(json)).toEqual([
      'schema', 'schemaVersion', 'generatedAt', 'tool', 'paths', 'project', 'manager', 'summary', 'folders',
      'priorities', 'tags', 'worstFiles', 'managed', 'violations', 'exempt', 'parseErrors', 'baseline',
    ]);
    expect(json).toMatchObject({
      schema: 'async-governance/report',
      schemaVersion: 1,
      generatedAt: '2026-01-01T00:00:00.000Z',
      tool: { name: 'eslint-plugin-async-governance' },
      paths: ['.'],
      project: 'tsconfig.json',
      baseline: null,
    });
    expect(json.violations[0]).toEqual({
      ruleId: expect.any(String), file: expect.any(String), line: expect.any(Number), column: expect.any(Number),
      message: expect.any(String), snippet: expect.any(String), background: expect.any(Boolean),
    });
  });

  it('renders Markdown for a pull-request comment with links to lines', () => {
    const markdown = renderMarkdown(report, { linkBase: 'https://github.com/acme/billing/blob/abc123/' });
    expect(markdown.split('\n')[0]).toBe(`## Async governance: ${report.summary.compliance}% of background work on the manager`);
    expect(markdown).toContain(`**5** managed submissions · **${report.summary.rawBackground}** raw background site`);
    expect(markdown).toContain('| Folder | Managed | Raw | Compliance | Violations |');
    expect(markdown).toContain('- [src/workers/invoice-sync.ts:9](https://github.com/acme/billing/blob/abc123/src/workers/invoice-sync.ts#L9): tags lack `component`');
    expect(markdown).toContain('| `TaskPriority.HIGH` | 1 |');
    expect(markdown).toContain('| `component` | 2 | 40% |');
    expect(markdown).toMatch(/Exempt and not counted: \d+ in tests\./);
  });

  it('reports progress for both phases', () => {
    expect(progress[0]).toEqual({ phase: 'lint', done: 0, total: 1 });
    // the catalogue parses only the files that mention a submit method
    expect(progress.at(-1)).toEqual({ phase: 'catalog', done: 5, total: 5 });
  });
});

describe('baseline and CI gates', () => {
  let report: Report;
  beforeAll(async () => {
    report = await buildReport({ cwd: root, settings, now: NOW });
  });

  it('shows what is new and what was fixed since the baseline, ignoring moved lines', async () => {
    const previous = JSON.parse(renderJson(report));
    const [dropped] = previous.violations.splice(0, 1);
    previous.violations.push({ ...dropped, ruleId: 'async-governance/no-raw-service-loop', snippet: 'setInterval(poll, 1000);', background: true });
    previous.violations.forEach((violation: { line: number }) => (violation.line += 3));
    previous.summary.compliance = 50;
    const diffed = await buildReport({ cwd: root, settings, now: NOW, baseline: previous });
    expect(diffed.baseline?.newViolations).toEqual([report.violations[0]]);
    expect(diffed.baseline?.fixedViolations.map((violation) => violation.snippet)).toEqual(['setInterval(poll, 1000);']);
    expect(diffed.baseline?.complianceDelta).toBeCloseTo(report.summary.compliance - 50, 5);
    expect(renderMarkdown(diffed)).toContain('Since the baseline: **1 new**, 1 fixed');
    expect(evaluateGates(diffed, { failOnNew: true })).toEqual({ failed: true, reasons: ['1 new violation(s) since the baseline.'] });
  });

  it('passes the new-violation gate when nothing is new', async () => {
    const same = await buildReport({ cwd: root, settings, now: NOW, baseline: JSON.parse(renderJson(report)) });
    expect(same.baseline?.newViolations).toEqual([]);
    expect(evaluateGates(same, { failOnNew: true })).toEqual({ failed: false, reasons: [] });
  });

  it('fails under the required compliance', () => {
    const below = { ...report, summary: { ...report.summary, compliance: 72.5 } };
    expect(evaluateGates(below, { failUnder: 80 })).toEqual({ failed: true, reasons: ['Compliance 72.5% is under the required 80%.'] });
    expect(evaluateGates(below, { failUnder: 72.5 }).failed).toBe(false);
  });

  it('rejects a baseline that is not a report', async () => {
    await expect(buildReport({ cwd: root, settings, baseline: { hello: 'world' } })).rejects.toThrow(BaselineError);
  });
});

describe('input errors', () => {
  it('names a missing tsconfig given with --project', async () => {
    await expect(buildReport({ cwd: root, project: 'tsconfig.missing.json' })).rejects.toThrow(new ProjectError('The tsconfig tsconfig.missing.json does not exist.'));
  });

  it('names a broken tsconfig', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ag-report-'));
    writeFileSync(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": { "target": "ES2022", } "include": [ }');
    writeFileSync(path.join(dir, 'index.ts'), 'export const x = 1;\n');
    try {
      await expect(buildReport({ cwd: dir })).rejects.toThrow(/Cannot (use|read) .*tsconfig\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a path that does not exist', async () => {
    await expect(buildReport({ cwd: root, paths: ['src/wrokers'] })).rejects.toThrow(new ProjectError('The path src/wrokers does not exist.'));
  });

  it('names a bad settings key', async () => {
    await expect(buildReport({ cwd: root, settings: { manager: { submitt: 'x' } } })).rejects.toThrow(SettingsError);
  });

  it('lints through the engine it is given, for the main run and the exempt recount', async () => {
    const requests: { files: string[] | null; liftExemptions: boolean }[] = [];
    const report = await buildReport({
      cwd: root,
      settings,
      lint: async (request) => {
        requests.push(request);
        const eslint = new ESLint({
          cwd: root,
          overrideConfigFile: true,
          overrideConfig: [
            plugin.configs.recommended as Linter.Config,
            { settings: { 'async-governance': request.liftExemptions ? liftExemptions(settings) : settings } },
          ],
        });
        // e.g. the CLI's own walk: here only the workers and the tests folders
        return eslint.lintFiles(request.files ?? ['src/workers', 'test']);
      },
    });
    expect(requests).toEqual([
      { files: null, liftExemptions: false },
      { files: [path.join(root, 'test/invoice-sync.ts')], liftExemptions: true },
    ]);
    expect(new Set(report.managed.map((site) => site.file))).toEqual(new Set(['src/workers/invoice-sync.ts', 'test/invoice-sync.ts']));
    expect(report.exempt.tests).toMatchObject({ 'async-governance/no-blocking-in-async': 1 });
  });

  it('covers only the given paths', async () => {
    const partial = await buildReport({ cwd: root, paths: ['src/workers'], settings });
    expect(new Set(partial.managed.map((site) => site.file))).toEqual(new Set(['src/workers/invoice-sync.ts']));
    expect(partial.project).toBe('tsconfig.json');
    const check = await checkCounts(root, ['src/workers']);
    expect(partial.summary.violations).toBe(check.total);
  });
});
