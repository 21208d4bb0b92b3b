import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type ESLint, Linter } from 'eslint';
import { afterAll, describe, expect, it, vi } from 'vitest';
import plugin from '../../src/index.js';
import { fastParser } from '../../src/cli/fast-parser.js';
import { lintText, type Parser } from '../../src/cli/fast-lint/index.js';
import { runHook, type LintEngineFactory } from '../../src/cli/hook.js';

// The hook lints without ESLint's Linter (src/cli/fast-lint). It must give exactly the messages
// Linter.verify gives with the recommended config and inline config off, fixes and suggestions
// included, and therefore the same denials.
const require = createRequire(import.meta.url);
const typescriptParser = require('@typescript-eslint/parser') as Parser;
const root = path.resolve(__dirname, '../..');

// The rule tests' cases, captured by a RuleTester that records instead of running.
const captured = vi.hoisted(() => [] as { rule: string; code: string; filename?: string; settings?: Record<string, unknown> }[]);
vi.mock('@typescript-eslint/rule-tester', () => ({
  RuleTester: class {
    static afterAll: unknown;
    static describe: unknown;
    static it: unknown;
    static itOnly: unknown;
    defaults: { settings?: Record<string, unknown> };
    constructor(defaults: { settings?: Record<string, unknown> } = {}) {
      this.defaults = defaults;
    }
    // tests/rule-tester.ts wraps this internal of the real tester; the recorder never calls it.
    runRuleForItem() {
      return {};
    }
    run(rule: string, _module: unknown, tests: { valid: unknown[]; invalid: unknown[] }) {
      for (const test of [...tests.valid, ...tests.invalid]) {
        const item = typeof test === 'string' ? { code: test } : (test as { code: string; filename?: string; settings?: Record<string, unknown> });
        captured.push({ rule, code: item.code, filename: item.filename, settings: item.settings ?? this.defaults.settings });
      }
    }
  },
}));

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'node_modules' ? [] : filesUnder(file);
    return /\.(?:[cm]?[jt]s|[jt]sx)$/.test(name) && !name.endsWith('.d.ts') ? [file] : [];
  });
}

const corpus = [...filesUnder(path.join(root, 'examples/service')), ...filesUnder(path.join(root, 'tests/fixtures'))];

/** The hook's former engine: ESLint's Linter with the recommended config, inline config off. */
const linterEngine: LintEngineFactory = (parser, eslintSettings, cwd) => {
  const linter = new Linter({ cwd });
  const recommended = plugin.configs.recommended as unknown as Linter.Config;
  const config: Linter.Config[] = [
    {
      ...recommended,
      plugins: { 'async-governance': plugin as unknown as ESLint.Plugin },
      languageOptions: { ...recommended.languageOptions, parser: parser as Linter.Parser },
      settings: eslintSettings,
    },
  ];
  return (text, filePath) => linter.verify(text, config, { filename: filePath, allowInlineConfig: false });
};

function both(text: string, filename: string, raw: unknown, parser: Parser) {
  const eslintSettings = raw === undefined ? {} : { 'async-governance': raw };
  return {
    expected: linterEngine(parser, eslintSettings, root)(text, filename),
    actual: lintText(text, filename, { parser, eslintSettings, cwd: root }),
  };
}

