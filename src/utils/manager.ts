import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, getPropertyName, isFunction, skipTypeWrappers, walk } from './ast.js';
import { resolveFunction } from './callables.js';
import { insertImport } from './fixers.js';
import { findClassFieldValue, findVariable, getConstantDefinition } from './references.js';
import type { ManagerSettings } from './settings.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

const MAX_DEPTH = 6;

/** Whether an expression evaluates to the manager: the getter's result, an alias of it, or a receiver. */
export function isManagerReference(sourceCode: SourceCode, manager: ManagerSettings, input: Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = skipTypeWrappers(input);
  if (node.type === 'CallExpression') {
    const callee = skipTypeWrappers(node.callee);
    // e.g. getBackgroundTaskManager() or container.getBackgroundTaskManager()
    if (callee.type === 'Identifier') return callee.name === manager.getter;
    return callee.type === 'MemberExpression' && getPropertyName(callee) === manager.getter;
  }
  if (node.type === 'AwaitExpression') return isManagerReference(sourceCode, manager, node.argument, depth + 1);
  if (node.type === 'Identifier') {
    if (manager.receivers.includes(node.name)) return true;
    const variable = findVariable(sourceCode, node, node.name);
    const def = variable && getConstantDefinition(variable);
    if (def?.type !== 'Variable' || def.node.id.type !== 'Identifier' || !def.node.init) return false;
    return isManagerReference(sourceCode, manager, def.node.init, depth + 1);
  }
  if (node.type === 'MemberExpression') {
    const name = getPropertyName(node);
    if (name === null) return false;
    if (manager.receivers.includes(name)) return true;
    if (node.object.type !== 'ThisExpression') return false;
    const value = findClassFieldValue(sourceCode, node.object, name);
    return !!value && isManagerReference(sourceCode, manager, value, depth + 1);
  }
  return false;
}

/** Whether the call is `<manager>.<submit method>(...)`. */
export function isManagerSubmitCall(sourceCode: SourceCode, manager: ManagerSettings, node: Node): node is TSESTree.CallExpression {
  if (node.type !== 'CallExpression') return false;
  const callee = skipTypeWrappers(node.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = getPropertyName(callee);
  if (method === null || !(manager.submit.includes(method) || manager.periodic?.method === method)) return false;
  return isManagerReference(sourceCode, manager, callee.object);
}

/** The value of a (possibly dotted) field in an object literal, e.g. `opts.priority`. */
export function getFieldValue(object: TSESTree.ObjectExpression, field: string): TSESTree.Node | null {
  let current: TSESTree.ObjectExpression = object;
  const parts = field.split('.');
  for (let index = 0; index < parts.length; index += 1) {
    const property = current.properties.find(
      (item): item is TSESTree.Property => item.type === 'Property' && getPropertyName(item) === parts[index],
    );
    if (!property) return null;
    const value = property.value;
    if (index === parts.length - 1) return value;
    if (value.type !== 'ObjectExpression') return null;
    current = value;
  }
  return null;
}

const submittedCache = new WeakMap<TSESTree.Program, Set<FunctionNode>>();

/** Every function of the file that is handed to the manager, found in one pass and cached per file. */
export function getSubmittedFunctions(sourceCode: SourceCode, manager: ManagerSettings): Set<FunctionNode> {
  let submitted = submittedCache.get(sourceCode.ast);
  if (submitted) return submitted;
  submitted = new Set();
  const found = submitted;
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (!isManagerSubmitCall(sourceCode, manager, node)) return;
    for (const argument of node.arguments) {
      const candidates: Node[] = [argument];
      if (argument.type === 'ObjectExpression') {
        const run = getFieldValue(argument, manager.fields.run);
        if (run) candidates.push(run);
      }
      for (const candidate of candidates) {
        const fn = resolveFunction(sourceCode, candidate);
        if (fn) found.add(fn);
      }
    }
  });
  submittedCache.set(sourceCode.ast, found);
  return found;
}

/** Whether the node runs inside a function handed to the manager (at any depth). */
export function isInsideSubmittedFunction(sourceCode: SourceCode, manager: ManagerSettings, node: Node): boolean {
  const submitted = getSubmittedFunctions(sourceCode, manager);
  if (submitted.size === 0) return false;
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) && submitted.has(current)) return true;
  }
  return false;
}

/** `syncInvoices` → `sync-invoices`; `InvoiceService` → `invoice-service`. */
export const toKebab = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();

/** Names the task of a site from its file, class and function, for ids and tags. */
export interface TaskNaming {
  service: string;
  component: string;
  taskId: string;
}

