import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, getPropertyName, getStaticString, isFunction, skipTypeWrappers, walk } from './ast.js';

type Node = TSESTree.Node;
type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/**
 * Where a value comes from: an export path of a module (`fs` + `['promises', 'readFile']`)
 * or of the global object (`['setInterval']`). `()` in a path marks the result of calling
 * or constructing the value before it (`new Database()` → `['default', '()']`).
 */
export type Origin =
  | { kind: 'module'; module: string; path: string[] }
  | { kind: 'global'; path: string[] };

interface SourceCodeLike {
  ast: TSESTree.Program;
  visitorKeys: Readonly<Record<string, readonly string[] | undefined>>;
  getScope(node: Node): Scope;
}

const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);
const MODULES_WITH_PROMISES = new Set(['fs', 'dns', 'stream', 'timers', 'readline']);
const MAX_DEPTH = 8;

/** Normalises a module specifier: drops `node:` and folds `fs` + `promises` into `fs/promises`. */
export function normalizeOrigin(origin: Origin): Origin {
  if (origin.kind === 'global') {
    const [head, ...rest] = origin.path;
    if (GLOBAL_OBJECTS.has(head) && rest.length > 0) return normalizeOrigin({ kind: 'global', path: rest });
    return origin;
  }
  const module = origin.module.startsWith('node:') ? origin.module.slice(5) : origin.module;
  const [head, ...rest] = origin.path;
  if (head === 'default') {
    // CommonJS interop: `import fs from 'fs'` is the module object itself.
    return normalizeOrigin({ kind: 'module', module, path: rest });
  }
  if (head === 'promises' && MODULES_WITH_PROMISES.has(module)) {
    return { kind: 'module', module: `${module}/promises`, path: rest };
  }
  return { kind: 'module', module, path: origin.path };
}

/** Finds the variable a name refers to from the scope that contains `node`. */
export function findVariable(sourceCode: SourceCodeLike, node: Node, name: string): Variable | null {
  for (let scope: Scope | null = sourceCode.getScope(node); scope; scope = scope.upper) {
    const variable = scope.set.get(name);
    if (variable) return variable;
  }
  return null;
}

/** The single definition of a variable that is never reassigned, or null. */
export function getConstantDefinition(variable: Variable): TSESLint.Scope.Definition | null {
  if (variable.defs.length !== 1) return null;
  const [def] = variable.defs;
  const reassigned = variable.references.some(
    (reference) => reference.isWrite() && !(reference.init && def.name === reference.identifier),
  );
  return reassigned ? null : def;
}

/** Resolves what an expression refers to through imports, `require`, constants and class fields. */
export function resolveOrigin(sourceCode: SourceCodeLike, node: Node): Origin | null {
  const origin = resolve(sourceCode, node, 0);
  return origin && normalizeOrigin(origin);
}

function append(origin: Origin | null, ...segments: string[]): Origin | null {
  if (!origin) return null;
  return { ...origin, path: [...origin.path, ...segments] };
}

function resolve(sourceCode: SourceCodeLike, input: Node, depth: number): Origin | null {
  if (depth > MAX_DEPTH) return null;
  const node = skipTypeWrappers(input);
  switch (node.type) {
    case 'Identifier':
      return resolveIdentifier(sourceCode, node, depth);
    case 'MemberExpression': {
      const name = getPropertyName(node);
      if (name === null) return null;
      if (node.object.type === 'ThisExpression') {
        const value = findClassFieldValue(sourceCode, node.object, name);
        return value ? resolve(sourceCode, value, depth + 1) : null;
      }
      return append(resolve(sourceCode, node.object, depth + 1), name);
    }
    case 'CallExpression': {
      const required = getRequiredModule(sourceCode, node);
      if (required !== null) return { kind: 'module', module: required, path: [] };
      return append(resolve(sourceCode, node.callee, depth + 1), '()');
    }
    case 'NewExpression':
      return append(resolve(sourceCode, node.callee, depth + 1), '()');
    case 'AwaitExpression':
      // e.g. const { readFile } = await import('node:fs/promises')
      if (node.argument.type === 'ImportExpression') {
        const module = getStaticString(node.argument.source);
        return module === null ? null : { kind: 'module', module, path: [] };
      }
      return null;
    default:
      return null;
  }
}

