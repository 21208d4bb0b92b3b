import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';

/** A rule tester with the TypeScript parser and no type information. */
export const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: false } } },
});

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A rule tester with type information from `tests/fixtures/tsconfig.json`; cases lint `fixtures/file.ts`. */
export const typeAwareRuleTester = new RuleTester({
  languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixturesDir } },
  // The fixture lives under tests/, which the default `tests` globs exempt.
  settings: { 'async-governance': { exemptions: { tests: ['**/*.{test,spec}.*'] } } },
});
