import { createRequire } from 'node:module';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

type TypeScript = typeof ts;

/** The type checker of a file parsed with type information, and the node map into it. */
export interface TypeServices {
  ts: TypeScript;
  checker: ts.TypeChecker;
  /** Without it, no type admits `null`/`undefined`, so nullishness cannot be read from types. */
  strictNullChecks: boolean;
  toTsNode(node: TSESTree.Node): ts.Node | undefined;
}

const require = createRequire(import.meta.url);
let typescript: TypeScript | undefined;
const servicesCache = new WeakMap<object, TypeServices | null>();

/**
 * The type services of the linted file, or null without a program. `typescript` is only
 * loaded here, on the first file that carries a program, so the syntactic path never pays for it.
 */
export function getTypeServices(sourceCode: Readonly<TSESLint.SourceCode>): TypeServices | null {
  const parserServices = sourceCode.parserServices;
  if (!parserServices?.program || !parserServices.esTreeNodeToTSNodeMap) return null;
  const cached = servicesCache.get(parserServices);
  if (cached !== undefined) return cached;
  let services: TypeServices | null = null;
  try {
    typescript ??= require('typescript') as TypeScript;
    const map = parserServices.esTreeNodeToTSNodeMap;
    services = {
      ts: typescript,
      checker: parserServices.program.getTypeChecker(),
      strictNullChecks: isStrictNullChecks(parserServices.program.getCompilerOptions()),
      toTsNode: (node) => map.get(node as never) as ts.Node | undefined,
    };
  } catch {
    // No usable `typescript` installed: degrade to syntactic answers.
    services = null;
  }
  servicesCache.set(parserServices, services);
  return services;
}

function isStrictNullChecks(options: ts.CompilerOptions): boolean {
  return options.strictNullChecks ?? options.strict ?? false;
}

/**
 * The type of a node, or null when the checker gives up: some recursive instantiation
 * expressions overflow its stack (typescript-eslint/typescript-eslint#11947).
 */
function typeAt(services: TypeServices, node: ts.Node): ts.Type | null {
  try {
    return services.checker.getTypeAtLocation(node);
  } catch {
    return null;
  }
}

/** Whether a type has a callable `then`, for any member of a union or intersection. */
export function isThenableType(services: TypeServices, type: ts.Type, location: ts.Node): boolean {
  const { ts: t, checker } = services;
  if (type.flags & (t.TypeFlags.Any | t.TypeFlags.Unknown | t.TypeFlags.Never)) return false;
  if (type.isUnion() || type.isIntersection()) return type.types.some((part) => isThenableType(services, part, location));
  const apparent = checker.getApparentType(type);
  const then = checker.getPropertyOfType(apparent, 'then');
  if (!then) return false;
  try {
    const thenType = checker.getTypeOfSymbolAtLocation(then, location);
    return checker.getNonNullableType(thenType).getCallSignatures().length > 0;
  } catch {
    return false;
  }
}

/**
 * Whether the checker types the expression as a thenable that can reject: its `then` takes a
 * rejection handler (`then(ok, err)`), as `Promise` and `PromiseLike` do; false when it cannot tell.
 */
export function isRejectableThenableExpression(services: TypeServices, node: TSESTree.Node): boolean {
  const tsNode = services.toTsNode(node);
  const type = tsNode && typeAt(services, tsNode);
  if (!type || !isThenableType(services, type, tsNode)) return false;
  const { checker } = services;
  const parts = type.isUnion() || type.isIntersection() ? type.types : [type];
  return parts.some((part) => {
    const then = checker.getPropertyOfType(checker.getApparentType(part), 'then');
    if (!then) return false;
    try {
      const signatures = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(then, tsNode)).getCallSignatures();
      return signatures.some((signature) => signature.parameters.length >= 2);
    } catch {
      return false;
    }
  });
}

/** Whether the checker types the expression as a thenable; false when it cannot tell. */
export function isThenableExpression(services: TypeServices, node: TSESTree.Node): boolean {
  const tsNode = services.toTsNode(node);
  const type = tsNode && typeAt(services, tsNode);
  return !!type && isThenableType(services, type, tsNode);
}

/** Whether the checker has nothing to say about the expression: its type is `any`, `unknown` or unavailable. */
export function isUntypedExpression(services: TypeServices, node: TSESTree.Node): boolean {
  const tsNode = services.toTsNode(node);
  const type = tsNode && typeAt(services, tsNode);
  return !type || (type.flags & (services.ts.TypeFlags.Any | services.ts.TypeFlags.Unknown)) !== 0;
}

/** Whether every member of the expression's type can be called; true when the checker cannot tell. */
export function isCallableExpression(services: TypeServices, node: TSESTree.Node): boolean {
  const tsNode = services.toTsNode(node);
  const type = tsNode && typeAt(services, tsNode);
  if (!type || type.flags & (services.ts.TypeFlags.Any | services.ts.TypeFlags.Unknown)) return true;
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((part) => part.getCallSignatures().length > 0);
}

