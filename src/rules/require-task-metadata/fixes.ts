import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getCalleeName, getPropertyName, isFunction, skipTypeWrappers } from '../../utils/ast.js';
import { type ImportedBinding, insertImport } from '../../utils/fixers.js';
import { deriveTaskNaming, lookupField, managerImport, toKebab } from '../../utils/manager.js';
import { findVariable } from '../../utils/references.js';
import type { ManagerSettings } from '../../utils/settings.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

const renderKey = (key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key.replace(/'/g, "\\'")}'`);

/** `['opts', 'priority']` + `X` → `opts: { priority: X }`. */
export function renderEntry(path: string[], value: string): string {
  const [head, ...rest] = path;
  return `${renderKey(head)}: ${rest.length === 0 ? value : `{ ${renderEntry(rest, value)} }`}`;
}

export const quote = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Leading whitespace to give a new property line: that of the last property's line. */
function indentOf(sourceCode: SourceCode, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1];
  const leading = /^\s*/.exec(line)?.[0] ?? '';
  return leading.length === node.loc.start.column ? leading : ' '.repeat(node.loc.start.column);
}

/** Appends `key: value` entries to an object literal, following its one-line or one-per-line layout. */
export function insertProperties(fixer: Fixer, sourceCode: SourceCode, object: TSESTree.ObjectExpression, entries: string[]): Fix[] {
  const open = sourceCode.getFirstToken(object) as TSESLint.AST.Token;
  const close = sourceCode.getLastToken(object) as TSESLint.AST.Token;
  const last = object.properties.at(-1);
  if (!last) {
    const inside = sourceCode.text.slice(open.range[1], close.range[0]);
    if (inside.trim() === '') return [fixer.replaceTextRange([open.range[1], close.range[0]], ` ${entries.join(', ')} `)];
    return [fixer.insertTextBefore(close, ` ${entries.join(', ')} `)];
  }
  const after = sourceCode.getTokenAfter(last) as TSESLint.AST.Token;
  const comma = after.value === ',' && after !== close ? after : null;
  if (last.loc.end.line === close.loc.start.line) {
    const text = entries.join(', ');
    return comma ? [fixer.insertTextAfter(comma, ` ${text},`)] : [fixer.insertTextAfter(last, `, ${text}`)];
  }
  // One property per line: new lines go after any comment that ends the last property's line.
  const anchor = comma ?? last;
  const trailing = sourceCode.getCommentsAfter(anchor).filter((comment) => comment.loc.start.line === anchor.loc.end.line).at(-1);
  const indent = indentOf(sourceCode, last);
  const lines = entries.map((entry) => `\n${indent}${entry}${comma ? ',' : ''}`).join(comma ? '' : ',');
  if (comma || !trailing) return [fixer.insertTextAfter(trailing ?? anchor, comma ? lines : `,${lines}`)];
  return [fixer.insertTextAfter(last, ','), fixer.insertTextAfter(trailing, lines)];
}

/**
 * The priority enum as an expression usable at `useSite`: a binding already in scope, or an
 * import (a `require` in CommonJS) from `manager.module`; null when the name is taken.
 */
export function bindPriorityEnum(
  fixer: Fixer,
  sourceCode: SourceCode,
  manager: ManagerSettings,
  useSite: TSESTree.Node,
  commonJs: boolean,
): ImportedBinding | null {
  const variable = findVariable(sourceCode, useSite, manager.priorityEnum);
  // A local `type TaskPriority = …` or interface is no value: `TaskPriority.NORMAL` would not compile.
  const typeOnly = variable?.defs.some((def) =>
    def.type === 'Type' ||
    def.type === 'ImportBinding' &&
    (def.parent?.type === 'ImportDeclaration' && def.parent.importKind === 'type' ||
      def.node.type === 'ImportSpecifier' && def.node.importKind === 'type'));
  if (variable && variable.defs.length > 0 && !typeOnly) return { reference: manager.priorityEnum, fixes: [] };
  if (typeOnly) return null;
  return insertImport(fixer, sourceCode, { ...managerImport(manager), name: manager.priorityEnum, useSite, commonJs });
}

const GENERIC_VERBS = new Set(['run', 'start', 'do', 'execute', 'perform', 'handle', 'schedule', 'submit', 'enqueue', 'queue', 'trigger', 'kick', 'on', 'process', 'bound', 'async', 'init', 'task', 'job', 'work']);

/** The name of the work a submission runs: `this.syncInvoices`, `syncInvoices.bind(this)`, `() => syncInvoices()`. */
function getRunName(input: TSESTree.Node): string | null {
  let node = skipTypeWrappers(input);
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && getPropertyName(node.callee) === 'bind') {
    node = skipTypeWrappers(node.callee.object);
  }
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return getPropertyName(node);
  if (!isFunction(node)) return null;
  if (node.id) return node.id.name;
  let body: TSESTree.Node = node.body;
  if (body.type === 'BlockStatement') {
    if (body.body.length !== 1) return null;
    const [statement] = body.body;
    if (statement.type === 'ExpressionStatement') body = statement.expression;
    else if (statement.type === 'ReturnStatement' && statement.argument) body = statement.argument;
    else return null;
  }
  if (body.type === 'AwaitExpression') body = body.argument;
  return body.type === 'CallExpression' ? getCalleeName(body) : null;
}

/** A task id and tag values for a submission, from its file, class, function and submitted work. */
export interface DerivedMetadata {
  taskId: string;
  tags: Map<string, string>;
}

// Owners are named after the service more often than not; the user reviews the suggestion.
const TAG_SOURCES: Record<string, 'service' | 'type' | 'component'> = {
  service: 'service', app: 'service', application: 'service', system: 'service', team: 'service', owner: 'service', domain: 'service',
  type: 'type', kind: 'type', category: 'type',
  component: 'component', module: 'component',
};

/** Derives metadata from context; tags it cannot name (a team-specific `owner`) are left out. */
export function deriveMetadata(
  context: { filename: string; cwd: string },
  manager: ManagerSettings,
  call: TSESTree.CallExpression,
  object: TSESTree.ObjectExpression,
): DerivedMetadata {
  const run = lookupField(object, manager.fields.run);
  const runName = run.kind === 'found' ? getRunName(run.value) : null;
  const naming = deriveTaskNaming(context.filename, context.cwd, call, runName ?? 'task');
  const taskId = runName ? `${naming.component}.${toKebab(runName)}` : naming.taskId;
  const words = toKebab(taskId.slice(naming.component.length + 1)).split('-').filter(Boolean);
  const type = words.find((word) => !GENERIC_VERBS.has(word)) ?? 'background';
  const values = { service: naming.service, type, component: naming.component };
  const tags = new Map<string, string>();
  for (const tag of manager.requiredTags) {
    const source = TAG_SOURCES[tag];
    if (source) tags.set(tag, values[source]);
  }
  return { taskId, tags };
}
