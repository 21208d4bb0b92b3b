import { describe, expect, it } from 'vitest';
import { applyPatch, PatchError, parsePatch } from '../../src/cli/apply-patch.js';

const FILES: Record<string, string> = {
  'src/a.ts': 'one\ntwo\nthree\nfour\nfive\n',
  'src/b.ts': 'export const b = 1;\n',
};
const read = (file: string) => {
  if (!(file in FILES)) throw new Error(`ENOENT: ${file}`);
  return FILES[file];
};

describe('applyPatch', () => {
  it('applies several hunks of an Update in order, by their context lines', () => {
    const patch = ['*** Begin Patch', '*** Update File: src/a.ts', '@@', ' one', '-two', '+TWO', '@@', ' four', '-five', '+FIVE', '+six', '*** End Patch'].join('\n');
    expect(applyPatch(patch, read)).toEqual([{ path: 'src/a.ts', target: 'src/a.ts', before: FILES['src/a.ts'], after: 'one\nTWO\nthree\nfour\nFIVE\nsix\n' }]);
  });

  it('finds a hunk after its @@ header line, and tolerates trailing whitespace differences', () => {
    const patch = ['*** Begin Patch', '*** Update File: src/a.ts', '@@ three', ' four  ', '-five', '+5', '*** End Patch'].join('\n');
    // As Codex does, the hunk's own lines replace the matched ones.
    expect(applyPatch(patch, read)[0].after).toBe('one\ntwo\nthree\nfour  \n5\n');
  });

  it('reads Add, Delete and Move in one patch', () => {
    const patch = ['*** Begin Patch', '*** Add File: src/c.ts', '+export const c = 3;', '*** Delete File: src/b.ts', '*** Update File: src/a.ts', '*** Move to: lib/a.ts', '@@', '-one', '+ONE', '*** End Patch'].join('\n');
    expect(applyPatch(patch, read).map(({ path, target, after }) => ({ path, target, after }))).toEqual([
      { path: 'src/c.ts', target: 'src/c.ts', after: 'export const c = 3;\n' },
      { path: 'src/b.ts', target: 'src/b.ts', after: null },
      { path: 'src/a.ts', target: 'lib/a.ts', after: 'ONE\ntwo\nthree\nfour\nfive\n' },
    ]);
  });

  it('anchors an *** End of File hunk at the end', () => {
    const patch = ['*** Begin Patch', '*** Update File: src/a.ts', '@@', ' five', '+six', '*** End of File', '*** End Patch'].join('\n');
    expect(applyPatch(patch, read)[0].after).toBe('one\ntwo\nthree\nfour\nfive\nsix\n');
  });

  it('refuses a patch whose context does not match, or that is not a patch', () => {
    const wrong = ['*** Begin Patch', '*** Update File: src/a.ts', '@@', ' seven', '-eight', '+8', '*** End Patch'].join('\n');
    expect(() => applyPatch(wrong, read)).toThrow(PatchError);
    expect(() => parsePatch('diff --git a/x b/x')).toThrow(/Begin Patch/);
    expect(() => parsePatch('*** Begin Patch\n*** Update File: src/a.ts\n')).toThrow(/End Patch/);
  });
});
