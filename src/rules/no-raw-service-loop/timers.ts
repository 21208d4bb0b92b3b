import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, getPropertyName, getStaticString, isFunction, isInside, isMethodCall, skipTypeWrappers, walk } from '../../utils/ast.js';
import { resolveFunction } from '../../utils/callables.js';
import { findVariable } from '../../utils/references.js';
import { findRequestHandler, type HandlerContext } from '../../utils/request-handlers.js';
import { isBoundingCondition, pathConditions } from './loops.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

const MAX_HOPS = 5;
const PROMISE_CALLBACKS = ['then', 'catch', 'finally'];
const REACT_EFFECTS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);
const REQUEST_END_EVENTS = new Set(['close', 'end', 'finish', 'aborted']);
const LISTENER_METHODS = ['on', 'once', 'addListener', 'addEventListener', 'prependListener', 'prependOnceListener'];

const DEFERRING = new Set(['setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick']);

function isDeferringCall(call: TSESTree.CallExpression): boolean {
  const callee = skipTypeWrappers(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? getPropertyName(callee) : null;
  return name !== null && DEFERRING.has(name);
}

/** Whether the function is a callback of a promise chain or a `new Promise` executor (it still runs for its owner). */
function isContinuation(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type === 'NewExpression') return call.callee.type === 'Identifier' && call.callee.name === 'Promise';
  return call?.type === 'CallExpression' && call.arguments.includes(fn as TSESTree.CallExpressionArgument) && isMethodCall(call, { methods: PROMISE_CALLBACKS });
}

/**
 * The functions that schedule a timer call: the nearest enclosing function, and its owners when
 * the call sits in a promise continuation (`work().finally(() => setTimeout(poll, ms))`).
 */
function schedulingFunctions(call: Node): FunctionNode[] {
  const found: FunctionNode[] = [];
  for (let current = call.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    found.push(current);
    if (!isContinuation(current)) break;
  }
  return found;
}

/** The same-file functions `fn` calls or hands on as callbacks, each with the call that does it. */
function outgoing(sourceCode: SourceCode, fn: FunctionNode): { target: FunctionNode; site: Node }[] {
  const edges: { target: FunctionNode; site: Node }[] = [];
  walk(fn.body, sourceCode.visitorKeys, (node) => {
    // A nested function runs later, if ever (an event listener): only promise continuations count.
    if (isFunction(node) && !isContinuation(node)) return false;
    if (node.type !== 'CallExpression') return undefined;
    const callee = resolveFunction(sourceCode, node.callee);
    if (callee) edges.push({ target: callee, site: node });
    // A function handed to a promise or a timer runs next; one handed to a listener or a client may never run.
    if (!isMethodCall(node, { methods: PROMISE_CALLBACKS }) && !isDeferringCall(node)) return undefined;
    for (const argument of node.arguments) {
      const value = skipTypeWrappers(argument);
      if (isFunction(value)) continue;
      const target = resolveFunction(sourceCode, value);
      if (target) edges.push({ target, site: node });
    }
    return undefined;
  });
  return edges;
}

/**
 * Counters set back to a number inside the cycle (`retries = 0` after a success): a comparison
 * on them does not bound the cycle, which runs on for as long as the work keeps succeeding.
 */
interface CounterResets {
  variables: Set<TSESLint.Scope.Variable>;
  members: Set<string>;
}

function findCounterResets(sourceCode: SourceCode, functions: Iterable<FunctionNode>): CounterResets {
  const resets: CounterResets = { variables: new Set(), members: new Set() };
  for (const fn of functions) {
    walk(fn.body, sourceCode.visitorKeys, (node) => {
      if (node.type !== 'AssignmentExpression' || node.operator !== '=' || node.right.type !== 'Literal' || typeof node.right.value !== 'number') return;
      if (node.left.type === 'MemberExpression') resets.members.add(sourceCode.getText(node.left));
      const variable = node.left.type === 'Identifier' ? findVariable(sourceCode, node.left, node.left.name) : null;
      if (variable) resets.variables.add(variable);
    });
  }
  return resets;
}

