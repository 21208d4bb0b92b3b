import { isDeepStrictEqual } from 'node:util';
import { diffBaseline } from './baseline.js';
import { computeFigures } from './figures.js';
import type { ExemptCounts, Violation } from './raw.js';
import type { Report } from './index.js';

/** Thrown for reports that cannot be merged (not reports, missing shards, different settings). */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

/** The order one run lists findings in: by file, then position. Merged reports use it too. */
export const byLocation = (a: { file: string; line: number; column?: number }, b: { file: string; line: number; column?: number }): number =>
  a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0);

function asReport(value: unknown, name: string): Report {
  const report = value as Report;
  if (typeof report !== 'object' || report === null || report.schema !== 'async-governance/report') {
    throw new MergeError(`${name} is not an async-governance JSON report.`);
  }
  if (report.schemaVersion !== 1) throw new MergeError(`${name} has schema version ${String(report.schemaVersion)}; this version merges version 1.`);
  return report;
}

/** Shard reports must form one complete split: every shard i/n once, all with the same n. */
function checkShards(reports: Report[], names: string[]): void {
  const sharded = reports.filter((report) => report.shard);
  if (sharded.length === 0) return;
  if (sharded.length !== reports.length) throw new MergeError('Some reports are shards and some are not; merge the shards of one split.');
  const count = reports[0].shard!.count;
  const seen = new Map<number, string>();
  reports.forEach((report, i) => {
    const { index, count: n } = report.shard!;
    if (n !== count) throw new MergeError(`${names[i]} is shard ${index}/${n}, but ${names[0]} belongs to a split into ${count}.`);
    if (seen.has(index)) throw new MergeError(`${names[i]} and ${seen.get(index)} are both shard ${index}/${count}.`);
    seen.set(index, names[i]);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) throw new MergeError(`Shard ${missing.map((index) => `${index}/${count}`).join(', ')} is missing: the merged figures would leave files out.`);
}

function addExempt(total: ExemptCounts, more: ExemptCounts): void {
  for (const [kind, rules] of Object.entries(more) as [keyof ExemptCounts, Record<string, number>][]) {
    total[kind] ??= {};
    for (const [rule, count] of Object.entries(rules)) total[kind][rule] = (total[kind][rule] ?? 0) + count;
  }
}

/**
 * Combines reports over disjoint files (the shards of `report --shard i/n`) into the report one
 * run over all of them gives: lists joined in one order, every figure computed again.
 */
export function mergeReports(inputs: { name: string; report: unknown }[], options: { baseline?: unknown; now?: Date } = {}): Report {
  if (inputs.length === 0) throw new MergeError('Nothing to merge.');
  const names = inputs.map((input) => input.name);
  const reports = inputs.map((input) => asReport(input.report, input.name));
  checkShards(reports, names);
  const [first] = reports;
  reports.forEach((report, i) => {
    if (!isDeepStrictEqual(report.manager, first.manager)) throw new MergeError(`${names[i]} was made with other manager settings than ${names[0]}.`);
  });

  const managed = reports.flatMap((report) => report.managed).sort(byLocation);
  const violations: Violation[] = reports.flatMap((report) => report.violations).sort(byLocation);
  const parseErrors = reports.flatMap((report) => report.parseErrors).sort(byLocation);
  const exempt: ExemptCounts = { tests: {}, frameworkInternals: {}, requestHandlers: {} };
  reports.forEach((report) => addExempt(exempt, report.exempt));
  const figures = computeFigures({
    fileCount: reports.reduce((sum, report) => sum + report.summary.files, 0),
    managed,
    violations,
    parseErrors: parseErrors.length,
    exempt,
    priorities: first.manager.priorities,
    requiredTags: first.manager.requiredTags,
  });
  const paths = [...new Set(reports.flatMap((report) => report.paths))];
  const { shard: _shard, ...base } = first;
  return {
    ...base,
    generatedAt: (options.now ?? new Date()).toISOString(),
    paths,
    ...figures,
    managed,
    violations,
    exempt,
    parseErrors,
    baseline: options.baseline === undefined ? null : diffBaseline({ compliance: figures.summary.compliance, violations }, options.baseline),
  };
}
