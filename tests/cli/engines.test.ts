import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.mjs';
import { findOxlint } from '../../src/cli/engines/oxlint.js';
import { run } from './helpers.js';

// oxlint is an optional dependency: `npm ci` installs it, so CI always runs these.
const hasOxlint = 'bin' in findOxlint();
const root = path.resolve(__dirname, '../..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'ag-engines-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Finding {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  rule: string | null;
  message: string;
  messageId?: string;
  fix?: unknown;
  suggestions?: unknown;
}

interface LintResultJson {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number; message: string; fatal?: boolean; messageId?: string; fix?: unknown; suggestions?: unknown }[];
  fixableErrorCount: number;
  fixableWarningCount: number;
}

/** A copy of `source` (or a generated corpus) per engine, so `--fix` can write to it. */
function copyOf(name: string, source: string | ((dir: string) => void)): string {
  const dir = path.join(scratch, `${name}-${Math.random().toString(36).slice(2)}`);
  if (typeof source === 'string') cpSync(source, dir, { recursive: true });
  else source(dir);
  // A repository root, so the walk applies nothing from the project that holds the copy.
  mkdirSync(path.join(dir, '.git'), { recursive: true });
  return dir;
}

function check(dir: string, engine: string, extra: string[] = []) {
  const result = run(['check', '--engine', engine, '--format', 'json', ...extra], { cwd: dir });
  expect(result.stderr).toBe('');
  const findings: Finding[] = [];
  let fatal = 0;
  let fixable = 0;
  // Suggestions name the service after the folder, whose copies differ in a random suffix.
  const suffix = path.basename(dir).split('-').at(-1) as string;
  const unsuffixed = (value: unknown) => (value === undefined ? undefined : (JSON.parse(JSON.stringify(value).replaceAll(suffix, '<copy>')) as unknown));
  for (const file of JSON.parse(result.stdout) as LintResultJson[]) {
    fixable += file.fixableErrorCount + file.fixableWarningCount;
    for (const message of file.messages) {
      // Parsers word their errors differently; both must see the same broken files.
      if (message.fatal) fatal += 1;
      else {
        const { line, column, endLine, endColumn, ruleId: rule, message: text, messageId, fix, suggestions } = message;
        findings.push({ file: path.relative(dir, file.filePath), line, column, endLine, endColumn, rule, message: text, messageId, fix: unsuffixed(fix), suggestions: unsuffixed(suggestions) });
      }
    }
  }
  return { status: result.status, fatal, fixable, findings };
}

