import type { TSESLint } from '@typescript-eslint/utils';
import { lazyTypeAwareParser, lazyTypeScriptParser } from '../utils/lazy-parser.js';
import { recommendedRules } from './recommended.js';
import { strictRules } from './strict.js';

export const PLUGIN_NAMESPACE = 'async-governance';

/** Every file type the configs apply to. */
export const CONFIG_FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

/**
 * Minified bundles (`x.min.js`, `x-min.mjs`): vendored, generated code that no one edits, which
 * oxlint does not lint either. Kept in step with isMinifiedBundle (src/cli/file-kinds.ts).
 */
export const MINIFIED_FILES = ['**/*.min.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', '**/*-min.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

type Config = TSESLint.FlatConfig.Config;

/** Builds the flat configs around the plugin object they register. */
export function createConfigs(plugin: TSESLint.FlatConfig.Plugin): Record<'recommended' | 'strict' | 'recommended-type-checked', Config> {
  const base = (name: string, rules: Config['rules'], parserOptions: Record<string, unknown> = {}): Config => ({
    name: `${PLUGIN_NAMESPACE}/${name}`,
    files: CONFIG_FILES,
    ignores: MINIFIED_FILES,
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    languageOptions: { parser: parserOptions.projectService ? lazyTypeAwareParser : lazyTypeScriptParser, parserOptions },
    rules,
  });
  return {
    recommended: base('recommended', recommendedRules),
    strict: base('strict', strictRules),
    'recommended-type-checked': base('recommended-type-checked', recommendedRules, {
      projectService: true,
      tsconfigRootDir: process.cwd(),
    }),
  };
}
