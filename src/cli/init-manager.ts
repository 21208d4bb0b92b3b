import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type PeriodicSubmit, resolveSettings } from '../utils/settings.js';
import { UsageError } from './errors.js';
import { sampleFiles } from './files.js';
import { jsonIndent, parseJsonObject, toJson } from './json-file.js';
import { inheritedSettings } from './init-settings.js';
import { DEFAULT_PERIODIC, type ManagerLanguage, renderManager } from './manager-template.js';

/** One planned change, as `init` prints and writes it. */
export interface InitStep {
  file: string;
  action: 'create' | 'update' | 'manual' | 'unchanged';
  summary: string;
  content?: string;
}

export interface ManagerRequest {
  /** The manager's path relative to the repository, or null for the default. */
  target: string | null;
  force: boolean;
}

/** The content a file will have once the earlier steps of the plan are written, or null to read the disk. */
export type PlannedContent = (file: string) => string | null;

const SETTINGS_JSON = 'async-governance.config.json';
const SETTINGS_MJS = 'async-governance.config.mjs';

/**
 * Takes `--manager [path]` and `--force` out of init's arguments (parseArgs has no optional
 * values): `--manager`, `--manager=path` or `--manager path`.
 */
export function extractManagerArgs(argv: string[]): { rest: string[]; manager: ManagerRequest | null } {
  const rest: string[] = [];
  // undefined: no --manager; null: the default path.
  let target: string | null | undefined;
  let force = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--force') force = true;
    else if (arg.startsWith('--manager=')) target = arg.slice('--manager='.length) || null;
    else if (arg === '--manager') {
      const next = argv[index + 1];
      target = next !== undefined && !next.startsWith('-') ? next : null;
      if (target !== null) index += 1;
    } else rest.push(arg);
  }
  if (target === undefined) {
    if (force) throw new UsageError('--force only applies to --manager');
    return { rest, manager: null };
  }
  return { rest, manager: { target, force } };
}

function readText(root: string, file: string, planned: PlannedContent): string | null {
  return planned(file) ?? (existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : null);
}


function readJsonFile(root: string, file: string, planned: PlannedContent): Record<string, unknown> | null {
  const text = readText(root, file, planned);
  return text === null ? null : parseJsonObject(text, file);
}

/** A few source files of the repository, to tell its module style. */
function sampleSources(root: string, limit = 40): string[] {
  return sampleFiles(root, (name) => name.endsWith('.js'), limit);
}

