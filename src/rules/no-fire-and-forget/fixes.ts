import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getCalleeName, getEnclosingFunction, isFunction, skipTypeWrappers, walk } from '../../utils/ast.js';
import type { AsyncSites, DroppedCallback, FloatingPromise } from '../../utils/async-sites.js';
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

/** `on('x', async (e) => { … })` → `on('x', (e) => <manager submission running the same body>)`. */
export function buildSubmitCallbackFix(context: FixContext, dropped: DroppedCallback): FixBuilder | null {
  const { sourceCode } = context;
  const fn = dropped.node;
  if (fn.type !== 'ArrowFunctionExpression' || !fn.async) return null;
  const asyncToken = sourceCode.getFirstToken(fn);
  const arrow = sourceCode.getTokenBefore(fn.body, (token) => token.value === '=>');
  if (!asyncToken || asyncToken.value !== 'async' || !arrow) return null;
  const paramsEnd = fn.returnType ? fn.returnType.range[0] : arrow.range[0];
  const params = sourceCode.text.slice(asyncToken.range[1], paramsEnd).trim();
  const body = sourceCode.text.slice(arrow.range[1], fn.range[1]).trim();
  const type = toKebab(dropped.sink === 'event' ? `on-${getEventName(dropped.call) ?? 'event'}` : dropped.sinkName.replace(/^process\./, ''));
  return (fixer) => {
    const submission = submissionText(fixer, context, fn, `async () => ${body}`, null, type);
    if (!submission) return null;
    return [fixer.replaceText(fn, `${params} => ${submission.text}`), ...submission.fixes];
  };
}

function getEventName(call: TSESTree.CallExpression): string | null {
  const [event] = call.arguments;
  return event?.type === 'Literal' && typeof event.value === 'string' ? event.value : null;
}
