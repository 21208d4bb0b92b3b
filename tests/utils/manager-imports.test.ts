import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { readJsonc } from '../../src/utils/module-specifiers.js';
import { fixturesDir } from '../rule-tester.js';

// Both fixtures set `manager.module: './src/infra/background-manager.ts'` in package.json.
const NODENEXT = path.join(fixturesDir, 'manager-imports/nodenext/src/jobs/sync.ts');
const BUNDLER = path.join(fixturesDir, 'manager-imports/bundler/src/jobs/sync.ts');

const eslint = (fix: boolean) =>
  new ESLint({ cwd: fixturesDir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended as Linter.Config], fix });

async function fixed(filePath: string, code: string): Promise<string | undefined> {
  const [result] = await eslint(true).lintText(code, { filePath });
  return result.output;
}

const submission = (imports: string) => `${imports}export function start(): void {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'sync.run',
    coroutine: async () => {},
    tags: { service: 'orders', type: 'sync', component: 'sync' },
  });
}
`;

const withPriority = (imports: string) => `${imports}export function start(): void {
  getBackgroundTaskManager().submitEnhancedTask({
    taskId: 'sync.run',
    coroutine: async () => {},
    tags: { service: 'orders', type: 'sync', component: 'sync' },
    priority: TaskPriority.NORMAL,
  });
}
`;

describe('fixes import the manager module by a specifier that compiles', () => {
  it.each([
    ['NodeNext ESM: a relative path with .js', NODENEXT, '', "import { TaskPriority } from '../infra/background-manager.js';\n"],
    ['bundler resolution: no extension', BUNDLER, '', "import { TaskPriority } from '../infra/background-manager';\n"],
    [
      'the file writes .js in its own imports',
      BUNDLER,
      "import { listOrders } from '../lib/db.js';\n",
      "import { listOrders } from '../lib/db.js';\nimport { TaskPriority } from '../infra/background-manager.js';\n",
    ],
    [
      'the file writes no extension in its own imports',
      NODENEXT,
      "import { listOrders } from '../lib/db';\n",
      "import { listOrders } from '../lib/db';\nimport { TaskPriority } from '../infra/background-manager';\n",
    ],
  ])('%s', async (_, file, imports, expected) => {
    expect(await fixed(file, submission(imports))).toBe(withPriority(expected));
  });

  it.each([
    ['a relative .js specifier', NODENEXT, "'../infra/background-manager.js'"],
    ['a relative specifier without extension', BUNDLER, "'../infra/background-manager'"],
    ['a relative .ts specifier', BUNDLER, "'../infra/background-manager.ts'"],
    ['a tsconfig paths alias', NODENEXT, "'@/infra/background-manager.js'"],
    ['a baseUrl paths alias', BUNDLER, "'~infra/background-manager'"],
    ['a package.json imports alias', NODENEXT, "'#infra/background-manager.js'"],
  ])('reuses an existing import by %s: never a second import', async (_, file, specifier) => {
    const output = await fixed(file, submission(`import { getBackgroundTaskManager } from ${specifier};\n`));
    expect(output).toBe(withPriority(`import { getBackgroundTaskManager, TaskPriority } from ${specifier};\n`));
  });

  it('leaves a file alone whose existing imports already bind the names', async () => {
    const code = withPriority("import { getBackgroundTaskManager, TaskPriority } from '@/infra/background-manager.js';\n");
    expect(await fixed(NODENEXT, code)).toBeUndefined();
  });

  it('imports both names for a manager submission suggestion, once', async () => {
    const code = `import { refresh } from '../lib/cache.js';
export function warm(): void {
  refresh();
}
async function unused() {}
`;
    const [result] = await eslint(false).lintText(`${code}export function kick(): void {\n  unused();\n}\n`, { filePath: NODENEXT });
    const suggestion = result.messages.find((message) => message.ruleId === 'async-governance/no-fire-and-forget')?.suggestions?.find((item) => /Submit/.test(item.desc));
    expect(suggestion).toBeDefined();
    const source = `${code}export function kick(): void {\n  unused();\n}\n`;
    const { fix } = suggestion!;
    const output = source.slice(0, fix.range[0]) + fix.text + source.slice(fix.range[1]);
    expect(output).toContain("import { refresh } from '../lib/cache.js';\nimport { getBackgroundTaskManager, TaskPriority } from '../infra/background-manager.js';\n");
    expect(output.match(/background-manager/g)).toHaveLength(1);
  });

  it('names a module that is a package or an unknown alias as written', async () => {
    const settings = { 'async-governance': { manager: { module: '@acme/tasks' } } };
    const engine = new ESLint({
      cwd: fixturesDir,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.recommended as Linter.Config, { settings }],
      fix: true,
    });
    const [result] = await engine.lintText(submission(''), { filePath: NODENEXT });
    expect(result.output).toBe(withPriority("import { TaskPriority } from '@acme/tasks';\n"));
  });
});

describe('readJsonc', () => {
  it('reads tsconfig-style JSON with comments and trailing commas, keeping `/*` inside strings', () => {
    expect(readJsonc(path.join(fixturesDir, 'manager-imports/nodenext/tsconfig.json'))).toEqual({
      compilerOptions: { module: 'NodeNext', strict: true, paths: { '@/*': ['./src/*'] } },
    });
  });
});
