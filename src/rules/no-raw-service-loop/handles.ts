import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getPropertyName, isFunction, skipTypeWrappers, walk } from '../../utils/ast.js';
import { findVariable, getThisClass } from '../../utils/references.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** A text edit outside the replaced statement. */
export interface Edit {
  range: [number, number];
  text: string;
  /** Code the edit deletes whose imports may go with it: the callee of a rewritten `clearInterval(…)`. */
  removes?: Node;
}

/**
 * How a timer handle keeps working once the timer becomes a task: the handle holds an
 * `AbortController`, and every `clearInterval(handle)` becomes `handle?.abort()`, so the
 * `stop()` that cleared the timer now stops the task.
 */
export interface HandlePlan {
  /** The statement that starts the timer; the submission replaces it. */
  statement: TSESTree.Statement;
  /** Statements written before the submission, unindented. */
  setup: string[];
  /** The constant that holds the controller, read by the task. */
  controller: string;
  /** Clears turned into aborts, the handle's declared type, dropped `unref()` calls. */
  edits: Edit[];
  /** Whether other code reads the handle; when nothing does, the submission alone replaces the statement. */
  used: boolean;
}

const CLEARS = new Set(['clearInterval', 'clearTimeout']);
const REF_METHODS = new Set(['unref', 'ref']);

/** The expression that yields the timer: the call, or `setInterval(…).unref()`. */
export function timerExpression(call: TSESTree.CallExpression): TSESTree.Expression {
  const member = call.parent;
  const outer = member?.parent;
  if (member?.type === 'MemberExpression' && member.object === call && REF_METHODS.has(getPropertyName(member) ?? '') &&
    outer?.type === 'CallExpression' && outer.callee === member && outer.arguments.length === 0) {
    return outer;
  }
  return call;
}

/** `NodeJS.Timeout | null` → `AbortController | null`; null when the type needs no change (`any`). */
function controllerType(sourceCode: SourceCode, type: TSESTree.TypeNode): string | null {
  if (type.type === 'TSAnyKeyword' || type.type === 'TSUnknownKeyword') return null;
  const members = type.type === 'TSUnionType' ? type.types : [type];
  const empty = members.filter((member) => member.type === 'TSNullKeyword' || member.type === 'TSUndefinedKeyword');
  return ['AbortController', ...empty.map((member) => sourceCode.getText(member))].join(' | ');
}

function annotationEdit(sourceCode: SourceCode, annotation: TSESTree.TSTypeAnnotation | undefined): Edit[] {
  if (!annotation) return [];
  const text = controllerType(sourceCode, annotation.typeAnnotation);
  return text === null ? [] : [{ range: annotation.typeAnnotation.range, text }];
}

/** The whole statement `x.unref();`, with the line break before it. */
function statementRemoval(sourceCode: SourceCode, statement: Node): Edit {
  const before = sourceCode.getTokenBefore(statement, { includeComments: true });
  return { range: [before ? before.range[1] : statement.range[0], statement.range[1]], text: '' };
}

const isEmptyValue = (node: Node): boolean =>
  (node.type === 'Literal' && node.value === null) || (node.type === 'Identifier' && node.name === 'undefined') ||
  (node.type === 'UnaryExpression' && node.operator === 'void');

/**
 * Edits for every other use of the handle, or null when one of them needs a real timer
 * (`timer.refresh()`, passing it on, assigning another timer to it).
 */