function readsResetCounter(sourceCode: SourceCode, test: Node, resets: CounterResets): boolean {
  let found = false;
  walk(test, sourceCode.visitorKeys, (node) => {
    if (found) return false;
    if (node.type === 'MemberExpression' && resets.members.has(sourceCode.getText(node))) found = true;
    if (node.type === 'Identifier') {
      const variable = findVariable(sourceCode, node, node.name);
      if (variable && resets.variables.has(variable)) found = true;
    }
    return undefined;
  });
  return found;
}

/** The tests of `if (…) return;` statements that come before `node` in its enclosing blocks, up to `stop`. */
function earlyExitGuards(node: Node, stop: Node): Node[] {
  const guards: Node[] = [];
  let child: Node = node;
  for (let current: Node | undefined = node.parent; current && current !== stop; child = current, current = current.parent) {
    if (current.type !== 'BlockStatement') continue;
    for (const statement of current.body) {
      if (statement === child) break;
      const exit = statement.type === 'IfStatement' && !statement.alternate &&
        (statement.consequent.type === 'BlockStatement' ? statement.consequent.body.at(-1) : statement.consequent);
      if (exit && (exit.type === 'ReturnStatement' || exit.type === 'ThrowStatement')) guards.push((statement as TSESTree.IfStatement).test);
    }
  }
  return guards;
}

const isComparison = (test: Node): boolean => test.type === 'BinaryExpression' && ['<', '<=', '>', '>='].includes(test.operator);

/**
 * Whether a call site inside `region` is guarded by a bound (a count, a deadline, local data;
 * also a count compared in an early `if (attempts >= max) return;`) or runs only on failure.
 * An early return on a handle (`if (this.retryTimer) return;`) only prevents a second timer.
 */
function isBoundedSite(sourceCode: SourceCode, site: Node, stop: Node, region: Node, resets: CounterResets): boolean {
  const { conditions, inCatch } = pathConditions(site, stop);
  if (inCatch) return true;
  const bounds = (test: Node): boolean => isBoundingCondition(sourceCode, test, region) && !readsResetCounter(sourceCode, test, resets);
  return conditions.some(bounds) || earlyExitGuards(site, stop).some((test) => isComparison(test) && bounds(test));
}

/** Whether the interval's own callback clears it unconditionally or on a bound (a count reached, local data). */
function clearsItselfOnBound(sourceCode: SourceCode, clear: Node, callback: FunctionNode): boolean {
  const { conditions } = pathConditions(clear, callback);
  return conditions.length === 0 || conditions.some((test) => isBoundingCondition(sourceCode, test, callback));
}

/**
 * The same-file functions from `start` back to one of `schedulers`, following calls and
 * callbacks handed to promises or timers; with `resets`, calls that the callback makes under a
 * bound (`if (++attempt < 5) this.poll()`) are not followed.
 */
function findPathBack(sourceCode: SourceCode, start: FunctionNode, schedulers: FunctionNode[], resets: CounterResets | null): FunctionNode[] | null {
  if (schedulers.includes(start)) return [start];
  const cameFrom = new Map<FunctionNode, FunctionNode | null>([[start, null]]);
  let frontier: FunctionNode[] = [start];
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop += 1) {
    const next: FunctionNode[] = [];
    for (const fn of frontier) {
      for (const { target, site } of outgoing(sourceCode, fn)) {
        // Guards are read where the callback itself calls back; further on, only a retry on failure ends the cycle.
        if (resets && fn === start && isBoundedSite(sourceCode, site, fn, fn, resets)) continue;
        if (resets && fn !== start && pathConditions(site, fn).inCatch) continue;
        if (cameFrom.has(target)) continue;
        cameFrom.set(target, fn);
        if (schedulers.includes(target)) {
          const path: FunctionNode[] = [];
          for (let step: FunctionNode | null | undefined = target; step; step = cameFrom.get(step)) path.unshift(step);
          return path;
        }
        next.push(target);
      }
    }
    frontier = next;
  }
  return null;
}

