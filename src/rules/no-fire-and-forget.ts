import type { TSESTree } from '@typescript-eslint/utils';
import { type DroppedCallback, defineAsyncSiteVisitor, type FloatingPromise, getAsyncSites, getChainRoot } from '../utils/async-sites.js';
import { createRule } from '../utils/create-rule.js';
import { isCommonJsFile } from '../utils/fixers.js';
import { isManagerSubmitCall, managerCallText } from '../utils/manager.js';
import { isInRequestHandler } from '../utils/request-handlers.js';
import { getSettings, isExemptFile } from '../utils/settings.js';
import {
  buildAwaitAllFix,
  buildAwaitFix,
  buildSubmitCallbackFix,
  buildSubmitFix,
  type FixBuilder,
  type FixContext,
} from './no-fire-and-forget/fixes.js';
import { isKnownSafeCall, isKnownSafePromise, type SafeCallSpecifier, safeCallSchema, safePromiseSchema } from './no-fire-and-forget/safe-calls.js';

export type Options = [
  {
    allowForKnownSafeCalls?: SafeCallSpecifier[];
    allowForKnownSafePromises?: SafeCallSpecifier[];
    allowVoid?: boolean;
    checkEventCallbacks?: boolean;
    checkTimerCallbacks?: boolean;
  },
];
export type MessageIds = 'floatingPromise' | 'unsupervisedPromise' | 'unusedPromise' | 'droppedAsyncCallback' | 'addAwait' | 'awaitAll' | 'submitToManager';

export default createRule<MessageIds, Options>({
  name: 'no-fire-and-forget',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow promises whose result is discarded instead of awaited, returned or handed to the task manager',
      recommended: {
        recommended: [],
        strict: [{ checkEventCallbacks: true, checkTimerCallbacks: true }],
      },
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      floatingPromise:
        'This promise is dropped: nobody sees it fail or finish. Await it, or submit background work through {{call}}.',
      unsupervisedPromise:
        'This promise has a rejection handler but no owner: nothing awaits, retries or shuts down the work. Await it, or submit background work through {{call}}.',
      unusedPromise:
        'The promise stored in `{{name}}` is never used: nobody sees it fail or finish. Await it, or submit background work through {{call}}.',
      droppedAsyncCallback:
        '`{{sink}}` drops the promise this async callback returns: nobody sees it fail or finish. Await the work, or submit background work through {{call}}.',
      addAwait: 'Await the promise here.',
      awaitAll: 'Await every callback with `await Promise.all(….map(…))`.',
      submitToManager: 'Submit it through {{call}}.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          allowForKnownSafeCalls: safeCallSchema,
          allowForKnownSafePromises: safePromiseSchema,
          allowVoid: { type: 'boolean', description: 'Accept `void promise` as a deliberate, reviewed discard.' },
          checkEventCallbacks: {
            type: 'boolean',
            description: 'Also report async callbacks given to event-emitter `on`/`once`/`addListener`.',
          },
          checkTimerCallbacks: {
            type: 'boolean',
            description: 'Also report async callbacks given to `setTimeout`/`setImmediate`/`queueMicrotask`/`process.nextTick`.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [
    {
      allowForKnownSafeCalls: [],
      allowForKnownSafePromises: [],
      allowVoid: false,
      checkEventCallbacks: false,
      checkTimerCallbacks: false,
    },
  ],
  create(context, [options]) {
    if (isExemptFile(context, ['tests', 'frameworkInternals'])) return {};
    const { sourceCode } = context;
    const { manager } = getSettings(context);
    const call = managerCallText(manager);
    const safeCalls = options.allowForKnownSafeCalls ?? [];
    const safePromises = options.allowForKnownSafePromises ?? [];
    let commonJs: boolean | undefined;
    const fixContext: FixContext = {
      sourceCode,
      manager,
      filename: context.filename,
      cwd: context.cwd,
      commonJs: () => (commonJs ??= isCommonJsFile(sourceCode, context.filename)),
    };

    const suggestions = (entries: [MessageIds, FixBuilder | null][]) =>
      entries.flatMap(([messageId, fix]) => (fix ? [{ messageId, data: { call }, fix }] : []));

    const isSanctioned = (node: TSESTree.Node): boolean => {
      const root = getChainRoot(node);
      // The manager submission itself is never fire-and-forget, whatever it returns.
      if (isManagerSubmitCall(sourceCode, manager, node) || isManagerSubmitCall(sourceCode, manager, root)) return true;
      if (isKnownSafeCall(context, node, safeCalls) || isKnownSafeCall(context, root, safeCalls)) return true;
      const { types } = getAsyncSites(sourceCode);
      return isKnownSafePromise(context, types, node, safePromises) || isKnownSafePromise(context, types, root, safePromises);
    };

    const onFloatingPromise = (floating: FloatingPromise): void => {
      const { node, discard } = floating;
      if (floating.handledEntryPoint || (options.allowVoid && discard.kind === 'void')) return;
      if (isSanctioned(node) || isInRequestHandler(context, node)) return;
      const binding = discard.kind === 'unused-binding' ? bindingName(discard.site) : null;
      context.report({
        node,
        messageId: binding ? 'unusedPromise' : floating.handled ? 'unsupervisedPromise' : 'floatingPromise',
        data: { call, name: binding ?? '' },
        suggest: suggestions([
          ['addAwait', buildAwaitFix(sourceCode, floating)],
          ['submitToManager', buildSubmitFix(fixContext, floating)],
        ]),
      });
    };

    const onDroppedCallback = (dropped: DroppedCallback): void => {
      if (dropped.sink === 'event' && !options.checkEventCallbacks) return;
      if (dropped.sink === 'timer' && !options.checkTimerCallbacks) return;
      if (isInRequestHandler(context, dropped.node)) return;
      context.report({
        node: dropped.node,
        messageId: 'droppedAsyncCallback',
        data: { call, sink: dropped.sinkName },
        suggest: suggestions([
          ['awaitAll', buildAwaitAllFix(sourceCode, getAsyncSites(sourceCode), dropped)],
          ['submitToManager', buildSubmitCallbackFix(fixContext, dropped)],
        ]),
      });
    };

    return defineAsyncSiteVisitor(sourceCode, { onFloatingPromise, onDroppedCallback });
  },
});

/** The variable that holds an unread promise: `const p = refresh();` or `p = refresh();`. */
function bindingName(site: TSESTree.Node): string | null {
  if (site.type === 'VariableDeclaration') {
    const [declarator] = site.declarations;
    return declarator.id.type === 'Identifier' ? declarator.id.name : null;
  }
  if (site.type === 'ExpressionStatement' && site.expression.type === 'AssignmentExpression' && site.expression.left.type === 'Identifier') {
    return site.expression.left.name;
  }
  return null;
}
