import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { CLEAN, makeRepo, run, VIOLATION } from './helpers.js';

const RULE = 'async-governance/no-blocking-in-async';

describe('check: exit codes and zero configuration', () => {
  it('exits 1 with a stylish report when a file violates the policy', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION, 'src/clean.ts': CLEAN });
    const result = run(['check'], { cwd: repo });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('src/config.ts');
    expect(result.stdout).toContain(RULE);
    expect(result.stdout).not.toContain('clean.ts');
  });

  it("says nothing of the project's .eslintignore, which it does not read (any engine, report too)", () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION, '.eslintignore': 'dist\n' });
    for (const args of [['check'], ['check', '--engine', 'eslint'], ['check', '--engine', 'eslint', '--concurrency', '2'], ['report', '--out', 'out']]) {
      const result = run(args, { cwd: repo });
      expect(result.stderr, args.join(' ')).not.toMatch(/eslintignore/i);
    }
  });

  it("--fix settles a file whose fixes need more than ESLint's 10 passes, under either engine", () => {
    // Eight sync fs functions called twice each: every rewrite edits the same two import lines.
    const calls = ['readFileSync', 'writeFileSync', 'mkdirSync', 'readdirSync', 'appendFileSync', 'copyFileSync', 'unlinkSync', 'renameSync'];
    const source = [
      `import { ${calls.join(', ')} } from 'node:fs';`,
      '',
      'export async function build(dir: string): Promise<void> {',
      ...calls.flatMap((name) => [`  ${name}(dir, dir);`, `  ${name}(dir + '.old', dir);`]),
      '}',
      '',
    ].join('\n');
    const texts = ['eslint', 'oxlint'].map((engine) => {
      const repo = makeRepo({ 'scripts/build.ts': source });
      const result = run(['check', '--fix', '--engine', engine], { cwd: repo });
      expect(result.status, `${engine}: ${result.stdout}`).toBe(0);
      const fixed = readFileSync(path.join(repo, 'scripts/build.ts'), 'utf8');
      expect(run(['check', '--fix', '--engine', engine], { cwd: repo }).status).toBe(0);
      expect(readFileSync(path.join(repo, 'scripts/build.ts'), 'utf8')).toBe(fixed);
      return fixed;
    });
    expect(texts[0]).not.toMatch(/from 'node:fs'/);
    expect(texts[0]).toContain("import { readFile, writeFile, mkdir, readdir, appendFile, copyFile, unlink, rename } from 'node:fs/promises';");
    expect(texts[1]).toBe(texts[0]);
  });

  it('exits 0 on a clean repository', () => {
    const repo = makeRepo({ 'src/clean.ts': CLEAN, 'lib/util.js': 'module.exports = () => 1;\n' });
    expect(run(['check'], { cwd: repo })).toMatchObject({ status: 0, stdout: '' });
  });

  it("ignores the repository's own ESLint config", () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION, 'eslint.config.mjs': "throw new Error('the repo config was loaded');\n" });
    const result = run(['check', 'src'], { cwd: repo });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
  });

  it('walks folders respecting .gitignore and skipping dependency and build folders', () => {
    const repo = makeRepo({
      '.gitignore': 'generated/\n*.local.ts\n',
      'src/keep.ts': VIOLATION,
      'src/secret.local.ts': VIOLATION,
      'generated/a.ts': VIOLATION,
      'node_modules/pkg/index.js': VIOLATION,
      'dist/a.js': VIOLATION,
      'build/a.js': VIOLATION,
      'coverage/a.js': VIOLATION,
      'packages/api/.gitignore': 'tmp/\n',
      'packages/api/tmp/a.ts': VIOLATION,
      'packages/api/src/b.ts': VIOLATION,
      'types/x.d.ts': 'export declare function f(): void;\n',
      'public/vendor/chart.min.js': VIOLATION,
      'public/vendor/htmx-min.mjs': VIOLATION,
    });
    const result = run(['check', '--format', 'json'], { cwd: repo });
    const files = (JSON.parse(result.stdout) as { filePath: string }[]).map((r) => path.relative(repo, r.filePath).split(path.sep).join('/'));
    expect(files).toEqual(['packages/api/src/b.ts', 'src/keep.ts']);
    expect(result.status).toBe(1);
  });

  it('lints a file named explicitly even when a folder walk would skip it', () => {
    const repo = makeRepo({ 'dist/a.js': VIOLATION.replace(': Promise<string>', '').replace('(path: string)', '(path)') });
    expect(run(['check', 'dist/a.js'], { cwd: repo }).status).toBe(1);
  });

  it('exits 2 with one line for usage errors', () => {
    const repo = makeRepo({ 'src/clean.ts': CLEAN });
    for (const args of [['check', '--format', 'xml'], ['check', '--max-warnings', 'many'], ['check', 'missing'], ['check', '--nope'], ['frobnicate']]) {
      const result = run(args, { cwd: repo });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('prints no progress line when stderr is not a terminal', () => {
    const files = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`src/f${i}.ts`, CLEAN]));
    const result = run(['check'], { cwd: makeRepo(files) });
    expect(result).toMatchObject({ status: 0, stderr: '' });
  });
});