describe('fast lint gives what Linter gives', () => {
  it('has a corpus with reports, fixes and suggestions', () => {
    const messages = corpus.flatMap((file) => lintText(readFileSync(file, 'utf8'), file, { parser: fastParser, cwd: root }));
    expect(corpus.length).toBeGreaterThan(10);
    expect(messages.some((message) => message.fix)).toBe(true);
    expect(messages.some((message) => message.suggestions?.length)).toBe(true);
  });

  describe.each(corpus.map((file) => [path.relative(root, file), file]))('%s', (_name, file) => {
    it.each([['oxc', fastParser as Parser], ['typescript', typescriptParser]])('with the %s parser', (_parser, parser) => {
      const { expected, actual } = both(readFileSync(file, 'utf8'), file, undefined, parser);
      expect(actual).toEqual(expected);
    });
  });

  // The bundle leaves parts of ESLint and typescript-eslint out or loads them lazily (scripts/bundle-hook.mjs).
  it('gives the same messages through the built hook bundle', () => {
    const bundle = require(path.join(root, 'dist/cli/hook.bundle.cjs')) as { fastEngine: LintEngineFactory; fastParser: Parser };
    const engine = bundle.fastEngine(bundle.fastParser, {}, root);
    for (const file of corpus) {
      const text = readFileSync(file, 'utf8');
      expect(engine(text, file), path.relative(root, file)).toEqual(lintText(text, file, { parser: fastParser, cwd: root }));
    }
  });

  it('runs only the rules asked for, with the same messages for them', () => {
    const all = corpus.flatMap((file) => lintText(readFileSync(file, 'utf8'), file, { parser: fastParser, cwd: root }).map((message) => ({ file, message })));
    const ruleIds = [...new Set(all.map(({ message }) => message.ruleId as string))];
    expect(ruleIds.length).toBeGreaterThan(1);
    for (const ruleId of ruleIds) {
      const only = corpus.flatMap((file) => lintText(readFileSync(file, 'utf8'), file, { parser: fastParser, cwd: root, rules: new Set([ruleId]) }).map((message) => ({ file, message })));
      expect(only).toEqual(all.filter(({ message }) => message.ruleId === ruleId));
    }
  });

  it('reports a parse error as Linter does', () => {
    const { expected, actual } = both('export async function f( {\n', path.join(root, 'src/broken.ts'), undefined, fastParser);
    expect(actual).toEqual(expected);
    expect(actual[0]?.fatal).toBe(true);
  });

  it('keeps a hashbang line and a byte order mark out of the way as Linter does', () => {
    const code = "#!/usr/bin/env node\nimport { readFileSync } from 'fs';\nexport async function f() { return readFileSync('x'); }\n";
    for (const text of [code, `\uFEFF${code.slice(20)}`]) {
      const { expected, actual } = both(text, path.join(root, 'scripts/run.mjs'), undefined, fastParser);
      expect(actual).toEqual(expected);
      expect(actual.length).toBeGreaterThan(0);
    }
  });

  it('builds the token list only when a fix needs it, and leaves fixes out on request', () => {
    let tokenized = 0;
    const counting: Parser = {
      parseForESLint(code, options) {
        const result = fastParser.parseForESLint(code, options) as ReturnType<Parser['parseForESLint']>;
        const { tokenize } = result;
        return { ...result, tokenize: tokenize && (() => (tokenized += 1, tokenize())) };
      },
    };
    const clean = "import { readFile } from 'node:fs/promises';\nexport async function load(path: string) {\n  return readFile(path, 'utf8');\n}\n";
    expect(lintText(clean, path.join(root, 'src/load.ts'), { parser: counting, cwd: root })).toEqual([]);
    expect(tokenized).toBe(0);
    // e.g. the "await it" suggestion for `void refresh()` finds the `void` token.
    const dropped = 'async function refresh(): Promise<void> {}\nexport async function run() {\n  void refresh();\n}\n';
    const withFixes = lintText(dropped, path.join(root, 'src/load.ts'), { parser: counting, cwd: root });
    expect(tokenized).toBe(1);
    expect(withFixes[0].suggestions?.[0].fix).toEqual({ range: [75, 79], text: 'await' });
    const reportsOnly = lintText(dropped, path.join(root, 'src/load.ts'), { parser: counting, cwd: root, fixes: false });
    expect(reportsOnly.map(({ fix, suggestions, ...rest }) => rest)).toEqual(withFixes.map(({ fix, suggestions, ...rest }) => rest));
  });

  it('treats a .cjs file as CommonJS as Linter does', () => {
    const code = "const fs = require('fs');\nmodule.exports.load = async () => fs.readFileSync('x', 'utf8');\n";
    const { expected, actual } = both(code, path.join(root, 'src/load.cjs'), undefined, fastParser);
    expect(actual).toEqual(expected);
    expect(actual.length).toBeGreaterThan(0);
  });
});