function rewriteUses(sourceCode: SourceCode, uses: Node[], own: Node, abort: string): { edits: Edit[]; used: boolean } | null {
  const edits: Edit[] = [];
  let used = false;
  for (const use of uses) {
    if (use === own) continue;
    used = true;
    let node: Node = use;
    while (node.parent && ['TSAsExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSSatisfiesExpression'].includes(node.parent.type)) node = node.parent;
    const parent = node.parent;
    if (!parent) return null;
    if (parent.type === 'AssignmentExpression' && parent.left === node) {
      if (!isEmptyValue(parent.right)) return null;
      continue;
    }
    if (parent.type === 'CallExpression' && parent.arguments[0] === node) {
      const callee = skipTypeWrappers(parent.callee);
      const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? getPropertyName(callee) : null;
      if (name === null || !CLEARS.has(name)) return null;
      edits.push({ range: parent.range, text: abort, removes: parent.callee });
      continue;
    }
    if (parent.type === 'MemberExpression' && parent.object === node) {
      const call = parent.parent;
      // e.g. this.timer.unref(): meaningless once the manager owns the work
      if (REF_METHODS.has(getPropertyName(parent) ?? '') && call?.type === 'CallExpression' && call.callee === parent &&
        call.parent?.type === 'ExpressionStatement') {
        edits.push(statementRemoval(sourceCode, call.parent));
        continue;
      }
      return null;
    }
    if (parent.type === 'CallExpression' || parent.type === 'NewExpression' || parent.type === 'ReturnStatement' ||
      parent.type === 'ArrayExpression' || parent.type === 'Property' || parent.type === 'ArrowFunctionExpression') {
      return null;
    }
  }
  return { edits, used };
}

/** Every `this.<name>` of the class that `thisNode` belongs to. */
function thisMembers(sourceCode: SourceCode, owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): TSESTree.MemberExpression[] {
  const found: TSESTree.MemberExpression[] = [];
  walk(owner.body, sourceCode.visitorKeys, (node) => {
    if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression' && getPropertyName(node) === name &&
      getThisClass(node.object) === owner) {
      found.push(node);
    }
  });
  return found;
}

/** The field declaration's edits: its type becomes `AbortController`; `timer = null` gains one in TypeScript. */
function fieldEdits(sourceCode: SourceCode, owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string, typescript: boolean): Edit[] {
  for (const member of owner.body.body) {
    if (member.type !== 'PropertyDefinition' || member.static || getPropertyName(member) !== name) continue;
    if (member.typeAnnotation) return annotationEdit(sourceCode, member.typeAnnotation);
    // e.g. private timer = null; infers the type `null`
    if (typescript && member.value && isEmptyValue(member.value) && !member.computed) {
      const empty = member.value.type === 'Literal' ? 'null' : 'undefined';
      return [{ range: [member.key.range[1], member.key.range[1]], text: `: AbortController | ${empty}` }];
    }
  }
  return [];
}

/** Whether `name` is free to declare at `site`: not visible there and not read in `region`. */
function isFreeName(sourceCode: SourceCode, site: Node, region: Set<string>, name: string): boolean {
  if (region.has(name)) return false;
  const variable = findVariable(sourceCode, site, name);
  return variable === null || variable.defs.length === 0;
}

/** Names of the bindings a region reads or declares (`timer` of `this.timer` is a property, not one). */
export function namesIn(sourceCode: SourceCode, roots: Node[]): Set<string> {
  const names = new Set<string>();
  for (const root of roots) walk(root, sourceCode.visitorKeys, (node) => {
    if (node.type !== 'Identifier') return;
    const parent = node.parent;
    if (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) return;
    if ((parent?.type === 'Property' || parent?.type === 'PropertyDefinition' || parent?.type === 'MethodDefinition') && parent.key === node && !parent.computed && !(parent.type === 'Property' && parent.shorthand)) return;
    names.add(node.name);
  });
  return names;
}

function enclosingScopeNode(node: Node): Node {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current) || current.type === 'Program') return current;
  return node;
}

/**
 * Plans how the handle of a timer that becomes a task keeps stopping it: `this.timer = setInterval(…)`,
 * `timer = setInterval(…)` or `const timer = setInterval(…)`, with every clear of that handle turned
 * into an abort. Null when the timer has no handle, or when a use of the handle needs a real timer.
 */