describe('check: formats', () => {
  it('writes ESLint JSON results', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const [result] = JSON.parse(run(['check', '--format', 'json'], { cwd: repo }).stdout);
    expect(result.messages).toEqual([expect.objectContaining({ ruleId: RULE, line: 4, severity: 2 })]);
  });

  it('writes SARIF 2.1.0 that GitHub code scanning accepts', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION, 'src/broken.ts': 'export const = ;\n' });
    const result = run(['check', '--format', 'sarif'], { cwd: repo });
    expect(result.status).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const [sarifRun] = log.runs;
    expect(sarifRun.tool.driver.name).toEqual(expect.any(String));
    const ids = sarifRun.tool.driver.rules.map((rule: { id: string }) => rule.id);
    expect(ids).toEqual(Object.keys(plugin.rules).sort().map((id) => `async-governance/${id}`));
    for (const rule of sarifRun.tool.driver.rules) {
      const meta = plugin.rules[rule.id.slice('async-governance/'.length) as keyof typeof plugin.rules].meta;
      expect(rule.helpUri).toBe(meta.docs?.url);
      expect(rule.shortDescription.text).toBe(meta.docs?.description);
    }
    expect(sarifRun.results).toHaveLength(1);
    const [finding] = sarifRun.results;
    expect(finding).toMatchObject({ ruleId: RULE, level: 'error', message: { text: expect.stringContaining('readFileSync') } });
    expect(sarifRun.tool.driver.rules[finding.ruleIndex].id).toBe(RULE);
    expect(finding.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/config.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 16, endLine: 4, endColumn: 42 },
    });
    // The parse error has no rule: it is a tool notification, not an alert.
    expect(sarifRun.invocations[0].toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'error', locations: [expect.objectContaining({ physicalLocation: expect.objectContaining({ artifactLocation: { uri: 'src/broken.ts', uriBaseId: '%SRCROOT%' } }) })] }),
    ]);
  });

  it('writes the report to --output-file', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const result = run(['check', '--format', 'sarif', '--output-file', 'out.sarif'], { cwd: repo });
    expect(result).toMatchObject({ status: 1, stdout: '' });
    expect(JSON.parse(readFileSync(path.join(repo, 'out.sarif'), 'utf8')).version).toBe('2.1.0');
  });
});

describe('check: stdin and fixes', () => {
  it('lints standard input under --stdin-filename', () => {
    const repo = makeRepo({});
    expect(run(['check', '--stdin', '--stdin-filename', 'src/a.ts'], { cwd: repo, input: VIOLATION }).status).toBe(1);
    expect(run(['check', '--stdin', '--stdin-filename', 'src/a.ts'], { cwd: repo, input: CLEAN }).status).toBe(0);
  });

  it('applies settings found from the --stdin-filename folder', () => {
    const repo = makeRepo({ 'package.json': JSON.stringify({ asyncGovernance: { exemptions: { tests: ['scripts/**'] } } }) });
    expect(run(['check', '--stdin', '--stdin-filename', 'scripts/a.ts'], { cwd: repo, input: VIOLATION }).status).toBe(0);
  });

  it('fixes files in place with --fix', () => {
    const repo = makeRepo({ 'src/config.ts': VIOLATION });
    const result = run(['check', '--fix'], { cwd: repo });
    expect(result.status).toBe(0);
    const fixed = readFileSync(path.join(repo, 'src/config.ts'), 'utf8');
    expect(fixed).toContain("const text = await readFile(path, 'utf8');");
    expect(fixed).toContain("import { readFile } from 'node:fs/promises';");
    expect(run(['check'], { cwd: repo }).status).toBe(0);
  });

  it('prints the fixed source with --stdin --fix and the report on stderr', () => {
    const result = run(['check', '--stdin', '--stdin-filename', 'a.ts', '--fix'], { cwd: makeRepo({}), input: VIOLATION });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('await readFile(path');
  });
});

