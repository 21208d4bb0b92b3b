import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../utils/settings.js';
import { SETTINGS_FILES } from '../utils/settings-files.js';
import { sampleFiles } from './files.js';

export const SETTINGS_FILE = 'async-governance.config.json';

/** Stop looking for the manager after this many source files: init must stay quick in a monorepo. */
const MAX_FILES_SEARCHED = 20_000;

interface SettingsStep {
  file: string;
  action: 'create' | 'unchanged';
  summary: string;
  content?: string;
}

const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const escape = (name: string): string => name.replace(/[$]/g, '\\$');

/**
 * The source files under `root` that export the manager getter, found by a text search
 * (dependency, build and dot folders skipped); the shortest path first, test files last.
 */
export function findManagerFiles(root: string, getter: string = DEFAULT_SETTINGS.manager.getter): string[] {
  const name = escape(getter);
  const exports = new RegExp(
    `export\\s+(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*${name}\\b|export\\s+(?:const|let|var)\\s+${name}\\b|export\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`,
  );
  // Files over 1 MB are generated or vendored, not the manager.
  const found = sampleFiles(root, (fileName) => SOURCE.test(fileName) && !fileName.endsWith('.d.ts'), MAX_FILES_SEARCHED)
    .filter((file) => statSync(file).size <= 1_000_000 && exports.test(readFileSync(file, 'utf8')));
  const isTest = (file: string) => /\.(?:test|spec)\.|[\\/](?:test|tests|__tests__)[\\/]/.test(file);
  return found.sort((a, b) => Number(isTest(a)) - Number(isTest(b)) || a.length - b.length || a.localeCompare(b));
}

function existingSettings(root: string): string | null {
  for (const name of SETTINGS_FILES) {
    const file = path.join(root, name);
    if (!existsSync(file)) continue;
    if (name !== 'package.json') return name;
    try {
      if ((JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>).asyncGovernance !== undefined) return 'package.json#asyncGovernance';
    } catch {
      // An unreadable package.json is reported by the lint-staged step.
    }
  }
  return null;
}

/** Settings a folder above the repository folder gives it (the first found wins, so a new file here would replace them). */
export function inheritedSettings(root: string): string | null {
  if (existsSync(path.join(root, '.git'))) return null;
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    for (const name of SETTINGS_FILES.filter((name) => name !== 'package.json')) {
      if (existsSync(path.join(dir, name))) return path.join(dir, name);
    }
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { asyncGovernance?: unknown } | null)?.asyncGovernance !== undefined) return pkg;
      } catch {
        // Not ours to judge: the CLI reports an unreadable package.json when it reads settings.
      }
    }
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return null;
  }
}

/**
 * Plans `async-governance.config.json`, the one settings file that the rules (under ESLint or
 * in an editor), `check`, `report`, lint-staged and the hook all read. `manager.module` names the
 * file that exports the manager getter when a text search finds one.
 */
export function planSettingsFile(root: string): SettingsStep {
  const existing = existingSettings(root);
  if (existing) return { file: existing, action: 'unchanged', summary: 'already holds the async-governance settings' };
  // A package of a monorepo inherits its root's settings; a file here would replace them.
  const inherited = inheritedSettings(root);
  if (inherited) return { file: path.relative(root, inherited), action: 'unchanged', summary: 'the settings this folder inherits' };
  const { manager } = DEFAULT_SETTINGS;
  const [managerFile] = findManagerFiles(root, manager.getter);
  const relative = managerFile ? `./${path.relative(root, managerFile).split(path.sep).join('/')}` : null;
  const settings = {
    manager: {
      ...(relative ? { module: relative } : {}),
      getter: manager.getter,
      submit: manager.submit[0],
      priorityEnum: manager.priorityEnum,
      defaultPriority: manager.defaultPriority,
      requiredTags: manager.requiredTags,
    },
    // The manager's own file runs the work the rules push to it.
    exemptions: { frameworkInternals: relative ? [relative.slice(2)] : [] },
  };
  const summary = relative
    ? `settings for every surface; manager.module is ${relative} (it exports ${manager.getter})`
    : `settings for every surface; no file exports ${manager.getter}: set manager.module to your manager's source file (or package) and its getter`;
  return { file: SETTINGS_FILE, action: 'create', summary, content: `${JSON.stringify(settings, null, 2)}\n` };
}
