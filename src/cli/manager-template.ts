import { readFileSync } from 'node:fs';
import type { ManagerSettings, PeriodicSubmit } from '../utils/settings.js';
import { UsageError } from './errors.js';

/** The manager's source flavour: TypeScript, or JavaScript with JSDoc types as an ES module or CommonJS. */
export type ManagerLanguage = 'ts' | 'esm' | 'cjs';

/** The periodic form the template offers when the settings name none. */
export const DEFAULT_PERIODIC: PeriodicSubmit = { method: 'submitPeriodicTask', interval: 'intervalMs' };

/** Names in the template that follow the settings; every other identifier stays as written. */
const TEMPLATE_NAMES = { getter: 'getBackgroundTaskManager', priorityEnum: 'TaskPriority' };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Option fields the template itself uses next to the configured ones. */
const RESERVED_FIELDS = ['retries', 'timeoutMs'];
/** Public members of the manager class, next to the generated submit methods. */
const CLASS_MEMBERS = ['constructor', 'shutdown', 'metrics'];

function readTemplate(language: ManagerLanguage): string {
  const file = language === 'ts' ? 'background-manager.ts' : 'js/background-manager.js';
  return readFileSync(new URL(`../templates/${file}`, import.meta.url), 'utf8');
}

/** A tree of option fields: dotted paths (`opts.priority`) become nested object types. */
type FieldTree = Map<string, FieldTree | string>;

function fieldTree(fields: [string, string][]): FieldTree {
  const tree: FieldTree = new Map();
  for (const [path, type] of fields) {
    const parts = path.split('.');
    let level = tree;
    for (const part of parts.slice(0, -1)) {
      let next = level.get(part);
      if (typeof next !== 'object') level.set(part, (next = new Map()));
      level = next;
    }
    level.set(parts.at(-1) as string, type);
  }
  return tree;
}

