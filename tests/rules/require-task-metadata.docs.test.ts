import { readFileSync } from 'node:fs';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

// Every ❌ block of the doc page must report and every ✅ block must not.
const page = readFileSync(new URL('../../docs/rules/require-task-metadata.md', import.meta.url), 'utf8');

function examples(marker: string): string[] {
  const section = page.split(/^### /m).find((part) => part.startsWith(marker)) ?? '';
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
}

const linter = new Linter();
function lint(code: string): Linter.LintMessage[] {
  const messages = linter.verify(code, [plugin.configs.recommended as Linter.Config], 'services/billing/src/invoices/invoice.service.ts');
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return messages.filter((message) => message.ruleId === 'async-governance/require-task-metadata');
}

describe('require-task-metadata docs', () => {
  it('has examples', () => {
    expect(examples('❌ Incorrect').length).toBeGreaterThan(0);
    expect(examples('✅ Correct').length).toBeGreaterThan(0);
  });
  it.each(examples('❌ Incorrect'))('reports %#', (code) => {
    expect(lint(code).length).toBeGreaterThan(0);
  });
  it.each(examples('✅ Correct'))('accepts %#', (code) => {
    expect(lint(code)).toEqual([]);
  });
});
