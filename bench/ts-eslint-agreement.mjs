#!/usr/bin/env node
// Type-aware agreement of no-fire-and-forget with typescript-eslint's own
// no-floating-promises test cases: does each case report (or not) in both rules?
//
//   node bench/ts-eslint-agreement.mjs <path>/packages/eslint-plugin/tests/rules/no-floating-promises.test.ts [--json out.json] [--list] [--only N]
//
// The test file comes from a checkout of typescript-eslint; nothing here ships with the plugin
// or runs in the test suite. Needs `npm run build` first (it lints with dist/).
//
// How it counts:
// - Every `valid` and `invalid` case is run through our rule with type information, on a
//   fixture project like typescript-eslint's own (strict, es2017 + esnext libs, @types/node).
// - Options are mapped: ignoreVoid (default true there) → allowVoid; allowForKnownSafeCalls and
//   allowForKnownSafePromises as they are; checkThenables has no counterpart (we always treat
//   thenables as promises), so it is dropped and the case still counts.
// - Not comparable (left out, with the reason printed): options without a counterpart
//   (ignoreIIFE), and cases that do not parse for us.
// - A case agrees when both rules report at least once, or both report nothing.
// - Disagreements whose every report of ours is a policy of the SPEC (a `.catch(handler)` chain
//   inside a function: `unsupervisedPromise`; a promise bound to a never-read variable:
//   `unusedPromise`) are counted apart as deliberate, and agreement is given with and without them.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const ts = require('typescript');
const { Linter } = require('eslint');
const parser = require('@typescript-eslint/parser');
const { default: plugin } = await import(path.join(root, 'dist/index.js'));

const args = process.argv.slice(2);
const testFile = args.find((arg, i) => !arg.startsWith('--') && !['--json', '--only'].includes(args[i - 1]));
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const listAll = args.includes('--list');
const only = args.includes('--only') ? Number(args[args.indexOf('--only') + 1]) : null;
if (!testFile || !fs.existsSync(testFile)) {
  console.error('usage: node bench/ts-eslint-agreement.mjs <typescript-eslint>/packages/eslint-plugin/tests/rules/no-floating-promises.test.ts');
  process.exit(2);
}

// A fixture project shaped like typescript-eslint's tests/fixtures (without React types).
const fixtureDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ag-agreement-'));
fs.writeFileSync(path.join(fixtureDir, 'tsconfig.json'), JSON.stringify({
  compilerOptions: {
    jsx: 'preserve',
    target: 'es2015',
    module: 'commonjs',
    strict: true,
    types: ['node'],
    typeRoots: [path.join(root, 'node_modules/@types')],
    lib: ['es2015', 'es2017', 'esnext'],
    experimentalDecorators: true,
  },
  include: ['file.ts', 'react.tsx'],
}));
fs.writeFileSync(path.join(fixtureDir, 'file.ts'), '');
fs.writeFileSync(path.join(fixtureDir, 'react.tsx'), '');

/** The `valid`/`invalid` arrays of the test file, by running it against a recording RuleTester. */
function loadCases(file) {
  const source = fs.readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const runs = [];
  const stubs = {
    '../../src/rules/no-floating-promises': { default: {} },
    '../RuleTester': {
      createRuleTesterWithTypes: () => ({ run: (_name, _rule, tests) => runs.push(tests) }),
      getFixturesRootDir: () => fixtureDir,
    },
    '@typescript-eslint/rule-tester': { noFormat: (strings, ...values) => String.raw({ raw: strings }, ...values) },
  };
  const load = (id) => stubs[id] ?? require(id);
  const module = { exports: {} };
  new Function('require', 'module', 'exports', '__dirname', '__filename', outputText)(load, module, module.exports, path.dirname(file), file);
  return runs.flatMap(({ valid, invalid }) => [
    ...valid.map((test) => ({ ...(typeof test === 'string' ? { code: test } : test), tsReports: 0 })),
    ...invalid.map((test) => ({ ...test, tsReports: test.errors.length })),
  ]);
}