/**
 * The cycle of same-file functions that a `setTimeout(cb, ms)` call closes, or null: `cb`
 * leads back to the function that makes the call, directly, through `this.method`, an object
 * member, or a chain of calls among functions of the file (`beat` schedules `safeBeat`, which
 * awaits `beat`), with no bound on the way (a retry count, a deadline, local data, a retry only
 * on failure). A counter that the cycle resets is no bound.
 */
export function findReschedulingCycle(sourceCode: SourceCode, call: TSESTree.CallExpression): FunctionNode[] | null {
  const callback = call.arguments[0];
  if (!callback) return null;
  const schedulers = schedulingFunctions(call);
  const owner = schedulers.at(-1);
  const start = owner && resolveFunction(sourceCode, callback);
  if (!owner || !start) return null;
  const unguarded = findPathBack(sourceCode, start, schedulers, null);
  if (!unguarded) return null;
  const resets = findCounterResets(sourceCode, new Set([...unguarded, ...schedulers]));
  if (isBoundedSite(sourceCode, call, owner, owner, resets)) return null;
  const path = findPathBack(sourceCode, start, schedulers, resets);
  return path && [...new Set([...path, ...schedulers])];
}

/** Whether the node runs inside a React effect callback (UI code, cleaned up by React). */
export function isInReactEffect(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const call = current.parent;
    if (call?.type !== 'CallExpression' || call.arguments[0] !== current) continue;
    const callee = skipTypeWrappers(call.callee);
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? getPropertyName(callee) : null;
    if (name !== null && REACT_EFFECTS.has(name)) return true;
  }
  return false;
}

/** The expression a timer handle is stored in (`const t = setInterval(…)`, `this.timer = …`), or null. */
function handleTarget(call: TSESTree.CallExpression): Node | null {
  const parent = call.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === call && parent.id.type === 'Identifier') return parent.id;
  if (parent?.type === 'AssignmentExpression' && parent.right === call) return parent.left;
  return null;
}

function sameReference(sourceCode: SourceCode, a: Node, b: Node): boolean {
  const left = skipTypeWrappers(a);
  const right = skipTypeWrappers(b);
  if (left.type === 'Identifier' && right.type === 'Identifier') {
    return left.name === right.name && findVariable(sourceCode, left, left.name) === findVariable(sourceCode, right, right.name);
  }
  return left.type === 'MemberExpression' && right.type === 'MemberExpression' && sourceCode.getText(left) === sourceCode.getText(right);
}

/** The listener's event when `fn` is the listener of `x.on(event, fn)` (or `once`, `addEventListener`, …), with the receiver. */
function listenerOf(fn: FunctionNode): { receiver: Node; event: string } | null {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.arguments[1] !== fn || !isMethodCall(call, { methods: LISTENER_METHODS })) return null;
  const event = getStaticString(call.arguments[0]);
  const callee = skipTypeWrappers(call.callee);
  return event !== null && callee.type === 'MemberExpression' ? { receiver: skipTypeWrappers(callee.object), event } : null;
}

/**
 * Whether `fn` listens for the end of the request it serves: a `close`/`end`/`finish`/`aborted`
 * listener on a parameter of the enclosing request handler or on a member of one (`req`,
 * `res.socket`, `ctx.req`, `reply.raw`), or an `abort` listener on its signal (`request.signal`).
 */
function isRequestEndListener(context: HandlerContext, fn: FunctionNode): boolean {
  const listener = listenerOf(fn);
  if (!listener) return false;
  const { receiver, event } = listener;
  const onSignal = receiver.type === 'MemberExpression' && getPropertyName(receiver) === 'signal';
  if (!REQUEST_END_EVENTS.has(event) && !(event === 'abort' && onSignal)) return false;
  let root: Node = receiver;
  while (root.type === 'MemberExpression') root = skipTypeWrappers(root.object);
  if (root.type !== 'Identifier') return false;
  const handler = findRequestHandler(context, fn);
  if (!handler) return false;
  const variable = findVariable(context.sourceCode, root, root.name);
  return !!variable && variable.defs.some((def) => def.type === 'Parameter' && def.node === handler.fn);
}

