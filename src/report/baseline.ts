import type { Violation } from './raw.js';

/** What changed since a previous report: violations matched by rule, file and line text. */
export interface BaselineDiff {
  previousCompliance: number | null;
  complianceDelta: number | null;
  newViolations: Violation[];
  fixedViolations: Violation[];
}

interface BaselineLike {
  schemaVersion?: unknown;
  summary?: { compliance?: unknown };
  violations?: unknown;
}

/** Thrown for a baseline file that is not a report this tool wrote. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

// Line numbers move when code above changes; the reported text rarely does.
const keyOf = (violation: Pick<Violation, 'ruleId' | 'file' | 'snippet'>): string =>
  `${violation.ruleId}\0${violation.file}\0${violation.snippet}`;

function isViolation(value: unknown): value is Violation {
  const item = value as Violation;
  return typeof item === 'object' && item !== null && typeof item.ruleId === 'string' && typeof item.file === 'string' && typeof item.snippet === 'string';
}

/** Compares violations with a previous JSON report: same key counted more now is new, fewer is fixed. */
export function diffBaseline(current: { compliance: number; violations: Violation[] }, baseline: unknown): BaselineDiff {
  const previous = baseline as BaselineLike;
  if (typeof previous !== 'object' || previous === null || typeof previous.schemaVersion !== 'number' || !Array.isArray(previous.violations)) {
    throw new BaselineError('The baseline is not an async-governance JSON report (no schemaVersion or violations).');
  }
  if (previous.schemaVersion > 1) {
    throw new BaselineError(`The baseline uses schema version ${previous.schemaVersion}; this version reads version 1.`);
  }
  const before = new Map<string, Violation[]>();
  for (const violation of previous.violations.filter(isViolation)) {
    const list = before.get(keyOf(violation)) ?? [];
    list.push(violation);
    before.set(keyOf(violation), list);
  }
  const newViolations: Violation[] = [];
  for (const violation of current.violations) {
    const matches = before.get(keyOf(violation));
    if (matches && matches.length > 0) matches.shift();
    else newViolations.push(violation);
  }
  const fixedViolations = [...before.values()].flat();
  const previousCompliance = typeof previous.summary?.compliance === 'number' ? previous.summary.compliance : null;
  return {
    previousCompliance,
    complianceDelta: previousCompliance === null ? null : Math.round((current.compliance - previousCompliance) * 10) / 10,
    newViolations,
    fixedViolations,
  };
}
