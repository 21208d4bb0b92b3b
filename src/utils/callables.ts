import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, getPropertyName, getStaticString, isFunction, skipTypeWrappers, walk } from './ast.js';
import { findClassFieldValue, findVariable, getConstantDefinition, getThisClass } from './references.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

const MAX_DEPTH = 6;

/**
 * Whether a type annotation names `Promise`/`PromiseLike` (alone or in a union). A union with
 * `any` or `unknown` is that type for the compiler (`any | Promise<any>` is `any`): a callback
 * typed so may or may not be async, and is not known to return a promise.
 */
export function isPromiseTypeNode(node: TSESTree.TypeNode | undefined): boolean {
  if (!node) return false;
  if (node.type === 'TSUnionType') {
    if (node.types.some((member) => member.type === 'TSAnyKeyword' || member.type === 'TSUnknownKeyword')) return false;
    return node.types.some(isPromiseTypeNode);
  }
  if (node.type !== 'TSTypeReference') return false;
  const name = node.typeName;
  return name.type === 'Identifier' && (name.name === 'Promise' || name.name === 'PromiseLike');
}

/** A same-file function, method or signature whose declaration tells whether a call returns a promise. */
export type Callable =
  | FunctionNode
  | TSESTree.TSDeclareFunction
  | TSESTree.TSEmptyBodyFunctionExpression
  | TSESTree.TSFunctionType
  | TSESTree.TSMethodSignature;

/** Whether calling the function yields a promise: `async` (not a generator) or declared to return one. */
export function returnsPromise(fn: Callable): boolean {
  if ('async' in fn && fn.async && !('generator' in fn && fn.generator)) return true;
  return isPromiseTypeNode(fn.returnType?.typeAnnotation);
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A method, field or object-literal property value that can be called. */
function memberCallable(value: Node | null | undefined, annotation?: TSESTree.TSTypeAnnotation): Callable | null {
  if (annotation?.typeAnnotation.type === 'TSFunctionType') return annotation.typeAnnotation;
  if (!value) return null;
  const node = skipTypeWrappers(value);
  if (isFunction(node) || node.type === 'TSEmptyBodyFunctionExpression') return node;
  return null;
}

function findClassMember(sourceCode: SourceCode, owner: ClassNode, name: string, isStatic: boolean, depth = 0): Callable | null {
  for (const member of owner.body.body) {
    if ((member.type === 'MethodDefinition' || member.type === 'TSAbstractMethodDefinition') && member.kind === 'method' &&
      member.static === isStatic && getPropertyName(member as TSESTree.MethodDefinition) === name) {
      return memberCallable(member.value);
    }
    if ((member.type === 'PropertyDefinition' || member.type === 'TSAbstractPropertyDefinition') &&
      member.static === isStatic && getPropertyName(member as TSESTree.PropertyDefinition) === name) {
      return memberCallable(member.value, member.typeAnnotation);
    }
  }
  // e.g. class Worker extends BaseWorker, with BaseWorker in the same file
  const parent = owner.superClass && skipTypeWrappers(owner.superClass);
  if (parent?.type !== 'Identifier' || depth > MAX_DEPTH) return null;
  const superClass = resolveClass(sourceCode, parent);
  return superClass ? findClassMember(sourceCode, superClass, name, isStatic, depth + 1) : null;
}

function resolveClass(sourceCode: SourceCode, node: TSESTree.Identifier): ClassNode | null {
  const variable = findVariable(sourceCode, node, node.name);
  const def = variable && getConstantDefinition(variable);
  if (def?.type === 'ClassName') return def.node as ClassNode;
  if (def?.type === 'Variable' && def.node.init?.type === 'ClassExpression') return def.node.init;
  return null;
}

function findObjectMember(sourceCode: SourceCode, object: TSESTree.ObjectExpression, name: string, depth: number): Callable | null {
  for (const property of object.properties) {
    if (property.type === 'Property' && property.kind === 'init' && getPropertyName(property) === name) {
      // e.g. module.exports = { syncCounts }, with syncCounts declared above
      return memberCallable(property.value) ?? (property.value.type === 'Identifier' ? resolveCallee(sourceCode, property.value, depth + 1) : null);
    }
  }
  return null;
}

/**
 * What a `this` inside a function expression refers to: the object literal it is a method of, or
 * the object a member assignment stores it on (`User.prototype.save = function () { this.x() }`).
 */
function getThisOwner(node: TSESTree.ThisExpression): TSESTree.ObjectExpression | TSESTree.MemberExpression | null {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === 'FunctionDeclaration') return null;
    if (current.type === 'FunctionExpression') {
      const owner = current.parent;
      if (owner?.type === 'Property' && owner.value === current && owner.parent.type === 'ObjectExpression') return owner.parent;
      if (owner?.type === 'AssignmentExpression' && owner.right === current && owner.left.type === 'MemberExpression') return owner.left;
      return null;
    }
  }
  return null;
}

