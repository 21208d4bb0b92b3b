import { Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { insertImport, isCommonJsFile, removeUnusedBindings, wrapInAwait } from '../../src/utils/fixers.js';

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

describe('removeUnusedBindings', () => {
  /** Replaces the call with `done()`, importing `add` from `module` first when given. */
  const replaceCall = (add?: { module: string; name: string; commonJs?: boolean }) =>
    (fixer: TSESLint.RuleFixer, context: Context, node: TSESTree.CallExpression) => {
      const binding = add ? insertImport(fixer, context.sourceCode, { ...add, useSite: node, commonJs: add.commonJs ?? false }) : null;
      const fixes = [...(binding?.fixes ?? []), fixer.replaceText(node, `${binding?.reference ?? 'done'}()`)];
      return removeUnusedBindings(fixer, context.sourceCode, fixes, [node.callee]);
    };

  it.each([
    ['a leading named specifier', `import { target, other } from 'node:fs';\nother();\ntarget(1);`, `import { other } from 'node:fs';\nother();\ndone();`],
    ['a trailing named specifier', `import { other, target } from 'node:fs';\nother();\ntarget(1);`, `import { other } from 'node:fs';\nother();\ndone();`],
    ['a middle named specifier', `import { a, target, b } from 'node:fs';\na(b);\ntarget(1);`, `import { a, b } from 'node:fs';\na(b);\ndone();`],
    ['an aliased one before a trailing comma', `import {\n  other,\n  readFileSync as target,\n} from 'fs';\nother();\ntarget(1);`, `import {\n  other,\n} from 'fs';\nother();\ndone();`],
    ['the named part of a default import', `import fs, { target } from 'fs';\nfs.x();\ntarget(1);`, `import fs from 'fs';\nfs.x();\ndone();`],
    ['the default of a default import with names', `import target, { other } from 'fs';\nother();\ntarget(1);`, `import { other } from 'fs';\nother();\ndone();`],
    ['the namespace of a default import', `import fs, * as target from 'fs';\nfs.x();\ntarget(1);`, `import fs from 'fs';\nfs.x();\ndone();`],
    ['a whole import on its own line', `import a from 'a';\nimport { target } from 'node:fs';\na();\ntarget(1);`, `import a from 'a';\na();\ndone();`],
    ['a whole import sharing its line', `import a from 'a'; import { target } from 'fs';\na();\ntarget(1);`, `import a from 'a';\na();\ndone();`],
    ['a whole require', `const path = require('path');\nconst { target } = require('fs');\npath.x();\ntarget(1);`, `const path = require('path');\npath.x();\ndone();`],
    ['a require bound to a name', `const target = require('fs');\nconst path = require('path');\npath.x(target(1));`, `const path = require('path');\npath.x(done());`],
    ['a property of a require destructuring', `const { other, readFileSync: target } = require('fs');\nother();\ntarget(1);`, `const { other } = require('fs');\nother();\ndone();`],
    ["a package's import, kept for its side effects", `import { target } from './jobs';\ntarget(1);`, `import './jobs';\ndone();`],
    ["a package's require, kept for its side effects", `const { target } = require('./jobs');\ntarget(1);`, `require('./jobs');\ndone();`],
  ])('removes %s', (_name, code, expected) => {
    expect(applyAt(code, replaceCall())).toBe(expected);
  });

  it.each([
    ['another call', `import { target } from 'fs';\ntarget(1);\ntarget(2);`],
    ['a use as a value', `import { target } from 'fs';\nconst read = target;\ntarget(1);`],
    ['a re-export', `import { target } from 'fs';\nexport { target };\ntarget(1);`],
    ['a type query', `import { target } from 'fs';\ntype T = typeof target;\ntarget(1);`],
    ['an assignment', `let { target } = require('fs');\ntarget = null;\ntarget(1);`],
    ['a rest element that would change', `const { target, ...rest } = require('fs');\nrest.x();\ntarget(1);`],
    ['a comment that would go with it', `import { other, /* legacy */ target } from 'fs';\nother();\ntarget(1);`],
    ['a declaration of several requires', `const { target } = require('fs'), path = require('path');\npath.x();\ntarget(1);`],
    ['an exported require', `export const { target } = require('fs');\ntarget(1);`],
  ])('keeps the import when the binding has %s', (_name, code) => {
    expect(applyAt(code, replaceCall())).toBe(code.replace('target(1)', 'done()'));
  });

  it('lets a name added to the same import take the place of the removed one', () => {
    expect(applyAt(`import { execSync as target } from 'node:child_process';\ntarget(1);`, replaceCall({ module: 'node:child_process', name: 'exec' }))).toBe(
      `import { exec } from 'node:child_process';\nexec();`,
    );
    expect(applyAt(`import target from 'node:timers';\ntarget(1);`, replaceCall({ module: 'node:timers', name: 'setTimeout' }))).toBe(
      `import { setTimeout } from 'node:timers';\nsetTimeout();`,
    );
    expect(applyAt(`const { execSync: target } = require('child_process');\ntarget(1);`, replaceCall({ module: 'child_process', name: 'exec', commonJs: true }), 'a.cjs')).toBe(
      `const { exec } = require('child_process');\nexec();`,
    );
  });

  it('lets a statement added after the removed one take its place', () => {
    expect(applyAt(`import { target } from 'node:fs';\n\ntarget(1);`, replaceCall({ module: 'node:fs/promises', name: 'readFile' }))).toBe(
      `import { readFile } from 'node:fs/promises';\n\nreadFile();`,
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
