import { describe, expect, it } from 'vitest';
import { collectModuleBindings, getRootIdentifier, type Origin, resolveOrigin } from '../../src/utils/references.js';
import { lintWith } from './lint-with.js';

/** Resolves the callee of every call in `code`, keyed by the callee's source text. */
function resolveCallees(code: string): Record<string, Origin | null> {
  const found: Record<string, Origin | null> = {};
  lintWith(code, (context) => ({
    CallExpression(node) {
      found[context.sourceCode.getText(node.callee)] = resolveOrigin(context.sourceCode, node.callee);
    },
  }));
  return found;
}

describe('resolveOrigin', () => {
  it('follows ESM imports: default, namespace, named and aliased', () => {
    const found = resolveCallees(`
      import fs from 'fs';
      import * as cp from 'node:child_process';
      import { readFileSync as read, promises as fsp } from 'node:fs';
      import { setTimeout as delay } from 'timers/promises';
      fs.readFileSync('a'); cp.execSync('ls'); read('b'); fsp.readFile('c'); delay(5);
    `);
    expect(found["fs.readFileSync"]).toEqual({ kind: 'module', module: 'fs', path: ['readFileSync'] });
    expect(found['cp.execSync']).toEqual({ kind: 'module', module: 'child_process', path: ['execSync'] });
    expect(found.read).toEqual({ kind: 'module', module: 'fs', path: ['readFileSync'] });
    expect(found['fsp.readFile']).toEqual({ kind: 'module', module: 'fs/promises', path: ['readFile'] });
    expect(found.delay).toEqual({ kind: 'module', module: 'timers/promises', path: ['setTimeout'] });
  });

  it('follows require: plain, destructured, nested, aliased and inline', () => {
    const found = resolveCallees(`
      const fs = require('fs');
      const { execSync: run } = require('node:child_process');
      const { promises: { readFile } } = require('fs');
      const { gzipSync = null } = require('zlib');
      fs.statSync('a'); run('ls'); readFile('b'); gzipSync(x); require('fs').mkdirSync('d');
    `);
    expect(found['fs.statSync']).toEqual({ kind: 'module', module: 'fs', path: ['statSync'] });
    expect(found.run).toEqual({ kind: 'module', module: 'child_process', path: ['execSync'] });
    expect(found.readFile).toEqual({ kind: 'module', module: 'fs/promises', path: ['readFile'] });
    expect(found.gzipSync).toEqual({ kind: 'module', module: 'zlib', path: ['gzipSync'] });
    expect(found["require('fs').mkdirSync"]).toEqual({ kind: 'module', module: 'fs', path: ['mkdirSync'] });
  });

  it('follows constants, instances, class fields and dynamic imports', () => {
    const found = resolveCallees(`
      import Database from 'better-sqlite3';
      import fs from 'fs';
      const fsp = fs.promises;
      const db = new Database('x');
      class Repo {
        private client = new Database('y');
        constructor() { this.files = fs; }
        async run() {
          const { readFile: rf } = await import('node:fs/promises');
          fsp.readFile('a'); db.prepare('q'); this.client.exec('q'); this.files.readFileSync('b'); rf('c');
        }
      }
    `);
    expect(found['fsp.readFile']).toEqual({ kind: 'module', module: 'fs/promises', path: ['readFile'] });
    expect(found['db.prepare']).toEqual({ kind: 'module', module: 'better-sqlite3', path: ['()', 'prepare'] });
    expect(found['this.client.exec']).toEqual({ kind: 'module', module: 'better-sqlite3', path: ['()', 'exec'] });
    expect(found['this.files.readFileSync']).toEqual({ kind: 'module', module: 'fs', path: ['readFileSync'] });
    expect(found.rf).toEqual({ kind: 'module', module: 'fs/promises', path: ['readFile'] });
  });

  it('resolves globals and folds globalThis, global and window', () => {
    const found = resolveCallees(`
      setInterval(tick, 5); globalThis.setInterval(tick, 5); window.setTimeout(tick); global.Atomics.wait(a, 0, 0);
    `);
    expect(found.setInterval).toEqual({ kind: 'global', path: ['setInterval'] });
    expect(found['globalThis.setInterval']).toEqual({ kind: 'global', path: ['setInterval'] });
    expect(found['window.setTimeout']).toEqual({ kind: 'global', path: ['setTimeout'] });
    expect(found['global.Atomics.wait']).toEqual({ kind: 'global', path: ['Atomics', 'wait'] });
  });

  it('gives up on parameters, reassigned bindings, local functions and shadowed require', () => {
    const found = resolveCallees(`
      import fs from 'fs';
      let target = require('fs');
      target = other;
      function readFileSync() {}
      function run(fs, setInterval, require) {
        fs.readFileSync('a'); setInterval(f); require('fs').statSync('b');
      }
      target.readFileSync('c'); readFileSync();
    `);
    expect(found['fs.readFileSync']).toBeNull();
    expect(found.setInterval).toBeNull();
    expect(found["require('fs').statSync"]).toBeNull();
    expect(found['target.readFileSync']).toBeNull();
    expect(found.readFileSync).toBeNull();
  });
});

describe('collectModuleBindings', () => {
  it('lists module-level names bound to the given modules', () => {
    let names = new Set<string>();
    lintWith(
      `import fs, { statSync as st } from 'node:fs';
       import * as fsp from 'fs/promises';
       import { join } from 'path';
       const { execSync: run, spawn } = require('child_process');
       const zlib = require('zlib').constants;`,
      (context) => ({
        Program(node) {
          names = collectModuleBindings(node, ['fs', 'child_process']);
          expect(context.sourceCode.ast).toBe(node);
        },
      }),
    );
    expect([...names].sort()).toEqual(['fs', 'fsp', 'run', 'spawn', 'st']);
  });
});

describe('getRootIdentifier', () => {
  it('walks members and calls down to their root', () => {
    const roots: (string | null)[] = [];
    lintWith(`a.b.c(); d().e(); this.f(); (g as any).h();`, () => ({
      'ExpressionStatement > CallExpression'(node: { callee: never }) {
        roots.push(getRootIdentifier(node.callee));
      },
    }));
    expect(roots).toEqual(['a', 'd', null, 'g']);
  });
});
