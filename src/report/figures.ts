import type { ManagedSite } from './catalog.js';
import type { ExemptCounts, Violation } from './raw.js';

/** Percentage with one decimal; 100 when there is no background work at all. */
export function compliance(managed: number, raw: number): number {
  const total = managed + raw;
  return total === 0 ? 100 : Math.round((managed / total) * 1000) / 10;
}

export interface FolderFigures {
  folder: string;
  managed: number;
  raw: number;
  compliance: number;
  violations: number;
}

export interface FileFigures {
  file: string;
  managed: number;
  raw: number;
  violations: number;
}

export interface TagCoverage {
  required: string[];
  /** Per required key: submissions whose tags are known to have it. */
  byKey: Record<string, { count: number; percent: number }>;
  /** Submissions known to carry every required key. */
  complete: { count: number; percent: number };
  /** Submissions whose tags could not be fully resolved. */
  unresolved: number;
  /** Submissions without tags. */
  missing: number;
}

export interface Figures {
  summary: {
    files: number;
    managed: number;
    rawBackground: number;
    compliance: number;
    violations: number;
    violationsByRule: Record<string, number>;
    parseErrors: number;
    exempt: { managed: number; violations: number; byKind: Record<string, number> };
    crossFileFlags: number;
  };
  folders: FolderFigures[];
  priorities: Record<string, number>;
  tags: TagCoverage;
  worstFiles: FileFigures[];
}

const folderOf = (file: string): string => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.');
const percent = (count: number, total: number): number => (total === 0 ? 100 : Math.round((count / total) * 1000) / 10);
const countBy = <T>(items: T[], key: (item: T) => string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

/** Computes every figure of the report from the two sides; exempt submissions count apart. */
export function computeFigures(input: {
  fileCount: number;
  managed: ManagedSite[];
  violations: Violation[];
  parseErrors: number;
  exempt: ExemptCounts;
  priorities: string[];
  requiredTags: string[];
}): Figures {
  const managed = input.managed.filter((site) => site.exempt === null);
  const raw = input.violations.filter((violation) => violation.background);
  const byKind: Record<string, number> = {};
  for (const [kind, rules] of Object.entries(input.exempt)) {
    byKind[kind] = Object.values(rules).reduce((sum, count) => sum + count, 0);
  }
  for (const site of input.managed) if (site.exempt) byKind[site.exempt] = (byKind[site.exempt] ?? 0) + 1;
  const exemptManaged = input.managed.length - managed.length;

  const managedByFolder = countBy(managed, (site) => folderOf(site.file));
  const rawByFolder = countBy(raw, (violation) => folderOf(violation.file));
  const violationsByFolder = countBy(input.violations, (violation) => folderOf(violation.file));
  const folderNames = new Set([...managedByFolder.keys(), ...rawByFolder.keys(), ...violationsByFolder.keys()]);
  const folders = [...folderNames].map((folder): FolderFigures => {
    const managedCount = managedByFolder.get(folder) ?? 0;
    const rawCount = rawByFolder.get(folder) ?? 0;
    return { folder, managed: managedCount, raw: rawCount, compliance: compliance(managedCount, rawCount), violations: violationsByFolder.get(folder) ?? 0 };
  }).sort((a, b) => a.compliance - b.compliance || b.raw - a.raw || a.folder.localeCompare(b.folder));

  const priorities: Record<string, number> = Object.fromEntries(input.priorities.map((member) => [member, 0]));
  for (const key of ['invalid', 'dynamic', 'missing']) priorities[key] = 0;
  for (const site of managed) {
    const key = site.priority.kind === 'member' ? site.priority.member : site.priority.kind;
    priorities[key] = (priorities[key] ?? 0) + 1;
  }

  const byKey: TagCoverage['byKey'] = {};
  for (const tag of input.requiredTags) {
    const count = managed.filter((site) => site.tags && tag in site.tags.values).length;
    byKey[tag] = { count, percent: percent(count, managed.length) };
  }
  const completeCount = managed.filter((site) => site.tags && input.requiredTags.every((tag) => tag in (site.tags?.values ?? {}))).length;

  const files = new Map<string, FileFigures>();
  const entry = (file: string): FileFigures => {
    let figures = files.get(file);
    if (!figures) files.set(file, (figures = { file, managed: 0, raw: 0, violations: 0 }));
    return figures;
  };
  for (const site of managed) entry(site.file).managed += 1;
  for (const violation of input.violations) {
    const figures = entry(violation.file);
    figures.violations += 1;
    if (violation.background) figures.raw += 1;
  }
  const worstFiles = [...files.values()]
    .filter((figures) => figures.violations > 0)
    .sort((a, b) => b.raw - a.raw || b.violations - a.violations || a.file.localeCompare(b.file))
    .slice(0, 10);

  return {
    summary: {
      files: input.fileCount,
      managed: managed.length,
      rawBackground: raw.length,
      compliance: compliance(managed.length, raw.length),
      violations: input.violations.length,
      violationsByRule: Object.fromEntries([...countBy(input.violations, (violation) => violation.ruleId)].sort()),
      parseErrors: input.parseErrors,
      exempt: {
        managed: exemptManaged,
        violations: Object.values(input.exempt).reduce((sum, rules) => sum + Object.values(rules).reduce((a, b) => a + b, 0), 0),
        byKind,
      },
      crossFileFlags: managed.filter((site) => site.flags.length > 0).length,
    },
    folders,
    priorities,
    tags: {
      required: input.requiredTags,
      byKey,
      complete: { count: completeCount, percent: percent(completeCount, managed.length) },
      unresolved: managed.filter((site) => site.tags && !site.tags.complete).length,
      missing: managed.filter((site) => !site.tags).length,
    },
    worstFiles,
  };
}
