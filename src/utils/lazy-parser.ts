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

const PLAIN_JAVASCRIPT = /\.[cm]?jsx?$/;

/**
 * The parser of `recommended-type-checked`: `@typescript-eslint/parser` with the project
 * service, except that a JavaScript file outside every tsconfig (`eslint.config.mjs`,
 * `prettier.config.js`) is parsed without type information instead of failing, so the rules
 * answer for it as they do without types. A TypeScript file outside the project still fails.
 */
export const lazyTypeAwareParser = {
  meta: { name: 'eslint-plugin-async-governance/type-aware-parser' },
  parseForESLint(code: string, options?: { filePath?: string; projectService?: unknown; project?: unknown }): unknown {
    typescriptParser ??= require('@typescript-eslint/parser') as Parser;
    try {
      return typescriptParser.parseForESLint(code, options);
    } catch (error) {
      const outsideProject = /was not found by the project service|not included in any of the projects|allowDefaultProject/i.test(String((error as Error).message));
      if (!outsideProject || !options?.filePath || !PLAIN_JAVASCRIPT.test(options.filePath)) throw error;
      const { projectService: _service, project: _project, ...untyped } = options;
      return typescriptParser.parseForESLint(code, untyped);
    }
  },
} as unknown as TSESLint.FlatConfig.Parser;
