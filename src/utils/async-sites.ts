import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getCalleeName, getPropertyName, isFunction, isMethodCall, isModuleTopLevel, skipTypeWrappers } from './ast.js';
import { resolveCallee, returnsPromise } from './callables.js';
import { findClassFieldValue, findVariable, getConstantDefinition, getThisClass, isGlobal, type Origin, resolveOrigin } from './references.js';
import {
  getTypeServices,
  isArrayExpressionType,
  isBuilderCall,
  isCallableExpression,
  isPromiseArrayExpression,
  isRejectableThenableExpression,
  isShortCircuited,
  isThenableExpression,
  isUntypedExpression,
  returnsThenable,
  type TypeServices,
} from './types.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/** Why an expression is known to produce a new promise. */
export type PromiseEvidence =
  | 'async-function' // a same-file async function, method or arrow, or one declared to return a Promise
  | 'async-iife'
  | 'promise-chain' // `.then/.catch/.finally` on a call
  | 'promise-static' // `Promise.all(...)`, `Promise.resolve()`
  | 'new-promise'
  | 'fetch'
  | 'promise-module' // `fs/promises`, `timers/promises`, `fs.promises.*`, `util.promisify(fn)`
  | 'void' // `void call()`: writing `void` says a promise is dropped
  | 'derived-promise' // `.then(ok)`/`.finally(f)` on an existing promise: a new promise that rejects with it
  | 'promise-array' // with types: an array or tuple of promises, each one dropped
  | 'type-checker';

/** How a value is thrown away. */
export type DiscardKind = 'statement' | 'void' | 'sequence' | 'unused-binding' | 'await'; // 'await': of an array, which waits for none of its promises

export interface Discard {
  kind: DiscardKind;
  /** The `void` expression, the statement, or the declaration that throws the value away. */
  site: Node;
}

/** A promise-valued expression whose value is discarded. */
/** An expression that may hold a promise: new work (a call), or with type information an existing value. */
export type PromiseSite = TSESTree.Expression;

/** Expressions that start work; the others in statement position are values, judged by the checker. */
type WorkExpression = TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression | TSESTree.ImportExpression;

export interface FloatingPromise {
  node: PromiseSite;
  evidence: PromiseEvidence;
  discard: Discard;
  /** The chain ends in `.catch(handler)` or `.then(ok, err)`: failures are seen, the work still has no owner. */
  handled: boolean;
  /** A handled chain at module top level: the program's entry point. */
  handledEntryPoint: boolean;
}

/** Who drops the promise an async callback returns. */
export type CallbackSink = 'forEach' | 'map' | 'event' | 'timer';

/** An async callback (inline or by reference) whose promise the receiving call drops. */
export interface DroppedCallback {
  /** The callback argument: a function or a reference to one. */
  node: Node;
  call: TSESTree.CallExpression;
  sink: CallbackSink;
  /** Printable name of the sink, e.g. `forEach`, `emitter.on`, `setTimeout`. */
  sinkName: string;
}

const CHAIN_METHODS = ['then', 'catch', 'finally'];
const PROMISE_STATICS = ['all', 'allSettled', 'any', 'race', 'reject', 'resolve', 'try'];
const PROMISE_MODULES = ['fs/promises', 'timers/promises', 'dns/promises', 'stream/promises', 'readline/promises'];
// Exports of those modules that are not promise-returning functions.
const NOT_PROMISES = new Set(['setInterval', 'watch', 'constants', 'getServers', 'setServers', 'getDefaultResultOrder', 'setDefaultResultOrder', 'Resolver', 'Interface', 'createInterface', 'Readline']);
const EVENT_METHODS = ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'];
const TIMER_FUNCTIONS = ['setTimeout', 'setImmediate', 'queueMicrotask'];

// Built-ins that never return a promise: `void Reflect.deleteProperty(cache, key)` only drops a boolean.
const SYNC_NAMESPACES = new Set(['Reflect', 'Object', 'JSON', 'Math', 'Array', 'Number', 'String', 'console', 'Date', 'Symbol']);
const SYNC_FUNCTIONS = new Set(['clearTimeout', 'clearInterval', 'clearImmediate', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'structuredClone']);

function isSynchronousBuiltin(origin: Origin | null): boolean {
  if (origin?.kind !== 'global') return false;
  const [head] = origin.path;
  return origin.path.length === 2 ? SYNC_NAMESPACES.has(head) : origin.path.length === 1 && SYNC_FUNCTIONS.has(head);
}