function resolveIdentifier(sourceCode: SourceCodeLike, node: TSESTree.Identifier, depth: number): Origin | null {
  const variable = findVariable(sourceCode, node, node.name);
  if (!variable || variable.defs.length === 0) {
    // Declared globals (from languageOptions.globals) have no definitions.
    return { kind: 'global', path: [node.name] };
  }
  const def = getConstantDefinition(variable);
  if (!def) return null;
  if (def.type === 'ImportBinding') return resolveImportBinding(def.node);
  if (def.type !== 'Variable') return null;
  const declarator = def.node;
  if (!declarator.init) return null;
  if (declarator.id.type === 'Identifier') return resolve(sourceCode, declarator.init, depth + 1);
  const keys = findPatternPath(declarator.id, def.name);
  if (!keys) return null;
  return append(resolve(sourceCode, declarator.init, depth + 1), ...keys);
}

function resolveImportBinding(
  specifier: TSESTree.ImportSpecifier | TSESTree.ImportDefaultSpecifier | TSESTree.ImportNamespaceSpecifier | TSESTree.TSImportEqualsDeclaration,
): Origin | null {
  if (specifier.type === 'TSImportEqualsDeclaration') {
    const reference = specifier.moduleReference;
    if (reference.type !== 'TSExternalModuleReference') return null;
    const module = getStaticString(reference.expression);
    return module === null ? null : { kind: 'module', module, path: [] };
  }
  const declaration = specifier.parent as TSESTree.ImportDeclaration;
  const module = declaration.source.value;
  if (specifier.type === 'ImportNamespaceSpecifier') return { kind: 'module', module, path: [] };
  if (specifier.type === 'ImportDefaultSpecifier') return { kind: 'module', module, path: ['default'] };
  const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
  return { kind: 'module', module, path: [imported] };
}

/** The property keys leading from a destructuring pattern to the binding `name`. */
function findPatternPath(pattern: TSESTree.Node, name: TSESTree.Node): string[] | null {
  if (pattern === name) return [];
  if (pattern.type === 'ObjectPattern') {
    for (const property of pattern.properties) {
      if (property.type !== 'Property') continue;
      const key = getPropertyName(property);
      const inner = findPatternPath(property.value, name);
      if (inner) return key === null ? null : [key, ...inner];
    }
    return null;
  }
  if (pattern.type === 'AssignmentPattern') return findPatternPath(pattern.left, name);
  return null;
}

/** The module of `require('x')` when `require` is the CommonJS global, or null. */
export function getRequiredModule(sourceCode: SourceCodeLike, node: TSESTree.CallExpression): string | null {
  if (node.callee.type !== 'Identifier' || node.callee.name !== 'require' || node.arguments.length !== 1) return null;
  const module = getStaticString(node.arguments[0]);
  if (module === null) return null;
  const variable = findVariable(sourceCode, node, 'require');
  return !variable || variable.defs.length === 0 ? module : null;
}

/** The enclosing class of a `this` expression, skipping arrows that keep `this`. */
export function getThisClass(node: TSESTree.ThisExpression): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === 'FunctionDeclaration') return null;
    if (current.type === 'FunctionExpression') {
      const owner = current.parent;
      if (owner?.type !== 'MethodDefinition' && owner?.type !== 'PropertyDefinition') return null;
    }
    if (current.type === 'ClassBody') return current.parent;
  }
  return null;
}

/** The value a class field holds: its initializer, or the only `this.name = …` assignment in the class. */
export function findClassFieldValue(sourceCode: SourceCodeLike, thisNode: TSESTree.ThisExpression, name: string): TSESTree.Expression | null {
  const owner = getThisClass(thisNode);
  if (!owner) return null;
  let value: TSESTree.Expression | null = null;
  let writes = 0;
  for (const member of owner.body.body) {
    if (member.type === 'PropertyDefinition' && !member.static && getPropertyName(member) === name && member.value) {
      value = member.value;
      writes += 1;
    }
    if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
      for (const param of member.value.params) {
        // e.g. constructor(private readonly tasks = getBackgroundTaskManager())
        if (param.type === 'TSParameterProperty' && param.parameter.type === 'AssignmentPattern' &&
          param.parameter.left.type === 'Identifier' && param.parameter.left.name === name) {
          value = param.parameter.right;
          writes += 1;
        }
      }
    }
  }
  for (const assignment of findThisAssignments(sourceCode, owner.body, name)) {
    value = assignment;
    writes += 1;
  }
  return writes === 1 ? value : null;
}

