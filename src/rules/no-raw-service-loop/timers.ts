import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, getPropertyName, isFunction, isMethodCall, skipTypeWrappers, walk } from '../../utils/ast.js';
import { resolveFunction } from '../../utils/callables.js';
import { findVariable } from '../../utils/references.js';
import { isBoundingCondition, pathConditions } from './loops.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

const MAX_HOPS = 5;
const PROMISE_CALLBACKS = ['then', 'catch', 'finally'];
const REACT_EFFECTS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);
const LIFETIME_EVENTS = new Set(['close', 'end', 'finish', 'abort', 'aborted', 'error', 'disconnect', 'destroy', 'exit']);
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

/** Whether a call site inside `region` is guarded by a bound (a count, a deadline, local data) or runs only on failure. */
function isBoundedSite(sourceCode: SourceCode, site: Node, stop: Node, region: Node): boolean {
  const { conditions, inCatch } = pathConditions(site, stop);
  return inCatch || conditions.some((test) => isBoundingCondition(sourceCode, test, region));
}

/** Whether the interval's own callback clears it unconditionally or on a bound (a count reached, local data). */
function clearsItselfOnBound(sourceCode: SourceCode, clear: Node, callback: FunctionNode): boolean {
  const { conditions } = pathConditions(clear, callback);
  return conditions.length === 0 || conditions.some((test) => isBoundingCondition(sourceCode, test, callback));
}

/**
 * Whether a `setTimeout(cb, ms)` call reschedules the function that makes it: `cb` leads back
 * to it directly, through `this.method`, or through a cycle of same-file calls, with no
 * bound (retry count, deadline, local data, failure-only retry) on the way.
 */
export function isSelfRescheduling(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callback = call.arguments[0];
  if (!callback) return false;
  const schedulers = schedulingFunctions(call);
  if (schedulers.length === 0) return false;
  const owner = schedulers.at(-1) as FunctionNode;
  if (isBoundedSite(sourceCode, call, owner, owner)) return false;
  const start = resolveFunction(sourceCode, callback);
  if (!start) return false;
  if (schedulers.includes(start)) return true;
  const seen = new Set<FunctionNode>([start]);
  let frontier: FunctionNode[] = [start];
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop += 1) {
    const next: FunctionNode[] = [];
    for (const fn of frontier) {
      for (const { target, site } of outgoing(sourceCode, fn)) {
        // Guards are read where the callback itself calls back: if (++attempt < 5) this.poll();
        if (fn === start && isBoundedSite(sourceCode, site, fn, fn)) continue;
        if (schedulers.includes(target)) return true;
        if (!seen.has(target)) {
          seen.add(target);
          next.push(target);
        }
      }
    }
    frontier = next;
  }
  return false;
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

/** Whether the function is a listener of a connection's end (`req.on('close', fn)`, `signal.addEventListener('abort', fn)`). */
function isLifetimeListener(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.arguments[1] !== fn) return false;
  const event = call.arguments[0];
  return isMethodCall(call, { methods: LISTENER_METHODS }) && event.type === 'Literal' &&
    typeof event.value === 'string' && LIFETIME_EVENTS.has(event.value);
}

function getOwningFunction(node: Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return null;
}

/**
 * Whether an interval lives only as long as something else: its handle is cleared when the
 * request, socket or stream closes (an SSE heartbeat), later in the function that starts it, or
 * by its own callback once a bound is reached.
 */
export function isBoundToLifetime(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const target = handleTarget(call);
  const scope = getOwningFunction(call);
  if (!target || !scope) return false;
  let cleared = false;
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
    for (let current: Node | undefined = node.parent; current && current !== scope; current = current.parent) {
      if (isFunction(current) && isLifetimeListener(current)) cleared = true;
    }
    return undefined;
  });
  return cleared;
}
