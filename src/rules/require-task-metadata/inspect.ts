import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getPropertyName, getStaticString, skipTypeWrappers } from '../../utils/ast.js';
import { type FieldLookup, lookupField, managerImport } from '../../utils/manager.js';
import { findVariable, resolveOrigin } from '../../utils/references.js';
import type { ManagerSettings } from '../../utils/settings.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A priority value that is not a configured enum member; `member` is its case-insensitive match. */
export interface BadPriority {
  node: TSESTree.Node;
  /** A literal, an unknown member of the enum, or a member of another priority enum. */
  kind: 'literal' | 'member' | 'foreign';
  /** How the value reads in the message: `'high'`, `TaskPriority.URGENT`. */
  text: string;
  member: string | null;
  /** For members, the enum as written (`TaskPriority`, `bg.TaskPriority`), kept by the fix. */
  enumText: string | null;
}

/** What a submission lacks; every list or flag empty means the submission is complete. */
export interface Inspection {
  id: FieldLookup & { kind: 'missing' } | { kind: 'empty'; value: TSESTree.Node } | null;
  priority: (FieldLookup & { kind: 'missing' }) | null;
  badPriorities: BadPriority[];
  tags: (FieldLookup & { kind: 'missing' }) | null;
  missingTagKeys: { object: TSESTree.ObjectExpression; keys: string[] } | null;
}

export const isComplete = (inspection: Inspection): boolean =>
  !inspection.id && !inspection.priority && inspection.badPriorities.length === 0 && !inspection.tags && !inspection.missingTagKeys;

/** Finds every metadata problem of a submission object, staying silent where spreads hide fields. */
export function inspectSubmission(sourceCode: SourceCode, manager: ManagerSettings, object: TSESTree.ObjectExpression): Inspection {
  const id = lookupField(object, manager.fields.id);
  const priority = lookupField(object, manager.fields.priority);
  const tags = lookupField(object, manager.fields.tags);
  return {
    id: id.kind === 'missing' ? id : id.kind === 'found' && getStaticString(id.value)?.trim() === '' ? { kind: 'empty', value: id.value } : null,
    priority: priority.kind === 'missing' ? priority : null,
    badPriorities: priority.kind === 'found' ? findBadPriorities(sourceCode, manager, priority.value) : [],
    tags: tags.kind === 'missing' && manager.requiredTags.length > 0 ? tags : null,
    missingTagKeys: tags.kind === 'found' ? findMissingTagKeys(manager, tags.value) : null,
  };
}

function matchMember(manager: ManagerSettings, name: string): string | null {
  const lower = name.trim().toLowerCase();
  return manager.priorities.find((member) => member.toLowerCase() === lower) ?? null;
}

/** Whether `node` names the priority enum: `TaskPriority`, an aliased import of it, or `ns.TaskPriority`. */
function isPriorityEnum(sourceCode: SourceCode, manager: ManagerSettings, input: TSESTree.Node): boolean {
  const node = skipTypeWrappers(input);
  if (node.type === 'Identifier' && node.name === manager.priorityEnum) return true;
  if (node.type === 'MemberExpression' && getPropertyName(node) === manager.priorityEnum) return true;
  if (node.type !== 'Identifier') return false;
  const origin = resolveOrigin(sourceCode, node);
  return origin?.kind === 'module' && origin.path.at(-1) === manager.priorityEnum;
}

/**
 * Whether `node` is another priority enum than the configured one: an enum declared in this
 * file, or an imported `…Priority` that does not come from `manager.module` (e.g. the default
 * `TaskPriority` left over under a `JobPriority` manager). Unknown objects stay unreported.
 */
function isForeignPriorityEnum(sourceCode: SourceCode, manager: ManagerSettings, input: TSESTree.Node): boolean {
  const node = skipTypeWrappers(input);
  if (node.type !== 'Identifier' || node.name === manager.priorityEnum || isPriorityEnum(sourceCode, manager, node)) return false;
  const def = findVariable(sourceCode, node, node.name)?.defs[0];
  if (!def) return false;
  if (def.node.type === 'TSEnumDeclaration') return true;
  if (def.type !== 'ImportBinding' || !/Priority$/.test(node.name)) return false;
  const origin = resolveOrigin(sourceCode, node);
  return origin?.kind === 'module' && !managerImport(manager).matches(origin.module);
}

function findBadPriorities(sourceCode: SourceCode, manager: ManagerSettings, input: TSESTree.Node): BadPriority[] {
  const node = skipTypeWrappers(input);
  // e.g. urgent ? TaskPriority.HIGH : 'low'
  if (node.type === 'ConditionalExpression') {
    return [...findBadPriorities(sourceCode, manager, node.consequent), ...findBadPriorities(sourceCode, manager, node.alternate)];
  }
  const text = sourceCode.getText(node);
  const literal = node.type === 'Literal' ? node.value : getStaticString(node);
  if (node.type === 'Literal' || (node.type === 'TemplateLiteral' && literal !== null)) {
    if (node.type === 'Literal' && node.value instanceof RegExp) return [];
    const member = typeof literal === 'string' ? matchMember(manager, literal) : null;
    return [{ node, kind: 'literal', text, member, enumText: null }];
  }
  if (node.type === 'Identifier' && node.name === 'undefined' && !findVariable(sourceCode, node, 'undefined')?.defs.length) {
    return [{ node, kind: 'literal', text, member: null, enumText: null }];
  }
  if (node.type !== 'MemberExpression') return [];
  const name = getPropertyName(node);
  // e.g. TaskPriority[level]: the member is chosen at runtime.
  if (name === null) return [];
  if (isForeignPriorityEnum(sourceCode, manager, node.object)) {
    return [{ node, kind: 'foreign', text, member: matchMember(manager, name), enumText: null }];
  }
  if (!isPriorityEnum(sourceCode, manager, node.object) || manager.priorities.includes(name)) return [];
  return [{ node, kind: 'member', text, member: matchMember(manager, name), enumText: sourceCode.getText(node.object) }];
}

function findMissingTagKeys(manager: ManagerSettings, input: TSESTree.Node): Inspection['missingTagKeys'] {
  const node = skipTypeWrappers(input);
  // A tags value built elsewhere (an identifier, a call) is checked by the report across files.
  if (node.type !== 'ObjectExpression') return null;
  const present = new Set<string>();
  for (const property of node.properties) {
    if (property.type === 'SpreadElement') return null;
    const name = getPropertyName(property);
    if (name === null) return null;
    present.add(name);
  }
  const keys = manager.requiredTags.filter((tag) => !present.has(tag));
  return keys.length > 0 ? { object: node, keys } : null;
}
