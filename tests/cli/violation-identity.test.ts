import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { introducedViolations, lineMapping, mayPreExist, violationsOf } from '../../src/cli/violation-identity.js';

/** A lint message of `rule` covering `code`, the first occurrence at or after `from` in `text`. */
function messageAt(text: string, code: string, rule = 'ag/no-raw-service-loop', from = 0): Linter.LintMessage {
  const start = text.indexOf(code, from);
  const position = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };
  const begin = position(start);
  const end = position(start + code.length);
  return { ruleId: rule, messageId: 'loop', message: 'm', severity: 2, line: begin.line, column: begin.column, endLine: end.line, endColumn: end.column };
}

const of = (text: string, ...codes: string[]) => violationsOf(codes.map((code) => messageAt(text, code)), text, 'ag');

describe('lineMapping', () => {
  it('follows untouched lines through insertions and removals, and drops changed ones', () => {
    const map = lineMapping('a\nb\nc\nd\n', 'a\nX\nb\nC\nd\n');
    expect([1, 2, 3, 4].map(map)).toEqual([1, 3, null, 5]);
  });
});

describe('introducedViolations', () => {
  const before = 'start() {\n  setInterval(() => {\n    tick();\n  }, 1000);\n}\n';

  it('keeps a violation whose inside changed', () => {
    const after = before.replace('1000', '5000').replace('tick();', 'tick();\n    log();');
    expect(introducedViolations(of(before, 'setInterval(() => {\n    tick();\n  }, 1000)'), of(after, 'setInterval(() => {\n    tick();\n    log();\n  }, 5000)'), before, after)).toEqual([]);
  });

  it('keeps a one-line violation edited on its own line, by its head', () => {
    const old = 'setInterval(flush, 1000);\n';
    const changed = 'setInterval(flush, 30000);\n';
    expect(introducedViolations(of(old, 'setInterval(flush, 1000)'), of(changed, 'setInterval(flush, 30000)'), old, changed)).toEqual([]);
  });

  it('reports the second of two where there was one', () => {
    const after = `${before}again() {\n  setInterval(() => {\n    tick();\n  }, 1000);\n}\n`;
    const loop = 'setInterval(() => {\n    tick();\n  }, 1000)';
    const found = violationsOf([messageAt(after, loop), messageAt(after, loop, undefined, after.indexOf('again'))], after, 'ag');
    const introduced = introducedViolations(of(before, loop), found, before, after);
    expect(introduced.map((violation) => violation.message.line)).toEqual([7]);
  });

  it('never matches violations of different rules', () => {
    const text = 'setInterval(flush, 1000);\n';
    const old = violationsOf([messageAt(text, 'setInterval(flush, 1000)', 'ag/no-fire-and-forget')], text, 'ag');
    expect(introducedViolations(old, of(text, 'setInterval(flush, 1000)'), text, text)).toHaveLength(1);
  });
});

describe('mayPreExist', () => {
  it('is false when no new violation\'s head occurs in the old text', () => {
    const after = 'setInterval(flush, 1000);\n';
    expect(mayPreExist(of(after, 'setInterval(flush, 1000)'), 'const x = 1;\n')).toBe(false);
    expect(mayPreExist(of(after, 'setInterval(flush, 1000)'), 'setInterval(flush, 5);\n')).toBe(true);
    expect(mayPreExist(of(after, 'setInterval(flush, 1000)'), '')).toBe(false);
  });
});