/** Whether the origin is Node's `EventEmitter` class (`events.EventEmitter`, the default export), or an instance when `constructed`. */
function isEventEmitterOrigin(origin: Origin | null, constructed: boolean): boolean {
  if (origin?.kind !== 'module' || origin.module !== 'events') return false;
  const path = constructed ? (origin.path.at(-1) === '()' ? origin.path.slice(0, -1) : null) : origin.path;
  return !!path && (path.length === 0 || (path.length === 1 && path[0] === 'EventEmitter'));
}

const CHILD_PROCESS_STARTERS = new Set(['fork', 'spawn', 'exec', 'execFile']);
// Methods of a `ChildProcess` that return a boolean or nothing.
const CHILD_PROCESS_SYNC_METHODS = new Set(['kill', 'send', 'disconnect', 'emit']);

/** Whether the origin is a process started by `child_process` (`const worker = fork(file)`). */
function isChildProcess(origin: Origin | null): boolean {
  return origin?.kind === 'module' && origin.module === 'child_process' && origin.path.length === 2 &&
    CHILD_PROCESS_STARTERS.has(origin.path[0]) && origin.path[1] === '()';
}

/** Whether the call is `kill`/`send`/`disconnect`/`emit` of a `child_process` child, which return no promise. */
function isChildProcessMethod(sourceCode: SourceCode, callee: Node): boolean {
  if (callee.type !== 'MemberExpression') return false;
  const method = getPropertyName(callee);
  return method !== null && CHILD_PROCESS_SYNC_METHODS.has(method) && isChildProcess(resolveOrigin(sourceCode, skipTypeWrappers(callee.object)));
}

