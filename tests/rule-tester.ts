import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { rules } from '../src/rules/index.js';

/**
 * Reports that still come without a fix or a suggestion, each with the reason no rewrite is
 * offered. Every other report of every invalid case must carry a remedy (SPEC "Fixes").
 */
export const REPORTS_WITHOUT_REMEDY: { rule: string; code: string; why: string }[] = [
  { rule: 'no-blocking-in-async', code: 'async function loadConfig(raw = readFileSync(', why: '`await` is not allowed in a parameter default' },
  { rule: 'no-blocking-in-async', code: "['a'].map(() => execSync(", why: 'an array callback inside a synchronous handler: two rewrites at once' },
  { rule: 'no-blocking-in-async', code: 'group.map((file) => readFileSync(file))', why: 'nested array callbacks' },
  { rule: 'no-blocking-in-async', code: 'files.sort((a, b) => statSync(b)', why: 'a comparator cannot await; a `for … of` rewrite is the user’s call' },
  { rule: 'no-blocking-in-async', code: "if (file.startsWith('.')) return false;", why: 'a filter callback with several returns' },
  { rule: 'no-blocking-in-async', code: "spawnSync('eslint'", why: '`spawn` has another API; no faithful rewrite' },
  { rule: 'no-blocking-in-async', code: "import Database from 'better-sqlite3';", why: 'the configured `use` is prose, not an export' },
  { rule: 'no-blocking-in-async', code: "require('sync-rpc')", why: 'the configured `use` is prose, not an export' },
  { rule: 'no-blocking-in-async', code: 'while (Date.now() - start < ms || !ready()) {}', why: 'the spin also waits for a condition: no timer replaces it' },
  { rule: 'no-raw-service-loop', code: 'return offset;', why: 'the function returns what the loop computed; a task cannot return it' },
  { rule: 'no-fire-and-forget', code: 'isReady() || boot();', why: 'a promise inside a logical expression' },
  { rule: 'no-fire-and-forget', code: 'let last; last = refresh();', why: 'an assignment to a variable declared apart' },
  { rule: 'require-task-metadata', code: "import type { TaskPriority } from '@/infra/background-manager';", why: 'the priority enum is imported as a type only' },
  { rule: 'require-task-metadata', code: "type TaskPriority = 'HIGH' | 'LOW';", why: 'the enum name is taken by a local type' },
  { rule: 'require-task-metadata', code: 'interface TaskPriority { level: number }', why: 'the enum name is taken by a local type' },
  { rule: 'require-task-metadata', code: "taskId: 'invoice-sync.run',\n  coroutine: syncInvoices,\n  priority: TaskPriority.HIGH,\n});", why: 'tags cannot be derived for a task submitted at module level without them' },
];

type Item = string | { code: string; errors?: unknown[] };
type Message = { message: string; fix?: unknown; suggestions?: unknown[] | null };
type Runner = (ruleName: string, rule: unknown, item: Item) => { messages: Message[] };

const pluginRules = new Set<unknown>(Object.values(rules));

/** Makes every invalid case of the plugin's rules assert that each report has a fix or a suggestion. */
function requireRemedies(tester: RuleTester): RuleTester {
  const internals = tester as unknown as { runRuleForItem: Runner };
  const run = internals.runRuleForItem.bind(tester);
  internals.runRuleForItem = (ruleName, rule, item) => {
    const result = run(ruleName, rule, item);
    if (typeof item === 'string' || !item.errors || !pluginRules.has(rule)) return result;
    const rule_ = ruleName.replace(/ \(.*\)$/, '');
    const excused = REPORTS_WITHOUT_REMEDY.some((entry) => entry.rule === rule_ && item.code.includes(entry.code));
    for (const message of result.messages) {
      if (message.fix || (message.suggestions?.length ?? 0) > 0 || excused) continue;
      throw new Error(`${ruleName}: a report without a fix or a suggestion: "${message.message}"\n${item.code}`);
    }
    return result;
  };
  return tester;
}

/** A rule tester with the TypeScript parser and no type information. */
export const ruleTester = requireRemedies(new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: false } } },
}));

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A rule tester with type information from `tests/fixtures/tsconfig.json`; cases lint `fixtures/file.ts`. */
export const typeAwareRuleTester = requireRemedies(new RuleTester({
  languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixturesDir } },
  // The fixture lives under tests/, which the default `tests` globs exempt.
  settings: { 'async-governance': { exemptions: { tests: ['**/*.{test,spec}.*'] } } },
}));
