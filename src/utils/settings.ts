import path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import picomatch from 'picomatch';
import { ManagerModule } from './module-specifiers.js';
import { findSettingsFile, loadSettingsFileCached, type SettingsFileSource } from './settings-files.js';

/** Field names (or dotted paths) of the object given to the submit call. */
export interface ManagerFields {
  id: string;
  run: string;
  priority: string;
  tags: string;
}

/** A manager method that runs a task periodically, used by loop fixes when configured. */
export interface PeriodicSubmit {
  method: string;
  interval: string;
}

export interface ManagerSettings {
  module: string;
  getter: string;
  receivers: string[];
  submit: string[];
  periodic: PeriodicSubmit | null;
  fields: ManagerFields;
  priorityEnum: string;
  priorities: string[];
  defaultPriority: string;
  requiredTags: string[];
  /**
   * How the linted file imports `module` (set per file by `getSettings`): the specifier a fix
   * writes, and which existing specifiers name the same module.
   */
  imports?: ManagerModule;
}

export interface ExemptionSettings {
  tests: string[];
  frameworkInternals: string[];
  requestHandlers: string[];
}

export interface BlockingCall {
  module: string;
  call: string;
  use: string;
}

export interface GovernanceSettings {
  manager: ManagerSettings;
  exemptions: ExemptionSettings;
  blockingCalls: BlockingCall[];
  /**
   * The folder of the settings file that declared each exemption list and `manager.module`:
   * their globs and paths are relative to it. Absent: relative to the working directory
   * (settings given in an ESLint config, and the defaults).
   */
  baseDirs: BaseDirs;
}

export type BaseDirs = Partial<Record<ExemptionKind | 'module', string>>;

export type ExemptionKind = keyof ExemptionSettings;

type SourceCode = Readonly<TSESLint.SourceCode>;

export const SETTINGS_KEY = 'async-governance';

export const DEFAULT_SETTINGS: GovernanceSettings = Object.freeze({
  manager: {
    module: '@/infra/background-manager',
    getter: 'getBackgroundTaskManager',
    receivers: [],
    submit: ['submitEnhancedTask'],
    periodic: null,
    fields: { id: 'taskId', run: 'coroutine', priority: 'priority', tags: 'tags' },
    priorityEnum: 'TaskPriority',
    priorities: ['CRITICAL', 'HIGH', 'NORMAL', 'LOW', 'BACKGROUND'],
    defaultPriority: 'NORMAL',
    requiredTags: ['service', 'type', 'component'],
  },
  exemptions: {
    tests: ['**/*.{test,spec}.*', '**/{test,tests,__tests__}/**'],
    frameworkInternals: [],
    requestHandlers: [],
  },
  blockingCalls: [],
  baseDirs: {},
}) as GovernanceSettings;

/** An ESLint settings key naming the settings file to use instead of searching (the CLI's `--config`). */
export const SETTINGS_FILE_KEY = 'async-governance/settings-file';

/** Thrown for an invalid `settings['async-governance']`; the message names the key. */
export class SettingsError extends Error {
  constructor(key: string, expected: string, got: unknown) {
    super(
      `Invalid settings['${SETTINGS_KEY}'].${key}: expected ${expected}, got ${describe(got)}.`,
    );
    this.name = 'SettingsError';
  }
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The known key closest to a misspelt one, when it is close enough to be a typo. */
export function closestKey(name: string, known: string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

class UnknownKeyError extends SettingsError {
  constructor(key: string, name: string, known: string[], got: unknown) {
    super(key, '', got);
    const guess = closestKey(name, known);
    const where = `settings['${SETTINGS_KEY}']${key ? `.${key}` : ''}`;
    this.message = `Unknown key ${where}.${name}${guess ? `: did you mean '${guess}'?` : '.'} Known keys of ${where}: ${known.join(', ')}.`;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `array ${JSON.stringify(value)}`;
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

type Check = (value: unknown, key: string) => unknown;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmptyString: Check = (value, key) => {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new SettingsError(key, 'a non-empty string', value);
  }
  return value;
};

const stringList: Check = (value, key) => {
  if (!Array.isArray(value)) throw new SettingsError(key, 'an array of strings', value);
  value.forEach((item, index) => nonEmptyString(item, `${key}[${index}]`));
  return [...value];
};

const globList: Check = (value, key) => {
  if (!Array.isArray(value)) throw new SettingsError(key, 'an array of glob strings', value);
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item === '') {
      throw new SettingsError(`${key}[${index}]`, 'a glob string', item);
    }
  });
  return [...value];
};

