import type { TSESTree } from '@typescript-eslint/utils';
import {
  type FunctionNode,
  getCalleeName,
  getPropertyName,
  isArrayMethodCallback,
  isEmptyBody,
  isFunction,
} from '../utils/ast.js';
import { createRule } from '../utils/create-rule.js';
import { isCommonJsFile } from '../utils/fixers.js';
import { isRequestHandler } from '../utils/request-handlers.js';
import { collectModuleBindings, getRootIdentifier, resolveOrigin } from '../utils/references.js';
import { getSettings, isExemptFile } from '../utils/settings.js';
import { BLOCKING_MODULES, type BlockingMatch, compileCustomCalls, matchBlockingCall } from './no-blocking-in-async/catalog.js';
import { buildArrayCallbackFix, buildBusyWaitFix, buildCallFix, buildSyncHandlerFix, containsClock, type FixBuilder } from './no-blocking-in-async/fixes.js';

export type Options = [
  {
    /** Also report blocking calls inside synchronous request handlers. */
    checkSyncRequestHandlers?: boolean;
  },
];
export type MessageIds = 'awaitAllCallbacks' | 'blockingCall' | 'busyWait' | 'makeHandlerAsync' | 'useAsyncApi' | 'useTimer';

type Loop = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;

/**
 * Where blocking code runs: directly in an async function (or a synchronous request handler
 * in strict mode), or in a sync array callback inside one; `sync-handler` cannot `await`.
 */
type AsyncPlacement = { via: 'direct' | 'array-callback' | 'sync-handler' | 'parameter' };

/** The function a node runs in, looking through synchronous array callbacks, or null when it may block. */
function findAsyncPlacement(node: TSESTree.Node, isSyncHandler: (fn: FunctionNode) => boolean): AsyncPlacement | null {
  let via: AsyncPlacement['via'] = 'direct';
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    // A field initializer runs in the constructor and a static block at class definition: neither can await.
    if (current.type === 'StaticBlock') return null;
    if ((current.type === 'PropertyDefinition' || current.type === 'AccessorProperty') && current.value === child) return null;
    if (!isFunction(current)) continue;
    const fn: FunctionNode = current;
    // e.g. async function load(config = readFileSync(p)): `await` is not allowed in parameters.
    if (fn.async) return { via: child !== fn.body && via === 'direct' ? 'parameter' : via };
    if (isSyncHandler(fn)) return { via: via === 'direct' ? 'sync-handler' : via };
    if (!isArrayMethodCallback(fn)) return null;
    via = 'array-callback';
  }
  return null;
}

