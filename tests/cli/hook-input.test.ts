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
});