const stringOrList: Check = (value, key) => {
  if (typeof value === 'string') return [nonEmptyString(value, key)];
  const list = stringList(value, key) as string[];
  if (list.length === 0) throw new SettingsError(key, 'a method name or a non-empty list', value);
  return list;
};

function objectOf(shape: Record<string, Check>, options: { required?: string[] } = {}): Check {
  return (value, key) => {
    if (!isPlainObject(value)) throw new SettingsError(key, 'an object', value);
    const result: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      const check = shape[name];
      if (!check) throw new UnknownKeyError(key, name, Object.keys(shape), item);
      result[name] = check(item, `${key}.${name}`);
    }
    for (const name of options.required ?? []) {
      if (!(name in value)) throw new SettingsError(`${key}.${name}`, 'a value', undefined);
    }
    return result;
  };
}

const periodic: Check = (value, key) =>
  value === null ? null : objectOf({ method: nonEmptyString, interval: nonEmptyString }, { required: ['method', 'interval'] })(value, key);

const blockingCall: Check = (value, key) => {
  const entry = objectOf(
    { module: nonEmptyString, call: nonEmptyString, use: nonEmptyString },
    { required: ['module', 'call'] },
  )(value, key) as Partial<BlockingCall>;
  return { module: entry.module, call: entry.call, use: entry.use ?? 'an asynchronous alternative' };
};

const SHAPE: Record<string, Record<string, Check>> = {
  manager: {
    module: nonEmptyString,
    getter: nonEmptyString,
    receivers: stringList,
    submit: stringOrList,
    periodic,
    fields: objectOf({ id: nonEmptyString, run: nonEmptyString, priority: nonEmptyString, tags: nonEmptyString }),
    priorityEnum: nonEmptyString,
    priorities: stringList,
    defaultPriority: nonEmptyString,
    requiredTags: stringList,
  },
  exemptions: { tests: globList, frameworkInternals: globList, requestHandlers: globList },
};

/**
 * Validates raw settings and merges them with the defaults key by key;
 * an array given in settings replaces the default array.
 */
export function resolveSettings(raw: unknown): GovernanceSettings {
  if (raw === undefined || raw === null) return DEFAULT_SETTINGS;
  if (!isPlainObject(raw)) {
    throw new SettingsError('', 'an object', raw);
  }
  const known = [...Object.keys(SHAPE), 'blockingCalls'];
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) throw new UnknownKeyError('', key, known, raw[key]);
  }
  const manager = mergeSection('manager', raw.manager) as unknown as ManagerSettings;
  if (isPlainObject(raw.manager) && isPlainObject(raw.manager.fields)) {
    manager.fields = { ...DEFAULT_SETTINGS.manager.fields, ...(manager.fields as Partial<ManagerFields>) };
  }
  if (manager.priorities.length === 0) {
    throw new SettingsError('manager.priorities', 'at least one enum member', manager.priorities);
  }
  if (!manager.priorities.includes(manager.defaultPriority)) {
    throw new SettingsError(
      'manager.defaultPriority',
      `one of manager.priorities (${manager.priorities.join(', ')})`,
      manager.defaultPriority,
    );
  }
  const exemptions = mergeSection('exemptions', raw.exemptions) as unknown as ExemptionSettings;
  let blockingCalls: BlockingCall[] = [];
  if (raw.blockingCalls !== undefined) {
    if (!Array.isArray(raw.blockingCalls)) {
      throw new SettingsError('blockingCalls', 'an array of { module, call, use }', raw.blockingCalls);
    }
    blockingCalls = raw.blockingCalls.map((entry, index) => blockingCall(entry, `blockingCalls[${index}]`) as BlockingCall);
  }
  return { manager, exemptions, blockingCalls, baseDirs: {} };
}

function mergeSection(section: keyof typeof SHAPE, value: unknown): Record<string, unknown> {
  const defaults = DEFAULT_SETTINGS[section as keyof GovernanceSettings] as unknown as Record<string, unknown>;
  if (value === undefined) return { ...defaults };
  const checked = objectOf(SHAPE[section])(value, section) as Record<string, unknown>;
  return { ...defaults, ...checked };
}

interface SettingsHolder {
  settings?: Record<string, unknown>;
}

