import path from 'node:path';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getPropertyName, skipTypeWrappers } from '../../utils/ast.js';
import { resolveCallee } from '../../utils/callables.js';
import { getNamedTypes, type TypeServices } from '../../utils/types.js';
import { resolveOrigin } from '../../utils/references.js';
import { matchesGlobs } from '../../utils/settings.js';

/** A sanctioned helper, in the shape of typescript-eslint's `allowForKnownSafeCalls` specifiers. */
export type SafeCallSpecifier =
  | string
  | { from: 'file'; name: string | string[]; path?: string }
  | { from: 'lib'; name: string | string[] }
  | { from: 'package'; name: string | string[]; package: string };

const nameSchema: JSONSchema4 = {
  oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true }],
};

const specifierItems: JSONSchema4 = {
  oneOf: [
    { type: 'string', description: 'A function name, method name or dotted path such as `audit.record`.' },
    {
      type: 'object',
      properties: {
        from: { type: 'string', enum: ['file'] },
        name: nameSchema,
        path: { type: 'string', description: 'A glob of the files that declare it.' },
      },
      required: ['from', 'name'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { from: { type: 'string', enum: ['lib'] }, name: nameSchema },
      required: ['from', 'name'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { from: { type: 'string', enum: ['package'] }, name: nameSchema, package: { type: 'string' } },
      required: ['from', 'name', 'package'],
      additionalProperties: false,
    },
  ],
};

export const safeCallSchema: JSONSchema4 = {
  type: 'array',
  description: 'Calls whose promise may be dropped: the team\'s own helpers that supervise their work.',
  items: specifierItems,
};

export const safePromiseSchema: JSONSchema4 = {
  type: 'array',
  description: 'Promise types that may be dropped, such as a branded promise that handles its own failure.',
  items: specifierItems,
};

/** `this.audit.record` → `['record', 'audit.record', 'this.audit.record']`, or [] for computed callees. */
function dottedSuffixes(callee: TSESTree.Node): string[] {
  const parts: string[] = [];
  let current = skipTypeWrappers(callee);
  while (current.type === 'MemberExpression') {
    const name = getPropertyName(current);
    if (name === null) return [];
    parts.unshift(name);
    current = skipTypeWrappers(current.object);
  }
  if (current.type === 'Identifier') parts.unshift(current.name);
  else if (current.type === 'ThisExpression') parts.unshift('this');
  else if (parts.length === 0) return [];
  return parts.map((_, index) => parts.slice(index).join('.'));
}

const names = (name: string | string[]): string[] => (typeof name === 'string' ? [name] : name);

interface MatchContext {
  sourceCode: Readonly<TSESLint.SourceCode>;
  filename: string;
  cwd: string;
}

/** Whether the call is one of the configured safe calls. */
export function isKnownSafeCall(context: MatchContext, call: TSESTree.Node, specifiers: readonly SafeCallSpecifier[]): boolean {
  if (specifiers.length === 0 || (call.type !== 'CallExpression' && call.type !== 'NewExpression')) return false;
  const suffixes = dottedSuffixes(call.callee);
  if (suffixes.length === 0) return false;
  const matchesName = (name: string | string[]): boolean => names(name).some((item) => suffixes.includes(item.replace(/^this\./, '')) || suffixes.includes(item));
  return specifiers.some((specifier) => {
    if (typeof specifier === 'string') return matchesName(specifier);
    if (!matchesName(specifier.name)) return false;
    if (specifier.from === 'file') {
      if (specifier.path && !isFile(context, specifier.path)) return false;
      return resolveCallee(context.sourceCode, call.callee) !== null;
    }
    const origin = resolveOrigin(context.sourceCode, call.callee);
    if (specifier.from === 'lib') return origin?.kind === 'global';
    return origin?.kind === 'module' && origin.module.replace(/^node:/, '') === specifier.package.replace(/^node:/, '');
  });
}

/** `path` names the linted file: a glob, or a path relative to the working directory. */
function isFile(context: MatchContext, file: string): boolean {
  return matchesGlobs([file], context.filename, context.cwd) || path.resolve(context.cwd, file) === path.resolve(context.cwd, context.filename);
}

function isFromSpecifier(specifier: Exclude<SafeCallSpecifier, string>, fileName: string): boolean {
  const normalized = fileName.replace(/\\/g, '/');
  const inLib = /\/typescript\/lib\/lib\.[^/]*\.d\.ts$/.test(normalized);
  if (specifier.from === 'lib') return inLib;
  if (specifier.from === 'package') {
    const name = specifier.package.replace(/^@types\//, '');
    return normalized.includes(`/node_modules/${name}/`) || normalized.includes(`/node_modules/@types/${name.replace(/^@(.*)\//, '$1__')}/`);
  }
  return !inLib && !normalized.includes('/node_modules/');
}

/** Whether the promise is of one of the configured safe types (by name; with types, by declaring file too). */
export function isKnownSafePromise(
  context: MatchContext,
  types: TypeServices | null,
  node: TSESTree.Node,
  specifiers: readonly SafeCallSpecifier[],
): boolean {
  if (specifiers.length === 0) return false;
  const matches = (name: string, fileName: string | null): boolean =>
    specifiers.some((specifier) => {
      if (typeof specifier === 'string') return specifier === name;
      return names(specifier.name).includes(name) && (fileName === null ? specifier.from !== 'package' : isFromSpecifier(specifier, fileName));
    });
  if (types) return getNamedTypes(types, node).some(({ name, fileName }) => matches(name, fileName));
  // Without types: the declared return type of a same-file function, e.g. (): SafePromise<void>
  const call = skipTypeWrappers(node);
  if (call.type !== 'CallExpression') return false;
  const callable = resolveCallee(context.sourceCode, call.callee);
  const returnType = callable?.returnType?.typeAnnotation;
  if (returnType?.type !== 'TSTypeReference' || returnType.typeName.type !== 'Identifier') return false;
  return matches(returnType.typeName.name, null);
}