function texts(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const file = path.join(current, entry.name);
      if (entry.isDirectory()) walk(file);
      else out[path.relative(dir, file)] = readFileSync(file, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const corpora: [string, string | ((dir: string) => void)][] = [
  ['the example service', path.join(root, 'examples/service')],
  ['the test fixtures', path.join(root, 'tests/fixtures')],
  ['a generated service corpus', (dir) => generateCorpus({ size: 40, dir })],
  // oxlint counts UTF-8 bytes, ESLint UTF-16 units: accents, CJK and emoji before a finding.
  [
    'a file with non-ASCII text',
    (dir) => {
      mkdirSync(path.join(dir, 'src'), { recursive: true });
      writeFileSync(
        path.join(dir, 'src/greetings.ts'),
        `import { readFileSync } from 'node:fs';

const greetings = { fr: 'déjà vu', ja: 'こんにちは', party: '🎉🎉' };

export async function greet(lang: 'fr' | 'ja' | 'party'): Promise<string> {
  const banner = '✨ ' + greetings[lang] + ' ✨'; const template = readFileSync('templates/🎉.txt', 'utf8');
  notify(banner); // « fire and forget »
  return template.replace('{{greeting}}', banner);
}

async function notify(text: string): Promise<void> {}
`,
      );
    },
  ],
  // Both imports land on the same line: ESLint needs a second pass for the second fix.
  [
    'a job whose fixes overlap',
    (dir) => {
      mkdirSync(path.join(dir, 'src'), { recursive: true });
      writeFileSync(
        path.join(dir, 'src/export-job.ts'),
        `import { readFileSync, readdirSync } from 'node:fs';
import { execSync } from 'node:child_process';

export async function exportAll(folder: string): Promise<string[]> {
  const header = readFileSync(\`\${folder}/header.csv\`, 'utf8');
  const names = readdirSync(folder);
  execSync('sync');
  void refreshIndex();
  return [header, ...names];
}

async function refreshIndex(): Promise<void> {}
`,
      );
    },
  ],
];

// The comparison below skips without oxlint; `npm ci` must install it so CI never skips it.
it('has oxlint installed from the lockfile (an optional dependency)', () => {
  expect(findOxlint()).toMatchObject({ version: '1.95.0' });
});

describe.skipIf(!hasOxlint)('check: the oxlint engine gives what the eslint engine gives', () => {
  it.each(corpora)('finds the same problems on %s', (name, source) => {
    const dir = copyOf(name, source);
    const eslint = check(dir, 'eslint');
    const oxlint = check(dir, 'oxlint');
    expect(eslint.findings.length).toBeGreaterThan(0);
    // Fixes, suggestions and message ids included: JSON and stylish ("potentially fixable") agree.
    expect(eslint.findings.some((finding) => finding.fix !== undefined || finding.suggestions !== undefined)).toBe(true);
    expect(oxlint).toEqual(eslint);
  });

  it.each(corpora)('fixes %s into the same text and reports the same leftovers', (name, source) => {
    const [a, b] = [copyOf(name, source), copyOf(name, source)];
    const before = texts(a);
    const eslint = check(a, 'eslint', ['--fix']);
    const oxlint = check(b, 'oxlint', ['--fix']);
    expect(texts(a)).not.toEqual(before);
    expect(texts(b)).toEqual(texts(a));
    expect(oxlint.status).toBe(eslint.status);
    expect(oxlint.findings).toEqual(eslint.findings);
  }, 60_000);

  it('writes the same stylish report, "potentially fixable" count included', () => {
    const dir = copyOf('stylish', path.join(root, 'examples/service'));
    const stylish = (engine: string) => run(['check', '--engine', engine], { cwd: dir });
    const eslint = stylish('eslint');
    expect(eslint.stdout).toMatch(/potentially fixable/);
    expect(stylish('oxlint')).toEqual(eslint);
  });

  it('leaves a minified bundle out, named or walked, under either engine (oxlint skips it too)', () => {
    const dir = copyOf('minified', (folder) => {
      mkdirSync(path.join(folder, 'src/vendor'), { recursive: true });
      writeFileSync(path.join(folder, 'src/vendor/poller.min.js'), 'export function start(){setInterval(function(){fetch("/ping")},200)}\n');
      writeFileSync(path.join(folder, 'src/app.ts'), "import { readFileSync } from 'node:fs';\nexport async function load() { return readFileSync('x', 'utf8'); }\n");
    });
    for (const args of [['src/vendor/poller.min.js'], ['src/vendor/poller.min.js', 'src/app.ts'], ['src']]) {
      const eslint = check(dir, 'eslint', args);
      expect(eslint.findings.map((finding) => finding.file)).toEqual(['src/app.ts'].slice(0, args.length === 1 && args[0] !== 'src' ? 0 : 1));
      expect(check(dir, 'oxlint', args)).toEqual(eslint);
    }
  });

  it('writes the same SARIF log', () => {
    const dir = copyOf('sarif', path.join(root, 'examples/service'));
    const sarif = (engine: string) => run(['check', '--engine', engine, '--format', 'sarif'], { cwd: dir });
    const eslint = sarif('eslint');
    expect(eslint.status).toBe(1);
    expect(sarif('oxlint')).toEqual(eslint);
  });

  it("ignores the repository's own oxlint config, as check ignores its ESLint config", () => {
    const dir = copyOf('own-config', path.join(root, 'examples/service'));
    const expected = check(dir, 'eslint');
    writeFileSync(path.join(dir, '.oxlintrc.json'), JSON.stringify({ categories: { correctness: 'error', suspicious: 'error' }, rules: { 'no-console': 'error' } }));
    writeFileSync(path.join(dir, 'src/.oxlintrc.json'), '{ not json');
    expect(check(dir, 'oxlint')).toEqual(expected);
  });

  it('honours inline eslint-disable comments and bulk suppressions alike', () => {
    const dir = copyOf('suppressions', path.join(root, 'examples/service'));
    const file = path.join(dir, 'src/routes/orders.ts');
    const text = readFileSync(file, 'utf8').replace(
      "  const template = readFileSync(",
      '  // eslint-disable-next-line async-governance/no-blocking-in-async -- template is tiny\n  const template = readFileSync(',
    );
    expect(text).toContain('eslint-disable-next-line');
    writeFileSync(file, text);
    expect(run(['check', '--engine', 'eslint', '--suppress-all'], { cwd: dir }).status).toBe(0);
    // One new violation beyond the recorded ones.
    appendFileSync(file, "\nexport async function more(): Promise<string> {\n  return readFileSync('x', 'utf8');\n}\n");
    const eslint = check(dir, 'eslint');
    const oxlint = check(dir, 'oxlint');
    expect(eslint.findings.map((finding) => finding.rule)).toEqual(['async-governance/no-blocking-in-async']);
    expect(oxlint).toEqual(eslint);
  });
});

describe('check --engine', () => {
  it('rejects an unknown engine, and oxlint on standard input', () => {
    const dir = copyOf('usage', path.join(root, 'examples/service'));
    const unknown = run(['check', '--engine', 'tslint'], { cwd: dir });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown --engine 'tslint'");
    const stdin = run(['check', '--engine', 'oxlint', '--stdin', '--stdin-filename', 'src/a.ts'], { cwd: dir, input: 'export {};\n' });
    expect(stdin.status).toBe(2);
    expect(stdin.stderr).toContain('--engine oxlint cannot lint --stdin');
  });

  it('lints standard input through ESLint under auto', () => {
    const dir = copyOf('stdin', path.join(root, 'examples/service'));
    const result = run(['check', '--stdin', '--stdin-filename', 'src/a.ts'], { cwd: dir, input: "import { readFileSync } from 'node:fs';\nexport async function f() { return readFileSync('a'); }\n" });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('async-governance/no-blocking-in-async');
  });
});
