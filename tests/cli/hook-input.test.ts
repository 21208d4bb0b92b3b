import { describe, expect, it } from 'vitest';
import { readRequest } from '../../src/cli/hook-agents.js';
import { applyReplacement, HookInputError, NotAWriteError } from '../../src/cli/hook-input.js';

const changeFromEvent = (json: string) => readRequest(json).changes[0];
import { diffLines } from '../../src/cli/line-diff.js';

describe('applyReplacement', () => {
  it('replaces the first occurrence, or all with replace_all', () => {
    expect(applyReplacement('a b a', { old_string: 'a', new_string: 'c' })).toBe('c b a');
    expect(applyReplacement('a b a', { old_string: 'a', new_string: 'c', replace_all: true })).toBe('c b c');
  });

  it('takes new_string literally, with no $& expansion', () => {
    expect(applyReplacement('price', { old_string: 'price', new_string: '$&$1 `$$`' })).toBe('$&$1 `$$`');
  });

  it('creates a file from an empty old_string, and refuses one on a non-empty file', () => {
    expect(applyReplacement('', { old_string: '', new_string: 'x' })).toBe('x');
    expect(() => applyReplacement('y', { old_string: '', new_string: 'x' })).toThrow(HookInputError);
  });
});

describe('readRequest: Claude Code events', () => {
  it('treats a Write of a new file as empty before', () => {
    const change = changeFromEvent(JSON.stringify({ tool_name: 'Write', cwd: '/repo', tool_input: { file_path: '/nonexistent/dir/a.ts', content: 'x' } }));
    expect(change).toEqual({ filePath: '/nonexistent/dir/a.ts', before: '', after: 'x', cwd: '/repo' });
  });

  it('names tools that do not write files apart from bad input', () => {
    expect(() => changeFromEvent(JSON.stringify({ tool_name: 'Read', tool_input: {} }))).toThrow(NotAWriteError);
    expect(() => changeFromEvent('[]')).toThrow(HookInputError);
    expect(() => changeFromEvent(JSON.stringify({ tool_name: 'MultiEdit', tool_input: { file_path: '/a.ts', edits: [] } }))).toThrow(HookInputError);
    expect(() => changeFromEvent(JSON.stringify({ tool_name: 'Edit', tool_input: { file_path: '/a.ts', old_string: 1, new_string: '' } }))).toThrow(/old_string/);
  });
});

describe('diffLines', () => {
  it('finds an inserted import and a changed line apart', () => {
    const before = 'a\nb\nc\nd\ne';
    const after = 'a\nimport x\nb\nc\nD\ne';
    expect(diffLines(before, after)).toEqual([
      { oldLine: 2, line: 2, removed: [], added: ['import x'] },
      { oldLine: 4, line: 5, removed: ['d'], added: ['D'] },
    ]);
  });

  it('returns no hunks for equal text', () => {
    expect(diffLines('a\nb', 'a\nb')).toEqual([]);
  });

  it('gives a shortest edit script whose hunks rebuild the new text (random texts)', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const lines = (count: number) => Array.from({ length: count }, () => 'abc'[Math.floor(next() * 3)]);
    for (let round = 0; round < 500; round += 1) {
      // split('\n') of an empty text is one empty line.
      const a = lines(Math.floor(next() * 12) + 1);
      const b = lines(Math.floor(next() * 12) + 1);
      const hunks = diffLines(a.join('\n'), b.join('\n')) ?? [];
      const rebuilt: string[] = [];
      let line = 1;
      for (const hunk of hunks) {
        while (line < hunk.oldLine) rebuilt.push(a[line++ - 1]);
        expect(a.slice(line - 1, line - 1 + hunk.removed.length)).toEqual(hunk.removed);
        line += hunk.removed.length;
        expect(hunk.line).toBe(rebuilt.length + 1);
        rebuilt.push(...hunk.added);
      }
      while (line <= a.length) rebuilt.push(a[line++ - 1]);
      expect(rebuilt).toEqual(b);
      const changed = hunks.reduce((sum, hunk) => sum + hunk.removed.length + hunk.added.length, 0);
      expect(changed).toBe(editDistance(a, b));
    }
  });

  it('gives up when too much changed, and finds a small change in a long file', () => {
    const long = (prefix: string) => Array.from({ length: 1200 }, (_, index) => `${prefix}${index}`).join('\n');
    expect(diffLines(long('a'), long('b'))).toBeNull();
    const before = long('line ');
    const after = `import x\n${before.replace('line 900\n', 'line 900 changed\n')}`;
    expect(diffLines(before, after)).toEqual([
      { oldLine: 1, line: 1, removed: [], added: ['import x'] },
      { oldLine: 901, line: 902, removed: ['line 900'], added: ['line 900 changed'] },
    ]);
  });
});

/** Lines removed plus lines added by a shortest edit (through the longest common subsequence). */
function editDistance(a: string[], b: string[]): number {
  const common = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
  }
  return a.length + b.length - 2 * common[0][0];
}