function variableCallable(sourceCode: SourceCode, variable: Variable, depth: number): Callable | null {
  // Overloads: `declare function f(): Promise<void>` next to the implementation.
  if (variable.defs.length > 0 && variable.defs.every((def) => def.type === 'FunctionName')) {
    const fns = variable.defs.map((def) => def.node as Callable);
    return fns.find(returnsPromise) ?? fns[0];
  }
  const def = getConstantDefinition(variable);
  if (!def) return null;
  if (def.type === 'Parameter' && def.name.type === 'Identifier') {
    // e.g. function run(task: () => Promise<void>) { task(); }
    return memberCallable(null, def.name.typeAnnotation);
  }
  if (def.type !== 'Variable' || def.node.id.type !== 'Identifier') return null;
  const annotated = memberCallable(null, def.node.id.typeAnnotation);
  if (annotated) return annotated;
  const init = def.node.init && skipTypeWrappers(def.node.init);
  if (!init) return null;
  if (isFunction(init)) return init;
  // e.g. const run = this.refresh.bind(this)
  if (init.type === 'CallExpression' && init.callee.type === 'MemberExpression' && getPropertyName(init.callee) === 'bind') {
    return resolveCallee(sourceCode, init.callee.object, depth + 1);
  }
  return null;
}

function findSignature(members: TSESTree.TypeElement[], name: string): Callable | null {
  for (const member of members) {
    if (member.type !== 'TSMethodSignature' && member.type !== 'TSPropertySignature') continue;
    const key = member.computed ? getStaticString(member.key) : member.key.type === 'Identifier' ? member.key.name : getStaticString(member.key);
    if (key !== name) continue;
    if (member.type === 'TSMethodSignature') return member.kind === 'method' ? member : null;
    return memberCallable(null, member.typeAnnotation);
  }
  return null;
}

/** The member `name` of a declared type: a type literal, or a same-file interface, type alias or class. */
function findTypeMember(sourceCode: SourceCode, type: TSESTree.TypeNode | undefined, name: string, depth = 0): Callable | null {
  if (!type || depth > MAX_DEPTH) return null;
  if (type.type === 'TSTypeLiteral') return findSignature(type.members, name);
  if (type.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return null;
  const variable = findVariable(sourceCode, type.typeName, type.typeName.name);
  for (const def of variable?.defs ?? []) {
    const declaration = def.node;
    if (declaration.type === 'TSInterfaceDeclaration') {
      const found = findSignature(declaration.body.body, name);
      if (found) return found;
    }
    if (declaration.type === 'TSTypeAliasDeclaration') return findTypeMember(sourceCode, declaration.typeAnnotation, name, depth + 1);
    if (declaration.type === 'ClassDeclaration') return findClassMember(sourceCode, declaration, name, false);
  }
  return null;
}

/** The declared type or initial value of `this.field`, e.g. `constructor(private readonly repo: OrderRepo)`. */
function findThisFieldMember(sourceCode: SourceCode, field: TSESTree.MemberExpression & { object: TSESTree.ThisExpression }, name: string): Callable | null {
  const fieldName = getPropertyName(field);
  const owner = getThisClass(field.object);
  if (fieldName === null || !owner) return null;
  for (const member of owner.body.body) {
    if (member.type === 'PropertyDefinition' && !member.static && getPropertyName(member) === fieldName && member.typeAnnotation) {
      return findTypeMember(sourceCode, member.typeAnnotation.typeAnnotation, name);
    }
    if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
      for (const param of member.value.params) {
        const parameter = param.type === 'TSParameterProperty' ? param.parameter : null;
        if (parameter?.type === 'Identifier' && parameter.name === fieldName) {
          return findTypeMember(sourceCode, parameter.typeAnnotation?.typeAnnotation, name);
        }
      }
    }
  }
  // e.g. private readonly worker = new Worker();
  const value = findClassFieldValue(sourceCode, field.object, fieldName);
  const init = value && skipTypeWrappers(value);
  if (init?.type !== 'NewExpression' || init.callee.type !== 'Identifier') return null;
  const valueClass = resolveClass(sourceCode, init.callee);
  return valueClass ? findClassMember(sourceCode, valueClass, name, false) : null;
}