/** The type an identifier is declared with (`emitter: EventEmitter`), as its type name. */
function declaredTypeName(sourceCode: SourceCode, node: TSESTree.Identifier): TSESTree.Identifier | null {
  const variable = findVariable(sourceCode, node, node.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : null;
  const annotation = def?.name.type === 'Identifier' ? def.name.typeAnnotation?.typeAnnotation : undefined;
  return annotation?.type === 'TSTypeReference' && annotation.typeName.type === 'Identifier' ? annotation.typeName : null;
}

/**
 * Whether the call is `emit` of a Node `EventEmitter` (which returns a boolean): on a binding
 * declared as one or built with `new EventEmitter()`, or on `this` in a class extending it.
 */
function isEventEmitterEmit(sourceCode: SourceCode, callee: Node): boolean {
  if (callee.type !== 'MemberExpression' || getPropertyName(callee) !== 'emit') return false;
  const receiver = skipTypeWrappers(callee.object);
  if (receiver.type === 'ThisExpression') {
    const superClass = getThisClass(receiver)?.superClass;
    return !!superClass && isEventEmitterOrigin(resolveOrigin(sourceCode, superClass), false);
  }
  if (isEventEmitterOrigin(resolveOrigin(sourceCode, receiver), true)) return true;
  const typeName = receiver.type === 'Identifier' ? declaredTypeName(sourceCode, receiver) : null;
  return !!typeName && isEventEmitterOrigin(resolveOrigin(sourceCode, typeName), false);
}

/** Whether the call is `.then(...)`, `.catch(...)` or `.finally(...)`. */
export function isChainCall(node: Node): node is TSESTree.CallExpression & { callee: TSESTree.MemberExpression } {
  return isMethodCall(node, { methods: CHAIN_METHODS });
}

/** The expression a `.then/.catch/.finally` chain starts from: `a().then().catch()` → `a()`. */
export function getChainRoot(node: Node): Node {
  let current = skipTypeWrappers(node);
  while (isChainCall(current)) current = skipTypeWrappers((skipTypeWrappers(current.callee) as TSESTree.MemberExpression).object);
  return current;
}

/** Whether a chain has a link only promises have: `.catch(…)`, `.finally(…)` or `.then(ok, err)`. */
function hasPromiseOnlyLink(node: Node): boolean {
  for (let current = skipTypeWrappers(node); isChainCall(current); current = skipTypeWrappers(current.callee.object)) {
    const method = getPropertyName(current.callee);
    if (method !== 'then' || current.arguments.length >= 2) return true;
  }
  return false;
}

/** Whether the expression starts work (a call), as opposed to reading an existing value. */
function startsWork(node: Node): boolean {
  return node.type === 'CallExpression' || node.type === 'NewExpression' || node.type === 'ImportExpression' || node.type === 'TaggedTemplateExpression';
}

/** Whether an argument can serve as a rejection handler: not missing, spread, `undefined`, `null` or a literal. */
function mayBeHandler(argument: Node | undefined, types: TypeServices | null): boolean {
  if (!argument || argument.type === 'SpreadElement') return false;
  const node = skipTypeWrappers(argument);
  if (isFunction(node)) return true;
  if (['Literal', 'TemplateLiteral', 'ObjectExpression', 'ArrayExpression', 'ClassExpression'].includes(node.type)) return false;
  if (node.type === 'Identifier' && node.name === 'undefined') return false;
  if (node.type === 'UnaryExpression') return false;
  return types ? isCallableExpression(types, node) : true;
}

/** Whether a chain ends in a rejection handler: `.catch(handler)` or `.then(ok, err)`, then any `.finally`. */
export function isHandledChain(node: Node, types: TypeServices | null = null): boolean {
  let current = skipTypeWrappers(node);
  while (isChainCall(current) && getPropertyName(current.callee) === 'finally') {
    current = skipTypeWrappers(current.callee.object);
  }
  if (!isChainCall(current)) return false;
  const method = getPropertyName(current.callee);
  const [first, second] = current.arguments;
  if (method === 'catch') return mayBeHandler(first, types);
  return method === 'then' && first?.type !== 'SpreadElement' && mayBeHandler(second, types);
}

/** Whether `node` names the `reject` parameter of a `new Promise((resolve, reject) => …)` executor, never reassigned. */
function isExecutorReject(sourceCode: SourceCode, input: Node): boolean {
  const node = skipTypeWrappers(input);
  if (node.type !== 'Identifier') return false;
  const variable = findVariable(sourceCode, node, node.name);
  const def = variable && getConstantDefinition(variable);
  if (def?.type !== 'Parameter' || !isFunction(def.node) || def.node.params[1] !== def.name) return false;
  const construction = def.node.parent;
  return construction?.type === 'NewExpression' && construction.arguments[0] === def.node &&
    isGlobal(resolveOrigin(sourceCode, construction.callee), ['Promise']);
}

/** `reject`, `(error) => reject(error)` or `function (error) { reject(error); }` with the executor's `reject`. */
function isRejectionForwarder(sourceCode: SourceCode, argument: Node | undefined): boolean {
  if (!argument) return false;
  const handler = skipTypeWrappers(argument);
  if (!isFunction(handler)) return isExecutorReject(sourceCode, handler);
  const [param] = handler.params;
  if (handler.params.length !== 1 || param.type !== 'Identifier') return false;
  const body = onlyExpression(handler.body);
  if (body?.type !== 'CallExpression' || body.arguments.length !== 1) return false;
  const [passed] = body.arguments;
  return passed.type === 'Identifier' && passed.name === param.name && isExecutorReject(sourceCode, body.callee);
}

/** An arrow's expression body, or the expression of a body's only statement (`{ f(x); }`, `{ return f(x); }`). */
function onlyExpression(body: TSESTree.BlockStatement | TSESTree.Expression): Node | null {
  if (body.type !== 'BlockStatement') return body;
  const [statement] = body.body;
  if (body.body.length !== 1) return null;
  if (statement.type === 'ExpressionStatement') return statement.expression;
  return statement.type === 'ReturnStatement' ? statement.argument : null;
}

/**
 * Whether a chain's last call hands failures to the enclosing Promise executor's `reject`
 * (`connect().then(resolve, reject)`, `load().then(apply).catch(reject)`): the promise being
 * built carries the outcome to whoever awaits it, so the work is owned.
 */
function forwardsToExecutor(sourceCode: SourceCode, node: Node): boolean {
  const last = skipTypeWrappers(node);
  if (!isChainCall(last)) return false;
  const method = getPropertyName(last.callee);
  const [first, second] = last.arguments;
  if (method === 'catch') return isRejectionForwarder(sourceCode, first);
  return method === 'then' && !!first && first.type !== 'SpreadElement' && isRejectionForwarder(sourceCode, second);
}

function isUnread(variable: Variable | undefined): boolean {
  if (!variable || variable.defs.length !== 1) return false;
  const declaration = variable.defs[0].parent;
  if (declaration?.parent?.type === 'ExportNamedDeclaration') return false;
  // e.g. declare let ready: Promise<void>; ready = connect();  (owned elsewhere)
  if (declaration?.type === 'VariableDeclaration' && declaration.declare) return false;
  // A `var` at script top level may be read by other scripts.
  if (declaration?.type === 'VariableDeclaration' && declaration.kind === 'var' && variable.scope.type === 'global') return false;
  return !variable.references.some((reference) => reference.isRead());
}

/** Finds new promises, discarded values and dropped async callbacks; one analyzer per file. */
export class AsyncSites {
  readonly sourceCode: SourceCode;
  readonly types: TypeServices | null;

  constructor(sourceCode: SourceCode) {
    this.sourceCode = sourceCode;
    this.types = getTypeServices(sourceCode);
  }

  /** Why `node` produces a new promise, or null when it does not or the plugin cannot tell. */
  getPromiseEvidence(input: Node): PromiseEvidence | null {
    const node = skipTypeWrappers(input);
    const syntactic = this.getSyntacticEvidence(node);
    if (syntactic) return syntactic;
    if (!this.types || !startsWork(node) || !isThenableExpression(this.types, node)) return null;
    return node.type === 'CallExpression' && isBuilderCall(this.types, node) ? null : 'type-checker';
  }

  private getSyntacticEvidence(node: Node): PromiseEvidence | null {
    if (node.type === 'NewExpression') {
      return isGlobal(this.origin(node.callee), ['Promise']) ? 'new-promise' : null;
    }
    if (node.type === 'ImportExpression') return 'promise-module';
    if (node.type !== 'CallExpression') return null;
    if (isChainCall(node)) {
      const root = getChainRoot(node);
      if (!startsWork(root)) return null;
      // `.then(cb)` alone also fits builders (`when(...).then(...)`); the root must be known work.
      return hasPromiseOnlyLink(node) || this.getSyntacticEvidence(root) ? 'promise-chain' : null;
    }
    const callee = skipTypeWrappers(node.callee);
    if (isFunction(callee)) return returnsPromise(callee) ? 'async-iife' : null;
    const callable = resolveCallee(this.sourceCode, callee);
    if (callable) return returnsPromise(callable) ? 'async-function' : null;
    return this.originEvidence(callee);
  }

  private origin(node: Node): Origin | null {
    return resolveOrigin(this.sourceCode, node);
  }

  private originEvidence(callee: Node): PromiseEvidence | null {
    const origin = this.origin(callee);
    if (!origin) return null;
    if (origin.kind === 'global') {
      const [head, method] = origin.path;
      if (head === 'fetch' && origin.path.length === 1) return 'fetch';
      if (head === 'Promise' && origin.path.length === 2 && PROMISE_STATICS.includes(method)) return 'promise-static';
      return null;
    }
    const { module, path } = origin;
    if (PROMISE_MODULES.includes(module) && path.length === 1 && !NOT_PROMISES.has(path[0])) return 'promise-module';
    if ((module === 'node-fetch' && path.length === 0) || (module === 'undici' && path.length === 1 && path[0] === 'fetch')) return 'fetch';
    // e.g. const sleep = promisify(setTimeout); sleep(100)
    if (module === 'util' && path.length === 2 && path[0] === 'promisify' && path[1] === '()') return 'promise-module';
    return null;
  }

  /** Whether a function or function reference returns a promise when called. */
  isAsyncCallback(input: Node): boolean {
    const node = skipTypeWrappers(input);
    const callable = isFunction(node) ? node : resolveCallee(this.sourceCode, node);
    if (callable) return returnsPromise(callable);
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && getPropertyName(node.callee) === 'bind') {
      return this.isAsyncCallback(node.callee.object);
    }
    if (!this.types || !(node.type === 'Identifier' || node.type === 'MemberExpression')) return false;
    return returnsThenable(this.types, node);
  }

  /** How the value of `node` is thrown away, or null when something uses it. */
  getDiscard(node: Node): Discard | null {
    let current: Node = node;
    for (let parent: Node | undefined = current.parent; parent; current = parent, parent = parent.parent) {
      switch (parent.type) {
        case 'TSAsExpression':
        case 'TSNonNullExpression':
        case 'TSSatisfiesExpression':
        case 'TSTypeAssertion':
        case 'ChainExpression':
          continue;
        case 'ConditionalExpression':
          if (parent.test === current) return null;
          continue;
        case 'LogicalExpression':
          // e.g. shouldSync && syncAll(); isReady() || start(): a promise on either side is dropped,
          // unless the checker proves the right side never runs (`let on = false; on && sync();`).
          if (parent.right === current && this.types && isShortCircuited(this.types, parent)) return null;
          continue;
        case 'SequenceExpression':
          if (parent.expressions.at(-1) !== current) return { kind: 'sequence', site: parent };
          continue;
        case 'ExpressionStatement':
          return { kind: 'statement', site: parent };
        case 'UnaryExpression':
          return parent.operator === 'void' ? { kind: 'void', site: parent } : null;
        case 'VariableDeclarator': {
          if (parent.init !== current || parent.id.type !== 'Identifier' || parent.parent.declare) return null;
          const [variable] = this.sourceCode.getDeclaredVariables(parent);
          return isUnread(variable) ? { kind: 'unused-binding', site: parent.parent } : null;
        }
        case 'AssignmentExpression': {
          if (parent.right !== current || parent.operator !== '=' || parent.left.type !== 'Identifier') return null;
          if (parent.parent.type !== 'ExpressionStatement') return null;
          const variable = findVariable(this.sourceCode, parent.left, parent.left.name);
          return variable && variable.scope.type !== 'global' && isUnread(variable) ? { kind: 'unused-binding', site: parent.parent } : null;
        }
        default:
          return null;
      }
    }
    return null;
  }

  /**
   * Whether `void call()` drops a promise although nothing else says so: the callee is not a
   * same-file function known to return something else, and the checker (if any) cannot tell.
   */
  private isVoidedPromise(node: Node): boolean {
    if (node.type !== 'CallExpression') return false;
    const callee = skipTypeWrappers(node.callee);
    if (isFunction(callee) || resolveCallee(this.sourceCode, callee)) return false;
    if (isSynchronousBuiltin(this.origin(callee)) || isEventEmitterEmit(this.sourceCode, callee) || isChildProcessMethod(this.sourceCode, callee)) return false;
    return !this.types || isUntypedExpression(this.types, node);
  }

  /**
   * Whether an existing value is known to be a promise: a same-file binding or class field
   * that holds a promise-valued call (`const inflight = load()`, `ready = this.connect()`), or
   * any promise according to the checker.
   */
  isKnownPromiseValue(input: Node): boolean {
    const node = skipTypeWrappers(input);
    let value: Node | null = null;
    if (node.type === 'Identifier') {
      const variable = findVariable(this.sourceCode, node, node.name);
      const def = variable && getConstantDefinition(variable);
      value = def?.type === 'Variable' && def.node.id.type === 'Identifier' ? def.node.init : null;
    } else if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression') {
      const name = getPropertyName(node);
      value = name === null ? null : findClassFieldValue(this.sourceCode, node.object, name);
    }
    const evidence = value && startsWork(skipTypeWrappers(value)) ? this.getPromiseEvidence(value) : null;
    if (evidence && evidence !== 'type-checker') return true;
    // With types, a thenable whose `then` takes no rejection handler cannot reject unobserved.
    return !!this.types && isRejectableThenableExpression(this.types, node);
  }

  /**
   * A chain on an existing promise: observing it (`ready.catch(h)`, `ready.then(ok, err)`) is
   * fine; `.then(ok)` or `.finally(f)` makes a derived promise that rejects when the original
   * does, with nobody listening.
   */
  private getDerivedPromise(node: TSESTree.CallExpression, discard: Discard): FloatingPromise | null {
    if (isHandledChain(node, this.types) || !this.isKnownPromiseValue(getChainRoot(node))) return null;
    return { node, evidence: 'derived-promise', discard, handled: false, handledEntryPoint: false };
  }

  /**
   * `Promise.resolve(value)` of an existing value (`Promise.resolve(result)` in a timing wrapper):
   * no new work, so a chain on it that handles rejection only observes that value.
   */
  private isWrappedValue(root: Node): boolean {
    if (root.type !== 'CallExpression' || root.arguments.length !== 1 || root.arguments[0].type === 'SpreadElement') return false;
    const origin = this.origin(skipTypeWrappers(root.callee));
    return origin?.kind === 'global' && origin.path.join('.') === 'Promise.resolve' && !startsWork(skipTypeWrappers(root.arguments[0]));
  }

  /** The floating promise `node` is, or null: it must be new work or derived from a known promise, and discarded. */
  getFloatingPromise(node: PromiseSite): FloatingPromise | null {
    const discard = this.getDiscard(node);
    if (!discard || forwardsToExecutor(this.sourceCode, node)) return null;
    if (!isWork(node)) return this.getBarePromise(node, discard);
    if (isChainCall(node) && !startsWork(getChainRoot(node))) return this.getDerivedPromise(node, discard);
    if (isChainCall(node) && this.isWrappedValue(getChainRoot(node)) && isHandledChain(node, this.types)) return null;
    const evidence = this.getPromiseEvidence(node) ?? (isDroppingVoid(discard) && this.isVoidedPromise(node) ? 'void' : null);
    if (!evidence) return null;
    const handled = isHandledChain(node, this.types);
    return { node, evidence, discard, handled, handledEntryPoint: handled && isModuleTopLevel(node) };
  }

  /** A promise value as a statement (`promise;`, `ready && promise;`): a discard, seen with type information only. */
  private getBarePromise(node: PromiseSite, discard: Discard): FloatingPromise | null {
    if (!this.types || (discard.kind !== 'statement' && discard.kind !== 'sequence') || !isRejectableThenableExpression(this.types, node)) return null;
    return { node, evidence: 'type-checker', discard, handled: false, handledEntryPoint: false };
  }

  /**
   * An array or tuple of promises thrown away as a statement (`ids.map((id) => sync(id));`) or
   * awaited as it is (`await ids.map(…)` waits for none of them): with type information only.
   */
  getDroppedPromiseArray(node: PromiseSite): FloatingPromise | null {
    if (!this.types || !isPromiseArrayExpression(this.types, node)) return null;
    const awaited = node.parent?.type === 'AwaitExpression' ? node.parent : null;
    const discard = awaited ? { kind: 'await' as const, site: awaited } : this.getDiscard(node);
    if (!discard || (discard.kind !== 'statement' && discard.kind !== 'sequence' && discard.kind !== 'await')) return null;
    return { node, evidence: 'promise-array', discard, handled: false, handledEntryPoint: false };
  }

  /** The async callback argument of `call` whose promise the callee drops, or null. */
  getDroppedCallback(call: TSESTree.CallExpression): DroppedCallback | null {
    const callee = skipTypeWrappers(call.callee);
    const method = callee.type === 'MemberExpression' ? getPropertyName(callee) : null;
    const candidate = (node: Node | undefined, sink: CallbackSink, sinkName: string): DroppedCallback | null =>
      node && node.type !== 'SpreadElement' && this.isAsyncCallback(node) ? { node, call, sink, sinkName } : null;
    if (method === 'forEach') return candidate(call.arguments[0], 'forEach', 'forEach');
    // e.g. ids.map(async (id) => sync(id)); with the array of promises thrown away
    if (method === 'map' && this.getDiscard(call)) return candidate(call.arguments[0], 'map', 'map');
    if (method !== null && EVENT_METHODS.includes(method) && call.arguments.length === 2) {
      return candidate(call.arguments[1], 'event', method);
    }
    const name = getCalleeName(call);
    if (name === null || !(TIMER_FUNCTIONS.includes(name) || name === 'nextTick')) return null;
    const origin = this.origin(callee);
    const timer = origin?.path.length === 1 && (origin.kind === 'global' || origin.module === 'timers') &&
      TIMER_FUNCTIONS.includes(origin.path[0]);
    if (timer) return candidate(call.arguments[0], 'timer', origin.path[0]);
    if (isGlobal(origin, ['process', 'nextTick'])) return candidate(call.arguments[0], 'timer', 'process.nextTick');
    return null;
  }

  /** Whether the expression is known to be an array (so `.forEach` can become `.map`). */
  isArray(input: Node): boolean {
    const node = skipTypeWrappers(input);
    if (node.type === 'ArrayExpression') return true;
    if (this.types) return isArrayExpressionType(this.types, node);
    if (isMethodCall(node, { object: ['Object'], methods: ['keys', 'values', 'entries'] })) return true;
    if (isMethodCall(node, { object: ['Array'], methods: ['from', 'of'] })) return true;
    if (node.type === 'Identifier') {
      const variable = findVariable(this.sourceCode, node, node.name);
      const def = variable && getConstantDefinition(variable);
      const annotation = def?.name.type === 'Identifier' ? def.name.typeAnnotation?.typeAnnotation : undefined;
      if (annotation?.type === 'TSArrayType') return true;
      if (annotation?.type === 'TSTypeReference' && annotation.typeName.type === 'Identifier' &&
        ['Array', 'ReadonlyArray'].includes(annotation.typeName.name)) return true;
      return def?.type === 'Variable' && !annotation && !!def.node.init && skipTypeWrappers(def.node.init).type === 'ArrayExpression';
    }
    return false;
  }
}