const propertyKey = (name: string): string => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const access = (path: string): string => `options${path.split('.').map((part) => (IDENTIFIER.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`)).join('')}`;

/** TypeScript members (`name: type;`), one per line. */
function tsMembers(tree: FieldTree, indent: string): string {
  return [...tree]
    .map(([name, value]) => `${indent}${propertyKey(name)}: ${typeof value === 'string' ? value : `{\n${tsMembers(value, `${indent}  `)}\n${indent}}`};`)
    .join('\n');
}

/** JSDoc object-type members (`name: type,`), one per line inside a ` * ` comment. */
function jsMembers(tree: FieldTree, indent: string): string {
  return [...tree]
    .map(([name, value]) => ` * ${indent}${propertyKey(name)}: ${typeof value === 'string' ? value : `{\n${jsMembers(value, `${indent}  `)}\n * ${indent}}`},`)
    .join('\n');
}

interface ApiShape {
  manager: ManagerSettings;
  periodic: PeriodicSubmit;
}

function optionFields(shape: ApiShape) {
  const { fields, priorityEnum } = shape.manager;
  const run = '(signal: AbortSignal) =>';
  const enhanced: [string, string][] = [
    [fields.id, 'string'],
    [fields.run, `${run} T | PromiseLike<T>`],
    [fields.priority, priorityEnum],
    [fields.tags, 'TaskTags'],
  ];
  const periodic: [string, string][] = [...enhanced.slice(0, 1), [fields.run, `${run} unknown`], ...enhanced.slice(2), [shape.periodic.interval, 'number']];
  const mapping = `id: ${access(fields.id)}, run: ${access(fields.run)}, priority: ${access(fields.priority)}, tags: ${access(fields.tags)}`;
  return { enhanced, periodic, mapping, interval: access(shape.periodic.interval) };
}

function priorityBlock(shape: ApiShape, language: ManagerLanguage): string {
  const { priorities, priorityEnum, defaultPriority } = shape.manager;
  const members = priorities.map((name, index) => `  ${name}: ${index},`).join('\n');
  const names = priorities.map((name) => `'${name}'`).join(', ');
  if (language === 'ts') {
    return [
      '/** Priorities, most urgent first; lower values run first. */',
      `export const ${priorityEnum} = {\n${members}\n} as const;`,
      `export type ${priorityEnum} = (typeof ${priorityEnum})[keyof typeof ${priorityEnum}];`,
      `const PRIORITY_NAMES: readonly string[] = [${names}];`,
      `const DEFAULT_PRIORITY: ${priorityEnum} = ${priorityEnum}.${defaultPriority};`,
    ].join('\n');
  }
  return [
    '/** Priorities, most urgent first; lower values run first. */',
    `export const ${priorityEnum} = Object.freeze({\n${members}\n});`,
    `/** @typedef {(typeof ${priorityEnum})[keyof typeof ${priorityEnum}]} ${priorityEnum} */`,
    `/** @type {readonly string[]} */`,
    `const PRIORITY_NAMES = [${names}];`,
    `/** @type {${priorityEnum}} */`,
    `const DEFAULT_PRIORITY = ${priorityEnum}.${defaultPriority};`,
  ].join('\n');
}

function apiRegion(shape: ApiShape, language: ManagerLanguage): string {
  const { enhanced, periodic, mapping, interval } = optionFields(shape);
  const submit = shape.manager.submit[0];
  const { method, interval: intervalField } = shape.periodic;
  const enhancedDoc = `What \`${submit}\` takes.`;
  const periodicDoc = `What \`${method}\` takes: the work runs every \`${intervalField}\` after the previous run ends.`;
  if (language === 'ts') {
    return [
      priorityBlock(shape, language),
      '',
      `/** ${enhancedDoc} */`,
      `export interface EnhancedTaskOptions<T> extends TaskSettings {\n${tsMembers(fieldTree(enhanced), '  ')}\n}`,
      '',
      `/** ${periodicDoc} */`,
      `export interface PeriodicTaskOptions extends TaskSettings {\n${tsMembers(fieldTree(periodic), '  ')}\n}`,
      '',
      'function fromEnhancedOptions<T>(options: EnhancedTaskOptions<T>): TaskSpec<T> {',
      `  return { ...settingsOf(options), ${mapping} };`,
      '}',
      '',
      'function fromPeriodicOptions(options: PeriodicTaskOptions): PeriodicSpec {',
      `  return { ...settingsOf(options), ${mapping}, intervalMs: ${interval} };`,
      '}',
    ].join('\n');
  }
  return [
    priorityBlock(shape, language),
    '',
    '/**',
    ` * ${enhancedDoc}`,
    ' * @template T',
    ` * @typedef {TaskSettings & {\n${jsMembers(fieldTree(enhanced), '  ')}\n * }} EnhancedTaskOptions`,
    ' */',
    '',
    '/**',
    ` * ${periodicDoc}`,
    ` * @typedef {TaskSettings & {\n${jsMembers(fieldTree(periodic), '  ')}\n * }} PeriodicTaskOptions`,
    ' */',
    '',
    '/**',
    ' * @template T',
    ' * @param {EnhancedTaskOptions<T>} options',
    ' * @returns {TaskSpec<T>}',
    ' */',
    'function fromEnhancedOptions(options) {',
    `  return { ...settingsOf(options), ${mapping} };`,
    '}',
    '',
    '/**',
    ' * @param {PeriodicTaskOptions} options',
    ' * @returns {PeriodicSpec}',
    ' */',
    'function fromPeriodicOptions(options) {',
    `  return { ...settingsOf(options), ${mapping}, intervalMs: ${interval} };`,
    '}',
  ].join('\n');
}

function methodsRegion(shape: ApiShape, language: ManagerLanguage): string {
  const [primary, ...aliases] = shape.manager.submit;
  const { method, interval } = shape.periodic;
  const submitDoc = 'Queues a task; its coroutine receives an AbortSignal that fires on cancel, timeout or shutdown.';
  const periodicDoc = `Runs a task every \`${interval}\` after the previous run ended, until cancelled or shut down.`;
  const ts = language === 'ts';
  const submitMethod = (name: string, doc: string): string => ts
    ? `  /** ${doc} */\n  ${name}<T>(options: EnhancedTaskOptions<T>): TaskHandle<T> {\n    return this.#submitSpec(fromEnhancedOptions(options));\n  }`
    : `  /**\n   * ${doc}\n   * @template T\n   * @param {EnhancedTaskOptions<T>} options\n   * @returns {TaskHandle<T>}\n   */\n  ${name}(options) {\n    return this.#submitSpec(fromEnhancedOptions(options));\n  }`;
  const periodicMethod = ts
    ? `  /** ${periodicDoc} */\n  ${method}(options: PeriodicTaskOptions): TaskHandle<void> {\n    return this.#submitPeriodicSpec(fromPeriodicOptions(options));\n  }`
    : `  /**\n   * ${periodicDoc}\n   * @param {PeriodicTaskOptions} options\n   * @returns {TaskHandle<void>}\n   */\n  ${method}(options) {\n    return this.#submitPeriodicSpec(fromPeriodicOptions(options));\n  }`;
  return [submitMethod(primary, submitDoc), ...aliases.map((name) => submitMethod(name, `Same as \`${primary}\`.`)), periodicMethod].join('\n\n');
}

