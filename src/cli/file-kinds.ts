import path from 'node:path';

/** Extensions the plugin's configs lint. */
export const LINTED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Whether a path names a JS/TS source file the plugin lints (declaration files hold no code). */
export function isLintedFile(file: string): boolean {
  if (/\.d\.[cm]?ts$/i.test(file)) return false;
  return LINTED_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/**
 * A minified bundle by its name (`x.min.js`, `x-min.mjs`, …): vendored, generated code that no
 * one edits. The configs leave it out (MINIFIED_FILES in src/configs), folder walks pass over it,
 * the hook lets its writes through, and oxlint does not lint it even when named.
 */
export function isMinifiedBundle(file: string): boolean {
  return /[.-]min\.[cm]?[jt]sx?$/.test(path.basename(file));
}