describe('check: settings discovery', () => {
  const legacyDb = `import Database from 'better-sqlite3';\n\nexport async function count(db: Database): Promise<number> {\n  return db.prepare('select 1').get();\n}\n`;
  const legacyCall = `import { querySync } from '@acme/legacy-db';\n\nexport async function count(): Promise<number> {\n  return querySync('select 1');\n}\n`;
  const settings = { blockingCalls: [{ module: '@acme/legacy-db', call: 'querySync', use: 'query' }] };

  it('reads async-governance.config.json', () => {
    const repo = makeRepo({ 'async-governance.config.json': JSON.stringify(settings), 'src/a.ts': legacyCall });
    expect(run(['check'], { cwd: repo }).status).toBe(1);
    expect(run(['check'], { cwd: makeRepo({ 'src/a.ts': legacyCall }) }).status).toBe(0);
  });

  it('reads async-governance.config.mjs', () => {
    const repo = makeRepo({ 'async-governance.config.mjs': `export default ${JSON.stringify(settings)};\n`, 'src/a.ts': legacyCall });
    expect(run(['check'], { cwd: repo }).status).toBe(1);
  });

  it('reads package.json#asyncGovernance, and the nearest settings win', () => {
    const repo = makeRepo({
      'package.json': JSON.stringify({ name: 'root', asyncGovernance: settings }),
      'src/a.ts': legacyCall,
      'packages/old/package.json': JSON.stringify({ name: 'old', asyncGovernance: { blockingCalls: [] } }),
      'packages/old/src/a.ts': legacyCall,
      'packages/plain/package.json': JSON.stringify({ name: 'plain' }),
      'packages/plain/src/a.ts': legacyCall,
    });
    const results = JSON.parse(run(['check', '--format', 'json'], { cwd: repo }).stdout) as { filePath: string; errorCount: number }[];
    const errors = Object.fromEntries(results.map((r) => [path.relative(repo, r.filePath).split(path.sep).join('/'), r.errorCount]));
    expect(errors).toEqual({ 'packages/old/src/a.ts': 0, 'packages/plain/src/a.ts': 1, 'src/a.ts': 1 });
  });

  it('prefers the .json file over .mjs and package.json in one folder', () => {
    const repo = makeRepo({
      'async-governance.config.json': JSON.stringify(settings),
      'async-governance.config.mjs': 'export default { blockingCalls: [] };\n',
      'package.json': JSON.stringify({ asyncGovernance: { blockingCalls: [] } }),
      'src/a.ts': legacyCall,
    });
    expect(run(['check'], { cwd: repo }).status).toBe(1);
  });

  it('takes --config FILE over discovery', () => {
    const repo = makeRepo({ 'settings/governance.json': JSON.stringify(settings), 'src/a.ts': legacyCall, 'src/b.ts': legacyDb });
    expect(run(['check', '--config', 'settings/governance.json'], { cwd: repo }).status).toBe(1);
  });

  it('exits 2 with one line naming the bad key', () => {
    const repo = makeRepo({ 'async-governance.config.json': JSON.stringify({ manager: { getter: 42 } }), 'src/a.ts': CLEAN });
    const result = run(['check'], { cwd: repo });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('manager.getter');
    expect(result.stderr).toContain('async-governance.config.json');
  });

  it('exits 2 on a settings file that is not JSON', () => {
    const repo = makeRepo({ 'async-governance.config.json': '{ nope', 'src/a.ts': CLEAN });
    expect(run(['check'], { cwd: repo }).status).toBe(2);
  });
});

describe('check: bulk suppressions', () => {
  it('suppresses existing errors, reports new ones, and prunes fixed ones', () => {
    const repo = makeRepo({ 'src/a.ts': VIOLATION, 'src/b.ts': VIOLATION });
    expect(run(['check', '--suppress-all'], { cwd: repo }).status).toBe(0);
    const file = path.join(repo, 'eslint-suppressions.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      'src/a.ts': { [RULE]: { count: 1 } },
      'src/b.ts': { [RULE]: { count: 1 } },
    });
    expect(run(['check'], { cwd: repo }).status).toBe(0);

    // A second violation in a suppressed file is more than the recorded count: reported.
    writeFileSync(path.join(repo, 'src/a.ts'), `${VIOLATION}\nexport async function again(p: string) {\n  return readFileSync(p);\n}\n`);
    const result = run(['check', '--format', 'json'], { cwd: repo });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).find((r: { filePath: string }) => r.filePath.endsWith('a.ts')).errorCount).toBe(2);

    // Fixing b.ts leaves an unused entry: a hint, then --prune-suppressions drops it.
    writeFileSync(path.join(repo, 'src/b.ts'), CLEAN);
    writeFileSync(path.join(repo, 'src/a.ts'), VIOLATION);
    const hinted = run(['check'], { cwd: repo });
    expect(hinted.status).toBe(0);
    expect(hinted.stderr).toContain('--prune-suppressions');
    expect(run(['check', '--prune-suppressions'], { cwd: repo }).status).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ 'src/a.ts': { [RULE]: { count: 1 } } });
  });

  it('exits 2 when --suppressions-location names a missing file', () => {
    const repo = makeRepo({ 'src/a.ts': VIOLATION });
    expect(run(['check', '--suppressions-location', 'nope.json'], { cwd: repo }).status).toBe(2);
  });
});

