import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { recommendedRules } from '../src/configs/recommended.js';
import { strictRules } from '../src/configs/strict.js';

const root = path.resolve(import.meta.dirname, '..');
const ruleIds = Object.keys(plugin.rules);
const NAMESPACE = 'async-governance';

describe('plugin', () => {
  it('exposes meta, rules and the three configs', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: NAMESPACE });
    expect(Object.keys(plugin.configs).sort()).toEqual(['recommended', 'recommended-type-checked', 'strict']);
    for (const config of Object.values(plugin.configs)) {
      expect(config.plugins?.[NAMESPACE]).toBe(plugin);
      expect(config.files).toEqual(['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']);
    }
    expect(plugin.configs['recommended-type-checked'].rules).toEqual(plugin.configs.recommended.rules);
    expect(plugin.configs['recommended-type-checked'].languageOptions?.parserOptions).toMatchObject({ projectService: true });
  });

  it('lists the rules alphabetically', () => {
    expect(ruleIds).toEqual([...ruleIds].sort());
  });
});

describe.each(ruleIds)('%s', (id) => {
  const rule = plugin.rules[id as keyof typeof plugin.rules];
  const docs = rule.meta.docs as NonNullable<typeof rule.meta.docs>;
  const source = readFileSync(path.join(root, 'src/rules', `${id}.ts`), 'utf8');

  it('is named by the naming rule and described by a verb', () => {
    expect(id).toMatch(/^(no|prefer|require|consistent)-[a-z]+(-[a-z]+)*$/);
    expect(rule.name).toBe(id);
    expect(docs.description).toMatch(/^(Disallow|Require|Enforce) [^.]+[^.]$/);
    expect(docs.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
  });

  it('has a doc page whose header is generated', () => {
    const doc = path.join(root, 'docs/rules', `${id}.md`);
    expect(existsSync(doc)).toBe(true);
    const text = readFileSync(doc, 'utf8');
    expect(text.startsWith(`<!-- begin header -->\n# ${NAMESPACE}/${id}\n`)).toBe(true);
    for (const heading of ['## Examples', '## Options', '## When Not To Use It']) expect(text).toContain(heading);
  });

  it('accepts its default options', () => {
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify('export {};', [{
      files: ['**/*.ts'],
      plugins: { [NAMESPACE]: plugin as never },
      rules: { [`${NAMESPACE}/${id}`]: ['error', ...(rule.defaultOptions as unknown[])] as Linter.RuleEntry },
    }], 'src/file.ts');
    expect(messages).toEqual([]);
  });

  it('declares type checking exactly when it requires parser services', () => {
    const usesTypes = /getParserServices|parserServices/.test(source);
    expect(docs.requiresTypeChecking).toBe(usesTypes && !/parserServices\?\./.test(source));
  });

  it('is in the configs its metadata names', () => {
    const { recommended } = docs;
    const key = `${NAMESPACE}/${id}`;
    const inRecommended = typeof recommended === 'string' ? recommended === 'recommended' : !!recommended.recommended;
    expect(key in recommendedRules).toBe(inRecommended);
    expect(key in strictRules).toBe(true);
  });
});