export default createRule<MessageIds, Options>({
  name: 'no-blocking-in-async',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow calls that block the event loop inside async functions',
      recommended: { recommended: [{}], strict: [{ checkSyncRequestHandlers: true }] },
      requiresTypeChecking: false,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      blockingCall: '`{{name}}` blocks the event loop inside async code. Use {{use}} instead.',
      busyWait:
        'This empty loop spins on the clock and blocks the event loop. Await a timer instead: `await new Promise((resolve) => setTimeout(resolve, ms))`.',
      useAsyncApi: 'Replace with {{use}}.',
      makeHandlerAsync: 'Make the handler async and replace with {{use}} (errors then reach the framework as a rejected promise).',
      awaitAllCallbacks: 'Make the callback async, replace with {{use}} and await the results with `Promise.all` (the callbacks then run concurrently).',
      useTimer: 'Replace the spin with an awaited timer for the remaining time.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkSyncRequestHandlers: {
            type: 'boolean',
            description: 'Also report blocking calls inside synchronous request handlers (Express, Fastify, NestJS, …).',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ checkSyncRequestHandlers: false }],
  create(context, [{ checkSyncRequestHandlers }]) {
    if (isExemptFile(context, ['tests'])) return {};
    const isSyncHandler = (fn: FunctionNode): boolean => !!checkSyncRequestHandlers && isRequestHandler(context, fn);
    const { sourceCode } = context;
    const settings = getSettings(context);
    const matchCustom = compileCustomCalls(settings.blockingCalls);
    let commonJs: boolean | undefined;
    const fixContext = () => ({ sourceCode, commonJs: (commonJs ??= isCommonJsFile(sourceCode, context.filename)) });

    let aliases: Set<string> | undefined;
    const mayBeBuiltin = (node: TSESTree.CallExpression | TSESTree.NewExpression): boolean => {
      if (node.type !== 'CallExpression') return false;
      const name = getCalleeName(node);
      if (name !== null && (name.endsWith('Sync') || name === 'wait' || name === 'native')) return true;
      // e.g. import { statSync as stat } from 'fs'
      const root = getRootIdentifier(node.callee);
      return root !== null && (aliases ??= collectModuleBindings(sourceCode.ast, BLOCKING_MODULES)).has(root);
    };

    const matchCall = (node: TSESTree.CallExpression | TSESTree.NewExpression): BlockingMatch | null => {
      const maybeBuiltin = mayBeBuiltin(node);
      if (!maybeBuiltin && !matchCustom) return null;
      const origin = resolveOrigin(sourceCode, node.callee);
      if (!origin) return null;
      return (maybeBuiltin ? matchBlockingCall(origin) : null) ?? matchCustom?.(origin) ?? null;
    };

    // e.g. db.prepare(sql).all(): one report on the outermost call of a matching chain.
    const isInnerLinkOfMatchingChain = (node: TSESTree.CallExpression | TSESTree.NewExpression): boolean => {
      const member = node.parent;
      const outer = member?.parent;
      return (
        member?.type === 'MemberExpression' && member.object === node &&
        outer?.type === 'CallExpression' && outer.callee === member && matchCall(outer) !== null
      );
    };

    // Only a call directly in async code keeps its meaning when awaited in place; the other placements need a wider rewrite.
    const SUGGESTION_FOR: Partial<Record<AsyncPlacement['via'], MessageIds>> = {
      direct: 'useAsyncApi',
      'array-callback': 'awaitAllCallbacks',
      'sync-handler': 'makeHandlerAsync',
    };

    const buildFix = (node: TSESTree.CallExpression, match: BlockingMatch, via: AsyncPlacement['via']): FixBuilder | null => {
      if (via === 'array-callback') return buildArrayCallbackFix(fixContext(), node, match.remedy);
      if (via === 'sync-handler') return buildSyncHandlerFix(fixContext(), node, match.remedy);
      return via === 'direct' ? buildCallFix(fixContext(), node, match.remedy) : null;
    };

    const report = (node: TSESTree.Node, match: BlockingMatch, placement: AsyncPlacement): void => {
      const fix = node.type === 'CallExpression' ? buildFix(node, match, placement.via) : null;
      const autofix = fix !== null && placement.via === 'direct' && match.remedy.kind === 'fs-promises' && match.remedy.safe &&
        keepsBehaviour(node as TSESTree.CallExpression, match.name);
      context.report({
        node,
        messageId: 'blockingCall',
        data: { name: match.name, use: match.use },
        fix: autofix ? fix : null,
        suggest: fix && !autofix ? [{ messageId: SUGGESTION_FOR[placement.via] ?? 'useAsyncApi', data: { use: match.use }, fix }] : [],
      });
    };

    const checkCall = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const match = matchCall(node);
      if (!match) return;
      const placement = findAsyncPlacement(node, isSyncHandler);
      if (!placement || isInnerLinkOfMatchingChain(node)) return;
      report(node, match, placement);
    };

    const checkLoop = (node: Loop): void => {
      if (!node.test || !isEmptyBody(node.body) || !containsClock(node.test)) return;
      const placement = findAsyncPlacement(node, isSyncHandler);
      if (!placement) return;
      const fix: FixBuilder | null = placement.via === 'direct' ? buildBusyWaitFix(sourceCode, node) : null;
      context.report({
        node,
        messageId: 'busyWait',
        suggest: fix ? [{ messageId: 'useTimer', fix }] : [],
      });
    };

    return {
      CallExpression: checkCall,
      NewExpression: checkCall,
      WhileStatement: checkLoop,
      DoWhileStatement: checkLoop,
      ForStatement: checkLoop,
    };
  },
});

/** `stat` with `throwIfNoEntry` returns undefined instead of throwing; the promise API cannot. */
function keepsBehaviour(call: TSESTree.CallExpression, name: string): boolean {
  const options = call.arguments[1];
  if (!options || (name !== 'statSync' && name !== 'lstatSync')) return true;
  return options.type === 'ObjectExpression' && !options.properties.some(
    (property) => property.type !== 'Property' || getPropertyName(property) === 'throwIfNoEntry',
  );
}