interface SettingsLayer {
  raw: unknown;
  /** The settings file's folder; null for settings given in an ESLint config. */
  dir: string | null;
  file: string | null;
}

const sectionOf = (raw: unknown, section: string): Record<string, unknown> | undefined => {
  const value = isPlainObject(raw) ? raw[section] : undefined;
  return isPlainObject(value) ? value : undefined;
};

/**
 * Validates each layer, then merges them key by key, later layers on top (an array replaces
 * the one below). Globs and `manager.module` stay relative to the folder of the layer that set them.
 */
export function resolveLayers(layers: SettingsLayer[]): GovernanceSettings {
  const present = layers.filter((layer) => layer.raw !== undefined && layer.raw !== null);
  for (const layer of present) {
    try {
      resolveSettings(layer.raw);
    } catch (error) {
      if (error instanceof SettingsError && layer.file) error.message = `${layer.file}: ${error.message}`;
      throw error;
    }
  }
  if (present.length === 0) return DEFAULT_SETTINGS;
  const merged: Record<string, unknown> = {};
  const baseDirs: BaseDirs = {};
  for (const layer of present) {
    const raw = layer.raw as Record<string, unknown>;
    const manager = sectionOf(raw, 'manager');
    if (manager) {
      const below = (merged.manager ?? {}) as Record<string, unknown>;
      const fields = isPlainObject(manager.fields) ? { ...(below.fields as object | undefined), ...manager.fields } : below.fields;
      merged.manager = { ...below, ...manager, ...(fields ? { fields } : {}) };
      if ('module' in manager) setBase(baseDirs, 'module', layer.dir);
    }
    const exemptions = sectionOf(raw, 'exemptions');
    if (exemptions) {
      merged.exemptions = { ...(merged.exemptions as object | undefined), ...exemptions };
      for (const kind of Object.keys(exemptions)) setBase(baseDirs, kind as ExemptionKind, layer.dir);
    }
    if (raw.blockingCalls !== undefined) merged.blockingCalls = raw.blockingCalls;
  }
  const settings = resolveSettings(merged);
  return { ...settings, baseDirs };
}

function setBase(baseDirs: BaseDirs, key: keyof BaseDirs, dir: string | null): void {
  if (dir === null) delete baseDirs[key];
  else baseDirs[key] = dir;
}

// Keyed by the settings file found and then by the ESLint settings object; weakly, so a
// settings file re-read after an edit lets go of what was merged from the old one.
const mergedCache = new WeakMap<object, WeakMap<object, GovernanceSettings>>();
const NO_SETTINGS_FILE = {};
const NO_ESLINT_SETTINGS = {};

/** The settings file that applies to `filename`: the one ESLint settings name, or the nearest one. */
export function settingsFileFor(filename: string | undefined, cwd: string, eslintSettings?: Record<string, unknown>): SettingsFileSource | null {
  const named = eslintSettings?.[SETTINGS_FILE_KEY];
  if (typeof named === 'string') return loadSettingsFileCached(path.resolve(cwd, named));
  return filename === undefined ? null : findSettingsFile(path.dirname(path.resolve(cwd, filename)));
}

/**
 * The settings for one file, as every surface resolves them: the nearest settings file
 * (`async-governance.config.json`, `.mjs` or `package.json#asyncGovernance`, from the file's
 * folder upwards), with ESLint's `settings['async-governance']` merged on top key by key.
 */
export function settingsForFile(filename: string | undefined, cwd: string, eslintSettings?: Record<string, unknown>): GovernanceSettings {
  const source = settingsFileFor(filename, cwd, eslintSettings);
  const eslintRaw = eslintSettings?.[SETTINGS_KEY];
  const key = typeof eslintRaw === 'object' && eslintRaw !== null ? eslintRaw : NO_ESLINT_SETTINGS;
  let bySettings = mergedCache.get(source ?? NO_SETTINGS_FILE);
  if (!bySettings) mergedCache.set(source ?? NO_SETTINGS_FILE, (bySettings = new WeakMap()));
  let settings = bySettings.get(key);
  if (!settings) {
    settings = resolveLayers([
      { raw: source?.raw, dir: source?.dir ?? null, file: source?.file ?? null },
      { raw: eslintRaw, dir: null, file: null },
    ]);
    bySettings.set(key, settings);
  }
  return settings;
}

