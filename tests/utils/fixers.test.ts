import { Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { insertImport, isCommonJsFile, wrapInAwait } from '../../src/utils/fixers.js';

type Context = TSESLint.RuleContext<string, []>;

/** Applies one fix built at the first call named `target` and returns the new text (or null without a fix). */
function applyAt(code: string, build: (fixer: TSESLint.RuleFixer, context: Context, node: TSESTree.CallExpression) => TSESLint.RuleFix[] | null, filename = 'src/file.ts'): string | null {
  const linter = new Linter({ configType: 'flat' });
  let applied = false;
  const rule = {
    meta: { fixable: 'code' },
    create: (context: Context) => ({
      'CallExpression[callee.name="target"]'(node: TSESTree.CallExpression) {
        if (applied) return;
        applied = true;
        context.report({ node, message: 'probe', fix: (fixer: TSESLint.RuleFixer) => build(fixer, context, node) } as never);
      },
    }),
  };
  const config = [{
    files: ['**/*.{ts,js,cjs}'],
    languageOptions: { parser: parser as unknown as Linter.Parser },
    plugins: { probe: { rules: { probe: rule as never } } },
    rules: { 'probe/probe': 'error' as const },
  }];
  const result = linter.verifyAndFix(code, config, { filename });
  return result.fixed ? result.output : null;
}

const importReadFile = (module = 'node:fs/promises', commonJs = false) =>
  (fixer: TSESLint.RuleFixer, context: Context, node: TSESTree.CallExpression) => {
    const binding = insertImport(fixer, context.sourceCode, { module, name: 'readFile', useSite: node, commonJs });
    return binding && [...binding.fixes, fixer.replaceText(node.callee, binding.reference)];
  };

describe('insertImport', () => {
  it('adds an import after the last one', () => {
    expect(applyAt(`import a from 'a';\nimport { b } from "b";\ntarget(1);`, importReadFile())).toBe(
      `import a from 'a';\nimport { b } from "b";\nimport { readFile } from 'node:fs/promises';\nreadFile(1);`,
    );
  });

  it('adds the first import after directives', () => {
    expect(applyAt(`'use strict';\ntarget(1);`, importReadFile())).toBe(
      `'use strict';\nimport { readFile } from 'node:fs/promises';\nreadFile(1);`,
    );
  });

  it('extends a named import of the same module, with or without node:', () => {
    expect(applyAt(`import { stat } from 'fs/promises';\ntarget(1);`, importReadFile())).toBe(
      `import { stat, readFile } from 'fs/promises';\nreadFile(1);`,
    );
    expect(applyAt(`import fsp from 'fs/promises';\ntarget(1);`, importReadFile())).toBe(
      `import fsp, { readFile } from 'fs/promises';\nreadFile(1);`,
    );
  });

  it('reuses an existing binding, aliased or through a namespace', () => {
    expect(applyAt(`import { readFile as rf } from 'node:fs/promises';\ntarget(1);`, importReadFile('fs/promises'))).toBe(
      `import { readFile as rf } from 'node:fs/promises';\nrf(1);`,
    );
    expect(applyAt(`import * as fsp from 'node:fs/promises';\ntarget(1);`, importReadFile())).toBe(
      `import * as fsp from 'node:fs/promises';\nfsp.readFile(1);`,
    );
  });

  it('does not extend a type-only import', () => {
    expect(applyAt(`import type { Stats } from 'node:fs/promises';\ntarget(1);`, importReadFile())).toBe(
      `import type { Stats } from 'node:fs/promises';\nimport { readFile } from 'node:fs/promises';\nreadFile(1);`,
    );
  });

  it('imports under an alias when the name is taken', () => {
    expect(applyAt(`const readFile = 1;\ntarget(readFile);`, importReadFile())).toBe(
      `import { readFile as readFileAsync } from 'node:fs/promises';\nconst readFile = 1;\nreadFileAsync(readFile);`,
    );
    expect(applyAt(`function f(readFile) { target(readFile); }`, importReadFile())).toBe(
      `import { readFile as readFileAsync } from 'node:fs/promises';\nfunction f(readFile) { readFileAsync(readFile); }`,
    );
    expect(applyAt(`const readFile = 1, readFileAsync = 2;\ntarget(readFile);`, importReadFile())).toBe(
      `import { readFile as fsReadFile } from 'node:fs/promises';\nconst readFile = 1, readFileAsync = 2;\nfsReadFile(readFile);`,
    );
  });

  it('adds or extends a require in CommonJS, never an import', () => {
    expect(applyAt(`const path = require('path');\ntarget(1);`, importReadFile('fs/promises', true), 'a.cjs')).toBe(
      `const path = require('path');\nconst { readFile } = require('fs/promises');\nreadFile(1);`,
    );
    expect(applyAt(`const { stat } = require('fs/promises');\ntarget(1);`, importReadFile('fs/promises', true), 'a.cjs')).toBe(
      `const { stat, readFile } = require('fs/promises');\nreadFile(1);`,
    );
    expect(applyAt(`const fsp = require('node:fs/promises');\ntarget(1);`, importReadFile('fs/promises', true), 'a.cjs')).toBe(
      `const fsp = require('node:fs/promises');\nfsp.readFile(1);`,
    );
    expect(applyAt(`"use strict";\ntarget(1);`, importReadFile('fs/promises', true), 'a.cjs')).toBe(
      `"use strict";\nconst { readFile } = require('fs/promises');\nreadFile(1);`,
    );
  });
});

describe('wrapInAwait', () => {
  const wrap = (fixer: TSESLint.RuleFixer, context: Context, node: TSESTree.CallExpression) =>
    wrapInAwait(fixer, context.sourceCode, node);

  it.each([
    ['const x = target();', 'const x = await target();'],
    ['const x = target().trim();', 'const x = (await target()).trim();'],
    ['const x = target()();', 'const x = (await target())();'],
    ['const x = target() ** 2;', 'const x = (await target()) ** 2;'],
    ['const x = target()!.y;', 'const x = (await target())!.y;'],
    ['foo()\ntarget().then(f);', 'foo()\n;(await target()).then(f);'],
    ['foo();\ntarget().then(f);', 'foo();\n(await target()).then(f);'],
  ])('%s', (code, expected) => {
    expect(applyAt(`async function f() {\n${code}\n}`, wrap)).toBe(`async function f() {\n${expected}\n}`);
  });
});

describe('isCommonJsFile', () => {
  const detect = (code: string, filename: string) => {
    let result: boolean | undefined;
    const linter = new Linter({ configType: 'flat' });
    linter.verify(code, [{
      files: ['**/*.{ts,js,cjs,mjs,cts,mts}'],
      languageOptions: { parser: parser as unknown as Linter.Parser },
      plugins: { probe: { rules: { probe: { create: (context: Context) => ({ Program() { result = isCommonJsFile(context.sourceCode, filename); } }) } as never } } },
      rules: { 'probe/probe': 'error' as const },
    }], { filename });
    return result;
  };

  it.each([
    ['x();', 'a.cjs', true],
    ['import a from "a";', 'a.cts', true],
    ['const a = require("a");', 'a.mjs', false],
    ['const a = require("a");', 'a.js', true],
    ['module.exports = {};', 'a.ts', true],
    ['exports.run = () => {};', 'a.js', true],
    ['const a = require("a");\nexport const b = a;', 'a.ts', false],
    ['export {};', 'a.js', false],
    ['run();', 'a.js', false],
  ])('%s in %s', (code, filename, expected) => {
    expect(detect(code, filename)).toBe(expected);
  });
});
