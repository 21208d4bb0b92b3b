import picomatch from 'picomatch';

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
}

export type ExemptionKind = keyof ExemptionSettings;

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
}) as GovernanceSettings;

/** Thrown for an invalid `settings['async-governance']`; the message names the key. */
export class SettingsError extends Error {
  constructor(key: string, expected: string, got: unknown) {
    super(
      `Invalid settings['${SETTINGS_KEY}'].${key}: expected ${expected}, got ${describe(got)}.`,
    );
    this.name = 'SettingsError';
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
      if (!check) {
        throw new SettingsError(
          `${key}.${name}`,
          `no such key (known keys: ${Object.keys(shape).join(', ')})`,
          item,
        );
      }
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
    if (!known.includes(key)) {
      throw new SettingsError(key, `no such key (known keys: ${known.join(', ')})`, raw[key]);
    }
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
  return { manager, exemptions, blockingCalls };
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

const resolved = new WeakMap<object, GovernanceSettings>();

/** The validated settings of a lint run; validation happens once per settings object. */
export function getSettings(context: SettingsHolder): GovernanceSettings {
  const raw = context.settings?.[SETTINGS_KEY];
  if (raw === undefined || raw === null) return DEFAULT_SETTINGS;
  if (typeof raw !== 'object') return resolveSettings(raw);
  let settings = resolved.get(raw);
  if (!settings) {
    settings = resolveSettings(raw);
    resolved.set(raw, settings);
  }
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

function fileMatches(context: FileContext, globs: string[]): boolean {
  if (globs.length === 0) return false;
  if (!context.sourceCode) return matchesGlobs(globs, context.filename, context.cwd);
  let answers = exemptionsByFile.get(context.sourceCode);
  if (!answers) exemptionsByFile.set(context.sourceCode, (answers = new Map()));
  let answer = answers.get(globs);
  if (answer === undefined) answers.set(globs, (answer = matchesGlobs(globs, context.filename, context.cwd)));
  return answer;
}

/** Whether the linted file falls under one of the named exemptions. */
export function isExemptFile(context: FileContext, kinds: ExemptionKind[]): boolean {
  const { exemptions } = getSettings(context);
  return kinds.some((kind) => fileMatches(context, exemptions[kind]));
}