/**
 * `void call();` as a statement or as an arrow's whole body: the forms that drop a result on
 * purpose. `return void cb(err)` and `ok && void next()` (and minified code) only return `undefined`.
 */
function isDroppingVoid(discard: Discard): boolean {
  if (discard.kind !== 'void') return false;
  const parent = discard.site.parent;
  return parent?.type === 'ExpressionStatement' || (parent?.type === 'ArrowFunctionExpression' && parent.body === discard.site);
}

function isWork(node: Node): node is WorkExpression {
  return node.type === 'CallExpression' || node.type === 'NewExpression' || node.type === 'TaggedTemplateExpression' || node.type === 'ImportExpression';
}

// Statement values that cannot be a dropped promise: the assignment or update itself, an awaited or voided value.
const NOT_DROPPED = new Set(['AssignmentExpression', 'UpdateExpression', 'AwaitExpression', 'UnaryExpression', 'Literal', 'TemplateLiteral', 'ArrowFunctionExpression', 'FunctionExpression', 'ClassExpression']);

/** The operands an expression statement throws away: through `&&`/`||`/`??`, both branches of `?:`, and comma sequences. */
function statementOperands(node: TSESTree.Expression): TSESTree.Expression[] {
  if (node.type === 'LogicalExpression') return [...statementOperands(node.left), ...statementOperands(node.right)];
  if (node.type === 'ConditionalExpression') return [...statementOperands(node.consequent), ...statementOperands(node.alternate)];
  if (node.type === 'SequenceExpression') return node.expressions.flatMap(statementOperands);
  if (node.type === 'ChainExpression') return [node.expression];
  return NOT_DROPPED.has(node.type) ? [] : [node];
}