function enclosingNames(node: Node): { className: string | null; functionName: string | null } {
  let className: string | null = null;
  let functionName: string | null = null;
  for (let current = node.parent; current; current = current.parent) {
    if (!functionName) {
      if (current.type === 'FunctionDeclaration' && current.id) functionName = current.id.name;
      if (current.type === 'MethodDefinition' || current.type === 'PropertyDefinition') functionName = getPropertyName(current);
      if (current.type === 'VariableDeclarator' && current.id.type === 'Identifier' && isFunction(current.init)) functionName = current.id.name;
    }
    if ((current.type === 'ClassDeclaration' || current.type === 'ClassExpression') && current.id) {
      className = current.id.name;
      break;
    }
  }
  return { className, functionName };
}

/** Derives service, component and task id from the file path, class and function around `node`. */
export function deriveTaskNaming(filename: string, cwd: string, node: Node, what: string): TaskNaming {
  const relative = path.relative(cwd, filename).split(path.sep).join('/');
  const segments = relative.split('/');
  const srcIndex = segments.lastIndexOf('src');
  const service = toKebab(srcIndex > 0 ? segments[srcIndex - 1] : path.basename(cwd)) || 'app';
  const { className, functionName } = enclosingNames(node);
  const fileBase = toKebab(path.basename(filename).replace(/\.[^.]+$/, '')) || 'module';
  const component = className ? toKebab(className) : fileBase;
  const taskId = [component, toKebab(functionName ?? what)].filter(Boolean).join('.');
  return { service, component, taskId };
}

/** Writes `{ a: { b: value } }`-style nesting for dotted field paths. */
function renderFields(entries: [string, string][], indent: string): string {
  type Tree = Map<string, Tree | string>;
  const tree: Tree = new Map();
  for (const [field, value] of entries) {
    const parts = field.split('.');
    let level = tree;
    for (const part of parts.slice(0, -1)) {
      let next = level.get(part);
      if (typeof next !== 'object') {
        next = new Map();
        level.set(part, next);
      }
      level = next;
    }
    level.set(parts.at(-1) as string, value);
  }
  const render = (level: Tree, depth: string): string => {
    const inner = `${depth}  `;
    const lines = [...level].map(([key, value]) =>
      `${inner}${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${typeof value === 'string' ? value : render(value, inner)},`,
    );
    return `{\n${lines.join('\n')}\n${depth}}`;
  };
  return render(tree, indent);
}

/**
 * Where fixes import the manager's names from in the linted file: the specifier to write, and
 * which specifiers already in the file name that module (so an existing import is reused).
 */
export function managerImport(manager: ManagerSettings): { module: string; matches: (specifier: string) => boolean } {
  const { imports } = manager;
  if (!imports) return { module: manager.module, matches: (specifier) => specifier === manager.module };
  return { module: imports.specifier, matches: (specifier) => imports.matches(specifier) };
}

interface SubmissionOptions {
  /** Source of the function the manager runs, e.g. `async () => { await refresh(); }`. */
  run: string;
  /** Value of the `type` tag, naming the kind of work. */
  type: string;
  naming: TaskNaming;
  /** Indentation of the line the call starts on. */
  indent: string;
  /** Extra fields, such as a period for periodic submissions. */
  extra?: [string, string][];
  method?: string;
}

/**
 * Builds `getBackgroundTaskManager().submitEnhancedTask({ ... })` from the settings and imports the
 * getter and the priority enum from `manager.module`; null when a needed name is taken.
 */
export function buildSubmission(
  fixer: Fixer,
  sourceCode: SourceCode,
  manager: ManagerSettings,
  options: SubmissionOptions & { useSite: Node; commonJs: boolean },
): { text: string; fixes: Fix[] } | null {
  const fixes: Fix[] = [];
  const bind = (name: string): string | null => {
    // A binding the file declares itself; implicit lib globals (the DOM's `TaskPriority` type) do not count.
    if ((findVariable(sourceCode, options.useSite, name)?.defs.length ?? 0) > 0) return name;
    const binding = insertImport(fixer, sourceCode, { ...managerImport(manager), name, useSite: options.useSite, commonJs: options.commonJs });
    if (!binding) return null;
    fixes.push(...binding.fixes);
    return binding.reference;
  };
  const getter = bind(manager.getter);
  const priorityEnum = bind(manager.priorityEnum);
  if (!getter || !priorityEnum) return null;
  // Both names usually come from one module: merge them into one import statement.
  const merged = mergeInsertions(fixes);
  const { naming } = options;
  const tagValue = (tag: string): string =>
    tag === 'service' ? naming.service : tag === 'type' ? options.type : naming.component;
  const entries: [string, string][] = [
    [manager.fields.id, `'${naming.taskId}'`],
    [manager.fields.run, options.run],
    [manager.fields.priority, `${priorityEnum}.${manager.defaultPriority}`],
    ...manager.requiredTags.map((tag): [string, string] => [`${manager.fields.tags}.${tag}`, `'${tagValue(tag)}'`]),
    ...(options.extra ?? []),
  ];
  const text = `${getter}().${options.method ?? manager.submit[0]}(${renderFields(entries, options.indent)})`;
  return { text, fixes: merged };
}