// Per linted file (its SourceCode) and ESLint settings object: every rule asks once.
const perFile = new WeakMap<object, WeakMap<object, GovernanceSettings>>();

/**
 * The validated settings of the linted file (see `settingsForFile`), with `manager.imports`
 * telling fixes how this file imports the manager module. Resolved once per file.
 */
export function getSettings(context: SettingsHolder & { filename?: string; cwd?: string; sourceCode?: object }): GovernanceSettings {
  const settingsKey = context.settings ?? NO_ESLINT_SETTINGS;
  let forFile = context.sourceCode && perFile.get(context.sourceCode);
  const cached = forFile?.get(settingsKey);
  if (cached) return cached;
  const cwd = context.cwd ?? process.cwd();
  const base = settingsForFile(context.filename, cwd, context.settings);
  if (!context.filename || !context.sourceCode) return base;
  const moduleBase = base.baseDirs.module ?? cwd;
  const imports = new ManagerModule(base.manager.module, moduleBase, path.resolve(cwd, context.filename), context.sourceCode as SourceCode);
  const settings = { ...base, manager: { ...base.manager, imports } };
  if (!forFile) perFile.set(context.sourceCode, (forFile = new WeakMap()));
  forFile.set(settingsKey, settings);
  return settings;
}

/** Turns a file path into the POSIX path relative to `cwd` that exemption globs match. */
export function toMatchPath(filename: string, cwd: string): string {
  const file = filename.replace(/\\/g, '/');
  const base = cwd.replace(/\\/g, '/').replace(/\/+$/, '');
  const sameCase = /^[a-z]:\//i.test(file);
  const fileKey = sameCase ? file.toLowerCase() : file;
  const baseKey = sameCase ? base.toLowerCase() : base;
  if (base && fileKey.startsWith(`${baseKey}/`)) return file.slice(base.length + 1);
  // Outside cwd: match the absolute path without its root so `**/` globs still apply.
  return file.replace(/^[a-z]:\//i, '').replace(/^\/+/, '');
}

type PathMatcher = (path: string) => boolean;

const matcherCache = new WeakMap<string[], PathMatcher>();

function matcherFor(globs: string[]): PathMatcher {
  let matcher = matcherCache.get(globs);
  if (!matcher) {
    const compiled = picomatch(globs, { dot: true });
    matcher = (path) => compiled(path);
    matcherCache.set(globs, matcher);
  }
  return matcher;
}

/** Whether `filename` matches one of the given globs (relative to `cwd`, POSIX separators). */
export function matchesGlobs(globs: string[], filename: string, cwd: string): boolean {
  if (globs.length === 0) return false;
  return matcherFor(globs)(toMatchPath(filename, cwd));
}

interface FileContext extends SettingsHolder {
  filename: string;
  cwd: string;
  sourceCode?: object;
}

// Every rule asks the same question of the same file; picomatch costs more than the rest of a
// rule's create(). Keyed by the file's SourceCode, so nothing outlives the file or crosses files.
const exemptionsByFile = new WeakMap<object, Map<string[], boolean>>();

/**
 * Whether `filename` falls under an exemption: its globs match the path relative to the folder
 * of the settings file that declared them (relative to `cwd` for ESLint settings and defaults).
 */
export function matchesExemption(settings: GovernanceSettings, kind: ExemptionKind, filename: string, cwd: string): boolean {
  const globs = settings.exemptions[kind];
  if (globs.length === 0) return false;
  return matchesGlobs(globs, path.resolve(cwd, filename), settings.baseDirs[kind] ?? cwd);
}

function fileMatches(context: FileContext, settings: GovernanceSettings, kind: ExemptionKind): boolean {
  const globs = settings.exemptions[kind];
  if (globs.length === 0) return false;
  if (!context.sourceCode) return matchesExemption(settings, kind, context.filename, context.cwd);
  let answers = exemptionsByFile.get(context.sourceCode);
  if (!answers) exemptionsByFile.set(context.sourceCode, (answers = new Map()));
  let answer = answers.get(globs);
  if (answer === undefined) answers.set(globs, (answer = matchesExemption(settings, kind, context.filename, context.cwd)));
  return answer;
}

/** Whether the linted file falls under one of the named exemptions. */
export function isExemptFile(context: FileContext, kinds: ExemptionKind[]): boolean {
  const settings = getSettings(context);
  return kinds.some((kind) => fileMatches(context, settings, kind));
}