/** How `.js` files of the repository are written: ES modules when most use import/export. */
function jsModuleStyle(root: string, pkg: Record<string, unknown> | null): 'esm' | 'cjs' {
  if (pkg?.type === 'module') return 'esm';
  let esm = 0;
  let cjs = 0;
  for (const file of sampleSources(root)) {
    const text = readFileSync(file, 'utf8');
    if (/^\s*(import\s[^(]|export\s)/m.test(text)) esm += 1;
    else if (/\brequire\s*\(|\bmodule\.exports\b/.test(text)) cjs += 1;
  }
  return esm > cjs ? 'esm' : 'cjs';
}

/** A TypeScript repository has a tsconfig.json or depends on typescript; anything else gets JavaScript. */
function isTypeScriptRepository(root: string, pkg: Record<string, unknown> | null): boolean {
  if (existsSync(path.join(root, 'tsconfig.json'))) return true;
  return ['dependencies', 'devDependencies', 'peerDependencies'].some((key) => {
    const deps = pkg?.[key];
    return typeof deps === 'object' && deps !== null && 'typescript' in deps;
  });
}

/** The manager file (POSIX, relative to the repository) and the flavour to write it in. */
function chooseManagerFile(root: string, target: string | null, pkg: Record<string, unknown> | null): { file: string; language: ManagerLanguage } {
  if (target !== null) {
    const file = path.relative(root, path.resolve(root, target)).split(path.sep).join('/');
    if (file.startsWith('../') || path.isAbsolute(file)) throw new UsageError(`init --manager: ${target} is outside the repository`);
    const extension = path.extname(file);
    if (['.ts', '.mts', '.cts'].includes(extension)) return { file, language: 'ts' };
    if (extension === '.mjs') return { file, language: 'esm' };
    if (extension === '.cjs') return { file, language: 'cjs' };
    if (extension === '.js') return { file, language: jsModuleStyle(root, pkg) };
    throw new UsageError(`init --manager: ${target} should end in .ts, .mts, .cts, .js, .mjs or .cjs`);
  }
  const base = !existsSync(path.join(root, 'src')) && existsSync(path.join(root, 'lib')) ? 'lib' : 'src';
  if (isTypeScriptRepository(root, pkg)) return { file: `${base}/infra/background-manager.ts`, language: 'ts' };
  return { file: `${base}/infra/background-manager.js`, language: jsModuleStyle(root, pkg) };
}

const LANGUAGE_NAMES: Record<ManagerLanguage, string> = { ts: 'TypeScript', esm: 'JavaScript with JSDoc types, ES module', cjs: 'JavaScript with JSDoc types, CommonJS' };

interface SettingsSource {
  file: string;
  /** Where the settings object sits in the file: the whole file, or package.json's key. */
  key: 'file' | 'asyncGovernance';
  raw: Record<string, unknown>;
  json: Record<string, unknown> | null;
  indent: string;
}

function findSettings(root: string, planned: PlannedContent): SettingsSource | 'mjs' {
  const own = readJsonFile(root, SETTINGS_JSON, planned);
  if (own) return { file: SETTINGS_JSON, key: 'file', raw: own, json: own, indent: jsonIndent(readText(root, SETTINGS_JSON, planned)) };
  if (planned(SETTINGS_MJS) !== null || existsSync(path.join(root, SETTINGS_MJS))) return 'mjs';
  const pkg = readJsonFile(root, 'package.json', planned);
  const nested = pkg?.asyncGovernance;
  if (pkg && typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
    return { file: 'package.json', key: 'asyncGovernance', raw: nested as Record<string, unknown>, json: pkg, indent: jsonIndent(readText(root, 'package.json', planned)) };
  }
  return { file: SETTINGS_JSON, key: 'file', raw: {}, json: null, indent: '  ' };
}

const normalizeModule = (module: string): string => module.replace(/^\.\//, '');

const asObject = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The settings with the manager recorded: module, periodic form and a frameworkInternals entry, nothing else touched. */
function withManager(raw: Record<string, unknown>, module: string, periodic: PeriodicSubmit, file: string): { merged: Record<string, unknown>; changed: string[] } {
  const manager = asObject(raw.manager);
  const exemptions = asObject(raw.exemptions);
  const internals = Array.isArray(exemptions.frameworkInternals) ? (exemptions.frameworkInternals as unknown[]) : [];
  const changed: string[] = [];
  const sameModule = typeof manager.module === 'string' && normalizeModule(manager.module) === normalizeModule(module);
  if (!sameModule) changed.push('manager.module');
  if (manager.periodic === undefined || manager.periodic === null) changed.push('manager.periodic');
  if (!internals.includes(file)) changed.push('exemptions.frameworkInternals');
  const merged = {
    ...raw,
    manager: { ...manager, module: sameModule ? manager.module : module, periodic },
    exemptions: { ...exemptions, frameworkInternals: internals.includes(file) ? internals : [...internals, file] },
  };
  return { merged, changed };
}


/**
 * Plans `init --manager`: the manager file, generated to match the settings, and the settings
 * recording it. Throws a UsageError, before anything is written, when a file would be clobbered.
 */
export function planManager(root: string, request: ManagerRequest, planned: PlannedContent): InitStep[] {
  const pkg = readJsonFile(root, 'package.json', planned);
  const { file, language } = chooseManagerFile(root, request.target, pkg);
  const settings = findSettings(root, planned);
  const module = `./${file}`;
  if (settings === 'mjs') {
    throw new UsageError(`init --manager: the settings live in ${SETTINGS_MJS}, which init does not edit; add manager.module '${module}', manager.periodic ${JSON.stringify(DEFAULT_PERIODIC)} and '${file}' to exemptions.frameworkInternals there, or move the settings to ${SETTINGS_JSON}`);
  }
  // Judged on disk, not on the plan: a settings file that init is about to create here would shadow them too.
  const onDisk = findSettings(root, () => null);
  const inherited = onDisk === 'mjs' || onDisk.json !== null ? null : inheritedSettings(root);
  if (inherited) {
    throw new UsageError(`init --manager: the settings for this folder come from ${path.relative(root, inherited)}, and a settings file here would replace them; nothing was written. Create ${SETTINGS_JSON} here from them first, or run init --manager from that folder`);
  }
  let effective;
  try {
    effective = resolveSettings(settings.raw).manager;
  } catch (error) {
    throw new UsageError(`init --manager: ${settings.file}: ${(error as Error).message}`);
  }
  const current = asObject(settings.raw.manager).module;
  if (typeof current === 'string' && normalizeModule(current) !== normalizeModule(module) && !request.force) {
    throw new UsageError(`init --manager: ${settings.file} already names a manager (manager.module '${current}'); nothing was written. Keep it (docs/manager.md), or pass --force to write a new one at ${file} and point the settings at it`);
  }
  const periodic = effective.periodic ?? DEFAULT_PERIODIC;
  const source = renderManager(effective, periodic, language);
  const target = path.join(root, file);
  const steps: InitStep[] = [];
  const api = `${effective.getter}().${effective.submit.join('/')}(…) and .${periodic.method}(…), ${effective.priorityEnum}.{${effective.priorities.join(', ')}}`;
  if (!existsSync(target)) {
    steps.push({ file, action: 'create', summary: `background task manager (${LANGUAGE_NAMES[language]}): ${api}`, content: source });
  } else if (readFileSync(target, 'utf8') === source) {
    steps.push({ file, action: 'unchanged', summary: 'already the generated manager' });
  } else if (request.force) {
    steps.push({ file, action: 'update', summary: `replaced with the generated manager (--force): ${api}`, content: source });
  } else if (typeof current === 'string' && normalizeModule(current) === normalizeModule(module)) {
    steps.push({ file, action: 'unchanged', summary: 'the settings already name it as the manager (pass --force to write it anew)' });
  } else {
    throw new UsageError(`init --manager: ${file} already exists; nothing was written. Pass --force to replace it, or give another path (init --manager path/to/manager.ts)`);
  }
  const { merged, changed } = withManager(settings.raw, module, periodic, file);
  if (changed.length === 0) {
    steps.push({ file: settings.file, action: 'unchanged', summary: 'already records the manager' });
  } else {
    const content = toJson(settings.key === 'file' ? merged : { ...settings.json, asyncGovernance: merged }, settings.indent);
    const where = settings.key === 'file' ? '' : 'asyncGovernance.';
    steps.push({
      file: settings.file,
      action: settings.json ? 'update' : 'create',
      summary: `records the manager: ${changed.map((key) => where + key).join(', ')}`,
      content,
    });
  }
  return steps;
}
