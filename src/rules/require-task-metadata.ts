import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getPropertyName, skipTypeWrappers } from '../utils/ast.js';
import { createRule } from '../utils/create-rule.js';
import { isCommonJsFile, removeUnusedBindings } from '../utils/fixers.js';
import { getSubmissionObject, isManagerSubmitCall, managerCallText } from '../utils/manager.js';
import { getSettings, isExemptFile, type ManagerSettings } from '../utils/settings.js';
import { bindPriorityEnum, deriveMetadata, insertProperties, quote, renderEntry } from './require-task-metadata/fixes.js';
import { type Inspection, inspectSubmission, isComplete } from './require-task-metadata/inspect.js';

export type Options = [];
export type MessageIds = 'incompleteSubmission' | 'addTaskId' | 'addTags' | 'usePriority';

type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;

/** One phrase per problem, in field order, for the single report of a submission. */
function describeProblems(manager: ManagerSettings, inspection: Inspection): string {
  const { fields, priorityEnum } = manager;
  const problems: string[] = [];
  if (inspection.id) problems.push(inspection.id.kind === 'empty' ? `an empty \`${fields.id}\`` : `no \`${fields.id}\``);
  if (inspection.priority) problems.push(`no \`${fields.priority}\``);
  for (const bad of inspection.badPriorities) {
    problems.push(
      bad.kind === 'literal'
        ? `\`${fields.priority}\` is the literal ${bad.text}, not a ${priorityEnum} member`
        : bad.kind === 'foreign'
          ? `\`${bad.text}\` is not a ${priorityEnum} member`
          : `\`${bad.text}\` is not one of ${priorityEnum}.${manager.priorities.join('/')}`,
    );
  }
  if (inspection.tags) problems.push(`no \`${fields.tags}\``);
  if (inspection.missingTagKeys) {
    problems.push(`\`${fields.tags}\` lacks ${inspection.missingTagKeys.keys.map((key) => `\`${key}\``).join(', ')}`);
  }
  return problems.join('; ');
}

/** The call to name in messages: the injected receiver as written, else `getter().submit(...)`. */
function describeApi(sourceCode: Readonly<TSESLint.SourceCode>, manager: ManagerSettings, call: TSESTree.CallExpression): string {
  const callee = skipTypeWrappers(call.callee) as TSESTree.MemberExpression;
  const method = getPropertyName(callee) ?? manager.submit[0];
  const receiver = skipTypeWrappers(callee.object);
  const receiverName = receiver.type === 'Identifier' ? receiver.name : receiver.type === 'MemberExpression' ? getPropertyName(receiver) : null;
  if (receiverName !== null && manager.receivers.includes(receiverName)) return `${sourceCode.getText(receiver)}.${method}(...)`;
  return managerCallText(manager, method);
}

export default createRule<MessageIds, Options>({
  name: 'require-task-metadata',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every task manager submission to carry a task id, a priority enum member and the required tags',
      recommended: 'recommended',
      requiresTypeChecking: false,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      incompleteSubmission:
        'Incomplete task submission: {{problems}}. Give {{api}} `{{id}}`, `{{priority}}` (a {{priorityEnum}} member) and `{{tags}}` with {{requiredTags}}.',
      addTaskId: "Add `{{field}}: '{{value}}'`.",
      addTags: 'Add {{keys}} to `{{field}}`.',
      usePriority: 'Use `{{value}}` as the priority.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    if (isExemptFile(context, ['tests', 'frameworkInternals'])) return {};
    const { sourceCode } = context;
    const { manager } = getSettings(context);
    let commonJs: boolean | undefined;
    const isCommonJs = (): boolean => (commonJs ??= isCommonJsFile(sourceCode, context.filename));

    /** Autofix: add the default priority, map literals that name a member; with the enum imported. */
    const buildPriorityFix = (call: TSESTree.CallExpression, inspection: Inspection) => {
      const mapped = inspection.badPriorities.filter((bad) => bad.kind === 'literal' && bad.member);
      if (!inspection.priority && mapped.length === 0) return null;
      return (fixer: Fixer): Fix[] | null => {
        const priorityEnum = bindPriorityEnum(fixer, sourceCode, manager, call, isCommonJs());
        if (!priorityEnum) return null;
        const fixes = [...priorityEnum.fixes];
        const { priority } = inspection;
        if (priority) {
          const entry = renderEntry(priority.path, `${priorityEnum.reference}.${manager.defaultPriority}`);
          fixes.push(...insertProperties(fixer, sourceCode, priority.container, [entry]));
        }
        for (const bad of mapped) fixes.push(fixer.replaceText(bad.node, `${priorityEnum.reference}.${bad.member}`));
        return fixes;
      };
    };

    const buildSuggestions = (call: TSESTree.CallExpression, object: TSESTree.ObjectExpression, inspection: Inspection) => {
      const suggestions: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const derived = deriveMetadata(context, manager, call, object);
      const { id, tags, missingTagKeys } = inspection;
      if (id) {
        const value = quote(derived.taskId);
        suggestions.push({
          messageId: 'addTaskId',
          data: { field: manager.fields.id, value: derived.taskId },
          fix: (fixer) => id.kind === 'empty'
            ? fixer.replaceText(id.value, value)
            : insertProperties(fixer, sourceCode, id.container, [renderEntry(id.path, value)]),
        });
      }
      const keys = tags ? manager.requiredTags : missingTagKeys?.keys ?? [];
      const entries = keys.filter((key) => derived.tags.has(key)).map((key) => renderEntry([key], quote(derived.tags.get(key) as string)));
      if (entries.length > 0) {
        const named = keys.filter((key) => derived.tags.has(key)).map((key) => `\`${key}\``).join(', ');
        suggestions.push({
          messageId: 'addTags',
          data: { keys: named, field: manager.fields.tags },
          fix: (fixer) => tags
            ? insertProperties(fixer, sourceCode, tags.container, [renderEntry(tags.path, `{ ${entries.join(', ')} }`)])
            : insertProperties(fixer, sourceCode, missingTagKeys!.object, entries),
        });
      }
      for (const bad of inspection.badPriorities) {
        if (bad.kind === 'literal' && bad.member) continue;
        const member = bad.member ?? manager.defaultPriority;
        const enumText = bad.enumText ?? manager.priorityEnum;
        suggestions.push({
          messageId: 'usePriority',
          data: { value: `${enumText}.${member}` },
          fix: (fixer) => {
            if (bad.enumText) return fixer.replaceText(bad.node, `${bad.enumText}.${member}`);
            const binding = bindPriorityEnum(fixer, sourceCode, manager, call, isCommonJs());
            // e.g. TaskPriority.HIGH → JobPriority.ROUTINE: the import of the other enum may go.
            return binding && removeUnusedBindings(fixer, sourceCode, [...binding.fixes, fixer.replaceText(bad.node, `${binding.reference}.${member}`)], [bad.node]);
          },
        });
      }
      return suggestions;
    };

    return {
      CallExpression(node) {
        if (!isManagerSubmitCall(sourceCode, manager, node)) return;
        const object = getSubmissionObject(sourceCode, node);
        if (!object) return;
        const inspection = inspectSubmission(sourceCode, manager, object);
        if (isComplete(inspection)) return;
        context.report({
          node,
          messageId: 'incompleteSubmission',
          data: {
            problems: describeProblems(manager, inspection),
            api: describeApi(sourceCode, manager, node),
            id: manager.fields.id,
            priority: manager.fields.priority,
            priorityEnum: manager.priorityEnum,
            tags: manager.fields.tags,
            requiredTags: manager.requiredTags.map((tag) => `\`${tag}\``).join(', ') || 'the keys your team needs',
          },
          fix: buildPriorityFix(node, inspection),
          suggest: buildSuggestions(node, object, inspection),
        });
      },
    };
  },
});
