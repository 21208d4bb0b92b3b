import type { ESLint } from 'eslint';

/** How many linting threads: a count, `auto`, or `off` (the engine's default). */
export type Concurrency = number | 'auto' | 'off';

/** One way to run the plugin's rules over files; every engine returns ESLint's result shape. */
export interface LintEngine {
  name: 'eslint' | 'oxlint';
  /** Files per call when a progress line is shown (each call has a fixed start-up cost). */
  progressChunk: number;
  /**
   * Lints `files` (absolute) with the ESLint `settings` of the run (empty: the rules find each
   * file's settings file; `--config FILE` names one for all); with `fix`, fixes are applied.
   */
  lintFiles(files: string[], settings: Record<string, unknown>, cwd: string): Promise<ESLint.LintResult[]>;
  /** Writes the fixed files (an engine that fixes in place does nothing here). */
  writeFixes(results: ESLint.LintResult[]): Promise<void>;
}

export interface EngineOptions {
  fix: boolean;
  concurrency: Concurrency;
  /**
   * Which findings need their fix and suggestion data (ESLint always has it): `all` for the JSON
   * output; `fixes` where only the "potentially fixable" counts show it.
   */
  details?: 'all' | 'fixes';
}