/** The same-file function a callee (or function reference) stands for, or null when unknown. */
export function resolveCallee(sourceCode: SourceCode, input: Node, depth = 0): Callable | null {
  if (depth > MAX_DEPTH) return null;
  const node = skipTypeWrappers(input);
  if (isFunction(node)) return node;
  if (node.type === 'Identifier') {
    const variable = findVariable(sourceCode, node, node.name);
    return variable ? variableCallable(sourceCode, variable, depth) : null;
  }
  if (node.type !== 'MemberExpression') return null;
  const name = getPropertyName(node);
  if (name === null) return null;
  const object = skipTypeWrappers(node.object);
  if (object.type === 'ThisExpression') {
    const owner = getThisClass(object);
    if (owner) return findClassMember(sourceCode, owner, name, isInStaticMember(object));
    const thisOwner = getThisOwner(object);
    if (thisOwner?.type === 'ObjectExpression') return findObjectMember(sourceCode, thisOwner, name, depth);
    const ownerPath = thisOwner ? memberPath(sourceCode, thisOwner.object) : null;
    return ownerPath === null ? null : findAssignedMember(sourceCode, ownerPath, name, depth);
  }
  if (object.type === 'Super') {
    const owner = getSuperClass(sourceCode, object);
    return owner ? findClassMember(sourceCode, owner, name, isInStaticMember(object)) : null;
  }
  // e.g. new Worker().run()
  if (object.type === 'NewExpression' && object.callee.type === 'Identifier') {
    const owner = resolveClass(sourceCode, object.callee);
    return owner ? findClassMember(sourceCode, owner, name, false) : null;
  }
  if (object.type === 'MemberExpression' && object.object.type === 'ThisExpression') {
    return findThisFieldMember(sourceCode, object as TSESTree.MemberExpression & { object: TSESTree.ThisExpression }, name);
  }
  const path = memberPath(sourceCode, object);
  if (path === null) return null;
  return (object.type === 'Identifier' ? findBindingMember(sourceCode, object, name, depth) : null) ??
    findAssignedMember(sourceCode, path, name, depth);
}

/** The member `name` of what a binding holds: a class (static), a typed value, an object literal or a `new` instance. */
function findBindingMember(sourceCode: SourceCode, object: TSESTree.Identifier, name: string, depth: number): Callable | null {
  const variable = findVariable(sourceCode, object, object.name);
  const def = variable && getConstantDefinition(variable);
  if (!def) return null;
  if (def.type === 'ClassName') return findClassMember(sourceCode, def.node as ClassNode, name, true);
  // e.g. function close(repo: { flush(): Promise<void> }) { repo.flush(); }
  const annotation = (def.type === 'Parameter' || def.type === 'Variable') && def.name.type === 'Identifier' ? def.name.typeAnnotation : undefined;
  if (annotation) return findTypeMember(sourceCode, annotation.typeAnnotation, name);
  if (def.type !== 'Variable' || !def.node.init) return null;
  const init = skipTypeWrappers(def.node.init);
  if (init.type === 'ObjectExpression') return findObjectMember(sourceCode, init, name, depth);
  if (init.type === 'ClassExpression') return findClassMember(sourceCode, init, name, true);
  // e.g. const worker = new Worker(); worker.run()
  if (init.type === 'NewExpression' && init.callee.type === 'Identifier') {
    const owner = resolveClass(sourceCode, init.callee);
    return owner ? findClassMember(sourceCode, owner, name, false) : null;
  }
  return null;
}

const variableIds = new WeakMap<Variable, number>();
let nextVariableId = 0;

function rootKey(sourceCode: SourceCode, node: TSESTree.Identifier): string | null {
  const variable = findVariable(sourceCode, node, node.name);
  // Undeclared globals (`exports`, `module`) are keyed by name.
  if (!variable || variable.defs.length === 0) return `global:${node.name}`;
  if (!getConstantDefinition(variable)) return null;
  let id = variableIds.get(variable);
  if (id === undefined) {
    id = (nextVariableId += 1);
    variableIds.set(variable, id);
  }
  return `var:${id}`;
}

