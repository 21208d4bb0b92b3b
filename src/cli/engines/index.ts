import { UsageError } from '../errors.js';
import { findOxlint, oxlintEngine } from './oxlint.js';
import type { Concurrency, EngineOptions, LintEngine } from './types.js';

export const ENGINES = ['auto', 'eslint', 'oxlint'] as const;
export type EngineName = (typeof ENGINES)[number];
export type { Concurrency, LintEngine } from './types.js';

/**
 * The engine for a run: `auto` takes oxlint when it is installed, since `check` never needs type
 * information; standard input always goes through ESLint (oxlint lints files only). ESLint is
 * loaded only when it runs the rules.
 */
export async function selectEngine(name: EngineName, options: EngineOptions & { stdin: boolean }): Promise<LintEngine> {
  const eslintEngine = async () => (await import('./eslint.js')).eslintEngine(options);
  if (name === 'eslint' || (name === 'auto' && options.stdin)) return eslintEngine();
  if (options.stdin) throw new UsageError('check: --engine oxlint cannot lint --stdin (oxlint reads files only); use --engine eslint');
  const oxlint = findOxlint();
  if ('bin' in oxlint) return oxlintEngine(oxlint, options);
  if (name === 'oxlint') throw new UsageError(`check: --engine oxlint: ${oxlint.missing}`);
  return eslintEngine();
}

/** Parses `--concurrency N|auto|off`. */
export function parseConcurrency(value: string | undefined): Concurrency {
  if (value === undefined || value === 'off') return 'off';
  if (value === 'auto') return 'auto';
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`check: --concurrency needs a whole number of threads, auto or off, got '${value}'`);
  return count;
}
