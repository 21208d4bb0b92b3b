import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { fastParser, parseForESLint } from '../../src/cli/fast-parser.js';

// The hook's oxc-based parser must give ESLint exactly what @typescript-eslint/parser gives it
// without type information: the same AST, tokens, comments, locations and lint results.
const require = createRequire(import.meta.url);
const typescriptParser = require('@typescript-eslint/parser') as typeof fastParser;

const root = path.resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'node_modules' ? [] : filesUnder(file);
    return /\.(?:[cm]?[jt]s|[jt]sx)$/.test(name) && !name.endsWith('.d.ts') ? [file] : [];
  });
}

// The example service (when present), our fixtures, and the plugin's own source as a wider corpus.
const corpus = [
  ...filesUnder(path.join(root, 'examples/service')),
  ...filesUnder(path.join(root, 'tests/fixtures/cli')),
  ...filesUnder(path.join(root, 'src')),
];

/** Drops what legitimately differs: parent links and oxc's extra null/false/[] fields. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'parent' || key === 'start' || key === 'end' || key === 'tokens' || key === 'comments') continue;
    if (child === null || child === undefined || child === false || (Array.isArray(child) && child.length === 0)) continue;
    out[key] = normalise(child);
  }
  return out;
}

const options = (file: string) => ({ filePath: file, sourceType: file.endsWith('.cjs') ? 'script' : 'module', ecmaFeatures: { jsx: file.endsWith('x') } });

function lintWith(parser: unknown, file: string, config: 'recommended' | 'strict') {
  const base = plugin.configs[config] as unknown as Linter.Config;
  const linter = new Linter({ cwd: root });
  return linter.verify(readFileSync(file, 'utf8'), [{ ...base, languageOptions: { ...base.languageOptions, parser: parser as Linter.Parser } }], { filename: file });
}

describe('fast parser', () => {
  it('has a corpus that includes violations', () => {
    expect(corpus.length).toBeGreaterThan(10);
    const found = corpus.flatMap((file) => lintWith(typescriptParser, file, 'recommended'));
    expect(found.some((message) => message.ruleId === 'async-governance/no-blocking-in-async')).toBe(true);
  });

  describe.each(corpus.map((file) => [path.relative(root, file), file]))('%s', (_name, file) => {
    const code = readFileSync(file, 'utf8');
    const fast = parseForESLint(code, options(file)).ast as Record<string, unknown>;
    const reference = typescriptParser.parseForESLint(code, options(file) as never).ast as unknown as Record<string, unknown>;

    it('builds the same AST', () => {
      expect(normalise(fast)).toEqual(normalise(reference));
    });

    it('gives the same tokens and comments', () => {
      expect(fast.tokens).toEqual(reference.tokens);
      expect(fast.comments).toEqual(reference.comments);
    });

    it.each(['recommended', 'strict'] as const)('gives the same %s lint results', (config) => {
      expect(lintWith(fastParser, file, config)).toEqual(lintWith(typescriptParser, file, config));
    });
  });

  it('reports a syntax error with its position, as ESLint expects', () => {
    const messages = new Linter().verify('const a = ;\n', [{ files: ['**/*.ts'], languageOptions: { parser: fastParser as Linter.Parser } }], { filename: 'x.ts' });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ fatal: true, line: 1 });
  });

  it('keeps `>>` operators whole and generic closers apart', () => {
    const { ast } = parseForESLint('const m: Map<string, Set<number>> = new Map(); const x = a >> b >>> c >= d;', { filePath: 'x.ts', sourceType: 'module' });
    const values = (ast.tokens as { value: string }[]).map((token) => token.value);
    expect(values).toContain('>>');
    expect(values).toContain('>>>');
    expect(values.filter((value) => value === '>').length).toBe(2);
  });
});
