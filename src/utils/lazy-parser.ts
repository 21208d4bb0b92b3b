import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';

const require = createRequire(import.meta.url);

type Parser = { parseForESLint(code: string, options?: unknown): unknown };

let typescriptParser: Parser | undefined;

/**
 * `@typescript-eslint/parser`, loaded on the first parse rather than when the plugin loads,
 * so a config that never parses TypeScript never pays for the `typescript` module.
 */
export const lazyTypeScriptParser = {
  meta: { name: 'eslint-plugin-async-governance/typescript-parser' },
  parseForESLint(code: string, options?: unknown): unknown {
    typescriptParser ??= require('@typescript-eslint/parser') as Parser;
    return typescriptParser.parseForESLint(code, options);
  },
} as unknown as TSESLint.FlatConfig.Parser;