export function planHandle(sourceCode: SourceCode, call: TSESTree.CallExpression, typescript: boolean): HandlePlan | null {
  const timer = timerExpression(call);
  const parent = timer.parent;
  const region = namesIn(sourceCode, [enclosingScopeNode(timer)]);
  const pick = (candidates: string[]): string | null =>
    candidates.find((name) => /^[A-Za-z_$][\w$]*$/.test(name) && isFreeName(sourceCode, timer, region, name)) ?? null;

  // e.g. const heartbeat = setInterval(…); … clearInterval(heartbeat)
  if (parent?.type === 'VariableDeclarator' && parent.init === timer && parent.id.type === 'Identifier') {
    const declaration = parent.parent;
    if (declaration.declarations.length !== 1 || declaration.declare || !['BlockStatement', 'Program', 'StaticBlock', 'SwitchCase'].includes(declaration.parent?.type ?? '')) return null;
    const [variable] = sourceCode.getDeclaredVariables(parent);
    if (!variable) return null;
    const name = parent.id.name;
    const constant = declaration.kind === 'const';
    const uses = rewriteUses(sourceCode, variable.references.map((reference) => reference.identifier), parent.id, constant ? `${name}.abort()` : `${name}?.abort()`);
    if (!uses) return null;
    const { edits, used } = uses;
    const annotation = parent.id.typeAnnotation ? controllerType(sourceCode, parent.id.typeAnnotation.typeAnnotation) : null;
    const typed = `${name}${parent.id.typeAnnotation ? `: ${annotation ?? sourceCode.getText(parent.id.typeAnnotation.typeAnnotation)}` : ''}`;
    if (constant) return { statement: declaration, setup: [`const ${typed} = new AbortController();`], controller: name, edits, used };
    const controller = pick([`${name}Controller`, 'controller']);
    if (!controller) return null;
    return { statement: declaration, setup: [`const ${controller} = new AbortController();`, `${declaration.kind} ${typed} = ${controller};`], controller, edits, used };
  }

  if (parent?.type !== 'AssignmentExpression' || parent.operator !== '=' || parent.right !== timer || parent.parent?.type !== 'ExpressionStatement') return null;
  const statement = parent.parent;
  const left = skipTypeWrappers(parent.left);
  // e.g. this.timer = setInterval(…) in start(), clearInterval(this.timer) in stop()
  if (left.type === 'MemberExpression' && left.object.type === 'ThisExpression') {
    const name = getPropertyName(left);
    const owner = getThisClass(left.object);
    if (name === null || !owner) return null;
    const target = sourceCode.getText(left);
    const uses = rewriteUses(sourceCode, thisMembers(sourceCode, owner, name), left, `${target}?.abort()`);
    if (!uses) return null;
    const base = name.replace(/^#/, '').replace(/^_+/, '');
    const controller = pick([base, `${base}Controller`, 'controller']);
    if (!controller) return null;
    return {
      statement,
      setup: [`const ${controller} = new AbortController();`, `${target} = ${controller};`],
      controller,
      edits: uses.used ? [...uses.edits, ...fieldEdits(sourceCode, owner, name, typescript)] : [],
      used: uses.used,
    };
  }
  // e.g. let timer: NodeJS.Timeout | undefined; … timer = setInterval(…)
  if (left.type === 'Identifier') {
    const variable = findVariable(sourceCode, left, left.name);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || def.name.type !== 'Identifier') return null;
    const uses = rewriteUses(sourceCode, variable.references.map((reference) => reference.identifier), left, `${left.name}?.abort()`);
    if (!uses) return null;
    const controller = pick([`${left.name}Controller`, 'controller']);
    if (!controller) return null;
    return {
      statement,
      setup: [`const ${controller} = new AbortController();`, `${left.name} = ${controller};`],
      controller,
      edits: uses.used ? [...uses.edits, ...annotationEdit(sourceCode, def.name.typeAnnotation)] : [],
      used: uses.used,
    };
  }
  return null;
}
