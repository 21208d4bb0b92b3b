import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const docsDir = path.resolve(import.meta.dirname, '../docs/rules');

interface Example {
  kind: 'incorrect' | 'correct';
  code: string;
  strict: boolean;
  settings: Record<string, unknown>;
  filename: string;
}

/**
 * The ❌/✅ code blocks of a doc page. A `<!-- settings: {...} -->` or `<!-- filename: x -->`
 * comment before the marker applies to that block; "(strict)" in the marker uses `strict`.
 */
function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const pattern = /^(❌|✅)[^\n]*\n+```(?:ts|js|tsx|typescript|javascript)\n([\s\S]*?)```/gm;
  let previousEnd = 0;
  for (const match of markdown.matchAll(pattern)) {
    const before = markdown.slice(previousEnd, match.index);
    const settings = /<!-- settings: ([\s\S]*?) -->/.exec(before)?.[1];
    const filename = /<!-- filename: (\S+) -->/.exec(before)?.[1];
    examples.push({
      kind: match[1] === '❌' ? 'incorrect' : 'correct',
      code: match[2],
      strict: /\(strict\)/.test(match[0].split('\n')[0]),
      settings: settings ? JSON.parse(settings) : {},
      filename: filename ?? 'src/example.ts',
    });
    previousEnd = (match.index ?? 0) + match[0].length;
  }
  return examples;
}

const pages = readdirSync(docsDir).filter((file) => file.endsWith('.md'));

describe.each(pages)('docs/rules/%s', (page) => {
  const id = page.replace(/\.md$/, '');
  const examples = examplesOf(readFileSync(path.join(docsDir, page), 'utf8'));

  it('has incorrect and correct examples', () => {
    expect(examples.some((example) => example.kind === 'incorrect')).toBe(true);
    expect(examples.some((example) => example.kind === 'correct')).toBe(true);
  });

  it.each(examples.map((example, index) => [index, example] as const))('example %i', (_index, example) => {
    const linter = new Linter({ configType: 'flat' });
    const config = example.strict ? plugin.configs.strict : plugin.configs.recommended;
    const messages = linter.verify(
      example.code,
      [config as Linter.Config, { settings: { 'async-governance': example.settings } }],
      example.filename,
    );
    const fatal = messages.filter((message) => message.fatal);
    expect(fatal).toEqual([]);
    const own = messages.filter((message) => message.ruleId === `async-governance/${id}`);
    if (example.kind === 'incorrect') expect(own.length).toBeGreaterThan(0);
    else expect(own).toEqual([]);
  });
});