/** A clean file carrying other tools' directives in every form ESLint knows. */
const FOREIGN_DIRECTIVES = `/* eslint-disable no-console */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function describeValue(value: any): string {
  console.log(value); // eslint-disable-line no-console -- debug output
  /* eslint-disable-next-line no-control-regex */
  return /\\x00/.test(String(value)) ? 'binary' : 'text';
}
/* eslint-enable no-console */

/* eslint-disable @typescript-eslint/ban-ts-comment, unicorn/no-null -- legacy API */
export const empty = null;
/* eslint-enable */
// eslint-disable-next-line import/no-default-export, n/no-sync
export default describeValue;
`;

describe('check: only our findings, only our fixes', () => {
  it("does not report directives that name other tools' rules", () => {
    const repo = makeRepo({ 'src/describe.ts': FOREIGN_DIRECTIVES });
    expect(run(['check'], { cwd: repo })).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('leaves a file without findings byte-identical under --fix', () => {
    const repo = makeRepo({ 'src/describe.ts': FOREIGN_DIRECTIVES });
    expect(run(['check', '--fix'], { cwd: repo }).status).toBe(0);
    expect(readFileSync(path.join(repo, 'src/describe.ts'), 'utf8')).toBe(FOREIGN_DIRECTIVES);
  });

  it('fixes only its own findings in a file that also carries foreign directives', () => {
    const repo = makeRepo({ 'src/config.ts': `${FOREIGN_DIRECTIVES}\n${VIOLATION.replace('export async function loadConfig', 'export async function loadConfigFile')}` });
    expect(run(['check', '--fix'], { cwd: repo }).status).toBe(0);
    const fixed = readFileSync(path.join(repo, 'src/config.ts'), 'utf8');
    expect(fixed).toContain(FOREIGN_DIRECTIVES.split('\n').slice(1).join('\n').trim());
    expect(fixed).toContain("const text = await readFile(path, 'utf8');");
  });

  it('still honours directives for its own rules and still reports parse errors', () => {
    const disabled = VIOLATION.replace('  const text', `  // eslint-disable-next-line ${RULE} -- migration script\n  const text`);
    expect(run(['check', '--stdin', '--stdin-filename', 'src/a.ts'], { cwd: makeRepo({}), input: disabled }).status).toBe(0);
    const broken = run(['check', '--stdin', '--stdin-filename', 'src/a.ts'], { cwd: makeRepo({}), input: 'export async function (\n' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('Parsing error');
  });

  it('counts nothing but its own rules in report', () => {
    const repo = makeRepo({ 'src/describe.ts': FOREIGN_DIRECTIVES, 'src/config.ts': VIOLATION });
    const result = run(['report', '--format', 'json', '--out', 'out'], { cwd: repo });
    expect(result.status).toBe(0);
    const { summary } = JSON.parse(result.stdout) as { summary: { violations: number; violationsByRule: Record<string, number> } };
    expect(summary.violations).toBe(1);
    expect(summary.violationsByRule).toEqual({ [RULE]: 1 });
  });
});

describe('CLI: help and errors', () => {
  it.each(['check', 'hook', 'report', 'init'])('%s --help prints its usage and exits 0', (command) => {
    for (const flag of ['--help', '-h']) {
      const result = run([command, flag], { cwd: makeRepo({}) });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Usage: async-governance ${command}`);
      expect(result.stdout).toContain('--help');
      expect(result.stdout).not.toContain('allowing');
      expect(result.stderr).toBe('');
    }
  });

  it('prints the command prefix once', () => {
    const result = run(['check', '--stdin', 'src'], { cwd: makeRepo({ 'src/a.ts': CLEAN }) });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('async-governance check: give either --stdin or paths, not both\n');
  });
});