/** Whether the expression is a function whose every call signature returns a thenable. */
export function returnsThenable(services: TypeServices, node: TSESTree.Node): boolean {
  const tsNode = services.toTsNode(node);
  const type = tsNode && typeAt(services, tsNode);
  if (!type) return false;
  const signatures = services.checker.getNonNullableType(type).getCallSignatures();
  return signatures.length > 0 && signatures.every((signature) =>
    isThenableType(services, services.checker.getReturnTypeOfSignature(signature), tsNode));
}

/**
 * Whether the checker proves the right operand of `&&`/`||`/`??` never runs: the left side is
 * always falsy (`&&`), always truthy (`||`), or never nullish (`??`).
 */
export function isShortCircuited(services: TypeServices, node: TSESTree.LogicalExpression): boolean {
  const tsNode = services.toTsNode(node.left);
  const type = tsNode && typeAt(services, tsNode);
  if (!type) return false;
  const { ts: t } = services;
  const parts = type.isUnion() ? type.types : [type];
  const unknown = t.TypeFlags.Any | t.TypeFlags.Unknown | t.TypeFlags.TypeParameter;
  if (parts.some((part) => part.flags & unknown)) return false;
  const nullish = t.TypeFlags.Null | t.TypeFlags.Undefined | t.TypeFlags.Void;
  const isFalse = (part: ts.Type): boolean =>
    (part.flags & nullish) !== 0 || (part.flags & t.TypeFlags.BooleanLiteral && (part as { intrinsicName?: string }).intrinsicName === 'false') ||
    (part.isLiteral() && !part.value) || false;
  const isTrue = (part: ts.Type): boolean =>
    (part.flags & t.TypeFlags.BooleanLiteral && (part as { intrinsicName?: string }).intrinsicName === 'true') || (part.isLiteral() && !!part.value) || false;
  if (node.operator === '&&') return parts.every(isFalse);
  if (node.operator === '||') return parts.every(isTrue);
  return services.strictNullChecks && parts.every((part) => (part.flags & nullish) === 0);
}

/** Whether the checker types the expression as an array or tuple (or a union of them) holding promises. */
export function isPromiseArrayExpression(services: TypeServices, node: TSESTree.Node): boolean {
  const tsNode = services.toTsNode(node);
  const type = tsNode && typeAt(services, tsNode);
  if (!type) return false;
  const { checker } = services;
  // e.g. a: T with T extends Array<Promise<number>>
  const constrained = checker.getBaseConstraintOfType(type) ?? type;
  const parts = constrained.isUnion() ? constrained.types : [constrained];
  return parts.some((part) => {
    if (!checker.isArrayType(part) && !checker.isTupleType(part)) return false;
    return checker.getTypeArguments(part as ts.TypeReference).some((element) => isThenableType(services, element, tsNode));
  });
}

/** Whether the checker types the expression as an array or tuple. */
export function isArrayExpressionType(services: TypeServices, node: TSESTree.Node): boolean {
  const tsNode = services.toTsNode(node);
  const type = tsNode && typeAt(services, tsNode);
  if (!type) return false;
  return services.checker.isArrayType(type) || services.checker.isTupleType(type);
}

/**
 * Whether a method call returns the type of its receiver, as fluent query builders do
 * (`query.where(…)` on a thenable builder configures it and starts nothing).
 */
export function isBuilderCall(services: TypeServices, call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== 'MemberExpression') return false;
  const receiver = services.toTsNode(call.callee.object);
  const result = services.toTsNode(call);
  if (!receiver || !result) return false;
  const { checker } = services;
  const receiverAt = typeAt(services, receiver);
  const resultAt = typeAt(services, result);
  if (!receiverAt || !resultAt) return false;
  const receiverType = checker.getNonNullableType(receiverAt);
  const resultType = checker.getNonNullableType(resultAt);
  const symbol = (type: ts.Type): ts.Symbol | undefined => type.aliasSymbol ?? type.getSymbol();
  const receiverSymbol = symbol(receiverType);
  // e.g. load().then(log): Promise<void> in, Promise<void> out, and new work all the same
  if (receiverSymbol?.getName() === 'Promise') return false;
  if (receiverType === resultType) return true;
  return !!receiverSymbol && receiverSymbol === symbol(resultType);
}

/** The named types (aliases, classes, interfaces) an expression's type is made of, with their declaring files. */
export function getNamedTypes(services: TypeServices, node: TSESTree.Node): { name: string; fileName: string }[] {
  const tsNode = services.toTsNode(node);
  const type = tsNode && typeAt(services, tsNode);
  if (!type) return [];
  const found: { name: string; fileName: string }[] = [];
  const visit = (part: ts.Type): void => {
    for (const symbol of [part.aliasSymbol, part.getSymbol()]) {
      const declaration = symbol?.declarations?.[0];
      if (symbol && declaration) found.push({ name: symbol.getName(), fileName: declaration.getSourceFile().fileName });
    }
    if (part.isUnion() || part.isIntersection()) part.types.forEach(visit);
    // e.g. SafePromise<void>[]: the promises are the array's elements
    if (services.checker.isArrayType(part) || services.checker.isTupleType(part)) services.checker.getTypeArguments(part as ts.TypeReference).forEach(visit);
  };
  visit(type);
  return found;
}