/** Whether `fn` is the callback of a `setTimeout(fn, ms)` call. */
function isTimeoutCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== fn) return false;
  const callee = skipTypeWrappers(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? getPropertyName(callee) : null;
  return name === 'setTimeout';
}

function getOwningFunction(node: Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return null;
}

// Registrars of a component's or watcher's cleanup (Vue, Svelte, Solid): the React effect cleanup of other frameworks.
const CLEANUP_HOOKS = new Set(['onInvalidate', 'onCleanup', 'onWatcherCleanup', 'onBeforeUnmount', 'onUnmounted', 'onScopeDispose', 'onDestroy']);

/**
 * The functions that run when the caller of `scope` is done with what it started: a function
 * `scope` returns (`return stop`, `return () => clearInterval(t)`), one it hands to a cleanup
 * hook (`onBeforeUnmount(…)`, `onInvalidate(…)`), and the local functions those call.
 */
function findDisposers(sourceCode: SourceCode, scope: FunctionNode): Set<FunctionNode> {
  const disposers = new Set<FunctionNode>();
  const local = (node: Node | null | undefined): FunctionNode | null => {
    if (!node) return null;
    const value = skipTypeWrappers(node);
    const fn = isFunction(value) ? value : resolveFunction(sourceCode, value);
    return fn && fn !== scope && isInside(fn, scope) ? fn : null;
  };
  const add = (fn: FunctionNode | null): void => {
    if (fn) disposers.add(fn);
  };
  walk(scope.body, sourceCode.visitorKeys, (node) => {
    if (node !== scope.body && isFunction(node)) return false;
    if (node.type === 'ReturnStatement') add(local(node.argument));
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && CLEANUP_HOOKS.has(node.callee.name)) add(local(node.arguments[0]));
    return undefined;
  });
  let frontier = [...disposers];
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop += 1) {
    const next: FunctionNode[] = [];
    for (const fn of frontier) {
      walk(fn.body, sourceCode.visitorKeys, (node) => {
        if (node.type !== 'CallExpression') return undefined;
        const target = local(node.callee);
        if (target && !disposers.has(target)) {
          disposers.add(target);
          next.push(target);
        }
        return undefined;
      });
    }
    frontier = next;
  }
  return disposers;
}

const REACT_REF_HOOKS = new Set(['useRef']);

function calleeName(call: TSESTree.CallExpression): string | null {
  const callee = skipTypeWrappers(call.callee);
  return callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? getPropertyName(callee) : null;
}

/**
 * Whether the handle sits in a React ref (`timer.current = setInterval(…)`, `const timer =
 * useRef(…)`) that an effect of the same component clears (`clearInterval(timer.current)` in
 * an effect or its cleanup): the timer lives with the component's state, not with the service.
 */
function isClearedRefOfComponent(sourceCode: SourceCode, target: Node): boolean {
  const member = skipTypeWrappers(target);
  if (member.type !== 'MemberExpression' || getPropertyName(member) !== 'current') return false;
  const object = skipTypeWrappers(member.object);
  if (object.type !== 'Identifier') return false;
  const variable = findVariable(sourceCode, object, object.name);
  const declaration = variable?.defs.length === 1 ? variable.defs[0].node : null;
  const init = declaration?.type === 'VariableDeclarator' && declaration.init ? skipTypeWrappers(declaration.init) : null;
  if (!variable || init?.type !== 'CallExpression' || !REACT_REF_HOOKS.has(calleeName(init) ?? '')) return false;
  return variable.references.some(({ identifier }) => {
    const ref = identifier.parent;
    const clear = ref?.parent;
    return ref?.type === 'MemberExpression' && ref.object === identifier && getPropertyName(ref) === 'current' &&
      clear?.type === 'CallExpression' && clear.arguments[0] === ref &&
      ['clearInterval', 'clearTimeout'].includes(calleeName(clear) ?? '') && isInReactEffect(clear);
  });
}

