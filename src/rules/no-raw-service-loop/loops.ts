import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, getCalleeName, isFunction, isInside, isMethodCall, skipTypeWrappers, walk } from '../../utils/ast.js';
import { findVariable, isGlobal, isModuleExport, resolveOrigin } from '../../utils/references.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

export type Loop = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;
export type AnyLoop = Loop | TSESTree.ForOfStatement | TSESTree.ForInStatement;

const DELAY_NAMES = new Set(['sleep', 'delay', 'wait', 'pause']);
const RELATIONAL = new Set(['<', '<=', '>', '>=']);
const EQUALITY = new Set(['==', '!=', '===', '!==']);
const COUNT_PROPERTIES = new Set(['length', 'size']);

const isLoop = (node: Node): node is AnyLoop =>
  node.type === 'WhileStatement' || node.type === 'DoWhileStatement' || node.type === 'ForStatement' ||
  node.type === 'ForOfStatement' || node.type === 'ForInStatement';

/** Whether the origin is `setTimeout` as a callback timer: global or from `timers`. */
export function isTimerFunction(sourceCode: SourceCode, callee: Node, name: 'setTimeout' | 'setInterval'): boolean {
  const origin = resolveOrigin(sourceCode, callee);
  return isGlobal(origin, [name]) || isModuleExport(origin, ['timers'], [name]);
}

/** Whether the call is `setInterval` from `timers/promises` (an async iterator of ticks). */
function isPromisesInterval(sourceCode: SourceCode, node: Node): node is TSESTree.CallExpression {
  if (node.type !== 'CallExpression') return false;
  return isModuleExport(resolveOrigin(sourceCode, node.callee), ['timers/promises'], ['setInterval']);
}

/** Whether an awaited expression waits for time to pass (see SPEC: what counts as a delay). */
function isDelay(sourceCode: SourceCode, input: Node): boolean {
  const node = skipTypeWrappers(input);
  if (node.type === 'NewExpression') {
    // e.g. new Promise((resolve) => setTimeout(resolve, ms))
    const executor = node.arguments[0];
    if (node.callee.type !== 'Identifier' || node.callee.name !== 'Promise' || !executor || !isFunction(executor)) return false;
    let found = false;
    walk(executor.body, sourceCode.visitorKeys, (inner) => {
      if (found) return false;
      if (inner.type === 'CallExpression' && isTimerFunction(sourceCode, inner.callee, 'setTimeout')) found = true;
      return undefined;
    });
    return found;
  }
  if (node.type !== 'CallExpression') return false;
  // e.g. await Promise.race([sleep(1000), stopped])
  if (isMethodCall(node, { object: 'Promise', methods: ['race', 'all', 'any', 'allSettled'] })) {
    const list = node.arguments[0];
    return list?.type === 'ArrayExpression' && list.elements.some((element) => !!element && isDelay(sourceCode, element));
  }
  const name = getCalleeName(node);
  if (name !== null && DELAY_NAMES.has(name)) return true;
  const origin = resolveOrigin(sourceCode, node.callee);
  if (isModuleExport(origin, ['timers/promises'], ['setTimeout'])) return true;
  if (origin?.kind === 'module' && origin.module === 'timers/promises' && origin.path.join('.') === 'scheduler.wait') return true;
  return isGlobal(origin, ['scheduler', 'wait']);
}

/** The delay calls awaited directly in the loop (nested functions excluded). */
function findAwaitedDelays(sourceCode: SourceCode, loop: AnyLoop): TSESTree.AwaitExpression[] {
  const found: TSESTree.AwaitExpression[] = [];
  walk(loop.body, sourceCode.visitorKeys, (node) => {
    if (isFunction(node)) return false;
    if (node.type === 'AwaitExpression' && isDelay(sourceCode, node.argument)) found.push(node);
    return undefined;
  });
  return found;
}

type Bound = 'unbounded' | 'bounded' | 'unknown';

