// One lint configuration over one corpus, in its own process (run.mjs starts one per sample, so
// module caches, the TypeScript program and the heap never carry over between samples).
//
//   node bench/lint-once.mjs <configuration> <corpus-dir>
// Prints one JSON line: { ms, cpuMs, files, problems, ruleIds, parseMs, rulesMs, totalMs, maxRssKb }.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';

const [name, dirArg] = process.argv.slice(2);
const dir = path.resolve(dirArg);
const root = path.resolve(import.meta.dirname, '..');
const files = ['**/*.ts'];
const typed = { projectService: true, tsconfigRootDir: dir };

// eslint-plugin-n 18.5 `no-sync` throws when the TypeScript parser gives node maps but no
// program (syntactic linting); without the maps it takes its plain-JavaScript path, which is
// what a syntactic user of the rule gets. The wrapper only deletes two properties.
function withoutTypeMaps(parser) {
  return {
    meta: { name: 'bench/typescript-parser-without-type-maps' },
    parseForESLint(code, options) {
      const result = parser.parseForESLint(code, options);
      if (!result.services?.program) result.services = {};
      return result;
    },
  };
}

async function configurations() {
  const load = async (specifier) => (await import(specifier)).default;
  const parser = await load('@typescript-eslint/parser');
  switch (name) {
    case 'parse':
      return [{ files, languageOptions: { parser } }];
    case 'noop': {
      // An empty rule on the node types our rules listen to: ESLint's own cost of running any rule.
      const listen = () => ({ CallExpression() {}, NewExpression() {}, WhileStatement() {}, DoWhileStatement() {}, ForStatement() {} });
      const noop = { rules: { noop: { meta: { type: 'problem', schema: [] }, create: listen } } };
      return [{ files, languageOptions: { parser }, plugins: { noop }, rules: { 'noop/noop': 'error' } }];
    }
    case 'parse-typed':
      return [{ files, languageOptions: { parser, parserOptions: typed } }];
    case 'ours': {
      const plugin = await load(pathToFileURL(path.join(root, 'dist/index.js')).href);
      return [plugin.configs.recommended];
    }
    case 'ours-typed': {
      const plugin = await load(pathToFileURL(path.join(root, 'dist/index.js')).href);
      const config = plugin.configs['recommended-type-checked'];
      return [{ ...config, languageOptions: { ...config.languageOptions, parserOptions: typed } }];
    }
    case 'peer-no-floating-promises': {
      const tseslint = await load('@typescript-eslint/eslint-plugin');
      return [
        {
          files,
          languageOptions: { parser, parserOptions: typed },
          plugins: { '@typescript-eslint': tseslint },
          rules: { '@typescript-eslint/no-floating-promises': 'error' },
        },
      ];
    }
    case 'peer-no-sync': {
      const n = await load('eslint-plugin-n');
      return [{ files, languageOptions: { parser: withoutTypeMaps(parser) }, plugins: { n }, rules: { 'n/no-sync': 'error' } }];
    }
    default:
      throw new Error(`unknown configuration ${name}`);
  }
}

const overrideConfig = await configurations();
const start = performance.now();
const cpuStart = process.cpuUsage();
const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig, cache: false, concurrency: 'off', stats: true });
const results = await eslint.lintFiles(['src']);
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);

const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}: ${m.message}`));
if (fatal.length > 0) {
  console.error(fatal.slice(0, 5).join('\n'));
  process.exit(3);
}
const ruleIds = {};
// ESLint's `stats`: per-file parse time, time in each rule's create() and listeners, and the total.
const stats = { parseMs: 0, rulesMs: 0, totalMs: 0 };
for (const result of results) {
  for (const message of result.messages) ruleIds[message.ruleId] = (ruleIds[message.ruleId] ?? 0) + 1;
  for (const pass of result.stats?.times.passes ?? []) {
    stats.parseMs += pass.parse?.total ?? 0;
    stats.totalMs += pass.total ?? 0;
    for (const rule of Object.values(pass.rules ?? {})) stats.rulesMs += rule.total;
  }
}
console.log(
  JSON.stringify({
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    files: results.length,
    problems: results.reduce((sum, r) => sum + r.messages.length, 0),
    ruleIds,
    ...stats,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