/**
 * Whether an interval lives only as long as the call or request that starts it: its handle is
 * cleared later in the function that starts it (`finally` included), by a one-shot `setTimeout`
 * that function schedules (a time box), by its own callback once a bound is reached, by a disposer that function returns or hands to a cleanup hook (the caller
 * or component ends it, as with a React effect cleanup), or, inside a request handler, when the
 * request or response ends (an SSE heartbeat). A clear in another method (`stop()`), in an object
 * of methods (`return { stop }`) or in any other listener (`client.on('end')`) leaves it a service
 * loop: it lives as long as the service or a connection.
 */
export function isScopedTimer(context: HandlerContext, call: TSESTree.CallExpression): boolean {
  const { sourceCode } = context;
  const target = handleTarget(call);
  const scope = getOwningFunction(call);
  if (!target || !scope) return false;
  if (isClearedRefOfComponent(sourceCode, target)) return true;
  let cleared = false;
  let disposers: Set<FunctionNode> | undefined;
  walk(scope.body, sourceCode.visitorKeys, (node) => {
    if (cleared) return false;
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || !['clearInterval', 'clearTimeout'].includes(node.callee.name)) return undefined;
    const handle = node.arguments[0];
    if (!handle || !sameReference(sourceCode, handle, target)) return undefined;
    const owner = getOwningFunction(node);
    // e.g. const id = setInterval(() => { height += step; if (height >= max) clearInterval(id); }, 100)
    if (owner && owner === call.arguments[0] && clearsItselfOnBound(sourceCode, node, owner)) cleared = true;
    // e.g. const ticker = setInterval(report, 1000); try { await work(); } finally { clearInterval(ticker); }
    if (owner === scope && node.range[0] > call.range[1]) cleared = true;
    // e.g. const spin = setInterval(scroll, 16); setTimeout(() => clearInterval(spin), 10_000): a time box
    if (owner && isTimeoutCallback(owner) && getOwningFunction(owner) === scope) cleared = true;
    // e.g. req.on('close', () => clearInterval(heartbeat)) in an SSE route
    for (let current: Node | undefined = node.parent; current && current !== scope; current = current.parent) {
      if (isFunction(current) && isRequestEndListener(context, current)) cleared = true;
      // e.g. const stop = () => clearInterval(ping); … return stop;  (the caller ends it, like an effect cleanup)
      if (isFunction(current) && (disposers ??= findDisposers(sourceCode, scope)).has(current)) cleared = true;
    }
    return undefined;
  });
  return cleared;
}

/**
 * Whether a rescheduling `setTimeout` lives only as long as the call of an enclosing function:
 * its handle is a variable of that function, which encloses the whole cycle and clears the
 * handle after it (`let timer; … timer = setTimeout(check, 5000) …; await work; clearTimeout(timer)`),
 * or in a disposer it returns or hands to a cleanup hook. A progress poll for one operation.
 */
export function isScopedReschedule(context: HandlerContext, call: TSESTree.CallExpression, cycle: FunctionNode[]): boolean {
  const { sourceCode } = context;
  const target = handleTarget(call);
  if (target?.type !== 'Identifier') return false;
  const variable = findVariable(sourceCode, target, target.name);
  const declaration = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (!variable || declaration?.type !== 'Variable') return false;
  const scope = getOwningFunction(declaration.node);
  if (!scope || !cycle.every((fn) => fn !== scope && isInside(fn, scope))) return false;
  const cycleEnd = Math.max(...cycle.map((fn) => fn.range[1]));
  let disposers: Set<FunctionNode> | undefined;
  return variable.references.some(({ identifier }) => {
    const clear = identifier.parent;
    if (clear?.type !== 'CallExpression' || clear.arguments[0] !== identifier || clear.callee.type !== 'Identifier' ||
      !['clearTimeout', 'clearInterval'].includes(clear.callee.name)) return false;
    const owner = getOwningFunction(clear);
    if (owner === scope) return clear.range[0] > cycleEnd;
    for (let current: Node | undefined = clear.parent; current && current !== scope; current = current.parent) {
      if (isFunction(current) && (disposers ??= findDisposers(sourceCode, scope)).has(current)) return true;
    }
    return false;
  });
}
