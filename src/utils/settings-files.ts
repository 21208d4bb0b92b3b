import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The files that hold plugin settings, in the order they are looked for in each folder. */
export const SETTINGS_FILES = ['async-governance.config.json', 'async-governance.config.mjs', 'package.json'] as const;

/** The raw settings object of one settings file and the folder its globs and paths are relative to. */
export interface SettingsFileSource {
  file: string;
  dir: string;
  /** The object for `settings['async-governance']`, not yet validated. */
  raw: unknown;
}

/** A settings file that cannot be read; the message names the file. */
export class SettingsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsFileError';
  }
}

const firstLine = (error: unknown): string => (error as Error).message.split('\n')[0];

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SettingsFileError(`Cannot read settings from ${file}: ${firstLine(error)}`);
  }
}

/**
 * Loads the default export of an ES module synchronously: Node >= 20.19 can `require()` an ES
 * module that has no top-level await, which lets a rule read `async-governance.config.mjs`.
 */
function readModule(file: string): unknown {
  try {
    const loaded = createRequire(file)(file) as { default?: unknown; __esModule?: boolean };
    return loaded && typeof loaded === 'object' && 'default' in loaded ? loaded.default : loaded;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ERR_REQUIRE_ASYNC_MODULE'
      ? 'it uses top-level await, which a lint rule cannot wait for; compute the settings without it, or use async-governance.config.json'
      : code === 'ERR_REQUIRE_ESM'
        ? 'this Node.js cannot require() an ES module (Node.js >= 20.19 can); use async-governance.config.json'
        : firstLine(error);
    throw new SettingsFileError(`Cannot load settings from ${file}: ${why}`);
  }
}

/** Reads one settings file; `package.json` contributes its `asyncGovernance` key (undefined when absent). */
export function readSettingsFileSync(file: string): unknown {
  if (path.basename(file) === 'package.json') {
    const pkg = readJson(file);
    return typeof pkg === 'object' && pkg !== null ? (pkg as Record<string, unknown>).asyncGovernance : undefined;
  }
  if (/\.[cm]?js$/.test(file)) return readModule(file);
  return readJson(file);
}

/** Loads a named settings file (`--config FILE`); the folder of the file is the base of its globs. */
export function loadSettingsFileSync(file: string): SettingsFileSource {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new SettingsFileError(`Settings file not found: ${file}`);
  const raw = readSettingsFileSync(absolute);
  if (raw === undefined && path.basename(absolute) === 'package.json') throw new SettingsFileError(`${file} has no "asyncGovernance" key`);
  return { file: absolute, dir: path.dirname(absolute), raw };
}

interface CacheEntry {
  source: SettingsFileSource | null;
  /** Modification time of the file found, to notice edits in a long-running editor process. */
  mtimeMs: number;
}

// Per process (so per ESLint --concurrency worker): nothing here is shared across threads.
const byFolder = new Map<string, CacheEntry>();
const explicitFiles = new Map<string, CacheEntry>();

const mtimeOf = (file: string | undefined): number => {
  if (file === undefined) return 0;
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

function lookup(dir: string): CacheEntry {
  for (const name of SETTINGS_FILES) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    const raw = readSettingsFileSync(file);
    if (raw === undefined && name === 'package.json') continue;
    return { source: { file, dir, raw }, mtimeMs: mtimeOf(file) };
  }
  const parent = path.dirname(dir);
  return parent === dir ? { source: null, mtimeMs: 0 } : cachedLookup(parent);
}

function cachedLookup(dir: string): CacheEntry {
  let entry = byFolder.get(dir);
  if (!entry) {
    entry = lookup(dir);
    byFolder.set(dir, entry);
  }
  return entry;
}

/**
 * The settings file for files in `directory`: in each folder from `directory` up to the
 * filesystem root, `async-governance.config.json`, then `async-governance.config.mjs`, then
 * `package.json#asyncGovernance`; the first one found wins. Null when there is none.
 * Results are cached per folder; an edit to the file found is noticed by its modification time.
 */
export function findSettingsFile(directory: string): SettingsFileSource | null {
  const dir = path.resolve(directory);
  const entry = cachedLookup(dir);
  if (entry.source && mtimeOf(entry.source.file) !== entry.mtimeMs) {
    byFolder.clear();
    return cachedLookup(dir).source;
  }
  return entry.source;
}

/** `loadSettingsFileSync`, cached by path and modification time. */
export function loadSettingsFileCached(file: string): SettingsFileSource {
  const absolute = path.resolve(file);
  const entry = explicitFiles.get(absolute);
  if (entry?.source && mtimeOf(absolute) === entry.mtimeMs) return entry.source;
  const source = loadSettingsFileSync(absolute);
  explicitFiles.set(absolute, { source, mtimeMs: mtimeOf(absolute) });
  return source;
}
