import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, getCalleeName, getEnclosingFunction, getPropertyName, isFunction, skipTypeWrappers, walk } from '../../utils/ast.js';
import type { AsyncSites, DroppedCallback, FloatingPromise } from '../../utils/async-sites.js';
import { resolveFunction } from '../../utils/callables.js';
import { wrapInAwait } from '../../utils/fixers.js';
import { buildSubmission, deriveTaskNaming, toKebab } from '../../utils/manager.js';
import { findVariable } from '../../utils/references.js';
import type { ManagerSettings } from '../../utils/settings.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
export type FixBuilder = (fixer: Fixer) => TSESLint.RuleFix[] | null;

export interface FixContext {
  sourceCode: SourceCode;
  manager: ManagerSettings;
  filename: string;
  cwd: string;
  commonJs: () => boolean;
}

const isInAsyncFunction = (node: Node): boolean => getEnclosingFunction(node)?.async === true;

/** `await` in place of the discard: `refresh()` → `await refresh()`, `void refresh()` → `await refresh()`. */
export function buildAwaitFix(sourceCode: SourceCode, floating: FloatingPromise): FixBuilder | null {
  const { node, discard } = floating;
  if (!isInAsyncFunction(node)) return null;
  if (floating.evidence === 'promise-array') {
    const all = promiseAllText(sourceCode, node);
    if (!all) return null;
    return (fixer) => [fixer.replaceText(node, discard.kind === 'await' ? all : `await ${all}`)];
  }
  if (discard.kind === 'void') {
    const operator = sourceCode.getFirstToken(discard.site);
    const voided = discard.site.type === 'UnaryExpression' ? skipTypeWrappers(discard.site.argument) : null;
    if (!operator || voided !== node) return null;
    return (fixer) => [fixer.replaceText(operator, 'await')];
  }
  return (fixer) => wrapInAwait(fixer, sourceCode, node);
}

/** `Promise.all(<array>)` for an array of promises, or null when `Promise` is not the global. */
function promiseAllText(sourceCode: SourceCode, node: Node): string | null {
  const promise = findVariable(sourceCode, node, 'Promise');
  return promise && promise.defs.length > 0 ? null : `Promise.all(${sourceCode.getText(node)})`;
}

/** Whether moving the expression into an arrow keeps it valid: no `await` or `yield` of the enclosing function. */
function canMoveIntoArrow(sourceCode: SourceCode, node: Node): boolean {
  let movable = true;
  walk(node, sourceCode.visitorKeys, (inner) => {
    if (inner !== node && isFunction(inner)) return false;
    if (inner.type === 'AwaitExpression' || inner.type === 'YieldExpression') movable = false;
    return movable;
  });
  return movable;
}

const indentOf = (sourceCode: SourceCode, node: Node): string => /^\s*/.exec(sourceCode.lines[node.loc.start.line - 1])?.[0] ?? '';

/** The statement that only holds the floating promise (`refresh();`, `void refresh();`, `const p = refresh();`), or null. */
function wholeStatement(sourceCode: SourceCode, floating: FloatingPromise): Node | null {
  const { node, discard } = floating;
  if (discard.kind === 'statement' && discard.site.type === 'ExpressionStatement' &&
    (discard.site.expression === node || skipTypeWrappers(discard.site.expression) === node)) {
    return discard.site;
  }
  if (discard.kind === 'void' && discard.site.parent?.type === 'ExpressionStatement') return discard.site.parent;
  if (discard.kind === 'unused-binding' && discard.site.type === 'VariableDeclaration' && discard.site.declarations.length === 1) {
    const [variable] = sourceCode.getDeclaredVariables(discard.site.declarations[0]);
    return variable && variable.references.length <= 1 ? discard.site : null;
  }
  return null;
}

function workName(node: Node): string | null {
  const call = skipTypeWrappers(node);
  if (call.type !== 'CallExpression' && call.type !== 'NewExpression') return null;
  const name = getCalleeName(call);
  if (name && !['then', 'catch', 'finally'].includes(name)) return name;
  return call.callee.type === 'MemberExpression' ? workName(call.callee.object) : null;
}

