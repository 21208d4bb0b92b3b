import type { ESLint } from 'eslint';
import type { SettingsSource } from '../settings-file.js';

/** How many linting threads: a count, `auto`, or `off` (the engine's default). */
export type Concurrency = number | 'auto' | 'off';

/** One way to run the plugin's rules over files; every engine returns ESLint's result shape. */
export interface LintEngine {
  name: 'eslint' | 'oxlint';
  /** Files per call when a progress line is shown (each call has a fixed start-up cost). */
  progressChunk: number;
  /** Lints `files` (absolute) with one settings source; with `fix`, fixes are applied as configured. */
  lintFiles(files: string[], source: SettingsSource, cwd: string): Promise<ESLint.LintResult[]>;
  /** Writes the fixed files (an engine that fixes in place does nothing here). */
  writeFixes(results: ESLint.LintResult[]): Promise<void>;
}

export interface EngineOptions {
  fix: boolean;
  concurrency: Concurrency;
}
