/** One changed stretch of lines: what goes away and what comes in. */
export interface Hunk {
  /** 1-based line of the hunk in `before`, and in `after`. */
  oldLine: number;
  line: number;
  removed: string[];
  added: string[];
}

/** Past this many lines in the differing middle the quadratic diff is skipped. */
const MAX_MIDDLE_LINES = 600;

/** How many lines two texts share at their start (head) and, after that, at their end (tail). */
export function commonEdges(a: string[], b: string[]): { head: number; tail: number } {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  return { head, tail };
}

/**
 * Line hunks turning `before` into `after` (longest common subsequence on the part between the
 * common head and tail), or null when the middle is too large to diff cheaply.
 */
export function diffLines(before: string, after: string): Hunk[] | null {
  const a = before.split('\n');
  const b = after.split('\n');
  const { head, tail } = commonEdges(a, b);
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  if (x.length > MAX_MIDDLE_LINES || y.length > MAX_MIDDLE_LINES) return null;
  // lcs[i][j]: length of the LCS of x[i..] and y[j..].
  const lcs = Array.from({ length: x.length + 1 }, () => new Uint16Array(y.length + 1));
  for (let i = x.length - 1; i >= 0; i -= 1) {
    for (let j = y.length - 1; j >= 0; j -= 1) {
      lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const hunks: Hunk[] = [];
  let current: Hunk | null = null;
  let i = 0;
  let j = 0;
  const open = () => (current ??= { oldLine: head + i + 1, line: head + j + 1, removed: [], added: [] });
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      if (current) hunks.push(current);
      current = null;
      i += 1;
      j += 1;
    } else if (j < y.length && (i === x.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      open().added.push(y[j]);
      j += 1;
    } else {
      open().removed.push(x[i]);
      i += 1;
    }
  }
  if (current) hunks.push(current);
  return hunks;
}
