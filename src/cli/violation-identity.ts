import type { Linter } from 'eslint';
import { commonEdges, diffLines } from './line-diff.js';

type Message = Linter.LintMessage;

/** A violation in one version of a file, with what identifies it across an edit. */
export interface Violation {
  message: Message;
  /** The offending code, whitespace collapsed. */
  code: string;
  /** Offsets of the reported range in the file's text. */
  start: number;
  end: number;
  /** Rule and message id: violations of different kinds never match. */
  kind: string;
  /** The head of the construct (`setInterval`, `while`, `this.cache.refresh`): survives edits inside it. */
  anchor: string;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The code up to the first bracket: the callee of a call, the keyword of a loop. */
function anchorOf(code: string): string {
  const head = /^[^({[=]*/.exec(code)?.[0] ?? '';
  return collapse(head).slice(0, 80);
}

/** The violations among `messages` (those of rules named `namespace/…`), located in `text`. */
export function violationsOf(messages: Message[], text: string, namespace: string): Violation[] {
  const starts = lineStarts(text);
  const offset = (line: number, column: number) => (starts[line - 1] ?? text.length) + column - 1;
  return messages
    .filter((message) => message.ruleId?.startsWith(`${namespace}/`))
    .map((message) => {
      const start = offset(message.line, message.column);
      const end = message.endLine ? offset(message.endLine, message.endColumn ?? 1) : start;
      const code = collapse(text.slice(start, end));
      return { message, code, start, end, kind: `${message.ruleId}\u0000${message.messageId ?? ''}`, anchor: anchorOf(code) };
    });
}

/**
 * Where each line of `before` is in `after`, or null for a line the edit changed or removed.
 * Falls back to the common head and tail when the changed middle is too large to diff.
 */
export function lineMapping(before: string, after: string): (line: number) => number | null {
  const hunks = diffLines(before, after);
  if (hunks === null) {
    const a = before.split('\n');
    const b = after.split('\n');
    const { head, tail } = commonEdges(a, b);
    return (line) => (line <= head ? line : line > a.length - tail ? line + b.length - a.length : null);
  }
  return (line) => {
    let shift = 0;
    for (const hunk of hunks) {
      if (line < hunk.oldLine) break;
      if (line < hunk.oldLine + hunk.removed.length) return null;
      shift += hunk.added.length - hunk.removed.length;
    }
    return line + shift;
  };
}

/**
 * The old version can only hold a violation matching a new one when the new one's head occurs
 * in its text; when none does, every violation is new and the old version need not be linted.
 */
export function mayPreExist(after: Violation[], beforeText: string): boolean {
  if (beforeText === '') return false;
  const collapsed = collapse(beforeText);
  return after.some((violation) => collapsed.includes(violation.anchor) || collapsed.includes(violation.code));
}

/**
 * The violations the edit introduces. Each old violation accounts for at most one new one, in
 * three passes:
 * 1. same kind starting at the same place, its line untouched by the edit (edits inside a
 *    loop, a changed `setInterval` period on another line);
 * 2. same kind and the same code (moved or re-indented code);
 * 3. same kind and the same head, in order (an edit on the violation's first line, such as
 *    `setInterval(tick, 1000)` becoming `setInterval(tick, 5000)`).
 * What is left over is new: a second `setInterval` still blocks, an identical copy too.
 */
export function introducedViolations(before: Violation[], after: Violation[], beforeText: string, afterText: string): Violation[] {
  const unmatchedBefore = new Set(before);
  const unmatchedAfter = new Set(after);
  const pair = (matches: (old: Violation, fresh: Violation) => boolean) => {
    for (const fresh of after) {
      if (!unmatchedAfter.has(fresh)) continue;
      for (const old of unmatchedBefore) {
        if (old.kind !== fresh.kind || !matches(old, fresh)) continue;
        unmatchedBefore.delete(old);
        unmatchedAfter.delete(fresh);
        break;
      }
    }
  };
  const mapLine = lineMapping(beforeText, afterText);
  pair((old, fresh) => old.message.column === fresh.message.column && mapLine(old.message.line) === fresh.message.line);
  pair((old, fresh) => old.code === fresh.code);
  pair((old, fresh) => old.anchor !== '' && old.anchor === fresh.anchor);
  return after.filter((violation) => unmatchedAfter.has(violation));
}