const analyzers = new WeakMap<TSESTree.Program, AsyncSites>();

/** The async-site analyzer of the linted file (one per file, shared by every rule). */
export function getAsyncSites(sourceCode: SourceCode): AsyncSites {
  let sites = analyzers.get(sourceCode.ast);
  if (!sites) {
    sites = new AsyncSites(sourceCode);
    analyzers.set(sourceCode.ast, sites);
  }
  return sites;
}

/** Listeners that hand every floating promise and dropped async callback of the file to the rule. */
export function defineAsyncSiteVisitor(
  sourceCode: SourceCode,
  handlers: { onFloatingPromise?(site: FloatingPromise): void; onDroppedCallback?(site: DroppedCallback): void },
): TSESLint.RuleListener {
  const sites = getAsyncSites(sourceCode);
  const checkNode = (node: WorkExpression): void => {
    if (!handlers.onFloatingPromise) return;
    const floating = sites.getFloatingPromise(node);
    if (floating) handlers.onFloatingPromise(floating);
  };
  // e.g. `promise;`, `ready && promise;` or `ids.map((id) => sync(id));`: for the checker to judge.
  const checkStatement = (node: TSESTree.ExpressionStatement): void => {
    if (!sites.types || !handlers.onFloatingPromise) return;
    for (const operand of statementOperands(node.expression)) {
      const floating = isWork(operand) ? sites.getDroppedPromiseArray(operand) : sites.getFloatingPromise(operand) ?? sites.getDroppedPromiseArray(operand);
      if (floating) handlers.onFloatingPromise(floating);
    }
  };
  return {
    ExpressionStatement: checkStatement,
    AwaitExpression(node) {
      const floating = sites.types && handlers.onFloatingPromise ? sites.getDroppedPromiseArray(node.argument) : null;
      if (floating) handlers.onFloatingPromise?.(floating);
    },
    ImportExpression: checkNode,
    CallExpression(node) {
      checkNode(node);
      if (!handlers.onDroppedCallback) return;
      const dropped = sites.getDroppedCallback(node);
      if (dropped) handlers.onDroppedCallback(dropped);
    },
    NewExpression: checkNode,
    TaggedTemplateExpression: checkNode,
  };
}
