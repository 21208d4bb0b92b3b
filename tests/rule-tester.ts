import { RuleTester } from '@typescript-eslint/rule-tester';

/** A rule tester with the TypeScript parser and no type information. */
export const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: false } } },
});