/** Classifies a loop test: absent, `true`, flags and polls are unbounded; comparisons are bounded. */
export function classifyTest(test: Node | null | undefined): Bound {
  if (!test) return 'unbounded';
  const node = skipTypeWrappers(test);
  switch (node.type) {
    case 'Literal':
      return node.value ? 'unbounded' : 'bounded';
    case 'Identifier':
      return node.name === 'undefined' ? 'bounded' : 'unbounded';
    case 'MemberExpression': {
      // e.g. while (queue.length): a drain, bounded by its data.
      const property = node.property.type === 'Identifier' && !node.computed ? node.property.name : null;
      return property !== null && COUNT_PROPERTIES.has(property) ? 'bounded' : 'unbounded';
    }
    case 'AwaitExpression':
      return 'unbounded';
    case 'UnaryExpression': {
      if (node.operator !== '!') return 'unknown';
      const inner = skipTypeWrappers(node.argument);
      if (inner.type === 'Identifier' || inner.type === 'AwaitExpression') return 'unbounded';
      if (inner.type === 'MemberExpression') return classifyTest(inner);
      return 'unknown';
    }
    case 'BinaryExpression':
      return RELATIONAL.has(node.operator) || EQUALITY.has(node.operator) ? 'bounded' : 'unknown';
    case 'LogicalExpression': {
      const left = classifyTest(node.left);
      const right = classifyTest(node.right);
      if (node.operator === '&&') {
        if (left === 'bounded' || right === 'bounded') return 'bounded';
        return left === 'unbounded' && right === 'unbounded' ? 'unbounded' : 'unknown';
      }
      if (node.operator === '||') {
        if (left === 'unbounded' || right === 'unbounded') return 'unbounded';
        return left === 'bounded' && right === 'bounded' ? 'bounded' : 'unknown';
      }
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

/** Whether an expression compares sizes or times (`attempt >= max`, `Date.now() > deadline`). */
function containsRelational(sourceCode: SourceCode, node: Node): boolean {
  let found = false;
  walk(node, sourceCode.visitorKeys, (inner) => {
    if (found || isFunction(inner)) return false;
    if (inner.type === 'BinaryExpression' && RELATIONAL.has(inner.operator)) found = true;
    return undefined;
  });
  return found;
}

/** The text of every member expression assigned inside `region` (`this.status = …`). */
function assignedMembers(sourceCode: SourceCode, region: Node): Set<string> {
  const found = new Set<string>();
  walk(region, sourceCode.visitorKeys, (inner) => {
    if (inner.type === 'AssignmentExpression' && inner.left.type === 'MemberExpression') found.add(sourceCode.getText(inner.left));
    return undefined;
  });
  return found;
}

/** Whether an expression reads a variable (or a member such as `this.done`) that is declared or written inside `region`. */
function readsValueFrom(sourceCode: SourceCode, node: Node, region: Node): boolean {
  let found = false;
  let members: Set<string> | undefined;
  walk(node, sourceCode.visitorKeys, (inner) => {
    if (found) return false;
    // e.g. while (!this.done) { this.done = await this.check(); … }
    if (inner.type === 'MemberExpression' && !inner.computed) {
      if ((members ??= assignedMembers(sourceCode, region)).has(sourceCode.getText(inner))) found = true;
      return undefined;
    }
    if (inner.type !== 'Identifier') return undefined;
    const variable = findVariable(sourceCode, inner, inner.name);
    if (!variable) return undefined;
    const declaredInside = variable.defs.some((def) => isInside(def.name, region));
    const writtenInside = variable.references.some((reference) => reference.isWrite() && isInside(reference.identifier, region));
    if (declaredInside || writtenInside) found = true;
    return undefined;
  });
  return found;
}

/**
 * Whether a condition ends the work on data rather than on an outside flag: it compares sizes
 * or times, or reads a value computed within `region` (a drain, a read-until-done).
 */
export function isBoundingCondition(sourceCode: SourceCode, test: Node, region: Node): boolean {
  return containsRelational(sourceCode, test) || readsValueFrom(sourceCode, test, region);
}

interface ExitPath {
  conditions: Node[];
  inCatch: boolean;
}

/** The conditions guarding `node` up to (not including) `stop`, and whether it runs only on failure. */
export function pathConditions(node: Node, stop: Node): ExitPath {
  const conditions: Node[] = [];
  let inCatch = false;
  let child: Node = node;
  for (let current: Node | undefined = node.parent; current && current !== stop; child = current, current = current.parent) {
    if (current.type === 'IfStatement' && child !== current.test) conditions.push(current.test);
    else if (current.type === 'ConditionalExpression' && child !== current.test) conditions.push(current.test);
    else if (current.type === 'LogicalExpression' && child === current.right) conditions.push(current.left);
    // e.g. switch (status) { case 'done': return; }: the case depends on the discriminant.
    else if (current.type === 'SwitchCase' && current.test && current.parent.type === 'SwitchStatement') conditions.push(current.parent.discriminant);
    else if (current.type === 'CatchClause') inCatch = true;
    else if (isFunction(current) && isPromiseRejectionHandler(current)) inCatch = true;
  }
  return { conditions, inCatch };
}

/** Whether the function is the handler of `.catch(fn)` or the second argument of `.then(ok, fn)`. */
function isPromiseRejectionHandler(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression') return false;
  if (isMethodCall(call, { methods: ['catch'] })) return call.arguments[0] === fn;
  return isMethodCall(call, { methods: ['then'] }) && call.arguments[1] === fn;
}

/** Whether a `break`/`return`/`throw` inside the loop leaves it (not an inner loop, switch or caught try). */
function exitsLoop(statement: TSESTree.BreakStatement | TSESTree.ReturnStatement | TSESTree.ThrowStatement, loop: AnyLoop): boolean {
  let child: Node = statement;
  for (let current: Node | undefined = statement.parent; current && current !== loop; child = current, current = current.parent) {
    if (statement.type === 'BreakStatement' && !statement.label && (isLoop(current) || current.type === 'SwitchStatement')) return false;
    if (statement.type === 'BreakStatement' && statement.label && current.type === 'LabeledStatement' &&
      current.label.name === statement.label.name) return false;
    // e.g. try { …; throw err; } catch { … } inside the loop: the throw does not leave it.
    if (statement.type === 'ThrowStatement' && current.type === 'TryStatement' && current.block === child && current.handler) return false;
  }
  return true;
}

/**
 * Whether the loop ends on its data or after its first success: an exit that runs
 * unconditionally on the normal path, or whose condition is bounding (SPEC: drains).
 */
export function hasBoundingExit(sourceCode: SourceCode, loop: AnyLoop): boolean {
  let bounded = false;
  walk(loop.body, sourceCode.visitorKeys, (node) => {
    if (bounded || isFunction(node)) return false;
    if (node.type !== 'BreakStatement' && node.type !== 'ReturnStatement' && node.type !== 'ThrowStatement') return undefined;
    if (!exitsLoop(node, loop)) return undefined;
    const { conditions, inCatch } = pathConditions(node, loop);
    if (conditions.length === 0 ? !inCatch : conditions.some((test) => isBoundingCondition(sourceCode, test, loop))) bounded = true;
    return undefined;
  });
  return bounded;
}

/** Whether every statement of the body only waits: `while (this.working) await delay(10);`. */
function onlyWaits(sourceCode: SourceCode, loop: Loop): boolean {
  const statements = loop.body.type === 'BlockStatement' ? loop.body.body : [loop.body];
  return statements.every((statement) =>
    statement.type === 'ExpressionStatement' && statement.expression.type === 'AwaitExpression' &&
    isDelay(sourceCode, statement.expression.argument));
}

function containsAwait(sourceCode: SourceCode, node: Node): boolean {
  let found = false;
  walk(node, sourceCode.visitorKeys, (inner) => {
    if (found || isFunction(inner)) return false;
    if (inner.type === 'AwaitExpression') found = true;
    return undefined;
  });
  return found;
}

/**
 * Whether a loop is a service loop: an unbounded test, an awaited delay in the body and no
 * bounding exit. Not one: a read-until-done whose test reads a value the body assigns
 * (`do { …; remaining = row.exists } while (remaining)`), and a pure wait on in-process state
 * (`while (this.working) await delay(10)`, e.g. in `stop()`), which does no work of its own.
 */
export function isServiceLoop(sourceCode: SourceCode, loop: Loop): boolean {
  if (classifyTest(loop.test) !== 'unbounded') return false;
  if (findAwaitedDelays(sourceCode, loop).length === 0) return false;
  if (loop.test && readsValueFrom(sourceCode, loop.test, loop.body)) return false;
  if (loop.test && !containsAwait(sourceCode, loop.test) && onlyWaits(sourceCode, loop)) return false;
  return !hasBoundingExit(sourceCode, loop);
}

/** Whether the loop variable or body of a `for await` is an iteration of `timers/promises` `setInterval`. */
export function getIteratedInterval(sourceCode: SourceCode, loop: TSESTree.ForOfStatement): TSESTree.CallExpression | null {
  if (!loop.await) return null;
  const right = skipTypeWrappers(loop.right);
  if (isPromisesInterval(sourceCode, right)) return right;
  if (right.type !== 'Identifier') return null;
  // e.g. const ticks = setInterval(1000); for await (const _ of ticks)
  const variable = findVariable(sourceCode, right, right.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (def?.type !== 'Variable' || def.node.id.type !== 'Identifier' || !def.node.init) return null;
  const init = skipTypeWrappers(def.node.init);
  return isPromisesInterval(sourceCode, init) ? init : null;
}

/** Whether the node runs inside a generator (a loop there is pulled by its consumer). */
export function isInGenerator(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current.generator;
  }
  return false;
}

