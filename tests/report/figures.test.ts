import { describe, expect, it } from 'vitest';
import type { ManagedSite } from '../../src/report/catalog.js';
import { compliance, computeFigures } from '../../src/report/figures.js';
import type { Violation } from '../../src/report/raw.js';

const site = (file: string, overrides: Partial<ManagedSite> = {}): ManagedSite => ({
  file,
  line: 1,
  column: 1,
  call: 'getBackgroundTaskManager().submitEnhancedTask',
  taskId: { kind: 'literal', value: 'x' },
  priority: { kind: 'member', member: 'NORMAL' },
  tags: { values: { service: 'a', type: 'b', component: 'c' }, complete: true, missingKeys: [], crossFile: false, beyondRule: false },
  run: null,
  exempt: null,
  flags: [],
  ...overrides,
});

const violation = (file: string, ruleId: string, line = 1): Violation => ({
  ruleId: `async-governance/${ruleId}`,
  file,
  line,
  column: 1,
  message: 'm',
  snippet: `line ${line}`,
  background: ruleId === 'no-fire-and-forget' || ruleId === 'no-raw-service-loop',
});

const figures = (managed: ManagedSite[], violations: Violation[]) =>
  computeFigures({
    fileCount: 3,
    managed,
    violations,
    parseErrors: 0,
    exempt: { tests: { 'async-governance/no-fire-and-forget': 2 }, frameworkInternals: {}, requestHandlers: { 'async-governance/no-fire-and-forget': 1 } },
    priorities: ['HIGH', 'NORMAL'],
    requiredTags: ['service', 'type', 'component'],
  });

describe('compliance', () => {
  it('is managed over managed plus raw, with one decimal', () => {
    expect(compliance(3, 1)).toBe(75);
    expect(compliance(2, 1)).toBe(66.7);
    expect(compliance(0, 4)).toBe(0);
  });
  it('is 100% when there is no background work', () => {
    expect(compliance(0, 0)).toBe(100);
  });
});

describe('computeFigures', () => {
  const result = figures(
    [
      site('src/workers/a.ts'),
      site('src/workers/a.ts', { priority: { kind: 'member', member: 'HIGH' } }),
      site('src/jobs/b.ts', { priority: { kind: 'invalid', text: "'high'" }, tags: null }),
      site('src/jobs/b.ts', { tags: { values: { service: 'a', type: null }, complete: false, missingKeys: [], crossFile: true, beyondRule: true } }),
      site('test/c.ts', { exempt: 'tests' }),
    ],
    [
      violation('src/jobs/b.ts', 'no-raw-service-loop', 3),
      violation('src/jobs/b.ts', 'no-fire-and-forget', 9),
      violation('src/legacy/poll.ts', 'no-raw-service-loop'),
      violation('src/workers/a.ts', 'no-blocking-in-async'),
      violation('src/jobs/b.ts', 'require-task-metadata'),
    ],
  );

  it('counts only non-exempt submissions and background reports for compliance', () => {
    expect(result.summary).toMatchObject({ managed: 4, rawBackground: 3, compliance: 57.1, violations: 5 });
    expect(result.summary.violationsByRule).toEqual({
      'async-governance/no-blocking-in-async': 1,
      'async-governance/no-fire-and-forget': 1,
      'async-governance/no-raw-service-loop': 2,
      'async-governance/require-task-metadata': 1,
    });
  });

  it('counts exempt sites by exemption, submissions included', () => {
    expect(result.summary.exempt).toEqual({ managed: 1, violations: 3, byKind: { tests: 3, frameworkInternals: 0, requestHandlers: 1 } });
  });

  it('sorts folders from the least compliant', () => {
    expect(result.folders).toEqual([
      { folder: 'src/legacy', managed: 0, raw: 1, compliance: 0, violations: 1 },
      { folder: 'src/jobs', managed: 2, raw: 2, compliance: 50, violations: 3 },
      { folder: 'src/workers', managed: 2, raw: 0, compliance: 100, violations: 1 },
    ]);
  });

  it('distributes priorities over members, invalid, dynamic and missing', () => {
    expect(result.priorities).toEqual({ HIGH: 1, NORMAL: 2, invalid: 1, dynamic: 0, missing: 0 });
  });

  it('measures tag coverage per required key', () => {
    expect(result.tags).toEqual({
      required: ['service', 'type', 'component'],
      byKey: { service: { count: 3, percent: 75 }, type: { count: 3, percent: 75 }, component: { count: 2, percent: 50 } },
      complete: { count: 2, percent: 50 },
      unresolved: 1,
      missing: 1,
    });
  });

  it('names the worst files by raw sites, then violations', () => {
    expect(result.worstFiles).toEqual([
      { file: 'src/jobs/b.ts', managed: 2, raw: 2, violations: 3 },
      { file: 'src/legacy/poll.ts', managed: 0, raw: 1, violations: 1 },
      { file: 'src/workers/a.ts', managed: 2, raw: 0, violations: 1 },
    ]);
  });
});
