import { readFileSync } from 'node:fs';

/** The file a hook call is about: its text before and after the proposed write. */
export interface ProposedChange {
  filePath: string;
  before: string;
  after: string;
  /** Working directory of the agent session, when the event names one. */
  cwd?: string;
}

/** Input the hook cannot act on: it allows the write (or blocks with `--fail-closed`) and says why. */
export class HookInputError extends Error {
  override name = 'HookInputError';
}

export interface Replacement {
  old_string: string;
  new_string: string;
  replace_all?: boolean;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function requireString(input: Record<string, unknown>, key: string, tool: string): string {
  const value = input[key];
  if (typeof value !== 'string') throw new HookInputError(`${tool} event without a string tool_input.${key}`);
  return value;
}

/** The current text of a file; a file that does not exist yet is empty. */
export function readCurrent(filePath: string): string {
  try {
    return readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new HookInputError(`cannot read ${filePath}: ${(error as Error).message}`);
  }
}

export function readExisting(filePath: string, tool: string): string {
  try {
    return readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new HookInputError(`${tool} of a file that cannot be read (${filePath}): ${(error as Error).message}`);
  }
}

/** Applies one Edit the way the tool does: the first occurrence, or all with `replace_all`. */
export function applyReplacement(text: string, edit: Replacement): string {
  if (edit.old_string === '') {
    if (text === '') return edit.new_string;
    throw new HookInputError('edit with an empty old_string on a non-empty file');
  }
  const index = text.indexOf(edit.old_string);
  if (index === -1) throw new HookInputError('edit whose old_string does not occur in the file');
  if (edit.replace_all) return text.split(edit.old_string).join(edit.new_string);
  // Splice instead of String#replace, which would expand `$&` and friends in new_string.
  return text.slice(0, index) + edit.new_string + text.slice(index + edit.old_string.length);
}

export function toReplacement(value: unknown, tool: string): Replacement {
  if (!isObject(value)) throw new HookInputError(`${tool} event with an edit that is not an object`);
  return {
    old_string: requireString(value, 'old_string', tool),
    new_string: requireString(value, 'new_string', tool),
    replace_all: value.replace_all === true,
  };
}

/** Tools that do not write files are not the hook's business. */
export class NotAWriteError extends Error {
  override name = 'NotAWriteError';
}

/** Generic mode: the full proposed content on stdin for the file named by `--stdin-filename`. */
export function changeFromContent(filePath: string, content: string): ProposedChange {
  return { filePath, before: readCurrent(filePath), after: content };
}
