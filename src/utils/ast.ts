import type { TSESTree } from '@typescript-eslint/utils';

type Node = TSESTree.Node;

export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

/** Whether the node is a function declaration, expression or arrow. */
export function isFunction(node: Node | null | undefined): node is FunctionNode {
  return (
    !!node &&
    (node.type === 'FunctionDeclaration' ||
      node.type === 'FunctionExpression' ||
      node.type === 'ArrowFunctionExpression')
  );
}

/** The nearest function that contains the node, or null at module level. */
export function getEnclosingFunction(node: Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
  }
  return null;
}

/** Whether the node sits outside every function (top-level `if`/`try` blocks included). */
export function isModuleTopLevel(node: Node): boolean {
  return getEnclosingFunction(node) === null;
}

/** The static name of a member's property (`a.b`, `a['b']`, `` a[`b`] ``), or null. */
export function getPropertyName(node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | null {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  if (!node.computed) {
    if (key.type === 'Identifier') return key.name;
    if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  }
  return getStaticString(key);
}

/** The value of a string literal or expression-free template, or null. */
export function getStaticString(node: Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? null;
  if (node.type === 'Identifier' && node.parent?.type === 'Property' && node.parent.key === node && !node.parent.computed) {
    return node.name;
  }
  return null;
}

/** Strips wrappers that do not change a value: parentheses are already gone; TS casts and `!`. */
export function skipTypeWrappers(node: Node): Node {
  let current = node;
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSTypeAssertion' ||
    current.type === 'ChainExpression'
  ) {
    current = current.expression;
  }
  return current;
}

/** Whether the node is a call of `name(...)` on a plain identifier. */
export function isCallTo(node: Node | null | undefined, names: string | readonly string[]): node is TSESTree.CallExpression {
  if (!node || node.type !== 'CallExpression' || node.callee.type !== 'Identifier') return false;
  return typeof names === 'string' ? node.callee.name === names : names.includes(node.callee.name);
}

interface MethodCallShape {
  object?: string | readonly string[];
  methods?: readonly string[];
}

/** Whether the node is `object.method(...)`, optionally restricting the object name and methods. */
export function isMethodCall(
  node: Node | null | undefined,
  shape: MethodCallShape = {},
): node is TSESTree.CallExpression & { callee: TSESTree.MemberExpression } {
  if (!node || node.type !== 'CallExpression') return false;
  const callee = skipTypeWrappers(node.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = getPropertyName(callee);
  if (method === null || (shape.methods && !shape.methods.includes(method))) return false;
  if (shape.object === undefined) return true;
  const objects = typeof shape.object === 'string' ? [shape.object] : shape.object;
  return callee.object.type === 'Identifier' && objects.includes(callee.object.name);
}

/** The method name of `x.method(...)` calls, or the function name of `name(...)` calls. */
export function getCalleeName(node: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const callee = skipTypeWrappers(node.callee);
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return getPropertyName(callee);
  return null;
}

export const ARRAY_CALLBACK_METHODS: readonly string[] = [
  'every',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'forEach',
  'map',
  'reduce',
  'reduceRight',
  'some',
  'sort',
  'toSorted',
];

/** Whether the function is the callback argument of an array method such as `map` or `forEach`. */
export function isArrayMethodCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (!call || call.type !== 'CallExpression' || call.arguments[0] !== fn) return false;
  return isMethodCall(call, { methods: ARRAY_CALLBACK_METHODS });
}

/** Whether a loop or block body has no statements. */
export function isEmptyBody(node: TSESTree.Statement): boolean {
  return node.type === 'EmptyStatement' || (node.type === 'BlockStatement' && node.body.length === 0);
}

/** Whether the node is a `Date.now()` or `performance.now()` call. */
export function isClockCall(node: Node): boolean {
  return isMethodCall(node, { object: ['Date', 'performance'], methods: ['now'] }) && node.arguments.length === 0;
}

/** Whether `node` is inside `ancestor` (or is it). */
export function isInside(node: Node, ancestor: Node): boolean {
  return node.range[0] >= ancestor.range[0] && node.range[1] <= ancestor.range[1];
}

type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** Visits every node under `root` in source order; `enter` returning false skips the children. */
export function walk(root: Node, visitorKeys: VisitorKeys, enter: (node: Node) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (enter(node) === false) continue;
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k -= 1) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i -= 1) if (child[i]) stack.push(child[i] as Node);
      } else if (child && typeof child === 'object') {
        stack.push(child as Node);
      }
    }
  }
}
