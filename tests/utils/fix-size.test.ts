import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { generateHugeFile } from '../../bench/generate-corpus.mjs';

// A fix that adds an import at the top carries, once ESLint merges its edits, all the text
// between the import and the change. In a file with thousands of reports the fixes together may
// carry at most four times the file (at least 1 MB); later reports get their fix once the import
// exists. This keeps fixes and suggestions linear in the file.
const config: Linter.Config[] = [{ ...(plugin.configs.recommended as unknown as Linter.Config), languageOptions: { parser: parser as Linter.Parser } }];
const lint = (text: string) => new Linter().verify(text, config, { filename: 'src/huge.ts' });
const carried = (messages: Linter.LintMessage[]) =>
  messages.reduce((sum, message) => sum + (message.fix?.text.length ?? 0) + (message.suggestions ?? []).reduce((total, suggestion) => total + suggestion.fix.text.length, 0), 0);

describe('fixes in a huge file', () => {
  it('bounds the text the manager suggestions carry, and the first ones still add the import', () => {
    const text = generateHugeFile(12_000);
    const messages = lint(text);
    expect(messages).toHaveLength(6000);
    expect(carried(messages)).toBeLessThan(Math.max(1 << 20, 4 * text.length) + 6000 * 1000);
    const submit = (message: Linter.LintMessage) => message.suggestions?.find((suggestion) => suggestion.messageId === 'submitToManager');
    expect(submit(messages[0])?.fix.text).toMatch(/^import \{ getBackgroundTaskManager, TaskPriority \} from '@\/infra\/background-manager';/);
    const last = messages.at(-1) as Linter.LintMessage;
    expect(submit(last)).toBeUndefined();
  });

  it('keeps a small file\'s suggestions whole however far the call is from the import', () => {
    const text = `async function refresh(): Promise<void> {}\n${'// filler line of a long file\n'.repeat(20_000)}export function start() {\n  refresh();\n}\n`;
    const [message] = lint(text);
    expect(message.suggestions?.map((suggestion) => suggestion.messageId)).toEqual(['submitToManager']);
    expect(message.suggestions?.[0].fix.text.length).toBeGreaterThan(600_000);
  });

  it('still fixes every blocking call with --fix, the import added once, and a second run changes nothing', () => {
    const functions = Array.from({ length: 3000 }, (_, index) => `export async function load${index}(file: string) {\n  return readFileSync(file, 'utf8');\n}\n`);
    const text = `import { readFileSync } from 'node:fs';\n\n${functions.join('')}`;
    const first = lint(text);
    expect(first).toHaveLength(3000);
    expect(first.filter((message) => message.fix).length).toBeLessThan(3000);
    expect(carried(first)).toBeLessThan(Math.max(1 << 20, 4 * text.length) + 3000 * 1000);
    const fixed = new Linter().verifyAndFix(text, config, { filename: 'src/huge.ts' });
    expect(fixed.messages).toEqual([]);
    expect(fixed.output.match(/import \{ readFile \} from 'node:fs\/promises';/g)).toHaveLength(1);
    expect(fixed.output).not.toContain('readFileSync(');
    expect(fixed.output).toContain("  return await readFile(file, 'utf8');");
    expect(new Linter().verifyAndFix(fixed.output, config, { filename: 'src/huge.ts' }).fixed).toBe(false);
  });
});
