import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * ESLint's own `SourceCode` class (tokens, scopes, declared globals), so the fast lint gives
 * rules exactly what `Linter` gives them. It is not a public export of `eslint`, so it is
 * loaded by path; scripts/bundle-hook.mjs swaps this module for a static require.
 */
export function loadSourceCode(): SourceCodeClass {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('eslint/package.json'));
  return (require(path.join(root, 'lib/languages/js/source-code/index.js')) as { SourceCode: SourceCodeClass }).SourceCode;
}

export interface SourceCodeInstance {
  text: string;
  applyLanguageOptions(languageOptions: object): void;
  finalize(): void;
}

export type SourceCodeClass = new (config: {
  text: string;
  ast: unknown;
  parserServices: unknown;
  scopeManager: unknown;
  visitorKeys: unknown;
}) => SourceCodeInstance;
