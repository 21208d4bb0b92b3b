import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const docsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../docs/rules');

/** The code blocks under each ❌ / ✅ heading of a doc page. */
function examples(markdown: string): { kind: 'incorrect' | 'correct'; code: string; line: number }[] {
  const found: { kind: 'incorrect' | 'correct'; code: string; line: number }[] = [];
  let kind: 'incorrect' | 'correct' | null = null;
  let block: string[] | null = null;
  let start = 0;
  markdown.split('\n').forEach((line, index) => {
    if (block) {
      if (line.startsWith('```')) {
        if (kind) found.push({ kind, code: block.join('\n'), line: start });
        block = null;
      } else {
        block.push(line);
      }
      return;
    }
    if (/^#+ /.test(line)) kind = line.includes('❌') ? 'incorrect' : line.includes('✅') ? 'correct' : null;
    if (/^```(ts|js|typescript|javascript)\b/.test(line)) {
      block = [];
      start = index + 2;
    }
  });
  return found;
}

const pages = readdirSync(docsDir).filter((file) => file.endsWith('.md'));

describe.each(pages)('docs/rules/%s examples', (page) => {
  const id = page.replace(/\.md$/, '');
  const cases = examples(readFileSync(path.join(docsDir, page), 'utf8'));
  const lint = (code: string) =>
    new Linter().verify(code, [{
      files: ['**/*.ts'],
      languageOptions: { parser },
      plugins: { 'async-governance': plugin as never },
      rules: { [`async-governance/${id}`]: 'error' },
    }], 'billing/src/services/example.ts');

  it.each(cases.filter((item) => item.kind === 'incorrect').map((item) => [item.line, item.code]))('❌ block at line %i reports', (_line, code) => {
    const messages = lint(code);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    expect(messages.length).toBeGreaterThan(0);
  });

  it.each(cases.filter((item) => item.kind === 'correct').map((item) => [item.line, item.code]))('✅ block at line %i is clean', (_line, code) => {
    expect(lint(code)).toEqual([]);
  });

  it('has at least one example of each kind, or none yet', () => {
    const kinds = new Set(cases.map((item) => item.kind));
    expect(kinds.size === 0 || kinds.size === 2).toBe(true);
  });
});
