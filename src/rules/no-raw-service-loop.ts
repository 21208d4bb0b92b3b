import type { TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, isFunction } from '../utils/ast.js';
import { createRule } from '../utils/create-rule.js';
import { isCommonJsFile } from '../utils/fixers.js';
import { deriveTaskNaming, isInsideSubmittedFunction, managerCallText } from '../utils/manager.js';
import { resolveFunction } from '../utils/callables.js';
import { resolveOrigin } from '../utils/references.js';
import { getSettings, isExemptFile } from '../utils/settings.js';
import {
  buildIntervalFix,
  buildIteratorFix,
  buildPollingFix,
  buildTimeoutFix,
  type FixBuilder,
  type FixContext,
} from './no-raw-service-loop/fixes.js';
import { getIteratedInterval, hasBoundingExit, isInGenerator, isServiceLoop, isTimerFunction, type Loop } from './no-raw-service-loop/loops.js';
import { findReschedulingCycle, isInReactEffect, isScopedReschedule, isScopedTimer } from './no-raw-service-loop/timers.js';

export type Options = [];
export type MessageIds = 'rawInterval' | 'recursiveTimeout' | 'pollingLoop' | 'intervalIterator' | 'submitToManager';

export default createRule<MessageIds, Options>({
  name: 'no-raw-service-loop',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow service loops that run outside the background task manager',
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      rawInterval:
        '`setInterval` runs a service loop that the task manager cannot prioritise, retry or stop. Run it as a background task: {{call}}.',
      recursiveTimeout:
        'This `setTimeout` reschedules its own function: a service loop that the task manager cannot prioritise, retry or stop. Run it as a background task: {{call}}.',
      pollingLoop:
        'This polling loop has no bound and runs outside the task manager. Run this loop as a background task: {{call}}.',
      intervalIterator:
        '`for await` over `setInterval` from `timers/promises` is a service loop outside the task manager. Run it as a background task: {{call}}.',
      submitToManager: 'Move this loop into {{call}}.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    if (isExemptFile(context, ['tests', 'frameworkInternals'])) return {};
    const { sourceCode } = context;
    const { manager } = getSettings(context);
    const submitCall = managerCallText(manager);
    const periodicCall = manager.periodic ? managerCallText(manager, manager.periodic.method) : submitCall;
    let fixContext: FixContext | undefined;
    const fixes = (): FixContext =>
      (fixContext ??= {
        sourceCode,
        manager,
        commonJs: isCommonJsFile(sourceCode, context.filename),
        typescript: /\.[cm]?tsx?$/i.test(context.filename),
        naming: (node, what) => deriveTaskNaming(context.filename, context.cwd, node, what),
      });

    // Managed (inside a submitted task), UI (React effects) and generator-driven code is not a service loop.
    const isManagedOrUi = (node: TSESTree.Node): boolean =>
      isInsideSubmittedFunction(sourceCode, manager, node) || isInReactEffect(node);

    const report = (node: TSESTree.Node, messageId: MessageIds, call: string, fix: FixBuilder | null): void => {
      context.report({
        node,
        messageId,
        data: { call },
        suggest: fix ? [{ messageId: 'submitToManager', data: { call }, fix }] : [],
      });
    };

    // Aliases (`import { setInterval as every } from 'node:timers'`) only exist where `timers` is named.
    const mayAlias = sourceCode.text.includes('timers');
    const timerName = (callee: TSESTree.Node): string | null => {
      const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
      if (name === 'setInterval' || name === 'setTimeout' || !mayAlias || callee.type !== 'Identifier') return name;
      const origin = resolveOrigin(sourceCode, callee);
      return origin?.kind === 'module' && origin.module === 'timers' && origin.path.length === 1 ? origin.path[0] : null;
    };

    const reportedCycles = new Set<string>();
    const checkCall = (node: TSESTree.CallExpression): void => {
      const callee = node.callee;
      if (node.arguments.length === 0) return;
      const name = timerName(callee);
      if (name === 'setInterval') {
        if (!isTimerFunction(sourceCode, callee, 'setInterval') || isManagedOrUi(node) || isScopedTimer(context, node)) return;
        report(node, 'rawInterval', periodicCall, buildIntervalFix(fixes(), node));
        return;
      }
      if (name !== 'setTimeout' || !isTimerFunction(sourceCode, callee, 'setTimeout')) return;
      const cycle = findReschedulingCycle(sourceCode, node);
      if (!cycle || isManagedOrUi(node) || isScopedReschedule(context, node, cycle)) return;
      // One report per cycle: two branches that reschedule the same loop are one loop.
      const cycleKey = cycle.map((fn) => fn.range[0]).sort((a, b) => a - b).join(',');
      if (reportedCycles.has(cycleKey)) return;
      reportedCycles.add(cycleKey);
      const schedulers = new Set<FunctionNode>();
      for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) if (isFunction(current)) schedulers.add(current);
      const resolve = (target: TSESTree.Node) => resolveFunction(sourceCode, target);
      report(node, 'recursiveTimeout', submitCall, buildTimeoutFix(fixes(), node, schedulers, resolve));
    };

    const checkLoop = (node: Loop): void => {
      if (!isServiceLoop(sourceCode, node) || isInGenerator(node) || isManagedOrUi(node)) return;
      report(node, 'pollingLoop', submitCall, buildPollingFix(fixes(), node));
    };

    return {
      CallExpression: checkCall,
      WhileStatement: checkLoop,
      DoWhileStatement: checkLoop,
      ForStatement: checkLoop,
      ForOfStatement(node) {
        const interval = getIteratedInterval(sourceCode, node);
        if (!interval || hasBoundingExit(sourceCode, node) || isInGenerator(node) || isManagedOrUi(node)) return;
        report(node, 'intervalIterator', periodicCall, buildIteratorFix(fixes(), node, interval));
      },
    };
  },
});