const thisAssignmentsCache = new WeakMap<TSESTree.ClassBody, Map<string, TSESTree.Expression[]>>();

/** Every `this.name = value` in the class's methods, grouped by name; one walk per class. */
function findThisAssignments(sourceCode: SourceCodeLike, body: TSESTree.ClassBody, name: string): TSESTree.Expression[] {
  let byName = thisAssignmentsCache.get(body);
  if (!byName) {
    const found = new Map<string, TSESTree.Expression[]>();
    for (const member of body.body) {
      if (member.type !== 'MethodDefinition' || !member.value.body) continue;
      walk(member.value.body, sourceCode.visitorKeys, (node) => {
        if (node.type !== 'AssignmentExpression' || node.left.type !== 'MemberExpression' || node.left.object.type !== 'ThisExpression') return;
        const key = getPropertyName(node.left);
        if (key !== null) found.set(key, [...(found.get(key) ?? []), node.right]);
      });
    }
    byName = found;
    thisAssignmentsCache.set(body, byName);
  }
  return byName.get(name) ?? [];
}

/** Whether the origin is `module` (any of the given names) with a path ending in one of `names`. */
export function isModuleExport(origin: Origin | null, modules: readonly string[], names?: readonly string[]): boolean {
  if (!origin || origin.kind !== 'module' || !modules.includes(origin.module)) return false;
  if (!names) return true;
  return origin.path.length === 1 && names.includes(origin.path[0]);
}

/** Whether the origin is a global such as `setInterval` or `Promise.all`. */
export function isGlobal(origin: Origin | null, path: readonly string[]): boolean {
  return (
    !!origin &&
    origin.kind === 'global' &&
    origin.path.length === path.length &&
    origin.path.every((segment, index) => segment === path[index])
  );
}

/** The identifier at the root of a callee chain (`fs` in `fs.promises.readFile`), or null. */
export function getRootIdentifier(node: Node): string | null {
  let current = skipTypeWrappers(node);
  while (current.type === 'MemberExpression' || current.type === 'CallExpression') {
    current = skipTypeWrappers(current.type === 'MemberExpression' ? current.object : current.callee);
  }
  return current.type === 'Identifier' ? current.name : null;
}

const stripNodePrefix = (module: string): string => (module.startsWith('node:') ? module.slice(5) : module);

/**
 * Local names bound at module level to the given modules by `import` or `require`
 * (`node:` prefix and `/promises` subpaths included): a cheap pre-filter before `resolveOrigin`.
 */
export function collectModuleBindings(program: TSESTree.Program, modules: readonly string[]): Set<string> {
  const names = new Set<string>();
  const tracked = (source: string): boolean => {
    const module = stripNodePrefix(source);
    return modules.includes(module) || modules.includes(module.replace(/\/promises$/, ''));
  };
  const addPattern = (pattern: Node): void => {
    if (pattern.type === 'Identifier') names.add(pattern.name);
    else if (pattern.type === 'ObjectPattern') {
      for (const property of pattern.properties) addPattern(property.type === 'Property' ? property.value : property.argument);
    } else if (pattern.type === 'AssignmentPattern') addPattern(pattern.left);
  };
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && tracked(statement.source.value)) {
      for (const specifier of statement.specifiers) names.add(specifier.local.name);
    }
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        const init = declarator.init && skipTypeWrappers(declarator.init);
        let root = init;
        while (root && root.type === 'MemberExpression') root = skipTypeWrappers(root.object);
        if (root?.type === 'CallExpression' && root.callee.type === 'Identifier' && root.callee.name === 'require') {
          const source = getStaticString(root.arguments[0]);
          if (source !== null && tracked(source)) addPattern(declarator.id);
        }
      }
    }
  }
  return names;
}

/** The method or function-valued field `name` of the class that `this` refers to, or null. */
export function findThisMethod(thisNode: TSESTree.ThisExpression, name: string): FunctionNode | null {
  const owner = getThisClass(thisNode);
  if (!owner) return null;
  for (const member of owner.body.body) {
    if ((member.type === 'MethodDefinition' || member.type === 'PropertyDefinition') && getPropertyName(member) === name) {
      return member.value && isFunction(member.value) ? member.value : null;
    }
  }
  return null;
}
