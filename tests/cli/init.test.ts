import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, run, snapshot } from './helpers.js';

const read = (repo: string, file: string) => readFileSync(path.join(repo, file), 'utf8');
const readJson = (repo: string, file: string) => JSON.parse(read(repo, file));

describe('init', () => {
  it('sets up a fresh repository', () => {
    const repo = makeRepo({ 'package.json': JSON.stringify({ name: 'svc', scripts: { test: 'vitest' } }, null, 4) });
    const result = run(['init'], { cwd: repo });
    expect(result.status).toBe(0);
    expect(read(repo, 'eslint.config.mjs')).toBe(
      "import asyncGovernance from 'eslint-plugin-async-governance';\n\nexport default [\n  asyncGovernance.configs.recommended,\n];\n",
    );
    const pkg = read(repo, 'package.json');
    expect(pkg).toMatch(/^ {4}"name"/m);
    expect(JSON.parse(pkg)).toEqual({
      name: 'svc',
      scripts: { test: 'vitest' },
      'lint-staged': { '*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}': 'async-governance check' },
    });
    expect(readJson(repo, '.claude/settings.json')).toEqual({
      hooks: {
        PreToolUse: [
          {
            matcher: 'Write|Edit',
            hooks: [{ type: 'command', command: 'sh "$CLAUDE_PROJECT_DIR/node_modules/eslint-plugin-async-governance/dist/cli/hook-client.sh"' }],
          },
        ],
      },
    });
    expect(result.stdout).toContain('created: eslint.config.mjs');
  });

  it('never clobbers an existing ESLint config and prints the lines to add', () => {
    const own = "export default [{ rules: { 'no-console': 'warn' } }];\n";
    const repo = makeRepo({ 'eslint.config.js': own, 'package.json': '{}' });
    const result = run(['init'], { cwd: repo });
    expect(result.status).toBe(0);
    expect(read(repo, 'eslint.config.js')).toBe(own);
    expect(existsSync(path.join(repo, 'eslint.config.mjs'))).toBe(false);
    expect(result.stdout).toContain("import asyncGovernance from 'eslint-plugin-async-governance';");
    expect(result.stdout).toContain('asyncGovernance.configs.recommended,');
  });

  it('merges into existing Claude Code settings and lint-staged entries', () => {
    const settings = {
      permissions: { allow: ['Bash(npm test)'] },
      hooks: {
        PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'guard.sh' }] }],
        PostToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: 'prettier --write' }] }],
      },
    };
    const repo = makeRepo({
      '.claude/settings.json': JSON.stringify(settings),
      'package.json': JSON.stringify({ name: 'svc', 'lint-staged': { '*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}': 'prettier --write', '*.md': 'prettier --write' } }),
    });
    expect(run(['init'], { cwd: repo }).status).toBe(0);
    const merged = readJson(repo, '.claude/settings.json');
    expect(merged.permissions).toEqual(settings.permissions);
    expect(merged.hooks.PostToolUse).toEqual(settings.hooks.PostToolUse);
    expect(merged.hooks.PreToolUse).toHaveLength(2);
    expect(merged.hooks.PreToolUse[0]).toEqual(settings.hooks.PreToolUse[0]);
    expect(merged.hooks.PreToolUse[1].matcher).toBe('Write|Edit');
    expect(readJson(repo, 'package.json')['lint-staged']).toEqual({
      '*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}': ['prettier --write', 'async-governance check'],
      '*.md': 'prettier --write',
    });
  });

  it('changes nothing when run twice', () => {
    const repo = makeRepo({ 'package.json': '{ "name": "svc" }\n' });
    expect(run(['init'], { cwd: repo }).status).toBe(0);
    const before = snapshot(repo);
    const contents = Object.keys(before).map((file) => read(repo, file));
    const again = run(['init'], { cwd: repo });
    expect(again.status).toBe(0);
    expect(again.stdout.match(/unchanged/g)).toHaveLength(4);
    expect(Object.keys(snapshot(repo)).map((file) => read(repo, file))).toEqual(contents);
  });

  it('prints the plan and writes nothing with --dry-run', () => {
    const repo = makeRepo({ 'package.json': '{}' });
    const before = snapshot(repo);
    const result = run(['init', '--dry-run'], { cwd: repo });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('would create: eslint.config.mjs');
    expect(result.stdout).toContain('would update: package.json');
    expect(result.stdout).toContain(`would create: ${path.join('.claude', 'settings.json')}`);
    expect(snapshot(repo)).toEqual(before);
  });

  it('exits 2 and writes nothing when existing settings are not valid JSON', () => {
    const repo = makeRepo({ '.claude/settings.json': '{ "hooks": ', 'package.json': '{}' });
    const before = snapshot(repo);
    const result = run(['init'], { cwd: repo });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('settings.json');
    expect(snapshot(repo)).toEqual(before);
  });

  it('points to a lint-staged config file instead of editing package.json', () => {
    const repo = makeRepo({ '.lintstagedrc.json': '{}', 'package.json': '{"name":"svc"}' });
    const result = run(['init'], { cwd: repo });
    expect(result.stdout).toContain('to do by hand: .lintstagedrc.json');
    expect(readJson(repo, 'package.json')).toEqual({ name: 'svc' });
  });
});
