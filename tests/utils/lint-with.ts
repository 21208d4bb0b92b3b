import { Linter } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as parser from '@typescript-eslint/parser';

type Visitor = (context: TSESLint.RuleContext<string, []>) => TSESLint.RuleListener;

/** Runs `visit` as a throwaway rule over `code`, so helpers can be tested on real scopes. */
export function lintWith(code: string, visit: Visitor, filename = 'src/file.ts'): void {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{ts,tsx,js,cjs,mjs}'],
        languageOptions: { parser: parser as unknown as Linter.Parser },
        plugins: { probe: { rules: { probe: { create: visit as never } } } },
        rules: { 'probe/probe': 'error' },
      },
    ],
    filename,
  );
  const fatal = messages.find((message) => message.fatal || message.ruleId !== null);
  const unmatched = messages.find((message) => message.ruleId === null);
  if (unmatched) throw new Error(unmatched.message);
  if (fatal) throw new Error(fatal.message);
}

export type { TSESTree };
