import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignoreModule, { type Ignore } from 'ignore';
import { UsageError } from './errors.js';
import { isLintedFile, isMinifiedBundle } from './file-kinds.js';

// `ignore` is CommonJS whose types declare an ES default export.
const ignore = ignoreModule as unknown as () => Ignore;

/** Folders never walked into: dependencies and build output. */
export const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'coverage', '.git']);

/**
 * Files below `root` whose name passes `accept`, skipping dependency, build and dot folders,
 * up to `limit` of them: a quick look for `init`, which ignores .gitignore.
 */
export function sampleFiles(root: string, accept: (name: string) => boolean, limit: number): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (found.length >= limit) return;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) visit(file);
      } else if (entry.isFile() && accept(entry.name)) found.push(file);
    }
  };
  visit(root);
  return found;
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

function readGitignore(dir: string): IgnoreLayer | null {
  const file = path.join(dir, '.gitignore');
  if (!existsSync(file)) return null;
  return { base: dir, rules: ignore().add(readFileSync(file, 'utf8')) };
}

function isIgnored(layers: IgnoreLayer[], absolute: string, isDirectory: boolean): boolean {
  return layers.some(({ base, rules }) => {
    const relative = path.relative(base, absolute).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('..')) return false;
    return rules.ignores(isDirectory ? `${relative}/` : relative);
  });
}

/** The `.gitignore` files that apply above `dir`, up to the repository root. */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const layers: IgnoreLayer[] = [];
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const layer = readGitignore(current);
    if (layer) layers.unshift(layer);
    if (existsSync(path.join(current, '.git')) || path.dirname(current) === current) break;
  }
  return existsSync(path.join(dir, '.git')) ? [] : layers;
}

function walk(dir: string, layers: IgnoreLayer[], out: string[]): void {
  const own = readGitignore(dir);
  const active = own ? [...layers, own] : layers;
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_FOLDERS.has(entry.name) || isIgnored(active, absolute, true)) continue;
      walk(absolute, active, out);
    } else if (entry.isFile() && isLintedFile(entry.name) && !isMinifiedBundle(entry.name) && !isIgnored(active, absolute, false)) {
      out.push(absolute);
    }
  }
}

/**
 * The JS/TS files under `paths`: folders are walked respecting `.gitignore` files and skipping
 * dependency and build folders and minified bundles; a file named explicitly is linted as given.
 */
export function collectFiles(paths: string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    if (!existsSync(absolute)) throw new UsageError(`No such file or folder: ${given}`);
    if (statSync(absolute).isDirectory()) {
      const found: string[] = [];
      walk(absolute, ancestorLayers(absolute), found);
      found.forEach((file) => files.add(file));
    } else if (isLintedFile(absolute)) {
      files.add(absolute);
    }
  }
  return [...files];
}

/**
 * The folder ESLint should treat as its base: `cwd`, or the nearest folder that also holds
 * every file (ESLint ignores files outside its base path).
 */
export function lintBase(cwd: string, files: string[]): string {
  let base = path.resolve(cwd);
  const inside = (file: string): boolean => {
    const relative = path.relative(base, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  for (const file of files) {
    while (!inside(path.resolve(cwd, file)) && path.dirname(base) !== base) base = path.dirname(base);
  }
  return base;
}