function replaceRegion(text: string, name: string, body: string): string {
  const start = new RegExp(`^([ \\t]*)// region ${name}:.*\\n`, 'm').exec(text);
  const end = new RegExp(`^[ \\t]*// endregion ${name}\\n`, 'm').exec(text);
  if (!start || !end) throw new Error(`manager template: region '${name}' not found`);
  return text.slice(0, start.index + start[0].length) + body + '\n' + text.slice(end.index);
}

/** Identifiers of the code, without comments and strings, to catch a configured name that would clash. */
function codeIdentifiers(text: string): Set<string> {
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''");
  return new Set(code.match(/[A-Za-z_$][\w$]*/g));
}

/** Checks that the configured names can be generated; the message names the setting to change. */
function validateNames(shape: ApiShape, template: string): void {
  const { manager, periodic } = shape;
  const moduleNames: [string, string][] = [['manager.getter', manager.getter], ['manager.priorityEnum', manager.priorityEnum]];
  const methodNames: [string, string][] = [
    ...manager.submit.map((name, index): [string, string] => [`manager.submit[${index}]`, name]),
    ['manager.periodic.method', periodic.method],
  ];
  const members = manager.priorities.map((name, index): [string, string] => [`manager.priorities[${index}]`, name]);
  for (const [key, name] of [...moduleNames, ...methodNames, ...members]) {
    if (!IDENTIFIER.test(name)) throw new UsageError(`init --manager: ${key} '${name}' is not an identifier, so the manager cannot define it`);
  }
  // Module-level names must not meet any identifier of the code; methods only the class's public ones.
  const taken = codeIdentifiers(template);
  for (const name of Object.values(TEMPLATE_NAMES)) taken.delete(name);
  for (const [key, name] of moduleNames) {
    if (taken.has(name)) throw new UsageError(`init --manager: ${key} '${name}' clashes with a name the manager uses itself; choose another name`);
  }
  for (const [key, name] of methodNames) {
    if (CLASS_MEMBERS.includes(name)) throw new UsageError(`init --manager: ${key} '${name}' clashes with the manager's own ${name}() method; choose another name`);
  }
  const methods = [...manager.submit, periodic.method];
  if (new Set(methods).size !== methods.length) throw new UsageError('init --manager: manager.submit and manager.periodic.method must name different methods');
  const fields = [manager.fields.id, manager.fields.run, manager.fields.priority, manager.fields.tags, periodic.interval];
  for (const field of fields) {
    if (RESERVED_FIELDS.includes(field.split('.')[0])) throw new UsageError(`init --manager: the option field '${field}' is one the manager uses for its own settings (${RESERVED_FIELDS.join(', ')}); choose another`);
  }
  const nested = fields.find((field) => fields.some((other) => other.startsWith(`${field}.`)));
  if (nested) throw new UsageError(`init --manager: the option field '${nested}' cannot be both a value and the object of another field`);
  if (new Set(fields).size !== fields.length) throw new UsageError(`init --manager: manager.fields and manager.periodic.interval must name different fields (${fields.join(', ')})`);
}

/** CommonJS: drop `export` keywords and list the exports in `module.exports`. */
function toCommonJs(text: string): string {
  const exported: string[] = [];
  const body = text.replace(/^export (?:async )?(const|function|class) ([A-Za-z_$][\w$]*)/gm, (match, _kind: string, name: string) => {
    exported.push(name);
    return match.slice('export '.length);
  });
  return `'use strict';\n\n${body}\nmodule.exports = { ${exported.join(', ')} };\n`;
}

/**
 * The manager's source for the given settings: the template with its API (getter, submit
 * methods, option fields, priority members, periodic form) generated to match them.
 */
export function renderManager(manager: ManagerSettings, periodic: PeriodicSubmit, language: ManagerLanguage): string {
  const shape = { manager, periodic };
  const template = readTemplate(language);
  validateNames(shape, template);
  let text = replaceRegion(template, 'api', apiRegion(shape, language));
  text = replaceRegion(text, 'submit methods', methodsRegion(shape, language));
  text = text.replace(new RegExp(`\\b${TEMPLATE_NAMES.getter}\\b`, 'g'), manager.getter);
  text = text.replace(new RegExp(`\\b${TEMPLATE_NAMES.priorityEnum}\\b`, 'g'), manager.priorityEnum);
  return language === 'cjs' ? toCommonJs(text) : text;
}
