import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { run } from '../cli/helpers.js';

// A user's path to green: `check --fix`, then the manager suggestion of every remaining report
// (as an editor applies it), then `tsc --noEmit` under `strict`. Fixes must import what they use
// by specifiers that compile, and suggestions must type-check.
const root = path.resolve(import.meta.dirname, '../..');
// Under the repository, so `types: ["node"]` finds node_modules/@types/node as in a real project.
const scratch = path.join(root, 'node_modules/.cache/ag-fix-then-tsc');
mkdirSync(scratch, { recursive: true });
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copyProject(source: string): string {
  const dir = mkdtempSync(path.join(scratch, `${path.basename(source)}-`));
  copies.push(dir);
  cpSync(source, dir, { recursive: true });
  // Its own repository, so the walk does not apply this repository's .gitignore (node_modules/).
  mkdirSync(path.join(dir, '.git'));
  return dir;
}

/** Suggestions that route work to the manager or complete a submission to it. */
const MANAGER_SUGGESTIONS = new Set(['submitToManager', 'addTaskId', 'addTags', 'usePriority']);

/** Applies one manager suggestion per file and lints again, until none is left. Returns what was applied. */
async function applyManagerSuggestions(dir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended as Linter.Config] });
  const applied: string[] = [];
  for (let round = 0; round < 20; round += 1) {
    let changed = false;
    for (const result of await eslint.lintFiles(['.'])) {
      for (const message of result.messages) {
        const suggestion = message.suggestions?.find((item) => MANAGER_SUGGESTIONS.has(item.messageId ?? ''));
        if (!suggestion) continue;
        const text = readFileSync(result.filePath, 'utf8');
        writeFileSync(result.filePath, text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]));
        applied.push(`${path.relative(dir, result.filePath)}:${message.line} ${message.ruleId} ${suggestion.messageId}`);
        changed = true;
        // Ranges of the other messages are stale now: lint the file again first.
        break;
      }
    }
    if (!changed) return applied;
  }
  throw new Error(`suggestions kept coming after 20 rounds: ${applied.join(', ')}`);
}

function tsc(dir: string) {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', dir, '--noEmit'], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

interface Outcome {
  before: ReturnType<typeof tsc>;
  checkFix: ReturnType<typeof run>;
  afterFix: ReturnType<typeof tsc>;
  /** The files under src/services/ after `check --fix`. */
  fixed: Record<string, string>;
  applied: string[];
  after: ReturnType<typeof tsc>;
}

async function fixThenTsc(source: string): Promise<Outcome> {
  const dir = copyProject(source);
  const before = tsc(dir);
  const checkFix = run(['check', '.', '--fix'], { cwd: dir });
  const afterFix = tsc(dir);
  const services = path.join(dir, 'src/services');
  const fixed = Object.fromEntries((existsSync(services) ? readdirSync(services) : [])
    .map((name) => [`src/services/${name}`, readFileSync(path.join(services, name), 'utf8')]));
  const applied = await applyManagerSuggestions(dir);
  return { before, checkFix, afterFix, fixed, applied, after: tsc(dir) };
}

const CLEAN = { status: 0, output: '' };
const TIMEOUT = 240_000;

describe('fix, apply the manager suggestions, then tsc: the example service', () => {
  let outcome: Outcome;
  beforeAll(async () => {
    outcome = await fixThenTsc(path.join(root, 'examples/service'));
  }, TIMEOUT);

  it('type-checks before and after check --fix', () => {
    expect(outcome.before).toEqual(CLEAN);
    expect(outcome.checkFix.status).toBe(1);
    expect(outcome.afterFix).toEqual(CLEAN);
  });

  it('type-checks after every manager suggestion', () => {
    expect(outcome.applied).toEqual(expect.arrayContaining([
      expect.stringMatching(/^src\/jobs\/cache-refresher\.ts:\d+ async-governance\/no-raw-service-loop submitToManager$/),
      expect.stringMatching(/^src\/workers\/email-worker\.ts:\d+ async-governance\/no-fire-and-forget submitToManager$/),
    ]));
    expect(outcome.after).toEqual(CLEAN);
  });
});

describe('fix, apply the manager suggestions, then tsc: a NodeNext "type": "module" service', () => {
  let outcome: Outcome;
  beforeAll(async () => {
    outcome = await fixThenTsc(path.join(root, 'tests/fixtures/nodenext-service'));
  }, TIMEOUT);

  it('type-checks before and after check --fix (imports with .js, reused, aliased)', () => {
    expect(outcome.before).toEqual(CLEAN);
    expect(outcome.checkFix.status).toBe(1);
    expect(outcome.afterFix).toEqual(CLEAN);
  });

  // Under noUnusedLocals, an import the fixes leave unused fails the build (TS6133).
  it('removes the imports of sync functions whose last call the fixes rewrote', () => {
    expect(outcome.fixed['src/services/reports.ts']).toMatch(/^import \{ listUnsentInvoices, sendEmail \} from '\.\.\/lib\/db\.js';\nimport \{ readFile as readFileAsync, writeFile \} from 'node:fs\/promises';\n/);
    expect(outcome.fixed['src/services/archive.ts']).toBe(`import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';

export function hasArchive(dir: string): boolean {
  return existsSync(dir);
}

export async function archiveMonth(dir: string, month: string): Promise<number> {
  await mkdir(\`\${dir}/\${month}\`, { recursive: true });
  return (await stat(\`\${dir}/\${month}\`)).size + (await stat(dir)).size;
}
`);
  });

  // The loop the setInterval suggestion writes awaits `this.syncOnce()`, so nothing floats after it.
  it('applies the manager suggestion of every report that has one', () => {
    expect(outcome.applied).toEqual([
      'src/jobs/invoice-sync.ts:7 async-governance/no-raw-service-loop submitToManager',
      'src/workers/email-worker.ts:13 async-governance/no-raw-service-loop submitToManager',
    ]);
  });

  // The timer field holds an AbortController that stop() aborts: the start/stop contract holds.
  it('type-checks after every manager suggestion', () => {
    expect(outcome.after).toEqual(CLEAN);
  });
});