function submissionText(fixer: Fixer, context: FixContext, at: Node, run: string, work: string | null, type: string) {
  const { sourceCode, manager } = context;
  const naming = deriveTaskNaming(context.filename, context.cwd, at, work ?? type);
  // e.g. user-service.send-welcome-email: the task is named after the work it runs.
  if (work) naming.taskId = `${naming.component}.${toKebab(work)}`;
  return buildSubmission(fixer, sourceCode, manager, {
    run,
    type,
    naming,
    indent: indentOf(sourceCode, at),
    useSite: at,
    commonJs: context.commonJs(),
  });
}

/** The `void call()` that is an arrow's whole body (`() => void track('click')`), or null. */
function voidArrowBody(floating: FloatingPromise): Node | null {
  const { site } = floating.discard;
  if (floating.discard.kind !== 'void' || site.type !== 'UnaryExpression' || skipTypeWrappers(site.argument) !== floating.node) return null;
  return site.parent?.type === 'ArrowFunctionExpression' && site.parent.body === site ? site : null;
}

/** Replaces the statement (or a voided arrow body) with a manager submission whose task runs the same call. */
export function buildSubmitFix(context: FixContext, floating: FloatingPromise): FixBuilder | null {
  const { sourceCode } = context;
  const arrowBody = voidArrowBody(floating);
  const statement = arrowBody ?? wholeStatement(sourceCode, floating);
  const { node } = floating;
  if (!statement || !canMoveIntoArrow(sourceCode, node)) return null;
  const callee = node.type === 'CallExpression' ? skipTypeWrappers(node.callee) : null;
  const task = floating.evidence === 'promise-array' ? promiseAllText(sourceCode, node) : sourceCode.getText(node);
  if (task === null) return null;
  // e.g. (async () => { … })() runs the arrow itself
  const run = callee?.type === 'ArrowFunctionExpression' && callee.params.length === 0 && node.type === 'CallExpression' && node.arguments.length === 0
    ? sourceCode.getText(callee)
    : `() => ${task}`;
  return (fixer) => {
    const work = workName(node);
    const submission = submissionText(fixer, context, statement, run, work, work ? toKebab(work) : 'background-task');
    if (!submission) return null;
    return [fixer.replaceText(statement, arrowBody ? submission.text : `${submission.text};`), ...submission.fixes];
  };
}

/** `items.forEach(async …)` → `await Promise.all(items.map(async …))`, inside an async function. */
export function buildAwaitAllFix(sourceCode: SourceCode, sites: AsyncSites, dropped: DroppedCallback): FixBuilder | null {
  const { call, sink } = dropped;
  const callee = call.callee;
  if ((sink !== 'forEach' && sink !== 'map') || callee.type !== 'MemberExpression' || callee.computed || callee.optional) return null;
  if (call.parent.type !== 'ExpressionStatement' || !isInAsyncFunction(call) || !sites.isArray(callee.object)) return null;
  const promise = findVariable(sourceCode, call, 'Promise');
  if (promise && promise.defs.length > 0) return null;
  return (fixer) => [
    fixer.insertTextBefore(call, 'await Promise.all('),
    ...(sink === 'forEach' ? [fixer.replaceText(callee.property, 'map')] : []),
    fixer.insertTextAfter(call, ')'),
  ];
}

