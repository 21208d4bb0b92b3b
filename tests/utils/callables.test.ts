import { describe, expect, it } from 'vitest';
import { resolveCallee, resolveFunction, returnsPromise } from '../../src/utils/callables.js';
import { lintWith } from './lint-with.js';

/** For every call in `code`: whether its callee resolves, and whether to a promise-returning function. */
function resolveAll(code: string, filename = 'src/file.js'): Record<string, 'async' | 'sync' | null> {
  const found: Record<string, 'async' | 'sync' | null> = {};
  lintWith(code, (context) => ({
    CallExpression(node) {
      const callable = resolveCallee(context.sourceCode, node.callee);
      found[context.sourceCode.getText(node.callee)] = callable ? (returnsPromise(callable) ? 'async' : 'sync') : null;
    },
  }), filename);
  return found;
}

describe('resolveCallee', () => {
  it('resolves functions stored on objects, the CommonJS way', () => {
    const found = resolveAll(`
      const User = require('./db').model('User');
      User.syncCounts = async function () {};
      User.label = function () {};
      exports.reindex = async () => {};
      async function sendDigest() {}
      const api = { async refresh() {}, sendDigest };
      function run() {
        User.syncCounts(); User.label(); exports.reindex(); module.exports.reindex();
        api.refresh(); api.sendDigest(); User.unknown();
      }
    `);
    expect(found).toMatchObject({
      'User.syncCounts': 'async',
      'User.label': 'sync',
      'exports.reindex': 'async',
      'module.exports.reindex': 'async',
      'api.refresh': 'async',
      'api.sendDigest': 'async',
      'User.unknown': null,
    });
  });

  it('keeps exports and module.exports apart once module.exports is replaced', () => {
    const found = resolveAll(`
      module.exports = { async flush() {}, start() { this.flush(); } };
      function stop() { module.exports.flush(); exports.flush(); }
    `);
    expect(found).toMatchObject({ 'this.flush': 'async', 'module.exports.flush': 'async', 'exports.flush': null });
  });

  it('follows this through prototype methods and static methods through the class name', () => {
    const found = resolveAll(`
      function Session() {}
      Session.prototype.persist = async function () {};
      Session.prototype.touch = function () { this.persist(); };
      class Repo { static async sync() {} }
      const Cache = class { static warm() {} };
      Repo.sync(); Cache.warm();
    `);
    expect(found).toMatchObject({ 'this.persist': 'async', 'Repo.sync': 'async', 'Cache.warm': 'sync' });
  });

  it('gives up on shadowed names and on assignments that disagree', () => {
    const found = resolveAll(`
      const User = {};
      User.sync = async () => {};
      exports.flip = async () => {};
      exports.flip = () => {};
      function count(User) { User.sync(); exports.flip(); }
    `);
    expect(found).toMatchObject({ 'User.sync': null, 'exports.flip': null });
  });
});

describe('resolveFunction', () => {
  it('sees through bind and returns only functions with a body', () => {
    const names: Record<string, string | null> = {};
    lintWith(`
      class Poller { async tick() {} start() { setTimeout(this.tick.bind(this), 5); } }
      declare function external(): Promise<void>;
      const beat = async () => {};
      setTimeout(external, 5); setTimeout(beat, 5);
    `, (context) => ({
      CallExpression(node) {
        if (node.arguments.length !== 2) return;
        const fn = resolveFunction(context.sourceCode, node.arguments[0]);
        names[context.sourceCode.getText(node.arguments[0])] = fn ? fn.type : null;
      },
    }), 'src/file.ts');
    expect(names).toEqual({ 'this.tick.bind(this)': 'FunctionExpression', external: null, beat: 'ArrowFunctionExpression' });
  });
});