const UNMAPPED_OPTIONS = ['ignoreIIFE'];

/** Our options for a case's options, or the reason the case is not comparable. */
function mapOptions(options = [{}]) {
  const given = options[0] ?? {};
  const unmapped = Object.keys(given).filter((key) => UNMAPPED_OPTIONS.includes(key) && given[key]);
  if (unmapped.length > 0) return { skip: `option without a counterpart: ${unmapped.join(', ')}` };
  return {
    options: {
      allowVoid: given.ignoreVoid ?? true,
      ...(given.allowForKnownSafeCalls ? { allowForKnownSafeCalls: given.allowForKnownSafeCalls } : {}),
      ...(given.allowForKnownSafePromises ? { allowForKnownSafePromises: given.allowForKnownSafePromises } : {}),
    },
  };
}

const linter = new Linter({ configType: 'flat', cwd: fixtureDir });
const POLICY = { unsupervisedPromise: '.catch(handler) inside a function is reported', unusedPromise: 'a promise bound to a never-read variable is reported' };

const results = [];
for (const [index, test] of loadCases(testFile).entries()) {
  if (only !== null && index !== only) continue;
  const mapped = mapOptions(test.options);
  const base = { index, code: test.code.trim(), tsReports: test.tsReports };
  if (mapped.skip) {
    results.push({ ...base, skip: mapped.skip });
    continue;
  }
  const filename = path.join(fixtureDir, test.filename ? path.basename(test.filename) : 'file.ts');
  const messages = linter.verify(test.code, [{
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixtureDir } },
    plugins: { 'async-governance': plugin },
    // The fixture lives in a temporary folder; nothing in it is a test or framework file.
    settings: { 'async-governance': { exemptions: { tests: [], frameworkInternals: [] } } },
    rules: { 'async-governance/no-fire-and-forget': ['error', mapped.options] },
  }], { filename });
  const fatal = messages.find((message) => message.fatal || message.ruleId === null);
  if (fatal) {
    results.push({ ...base, skip: `does not parse here: ${fatal.message}` });
    continue;
  }
  if (only !== null) console.log(messages.map((m) => `${m.line}:${m.column} ${m.messageId}`).join('\n'));
  const ours = messages.map((message) => message.messageId);
  const agree = (ours.length > 0) === (test.tsReports > 0);
  const policy = !agree && ours.length > 0 && ours.every((id) => id in POLICY) ? [...new Set(ours.map((id) => POLICY[id]))].join('; ') : null;
  results.push({ ...base, ours: ours.length, messageIds: ours, agree, policy });
}

const compared = results.filter((result) => !result.skip);
const agreed = compared.filter((result) => result.agree);
const policy = compared.filter((result) => result.policy);
const percent = (a, b) => `${((100 * a) / b).toFixed(1)}%`;
const skipped = results.filter((result) => result.skip);
const byReason = new Map();
for (const result of skipped) byReason.set(result.skip, (byReason.get(result.skip) ?? 0) + 1);
const reasons = [...byReason].map(([reason, count]) => `  ${count} × ${reason}`);
console.log(`cases: ${results.length}; not comparable: ${skipped.length}`);
if (reasons.length) console.log(reasons.join('\n'));
console.log(`comparable: ${compared.length}; agree: ${agreed.length} (${percent(agreed.length, compared.length)})`);
console.log(`disagreements from SPEC policies (.catch inside functions, unread bindings): ${policy.length}`);
console.log(`agreement without them: ${agreed.length}/${compared.length - policy.length} (${percent(agreed.length, compared.length - policy.length)})`);
const others = compared.filter((result) => !result.agree && !result.policy);
for (const result of listAll ? compared.filter((r) => !r.agree) : others) {
  console.log(`\n#${result.index} typescript-eslint: ${result.tsReports} report(s); ours: ${result.ours} [${result.messageIds.join(', ')}]${result.policy ? ` (policy: ${result.policy})` : ''}\n${result.code}`);
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(results, null, 2));
fs.rmSync(fixtureDir, { recursive: true, force: true });