/** Whether a function body reads `this` or `arguments` of its own (nested non-arrow functions aside). */
function usesOwnContext(sourceCode: SourceCode, fn: FunctionNode): boolean {
  let found = false;
  walk(fn.body, sourceCode.visitorKeys, (node) => {
    if (found || ((node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration') && node !== fn)) return false;
    if (node.type === 'ThisExpression' || (node.type === 'Identifier' && node.name === 'arguments')) found = true;
    return undefined;
  });
  return found;
}

/** `(e)` of an async arrow or function expression, and its body, or null when it cannot become an arrow. */
function callbackParts(sourceCode: SourceCode, fn: FunctionNode): { params: string; body: string } | null {
  if (fn.type === 'FunctionDeclaration' || fn.generator || fn.typeParameters) return null;
  const bodyStart = fn.returnType ? fn.returnType.range[0] : fn.body.range[0];
  let open: TSESTree.Token | null;
  let close: TSESTree.Token | null;
  if (fn.type === 'ArrowFunctionExpression') {
    const asyncToken = sourceCode.getFirstToken(fn);
    const arrow = sourceCode.getTokenBefore(fn.body, (token) => token.value === '=>');
    if (asyncToken?.value !== 'async' || !arrow) return null;
    open = sourceCode.getTokenAfter(asyncToken);
    close = sourceCode.getTokenBefore({ range: [fn.returnType?.range[0] ?? arrow.range[0], 0] } as Node);
  } else {
    // e.g. async function (event) { … } without `this`: it becomes an arrow.
    if (usesOwnContext(sourceCode, fn)) return null;
    open = sourceCode.getFirstToken(fn, (token) => token.value === '(');
    close = sourceCode.getTokenBefore({ range: [bodyStart, 0] } as Node);
  }
  if (!open || !close) return null;
  const params = sourceCode.text.slice(open.range[0], close.range[1]).trim();
  const wrapped = params.startsWith('(') ? params : `(${params})`;
  return { params: wrapped, body: sourceCode.text.slice(fn.body.range[0], fn.range[1]).trim() };
}

/**
 * A reference handed on as a callback (`once('SIGTERM', shutdown)`, `forEach(this.reindex, this)`):
 * an arrow taking the same parameters that submits the call. Null for references it cannot name.
 */
function referenceParts(sourceCode: SourceCode, reference: Node): { params: string; call: string } | null {
  let target = skipTypeWrappers(reference);
  // e.g. this.handle.bind(this) runs as this.handle(…)
  if (target.type === 'CallExpression' && target.callee.type === 'MemberExpression' && getPropertyName(target.callee) === 'bind' &&
    target.arguments.length === 1 && target.arguments[0].type === 'ThisExpression') {
    target = skipTypeWrappers(target.callee.object);
  }
  if (target.type !== 'Identifier' && target.type !== 'MemberExpression') return null;
  const text = sourceCode.getText(target);
  const fn = resolveFunction(sourceCode, target);
  const simple = fn?.params.every((param) => param.type === 'Identifier' || (param.type === 'AssignmentPattern' && param.left.type === 'Identifier'));
  if (!fn || !simple) return { params: '(...args)', call: `${text}(...args)` };
  const names = fn.params.map((param) => (param.type === 'AssignmentPattern' ? (param.left as TSESTree.Identifier).name : (param as TSESTree.Identifier).name));
  // A parameter named like the reference's root would shadow it: `(sync) => sync(sync)`.
  if (names.some((name) => new RegExp(`^${name}\\b`).test(text))) return { params: '(...args)', call: `${text}(...args)` };
  return { params: `(${names.join(', ')})`, call: `${text}(${names.join(', ')})` };
}

/**
 * `on('x', async (e) => { … })` → `on('x', (e) => <manager submission running the same body>)`;
 * a function given by reference (`process.once('SIGTERM', shutdown)`) becomes an arrow that submits
 * the call with the arguments the emitter, timer or array method passes.
 */
export function buildSubmitCallbackFix(context: FixContext, dropped: DroppedCallback): FixBuilder | null {
  const { sourceCode } = context;
  const node = dropped.node;
  const type = toKebab(dropped.sink === 'event' ? `on-${getEventName(dropped.call) ?? 'event'}` : dropped.sinkName.replace(/^process\./, ''));
  let params: string;
  let run: string;
  let work: string | null = null;
  if (isFunction(node)) {
    if (!node.async) return null;
    const parts = callbackParts(sourceCode, node);
    if (!parts) return null;
    params = parts.params;
    run = `async () => ${parts.body}`;
  } else {
    const parts = referenceParts(sourceCode, node);
    if (!parts) return null;
    params = parts.params;
    run = `() => ${parts.call}`;
    work = getCalleeName({ type: 'CallExpression', callee: skipTypeWrappers(node) } as TSESTree.CallExpression);
  }
  return (fixer) => {
    const submission = submissionText(fixer, context, node, run, work, type);
    if (!submission) return null;
    return [fixer.replaceText(node, `${params} => ${submission.text}`), ...submission.fixes];
  };
}

function getEventName(call: TSESTree.CallExpression): string | null {
  const [event] = call.arguments;
  return event?.type === 'Literal' && typeof event.value === 'string' ? event.value : null;
}
