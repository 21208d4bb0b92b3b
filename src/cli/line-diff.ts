/** One changed stretch of lines: what goes away and what comes in. */
export interface Hunk {
  /** 1-based line of the hunk in `before`, and in `after`. */
  oldLine: number;
  line: number;
  removed: string[];
  added: string[];
}

/** Past this many changed lines the diff gives up (its cost grows with lines × changes). */
const MAX_EDITS = 1000;

/** How many lines two texts share at their start (head) and, after that, at their end (tail). */
export function commonEdges(a: string[], b: string[]): { head: number; tail: number } {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  return { head, tail };
}

type Edit = 'same' | 'add' | 'remove';

/**
 * The shortest edit script from `x` to `y` (Myers' O((N+M)·D) algorithm: cheap when few lines
 * changed, which is the hook's case), or null past MAX_EDITS changes.
 */
function shortestEdit(x: string[], y: string[]): Edit[] | null {
  const n = x.length;
  const m = y.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  // furthest[k]: the furthest x index reached on diagonal k = i - j; one copy per step, to trace back.
  const furthest = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d += 1) {
    trace.push(furthest.slice());
    for (let k = -d; k <= d; k += 2) {
      let i = k === -d || (k !== d && furthest[offset + k - 1] < furthest[offset + k + 1]) ? furthest[offset + k + 1] : furthest[offset + k - 1] + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) {
        i += 1;
        j += 1;
      }
      furthest[offset + k] = i;
      if (i >= n && j >= m) return traceBack(trace, offset, n, m);
    }
  }
  return null;
}

function traceBack(trace: Int32Array[], offset: number, n: number, m: number): Edit[] {
  const edits: Edit[] = [];
  let i = n;
  let j = m;
  for (let d = trace.length - 1; d > 0; d -= 1) {
    const previous = trace[d];
    const k = i - j;
    const down = k === -d || (k !== d && previous[offset + k - 1] < previous[offset + k + 1]);
    const fromK = down ? k + 1 : k - 1;
    const fromI = previous[offset + fromK];
    const fromJ = fromI - fromK;
    while (i > (down ? fromI : fromI + 1) && j > (down ? fromJ + 1 : fromJ)) {
      edits.push('same');
      i -= 1;
      j -= 1;
    }
    edits.push(down ? 'add' : 'remove');
    i = fromI;
    j = fromJ;
  }
  for (; i > 0; i -= 1) edits.push('same');
  return edits.reverse();
}

/**
 * Line hunks turning `before` into `after` (a shortest edit script on the part between the common
 * head and tail), or null when too much changed to diff cheaply.
 */
export function diffLines(before: string, after: string): Hunk[] | null {
  const a = before.split('\n');
  const b = after.split('\n');
  const { head, tail } = commonEdges(a, b);
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const edits = shortestEdit(x, y);
  if (edits === null) return null;
  const hunks: Hunk[] = [];
  let current: Hunk | null = null;
  let i = 0;
  let j = 0;
  const open = () => (current ??= { oldLine: head + i + 1, line: head + j + 1, removed: [], added: [] });
  for (const edit of edits) {
    if (edit === 'same') {
      if (current) hunks.push(current);
      current = null;
      i += 1;
      j += 1;
    } else if (edit === 'add') {
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