/** Two imports inserted at the same spot would be applied one per pass; join them into one edit. */
function mergeInsertions(fixes: Fix[]): Fix[] {
  const byRange = new Map<string, Fix>();
  for (const fix of fixes) {
    const key = fix.range.join(':');
    const previous = byRange.get(key);
    if (previous && previous.range[0] === previous.range[1]) {
      byRange.set(key, { range: fix.range, text: mergeImportText(previous.text, fix.text) });
    } else {
      byRange.set(key, fix);
    }
  }
  return [...byRange.values()];
}

function mergeImportText(first: string, second: string): string {
  const named = /import \{ ([^}]+) \} from (['"][^'"]+['"]);/;
  const a = named.exec(first);
  const b = named.exec(second);
  if (a && b && a[2] === b[2]) return first.replace(named, `import { ${a[1]}, ${b[1]} } from ${a[2]};`);
  const required = /const \{ ([^}]+) \} = require\((['"][^'"]+['"])\);/;
  const c = required.exec(first);
  const d = required.exec(second);
  if (c && d && c[2] === d[2]) return first.replace(required, `const { ${c[1]}, ${d[1]} } = require(${c[2]});`);
  return first + second;
}

/** Where a (possibly dotted) field of a submission object stands. */
export type FieldLookup =
  | { kind: 'found'; property: TSESTree.Property; value: TSESTree.Node }
  /** Absent: `container` is the deepest object literal on the path, `path` the keys still to create. */
  | { kind: 'missing'; container: TSESTree.ObjectExpression; path: string[] }
  /** A spread, a computed key or a non-literal value on the path hides whether the field is there. */
  | { kind: 'unknown' };

/** Looks a (possibly dotted) field up in an object literal, telling absent from unknowable. */
export function lookupField(object: TSESTree.ObjectExpression, field: string): FieldLookup {
  const parts = field.split('.');
  let current = object;
  for (let index = 0; index < parts.length; index += 1) {
    let property: TSESTree.Property | undefined;
    let hidden = false;
    for (const item of current.properties) {
      if (item.type === 'SpreadElement') {
        // e.g. { ...defaults, coroutine }: a later spread may override, an earlier one may provide.
        hidden = true;
        continue;
      }
      const name = getPropertyName(item);
      if (name === null) hidden = true;
      else if (name === parts[index]) {
        property = item;
        hidden = false;
      }
    }
    if (!property) return hidden ? { kind: 'unknown' } : { kind: 'missing', container: current, path: parts.slice(index) };
    if (hidden) return { kind: 'unknown' };
    const value = skipTypeWrappers(property.value);
    if (index === parts.length - 1) return { kind: 'found', property, value };
    if (value.type !== 'ObjectExpression') return { kind: 'unknown' };
    current = value;
  }
  return { kind: 'unknown' };
}

/**
 * The object literal holding a submission's fields: the first object-literal argument, or a
 * same-file constant initialised with one; null when the call's arguments hide it.
 */
export function getSubmissionObject(sourceCode: SourceCode, call: TSESTree.CallExpression): TSESTree.ObjectExpression | null {
  for (const argument of call.arguments) {
    if (argument.type === 'SpreadElement') return null;
    const node = skipTypeWrappers(argument);
    if (node.type === 'ObjectExpression') return node;
    if (node.type !== 'Identifier') continue;
    const variable = findVariable(sourceCode, node, node.name);
    const def = variable && getConstantDefinition(variable);
    if (!variable || def?.type !== 'Variable' || def.node.id.type !== 'Identifier' || !def.node.init) continue;
    // A constant that is only passed along keeps its literal fields; `task.priority = …` would not.
    const onlyPassed = variable.references.every((reference) => reference.init || reference.identifier.parent?.type === 'CallExpression');
    const init = skipTypeWrappers(def.node.init);
    if (onlyPassed && init.type === 'ObjectExpression') return init;
  }
  return null;
}

/** How messages name the manager call: `getBackgroundTaskManager().submitEnhancedTask(...)`. */
export function managerCallText(manager: ManagerSettings, method: string = manager.submit[0]): string {
  return `${manager.getter}().${method}(...)`;
}
