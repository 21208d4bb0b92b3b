/** One file a Codex `apply_patch` call touches, with its text after the patch (null when deleted). */
export interface PatchedFile {
  /** Path as written in the patch (relative to the session's cwd, or absolute). */
  path: string;
  /** Where the file ends up: the `*** Move to:` target, or `path`. */
  target: string;
  before: string;
  after: string | null;
}

/** A patch that cannot be read or applied, with the reason. */
export class PatchError extends Error {
  override name = 'PatchError';
}

type Operation =
  | { kind: 'add'; path: string; lines: string[] }
  | { kind: 'delete'; path: string }
  | { kind: 'update'; path: string; moveTo?: string; hunks: Hunk[] };

interface Hunk {
  /** The `@@ text` header: a line to find before the hunk's context (may be empty). */
  anchor: string;
  oldLines: string[];
  newLines: string[];
  atEndOfFile: boolean;
}

const FILE_HEADER = /^\*\*\* (Add|Delete|Update) File: (.+)$/;

/** Parses the apply_patch envelope (`*** Begin Patch` … `*** End Patch`). */
export function parsePatch(patch: string): Operation[] {
  const lines = patch.replace(/\r\n/g, '\n').split('\n');
  let index = lines.findIndex((line) => line.trim() === '*** Begin Patch');
  if (index === -1) throw new PatchError('the patch has no "*** Begin Patch" line');
  index += 1;
  const operations: Operation[] = [];
  for (;;) {
    if (index >= lines.length) throw new PatchError('the patch has no "*** End Patch" line');
    const line = lines[index];
    if (line.trim() === '*** End Patch') break;
    const header = FILE_HEADER.exec(line);
    if (!header) {
      if (line.trim() === '') {
        index += 1;
        continue;
      }
      throw new PatchError(`unexpected line ${index + 1} in the patch: ${line.slice(0, 80)}`);
    }
    const [, kind, filePath] = header;
    index += 1;
    if (kind === 'Delete') {
      operations.push({ kind: 'delete', path: filePath.trim() });
    } else if (kind === 'Add') {
      const added: string[] = [];
      while (index < lines.length && lines[index].startsWith('+')) added.push(lines[index++].slice(1));
      operations.push({ kind: 'add', path: filePath.trim(), lines: added });
    } else {
      let moveTo: string | undefined;
      if (lines[index]?.startsWith('*** Move to: ')) moveTo = lines[index++].slice('*** Move to: '.length).trim();
      const hunks: Hunk[] = [];
      let hunk: Hunk | null = null;
      const open = (anchor: string) => {
        hunk = { anchor, oldLines: [], newLines: [], atEndOfFile: false };
        hunks.push(hunk);
        return hunk;
      };
      while (index < lines.length && !lines[index].startsWith('*** ') ) {
        const body = lines[index];
        if (body.startsWith('@@')) open(body.slice(2).trim());
        else if (body.startsWith('+')) (hunk ?? open('')).newLines.push(body.slice(1));
        else if (body.startsWith('-')) (hunk ?? open('')).oldLines.push(body.slice(1));
        else if (body.startsWith(' ') || body === '') {
          const current = hunk ?? open('');
          current.oldLines.push(body.slice(1));
          current.newLines.push(body.slice(1));
        } else throw new PatchError(`unexpected line ${index + 1} in the patch: ${body.slice(0, 80)}`);
        index += 1;
      }
      if (lines[index]?.trim() === '*** End of File') {
        if (hunk) (hunk as Hunk).atEndOfFile = true;
        index += 1;
      }
      if (hunks.length === 0 && !moveTo) throw new PatchError(`the update of ${filePath.trim()} has no hunk`);
      operations.push({ kind: 'update', path: filePath.trim(), moveTo, hunks });
    }
  }
  if (operations.length === 0) throw new PatchError('the patch changes no file');
  return operations;
}

/** Finds `needle` in `haystack` from `start`: exactly, then ignoring trailing, then all surrounding whitespace. */
function seek(haystack: string[], needle: string[], start: number, atEnd: boolean): number {
  if (needle.length === 0) return atEnd ? haystack.length : start;
  const normalizers = [(s: string) => s, (s: string) => s.trimEnd(), (s: string) => s.trim()];
  for (const normalize of normalizers) {
    const wanted = needle.map(normalize);
    const first = atEnd ? Math.max(start, haystack.length - needle.length) : start;
    for (let at = first; at + needle.length <= haystack.length; at += 1) {
      if (wanted.every((line, offset) => normalize(haystack[at + offset]) === line)) return at;
    }
  }
  return -1;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Applies an Update's hunks to `text` by their context lines, in order. */
export function applyHunks(text: string, hunks: Hunk[], filePath: string): string {
  const lines = splitLines(text.replace(/\r\n/g, '\n'));
  const replacements: { at: number; remove: number; insert: string[] }[] = [];
  let cursor = 0;
  for (const hunk of hunks) {
    if (hunk.anchor !== '') {
      const found = seek(lines, [hunk.anchor], cursor, false);
      if (found === -1) throw new PatchError(`${filePath}: the hunk header "@@ ${hunk.anchor}" does not occur in the file`);
      cursor = found + 1;
    }
    // A hunk without old lines adds at the end of the file.
    const at = hunk.oldLines.length === 0 ? lines.length : seek(lines, hunk.oldLines, cursor, hunk.atEndOfFile);
    if (at === -1) throw new PatchError(`${filePath}: a hunk's context does not match the file (near "${(hunk.oldLines.find((line) => line.trim() !== '') ?? '').trim().slice(0, 60)}")`);
    replacements.push({ at, remove: hunk.oldLines.length, insert: hunk.newLines });
    cursor = at + hunk.oldLines.length;
  }
  for (const { at, remove, insert } of replacements.reverse()) lines.splice(at, remove, ...insert);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * The files a patch would leave behind. `read` gives a file's current text (throws when it
 * cannot be read); paths are resolved by the caller.
 */
export function applyPatch(patch: string, read: (path: string) => string): PatchedFile[] {
  return parsePatch(patch).map((operation): PatchedFile => {
    if (operation.kind === 'add') {
      let before = '';
      try {
        before = read(operation.path);
      } catch {
        // A new file: nothing before.
      }
      return { path: operation.path, target: operation.path, before, after: operation.lines.length === 0 ? '' : `${operation.lines.join('\n')}\n` };
    }
    const before = read(operation.path);
    if (operation.kind === 'delete') return { path: operation.path, target: operation.path, before, after: null };
    const after = operation.hunks.length === 0 ? before : applyHunks(before, operation.hunks, operation.path);
    return { path: operation.path, target: operation.moveTo ?? operation.path, before, after };
  });
}
