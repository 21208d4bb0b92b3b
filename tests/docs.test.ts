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
 * The code blocks under a ❌ or ✅ marker (a plain line or a heading; it holds until the next
 * heading). A `<!-- settings: {...} -->` or `<!-- filename: x -->` comment applies to the next
 * block; "(strict)" in the marker uses the `strict` config.
 */
function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  let kind: Example['kind'] | null = null;
  let strict = false;
  let settings: Record<string, unknown> = {};
  let filename = 'src/example.ts';
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    if (/^(#+ .*)?[❌✅]/u.test(line)) {
      kind = line.includes('❌') ? 'incorrect' : 'correct';
      strict = /\(strict\)/.test(line);
    } else if (/^#+ /.test(line)) {
      kind = null;
    }
    const settingsComment = /^<!-- settings: (.*) -->$/.exec(line);
    if (settingsComment) settings = JSON.parse(settingsComment[1]);
    const filenameComment = /^<!-- filename: (\S+) -->$/.exec(line);
    if (filenameComment) filename = filenameComment[1];
    if (!/^```(ts|js|tsx|typescript|javascript)$/.test(line)) continue;
    const end = lines.indexOf('```', index + 1);
    if (kind) examples.push({ kind, code: lines.slice(index + 1, end).join('\n'), strict, settings, filename });
    settings = {};
    filename = 'src/example.ts';
    index = end;
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
