import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type GovernanceSettings, resolveSettings } from '../utils/settings.js';
import { UsageError } from './errors.js';

/** Where the plugin settings of a file came from, in the order they are looked for in each folder. */
export const SETTINGS_FILES = ['async-governance.config.json', 'async-governance.config.mjs', 'package.json'] as const;

export interface SettingsSource {
  /** The file that held the settings, or null when the defaults apply. */
  file: string | null;
  /** The raw object for `settings['async-governance']` (undefined for the defaults). */
  raw: unknown;
  settings: GovernanceSettings;
}

const DEFAULTS: SettingsSource = { file: null, raw: undefined, settings: resolveSettings(undefined) };

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read settings from ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Loads an ES module by URL; the bundled hook gets one from the bin's entry module. */
export type ImportModule = (url: string) => Promise<unknown>;

const nativeImport: ImportModule = (url) => import(url);

async function readModule(file: string, importModule: ImportModule): Promise<unknown> {
  try {
    const module = (await importModule(pathToFileURL(file).href)) as { default?: unknown };
    return module.default;
  } catch (error) {
    throw new UsageError(`Cannot load settings from ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Reads one settings file; `package.json` contributes its `asyncGovernance` key (undefined when absent). */
export async function readSettingsFile(file: string, importModule: ImportModule = nativeImport): Promise<unknown> {
  if (path.basename(file) === 'package.json') {
    const pkg = readJson(file);
    return typeof pkg === 'object' && pkg !== null ? (pkg as Record<string, unknown>).asyncGovernance : undefined;
  }
  if (/\.[cm]?js$/.test(file)) return readModule(file, importModule);
  return readJson(file);
}

function validate(file: string, raw: unknown): SettingsSource {
  try {
    return { file, raw, settings: resolveSettings(raw) };
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
}

/** Loads the settings named by `--config FILE`. */
export async function loadSettingsFile(file: string, importModule: ImportModule = nativeImport): Promise<SettingsSource> {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new UsageError(`Settings file not found: ${file}`);
  const raw = await readSettingsFile(absolute, importModule);
  if (raw === undefined && path.basename(absolute) === 'package.json') {
    throw new UsageError(`${file} has no "asyncGovernance" key`);
  }
  return validate(absolute, raw);
}

/**
 * Finds the settings for files in `directory`: in each folder from `directory` up to the
 * filesystem root, `async-governance.config.json`, then `async-governance.config.mjs`, then
 * `package.json#asyncGovernance`; the first one found wins. Results are cached per folder.
 */
export class SettingsFinder {
  readonly #cache = new Map<string, Promise<SettingsSource>>();

  constructor(private readonly importModule: ImportModule = nativeImport) {}

  find(directory: string): Promise<SettingsSource> {
    const dir = path.resolve(directory);
    let found = this.#cache.get(dir);
    if (!found) {
      found = this.#lookup(dir);
      this.#cache.set(dir, found);
    }
    return found;
  }

  async #lookup(dir: string): Promise<SettingsSource> {
    for (const name of SETTINGS_FILES) {
      const file = path.join(dir, name);
      if (!existsSync(file)) continue;
      const raw = await readSettingsFile(file, this.importModule);
      if (raw === undefined && name === 'package.json') continue;
      return validate(file, raw);
    }
    const parent = path.dirname(dir);
    return parent === dir ? DEFAULTS : this.find(parent);
  }
}
