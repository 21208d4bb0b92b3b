import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getPropertyName, skipTypeWrappers } from '../../utils/ast.js';
import { resolveCallee } from '../../utils/async-sites.js';
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

export const safeCallSchema: JSONSchema4 = {
  type: 'array',
  description: 'Calls whose promise may be dropped: the team\'s own helpers that supervise their work.',
  items: {
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
  },
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
      if (specifier.path && !matchesGlobs([specifier.path], context.filename, context.cwd)) return false;
      return resolveCallee(context.sourceCode, call.callee) !== null;
    }
    const origin = resolveOrigin(context.sourceCode, call.callee);
    if (specifier.from === 'lib') return origin?.kind === 'global';
    return origin?.kind === 'module' && origin.module.replace(/^node:/, '') === specifier.package.replace(/^node:/, '');
  });
}