/**
 * A key for a chain of static property names from a root binding (`User.prototype`), with the
 * binding's identity so that shadowed names stay apart. In CommonJS, `module.exports.x` and
 * `exports.x` are one object unless the file replaces `module.exports`.
 */
function memberPath(sourceCode: SourceCode, input: Node): string | null {
  const keys: string[] = [];
  let node = skipTypeWrappers(input);
  while (node.type === 'MemberExpression') {
    const name = getPropertyName(node);
    if (name === null) return null;
    keys.unshift(name);
    node = skipTypeWrappers(node.object);
  }
  if (node.type !== 'Identifier') return null;
  const root = rootKey(sourceCode, node);
  if (root === null) return null;
  if (root === 'global:module' && keys[0] === 'exports' && !getMemberAssignments(sourceCode).replacesModuleExports) {
    return ['global:exports', ...keys.slice(1)].join('\0');
  }
  return [root, ...keys].join('\0');
}

interface MemberAssignments {
  byPath: Map<string, TSESTree.Expression[]>;
  replacesModuleExports: boolean;
}

const assignmentsCache = new WeakMap<TSESTree.Program, MemberAssignments>();

/** Every `a.b.c = value` of the file, by member path; one walk per file, on first need. */
function getMemberAssignments(sourceCode: SourceCode): MemberAssignments {
  let found = assignmentsCache.get(sourceCode.ast);
  if (found) return found;
  const result: MemberAssignments = { byPath: new Map(), replacesModuleExports: false };
  const targets: TSESTree.AssignmentExpression[] = [];
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type === 'AssignmentExpression' && node.operator === '=' && node.left.type === 'MemberExpression') targets.push(node);
  });
  result.replacesModuleExports = targets.some(({ left }) =>
    left.type === 'MemberExpression' && left.object.type === 'Identifier' && left.object.name === 'module' && getPropertyName(left) === 'exports');
  assignmentsCache.set(sourceCode.ast, result);
  for (const assignment of targets) {
    const path = memberPath(sourceCode, assignment.left);
    if (path !== null) result.byPath.set(path, [...(result.byPath.get(path) ?? []), assignment.right]);
  }
  found = result;
  return found;
}

/**
 * The member `name` stored on an object by assignment: `User.sync = async function () {}`,
 * `exports.sync = async () => {}`, or a member of an object literal assigned whole
 * (`module.exports = { async sync() {} }`). Several assignments must agree on promise-ness.
 */
function findAssignedMember(sourceCode: SourceCode, object: string, name: string, depth: number): Callable | null {
  if (depth > MAX_DEPTH) return null;
  const { byPath } = getMemberAssignments(sourceCode);
  const values = byPath.get(`${object}\0${name}`);
  if (values) {
    const callables = values.map((value) => resolveCallee(sourceCode, value, depth + 1));
    const [first] = callables;
    if (!first || callables.some((callable) => !callable || returnsPromise(callable) !== returnsPromise(first))) return null;
    return first;
  }
  const wholes = byPath.get(object);
  const whole = wholes?.length === 1 ? skipTypeWrappers(wholes[0]) : null;
  return whole?.type === 'ObjectExpression' ? findObjectMember(sourceCode, whole, name, depth) : null;
}

/** The same-file function with a body that a callee or callback stands for (`.bind(…)` seen through), or null. */
export function resolveFunction(sourceCode: SourceCode, input: Node): FunctionNode | null {
  let node = skipTypeWrappers(input);
  // e.g. this.refresh.bind(this)
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && getPropertyName(node.callee) === 'bind') {
    node = skipTypeWrappers(node.callee.object);
  }
  const callable = resolveCallee(sourceCode, node);
  return isFunction(callable) ? callable : null;
}

function isInStaticMember(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'MethodDefinition' || current.type === 'PropertyDefinition' || current.type === 'StaticBlock') {
      return current.type === 'StaticBlock' || current.static;
    }
  }
  return false;
}

function getSuperClass(sourceCode: SourceCode, node: TSESTree.Super): ClassNode | null {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === 'ClassBody') {
      const parent = current.parent.superClass && skipTypeWrappers(current.parent.superClass);
      return parent?.type === 'Identifier' ? resolveClass(sourceCode, parent) : null;
    }
  }
  return null;
}
