import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getEnclosingFunction, getPropertyName, isClockCall, isFunction, isInside, isMethodCall, walk } from '../../utils/ast.js';
import { insertImport, needsLeadingSemicolon, needsParensForAwait, removeUnusedBindings } from '../../utils/fixers.js';
import { findVariable, resolveOrigin } from '../../utils/references.js';
import type { Remedy } from './catalog.js';

type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;
type SourceCode = Readonly<TSESLint.SourceCode>;
export type FixBuilder = (fixer: Fixer) => Fix[] | null;

interface FixContext {
  sourceCode: SourceCode;
  commonJs: boolean;
}

/** `node:` when the file already writes builtins that way, or imports none bare. */
function builtinPrefix(sourceCode: SourceCode): string {
  if (/['"]node:/.test(sourceCode.text)) return 'node:';
  return /(?:from|require\()\s*['"](?:fs|child_process|zlib|crypto|util|path|os)(?:\/promises)?['"]/.test(sourceCode.text) ? '' : 'node:';
}

/** Replaces `call` with `await <callee>(<args>)<after>`, parenthesised when needed. */
function replaceWithAwait(
  fixer: Fixer,
  { sourceCode }: FixContext,
  call: TSESTree.CallExpression,
  callee: string,
  options: { after?: string; property?: string } = {},
): Fix {
  const args = sourceCode.text.slice(call.callee.range[1], call.range[1]);
  let text = `await ${callee}${args}${options.after ?? ''}`;
  // A discarded result needs no `.stdout`.
  const property = call.parent.type === 'ExpressionStatement' ? undefined : options.property;
  if (property !== undefined || needsParensForAwait(call)) {
    text = `(${text})${property ? `.${property}` : ''}`;
    if (needsLeadingSemicolon(sourceCode, call)) text = `;${text}`;
  }
  return fixer.replaceText(call, text);
}

/** The module object a member callee hangs off (`fs` in `fs.readFileSync`), when it is one. */
function moduleObject(context: FixContext, callee: TSESTree.MemberExpression): { text: string; module: string } | null {
  if (callee.computed || context.sourceCode.getCommentsInside(callee).length > 0) return null;
  const origin = resolveOrigin(context.sourceCode, callee.object);
  if (!origin || origin.kind !== 'module' || origin.path.length > 0) return null;
  return { text: context.sourceCode.getText(callee.object), module: origin.module };
}

/** The fix of `build`, which rewrites the call of `callee`, also removing the import that call was the last use of. */
function droppingCallee(sourceCode: SourceCode, callee: TSESTree.Identifier, build: FixBuilder): FixBuilder {
  return (fixer) => {
    const fixes = build(fixer);
    return fixes && removeUnusedBindings(fixer, sourceCode, fixes, [callee]);
  };
}

/** Builds the rewrite of a blocking call into its async form, or null when none is safe. */
export function buildCallFix(context: FixContext, call: TSESTree.CallExpression, remedy: Remedy): FixBuilder | null {
  if (call.optional || remedy.kind === 'advice') return null;
  const { sourceCode, commonJs } = context;
  // e.g. fs.realpathSync.native(p): the module function is the object of `.native`
  const callee = call.callee.type === 'MemberExpression' && !call.callee.computed && getPropertyName(call.callee) === 'native'
    ? call.callee.object
    : call.callee;
  const fsPromises = `${builtinPrefix(sourceCode)}fs/promises`;
  const named = (module: string, name: string) => (fixer: Fixer) =>
    insertImport(fixer, sourceCode, { module, name, useSite: call, commonJs });

  if (remedy.kind === 'wait-async') {
    if (callee.type !== 'MemberExpression' || callee.computed) return null;
    const object = sourceCode.getText(callee.object);
    return (fixer) => [replaceWithAwait(fixer, context, call, `${object}.waitAsync`, { after: '.value' })];
  }
  if (remedy.kind === 'custom') return buildCustomCallFix(context, call, remedy);
  if (callee.type === 'MemberExpression') {
    const owner = moduleObject(context, callee);
    if (owner === null) return null;
    const object = owner.text;
    const isExtra = owner.module === 'fs-extra';
    switch (remedy.kind) {
      case 'fs-promises':
        return (fixer) => [replaceWithAwait(fixer, context, call, isExtra ? `${object}.${remedy.name}` : `${object}.promises.${remedy.name}`)];
      case 'fs-extra':
        return (fixer) => [replaceWithAwait(fixer, context, call, `${object}.${remedy.name}`)];
      case 'exists':
        return (fixer) => [replaceWithAwait(fixer, context, call, `${object}.promises.access`, { after: '.then(() => true, () => false)' })];
      case 'promisify':
        return (fixer) => {
          const promisify = named(`${builtinPrefix(sourceCode)}util`, 'promisify')(fixer);
          if (!promisify) return null;
          return [...promisify.fixes, replaceWithAwait(fixer, context, call, `${promisify.reference}(${object}.${remedy.name})`, { property: remedy.property })];
        };
    }
  }
  if (callee.type !== 'Identifier') return null;
  switch (remedy.kind) {
    case 'fs-promises':
    case 'fs-extra':
    case 'exists': {
      const module = remedy.kind === 'fs-extra' ? 'fs-extra' : fsPromises;
      const name = remedy.kind === 'exists' ? 'access' : remedy.name;
      const after = remedy.kind === 'exists' ? '.then(() => true, () => false)' : undefined;
      return droppingCallee(sourceCode, callee, (fixer) => {
        const binding = named(module, name)(fixer);
        return binding && [...binding.fixes, replaceWithAwait(fixer, context, call, binding.reference, { after })];
      });
    }
    case 'promisify':
      return droppingCallee(sourceCode, callee, (fixer) => {
        const prefix = builtinPrefix(sourceCode);
        const promisify = named(`${prefix}util`, 'promisify')(fixer);
        const target = named(`${prefix}${remedy.module}`, remedy.name)(fixer);
        if (!promisify || !target) return null;
        return [
          ...promisify.fixes,
          ...target.fixes,
          replaceWithAwait(fixer, context, call, `${promisify.reference}(${target.reference})`, { property: remedy.property }),
        ];
      });
  }
}

/**
 * A `blockingCalls` entry whose `use` names an export of the same module: `querySync(sql)` →
 * `await query(sql)` (imported under a free name), `legacy.querySync(sql)` → `await legacy.query(sql)`.
 */
function buildCustomCallFix(context: FixContext, call: TSESTree.CallExpression, remedy: { module: string; name: string }): FixBuilder | null {
  const { sourceCode, commonJs } = context;
  const callee = call.callee;
  if (callee.type === 'MemberExpression') {
    if (callee.computed || callee.optional || sourceCode.getCommentsInside(callee).length > 0) return null;
    const object = sourceCode.getText(callee.object);
    return (fixer) => [replaceWithAwait(fixer, context, call, `${object}.${remedy.name}`)];
  }
  if (callee.type !== 'Identifier') return null;
  return droppingCallee(sourceCode, callee, (fixer) => {
    // A name already taken is imported under an alias: `query as queryAsync`.
    const binding = [remedy.name, `${remedy.name}Async`].reduce<ReturnType<typeof insertImport>>(
      (found, local) => found ?? insertImport(fixer, sourceCode, { module: remedy.module, name: remedy.name, local, useSite: call, commonJs }), null);
    return binding && [...binding.fixes, replaceWithAwait(fixer, context, call, binding.reference)];
  });
}

const SIMPLE_OPERAND = new Set(['Identifier', 'Literal', 'MemberExpression', 'CallExpression', 'ThisExpression']);

/**
 * Rewrites an empty clock loop (`while (Date.now() < deadline) {}`) into an awaited timer
 * for the remaining time, or null for other loop shapes.
 */
export function buildBusyWaitFix(sourceCode: SourceCode, loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): FixBuilder | null {
  const test = loop.test;
  if (!test || test.type !== 'BinaryExpression') return null;
  const { operator, left, right } = test;
  let clockSide: TSESTree.Node;
  let limit: TSESTree.Node;
  if ((operator === '<' || operator === '<=') && containsClock(left)) [clockSide, limit] = [left, right];
  else if ((operator === '>' || operator === '>=') && containsClock(right)) [clockSide, limit] = [right, left];
  else return null;
  if (containsClock(limit) || (loop.type === 'ForStatement' && (loop.init || loop.update))) return null;
  const setTimeoutVariable = findVariable(sourceCode, loop, 'setTimeout');
  if (setTimeoutVariable && setTimeoutVariable.defs.length > 0) return null;
  const wrap = (node: TSESTree.Node) => {
    const text = sourceCode.getText(node);
    return SIMPLE_OPERAND.has(node.type) ? text : `(${text})`;
  };
  const delay = `${wrap(limit)} - ${wrap(clockSide)}`;
  return (fixer) => [fixer.replaceText(loop, `await new Promise((resolve) => setTimeout(resolve, ${delay}));`)];
}

/** Whether an expression reads `Date.now()` or `performance.now()`. */
export function containsClock(node: TSESTree.Node): boolean {
  if (isClockCall(node)) return true;
  if (node.type === 'BinaryExpression' || node.type === 'LogicalExpression') return containsClock(node.left) || containsClock(node.right);
  if (node.type === 'UnaryExpression') return containsClock(node.argument);
  return false;
}

/** How an array method's callback results are awaited together and turned back into its result. */
const AWAITED_FORMS: Record<string, { after: string; keep?: boolean }> = {
  map: { after: '' },
  forEach: { after: '' },
  // e.g. (await Promise.all(files.map(async (file) => ((await stat(file)).isFile() ? [file] : [])))).flat()
  filter: { after: '.flat()', keep: true },
  some: { after: '.some(Boolean)' },
  every: { after: '.every(Boolean)' },
};

/** The expression a `filter` callback decides by: its expression body, or the argument of its only `return`, the last statement. */
function filterVerdict(sourceCode: SourceCode, callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): TSESTree.Node | null {
  if (callback.body.type !== 'BlockStatement') return callback.body;
  const last = callback.body.body.at(-1);
  if (last?.type !== 'ReturnStatement' || !last.argument) return null;
  let returns = 0;
  walk(callback.body, sourceCode.visitorKeys, (node) => {
    if (isFunction(node)) return false;
    if (node.type === 'ReturnStatement') returns += 1;
    return undefined;
  });
  return returns === 1 ? last.argument : null;
}

/**
 * Inside a synchronous `map`/`forEach`/`filter`/`some`/`every` callback of an async function,
 * the call can only await once the callback is async and its results are awaited together:
 * `(await Promise.all(files.map(async (file) => await readFile(file))))`; a `filter` keeps an
 * item through `[item]`/`[]` and `.flat()`. The callbacks then run concurrently (and `some`/`every`
 * no longer stop early), so this is a suggestion, never an autofix. Null for other shapes.
 */
export function buildArrayCallbackFix(context: FixContext, call: TSESTree.CallExpression, remedy: Remedy): FixBuilder | null {
  const { sourceCode } = context;
  const callback = getEnclosingFunction(call);
  if (!callback || callback.async || callback.generator || callback.type === 'FunctionDeclaration' || !isInside(call, callback.body)) return null;
  const loop = callback.parent;
  if (!isMethodCall(loop, { methods: Object.keys(AWAITED_FORMS) }) || loop.arguments[0] !== callback || loop.optional || loop.callee.computed) return null;
  const method = getPropertyName(loop.callee);
  if (method === null) return null;
  const outer = getEnclosingFunction(loop);
  if (!outer?.async || !isInside(loop, outer.body)) return null;
  const form = AWAITED_FORMS[method];
  if (method === 'forEach' && loop.parent.type !== 'ExpressionStatement') return null;
  const promise = findVariable(sourceCode, loop, 'Promise');
  if ((promise && promise.defs.length > 0)) return null;
  // A kept item must be the callback's own parameter, and its verdict one expression: the body or its last `return`.
  const item = callback.params[0];
  const verdict = form.keep ? filterVerdict(sourceCode, callback) : null;
  if (form.keep && (item?.type !== 'Identifier' || !verdict)) return null;
  const inner = buildCallFix(context, call, remedy);
  if (!inner) return null;
  return (fixer) => {
    const fixes = inner(fixer);
    if (!fixes) return null;
    const parens = form.after !== '' || needsParensForAwait(loop);
    const open = `${parens && needsLeadingSemicolon(sourceCode, loop) ? ';' : ''}${parens ? '(' : ''}await Promise.all(`;
    const keep = verdict && item?.type === 'Identifier'
      ? [fixer.insertTextBefore(verdict, '('), fixer.insertTextAfter(verdict, ` ? [${item.name}] : [])`)]
      : [];
    return [
      fixer.insertTextBefore(loop, open),
      ...(method !== 'map' ? [fixer.replaceText(loop.callee.property, 'map')] : []),
      fixer.insertTextBefore(callback, 'async '),
      ...keep,
      ...fixes,
      fixer.insertTextAfter(loop, `${parens ? '))' : ')'}${form.after}`),
    ];
  };
}


/**
 * In a synchronous request handler (strict mode) the call can await once the handler is async.
 * An async handler changes how errors reach the framework, so this is a suggestion. Null when the
 * call sits in a nested function or the handler cannot simply take `async` (accessors, computed keys).
 */
export function buildSyncHandlerFix(context: FixContext, call: TSESTree.CallExpression, remedy: Remedy): FixBuilder | null {
  const handler = getEnclosingFunction(call);
  if (!handler || handler.async || handler.generator || !isInside(call, handler.body)) return null;
  // A declared return type becomes a promise of it: `sha(): string` → `async sha(): Promise<string>`.
  const returnType = handler.returnType?.typeAnnotation;
  if (returnType?.type === 'TSTypePredicate') return null;
  const promiseType = returnType && !(returnType.type === 'TSTypeReference' && returnType.typeName.type === 'Identifier' && returnType.typeName.name === 'Promise')
    ? returnType
    : null;
  const owner = handler.parent;
  let anchor: TSESTree.Node = handler;
  if (owner?.type === 'MethodDefinition' || (owner?.type === 'Property' && owner.method)) {
    if (owner.computed || owner.kind !== (owner.type === 'MethodDefinition' ? 'method' : 'init')) return null;
    anchor = owner.key;
  }
  const inner = buildCallFix(context, call, remedy);
  if (!inner) return null;
  return (fixer) => {
    const fixes = inner(fixer);
    const wrap = promiseType ? [fixer.insertTextBefore(promiseType, 'Promise<'), fixer.insertTextAfter(promiseType, '>')] : [];
    return fixes && [fixer.insertTextBefore(anchor, 'async '), ...wrap, ...fixes];
  };
}