describe('fast lint on the rule tests\' cases', async () => {
  // Importing the rule tests runs their RuleTester.run calls (recorded above) and registers their
  // other tests here as well; those are skipped, they run in their own files.
  describe.skip('imported rule tests', async () => {
    for (const name of readdirSync(path.join(root, 'tests/rules'))) await import(`../rules/${name.replace(/\.test\.ts$/, '')}.test.ts`);
  });
  afterAll(() => {
    captured.length = 0;
  });

  it('captured the cases', () => {
    expect(captured.length).toBeGreaterThan(200);
  });

  it('gives the same messages on every case (recommended options, the case\'s settings)', () => {
    let reported = 0;
    for (const test of captured) {
      const filename = test.filename ?? path.join(root, 'file.ts');
      const raw = test.settings?.['async-governance'];
      const { expected, actual } = both(test.code, path.isAbsolute(filename) ? filename : path.join(root, filename), raw, fastParser);
      expect({ rule: test.rule, code: test.code, messages: actual }).toEqual({ rule: test.rule, code: test.code, messages: expected });
      reported += actual.length;
    }
    expect(reported).toBeGreaterThan(100);
  });
});

describe('the hook decides and words its denial alike with either engine', () => {
  const ioFor = (input: string, lintEngine?: LintEngineFactory) => {
    let stdout = '';
    let stderr = '';
    return {
      io: {
        stdout: { write: (text: string) => ((stdout += text), true) } as unknown as NodeJS.WritableStream,
        stderr: { write: (text: string) => ((stderr += text), true) } as unknown as NodeJS.WritableStream,
        readStdin: async () => input,
        lintEngine,
      },
      output: () => ({ stdout, stderr }),
    };
  };

  it.each(corpus.filter((file) => !/\.test\.|fixtures[\\/]file\.ts/.test(file)).map((file) => [path.relative(root, file), file]))('%s written anew', async (_name, file) => {
    const input = JSON.stringify({ tool_name: 'Write', cwd: root, tool_input: { file_path: path.join(path.dirname(file), `new-${path.basename(file)}`), content: readFileSync(file, 'utf8') } });
    const fast = ioFor(input);
    const linter = ioFor(input, linterEngine);
    const fastCode = await runHook([], fast.io);
    const linterCode = await runHook([], linter.io);
    expect({ code: fastCode, ...fast.output() }).toEqual({ code: linterCode, ...linter.output() });
  });
});

describe('the cold hook entry', () => {
  it('loads neither typescript, its parser, nor oxc-parser\'s ES module entry', async () => {
    const { spawnSync } = await import('node:child_process');
    const recorder = "const m = require('module'); const load = m._load; const seen = []; m._load = function (request, ...rest) { seen.push(request); return load.call(this, request, ...rest); }; process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(seen) + '\\n'));";
    const input = JSON.stringify({ tool_name: 'Write', cwd: root, tool_input: { file_path: path.join(root, 'examples/service/src/new.ts'), content: "import { readFileSync } from 'node:fs';\nexport async function f() { return readFileSync('x'); }\n" } });
    const result = spawnSync(process.execPath, ['-e', `${recorder} require(${JSON.stringify(path.join(root, 'dist/cli/hook.cjs'))})`], { input, encoding: 'utf8' });
    expect(result.status).toBe(2);
    const loaded = JSON.parse(result.stderr.slice(result.stderr.lastIndexOf('LOADED ') + 7)) as string[];
    expect(loaded.some((request) => /typescript|^oxc-parser$|^eslint$|espree|ajv/.test(request))).toBe(false);
    expect(loaded.some((request) => request.startsWith('@oxc-parser/binding-') || request.endsWith('.node'))).toBe(true);
  });
});
