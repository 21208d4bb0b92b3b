import { Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { getAsyncSites, getChainRoot, isHandledChain } from '../../src/utils/async-sites.js';
import { isPromiseTypeNode } from '../../src/utils/callables.js';

type Probe = (sites: ReturnType<typeof getAsyncSites>, node: TSESTree.CallExpression | TSESTree.NewExpression) => unknown;

/** Runs `probe` on every call and `new` that follows a `/*>*\/` marker, in source order. */
function collect(code: string, probe: Probe): unknown[] {
  const results: unknown[] = [];
  const rule: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create(context) {
      const visit = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
        const before = context.sourceCode.text.slice(Math.max(0, node.range[0] - 5), node.range[0]);
        // Only the outermost call of a chain that starts at the marker.
        const inner = node.parent.type === 'MemberExpression' && node.parent.object === node;
        if (before === '/*>*/' && !inner) results.push(probe(getAsyncSites(context.sourceCode), node));
      };
      return { CallExpression: visit, NewExpression: visit };
    },
  };
  const messages = new Linter().verify(code, [{
    files: ['**/*.ts'], languageOptions: { parser }, plugins: { t: { rules: { r: rule as never } } }, rules: { 't/r': 'error' },
  }], 'sites.ts');
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return results;
}

describe('getPromiseEvidence', () => {
  const evidence = (code: string) => collect(code, (sites, node) => sites.getPromiseEvidence(node));

  it('knows same-file async functions, methods, arrows and declared Promise returns', () => {
    expect(evidence(`
async function a() {}
const b = async () => {};
function c(): Promise<void> { return Promise.resolve(); }
function d() { return 1; }
class K { async m() {} n() { /*>*/this.m(); } static async s() {} }
/*>*/a(); /*>*/b(); /*>*/c(); /*>*/d(); /*>*/K.s(); /*>*/new K().m();
`)).toEqual(['async-function', 'async-function', 'async-function', 'async-function', null, 'async-function', 'async-function']);
  });

  it('knows Promise statics, new Promise, fetch, IIFEs and the promises modules', () => {
    expect(evidence(`
import { readFile } from 'node:fs/promises';
import fs from 'fs';
import { setInterval } from 'timers/promises';
/*>*/Promise.all([]); /*>*/Promise.withResolvers(); /*>*/new Promise(() => {}); /*>*/fetch('/x');
/*>*/(async () => {})(); /*>*/(() => {})();
/*>*/readFile('a'); /*>*/fs.promises.stat('a'); /*>*/setInterval(10);
`)).toEqual(['promise-static', null, 'new-promise', 'fetch', 'async-iife', null, 'promise-module', 'promise-module', null]);
  });

  it('leaves unknown imports alone and trusts a chain only with a promise-only link or a known root', () => {
    expect(evidence(`
import { send, when } from './lib';
/*>*/send(); /*>*/when().then(() => {}); /*>*/send().catch(() => {}); /*>*/send().then(ok, fail); /*>*/fetch('/').then(ok);
declare const ok: () => void; declare const fail: () => void;
`)).toEqual([null, null, 'promise-chain', 'promise-chain', 'promise-chain']);
  });
});

describe('getDiscard', () => {
  const discard = (code: string) => collect(code, (sites, node) => sites.getDiscard(node)?.kind ?? null);

  it('finds statements, void, sequences, conditionals, logicals and unread bindings', () => {
    expect(discard(`
async function f() {}
async function g(flag: boolean) {
  /*>*/f();
  void /*>*/f();
  /*>*/f(), 1;
  flag ? /*>*/f() : null;
  flag && /*>*/f();
  const unread = /*>*/f();
  const read = /*>*/f();
  await read;
  await /*>*/f();
  return /*>*/f();
}
`)).toEqual(['statement', 'void', 'sequence', 'statement', 'statement', 'unused-binding', null, null, null]);
  });

  it('treats arguments, arrow bodies, properties and exports as used', () => {
    expect(discard(`
async function f() {}
export const ready = /*>*/f();
const later = () => /*>*/f();
Promise.all([/*>*/f()]);
const holder = { job: /*>*/f() };
export { holder };
if (/*>*/f()) {}
`)).toEqual([null, null, null, null, null]);
  });
});

describe('chains', () => {
  it('finds the root and whether a rejection handler ends the chain', () => {
    expect(collect(`
declare function run(): Promise<void>;
/*>*/run().then(() => {}).catch(() => {});
/*>*/run().catch(() => {}).finally(() => {});
/*>*/run().then(() => {}, () => {});
/*>*/run().catch(undefined);
/*>*/run().then(...[], () => {});
/*>*/run().finally(() => {});
`, (_sites, node) => [getChainRoot(node).type, isHandledChain(node)])).toEqual([
      ['CallExpression', true], ['CallExpression', true], ['CallExpression', true], ['CallExpression', false], ['CallExpression', false], ['CallExpression', false],
    ]);
  });
});

describe('dropped callbacks', () => {
  it('names the sink that drops an async callback', () => {
    expect(collect(`
async function job() {}
declare const bus: { on(e: string, f: () => unknown): void };
/*>*/[1].forEach(async () => {});
/*>*/[1].forEach(job);
/*>*/[1].forEach(() => job());
/*>*/[1].map(async () => {});
export const kept = /*>*/[1].map(async () => {});
/*>*/bus.on('x', job);
/*>*/setTimeout(async () => {}, 1);
/*>*/process.nextTick(job);
`, (sites, node) => (node.type === 'CallExpression' ? sites.getDroppedCallback(node)?.sinkName ?? null : null))).toEqual([
      'forEach', 'forEach', null, 'map', null, 'on', 'setTimeout', 'process.nextTick',
    ]);
  });
});

describe('isPromiseTypeNode', () => {
  it('accepts Promise, PromiseLike and unions holding one', () => {
    const types = collect(`
declare function a(): Promise<void>;
declare function b(): PromiseLike<void> | null;
declare function c(): Thenable;
/*>*/a(); /*>*/b(); /*>*/c();
`, (sites, node) => sites.getPromiseEvidence(node));
    expect(types).toEqual(['async-function', 'async-function', null]);
    expect(isPromiseTypeNode(undefined)).toBe(false);
  });
});
