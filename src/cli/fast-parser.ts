import { createRequire } from 'node:module';
import { analyze } from '@typescript-eslint/scope-manager';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

type ParseSync = typeof import('oxc-parser').parseSync;
let parseSync: ParseSync | undefined;

/** Loads `oxc-parser` (a native module); false where it has no binary for the platform. */
export function loadFastParser(): boolean {
  try {
    parseSync ??= loadOxcParseSync();
    return true;
  } catch {
    return false;
  }
}

/** `oxc-parser`'s `parseSync`; the hook bundle replaces this loader (scripts/bundle-hook.mjs). */
function loadOxcParseSync(): ParseSync {
  return (createRequire(import.meta.url)('oxc-parser') as { parseSync: ParseSync }).parseSync;
}

/**
 * An ESLint parser for the hook: `oxc-parser` (native, TS-ESTree-shaped output) plus
 * `@typescript-eslint/scope-manager`, so a cold process never loads the `typescript` module.
 * It adds what ESLint needs and oxc leaves out: `loc` on every node, and the token list, rebuilt
 * from the source with the AST marking literals, templates and `>>`-style operators.
 * tests/cli/fast-parser.test.ts holds it to `@typescript-eslint/parser` (AST, tokens, lint results).
 */

interface Position {
  line: number;
  column: number;
}
interface Located {
  type: string;
  range: [number, number];
  loc?: { start: Position; end: Position };
  [key: string]: unknown;
}
interface Token {
  type: string;
  value: string;
  range: [number, number];
  loc: { start: Position; end: Position };
  regex?: { pattern: string; flags: string };
}

interface ParserOptions {
  /** Leave `ast.tokens` empty and return `tokenize()`, which fills them on demand (src/cli/fast-lint). */
  lazyTokens?: boolean;
  filePath?: string;
  sourceType?: string;
  lib?: string[];
  jsxPragma?: string | null;
  jsxFragmentName?: string | null;
  ecmaFeatures?: { globalReturn?: boolean; jsx?: boolean };
}

// The words typescript-estree types as `Keyword` (TypeScript's reserved and strict-mode words).
const KEYWORDS = new Set(
  'break case catch class const continue debugger default delete do else enum export extends finally for function if import in instanceof new return super switch this throw try typeof var void while with implements interface let package private protected public static yield'.split(' '),
);
const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<', '**',
];
// `>` starts a longer operator only where the AST has one; in `Map<string, Set<number>>` it stays single.
const GREATER_OPERATORS = new Set(['>>', '>>>', '>=', '>>=', '>>>=']);
const IDENTIFIER = /[\p{ID_Start}$_\\][\p{ID_Continue}$\u200c\u200d\\]*/uy;
const WHITESPACE = /[\s\uFEFF]+/y;

class LineIndex {
  readonly #starts = [0];
  constructor(text: string) {
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) this.#starts.push(index + 1);
  }
  position(offset: number): Position {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.#starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.#starts[low] };
  }
  loc(range: [number, number]) {
    return { start: this.position(range[0]), end: this.position(range[1]) };
  }
}

/** Spans the tokenizer takes whole from the AST, by start offset. */
interface AtomicSpan {
  end: number;
  type: string;
  regex?: { pattern: string; flags: string };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** JSX text values hold decoded entities in typescript-estree (numeric and the common named ones here). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] !== '#') return ENTITIES[body] ?? entity;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

function literalTokenType(node: Located): string {
  if (node.regex) return 'RegularExpression';
  if (node.value === null && node.raw === 'null') return 'Null';
  if (typeof node.value === 'boolean') return 'Boolean';
  if (typeof node.value === 'number' || typeof node.value === 'bigint' || node.bigint !== undefined && node.bigint !== null) return 'Numeric';
  return 'String';
}

/**
 * Adds `loc` and `parent` to every node (the fast lint then walks without setting parents) and
 * collects the spans the tokenizer needs.
 */
function annotate(program: Located, lines: LineIndex) {
  const atomic = new Map<number, AtomicSpan>();
  const greater = new Map<number, string>();
  // A keyword used as a name (`{ default: 1 }`, `as const`) is an Identifier token.
  const identifiers = new Set<number>();
  const keywords = new Set<number>();
  const jsxStrings = new Set<number>();
  program.parent = null;
  // Pairs of (value, the node that holds it).
  const stack: unknown[] = [program, null];
  while (stack.length > 0) {
    const holder = stack.pop() as Located | null;
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') stack.push(item, holder);
      continue;
    }
    const node = value as Located;
    if (typeof node.type !== 'string' || !Array.isArray(node.range)) continue;
    node.loc = lines.loc(node.range);
    if (holder !== null) node.parent = holder;
    const [start, end] = node.range;
    if (node.type === 'Literal') atomic.set(start, { end, type: jsxStrings.has(start) ? 'JSXText' : literalTokenType(node), regex: node.regex as AtomicSpan['regex'] });
    // e.g. <a href="x">: typescript-estree types the attribute string as a JSXText token.
    else if (node.type === 'JSXAttribute' && (node.value as Located | null)?.type === 'Literal') jsxStrings.add((node.value as Located).range[0]);
    else if (node.type === 'TemplateElement') atomic.set(start, { end, type: 'Template' });
    else if (node.type === 'JSXText') {
      atomic.set(start, { end, type: 'JSXText' });
      node.value = decodeEntities(node.value as string);
    }
    else if (node.type === 'Identifier') identifiers.add(start);
    // e.g. `import.meta`, `new.target`: the first word stays a Keyword token.
    else if (node.type === 'MetaProperty') keywords.add((node.meta as Located).range[0]);
    else if (node.type === 'JSXIdentifier') atomic.set(start, { end, type: 'JSXIdentifier' });
    else if ((node.type === 'BinaryExpression' || node.type === 'AssignmentExpression') && GREATER_OPERATORS.has(node.operator as string)) {
      greater.set((node.left as Located).range[1], node.operator as string);
    }
    for (const key in node) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      const child = node[key];
      if (child !== null && typeof child === 'object') stack.push(child, node);
    }
  }
  for (const start of keywords) identifiers.delete(start);
  return { atomic, greater, identifiers };
}

function tokenize(text: string, comments: Token[], spans: ReturnType<typeof annotate>, lines: LineIndex): Token[] {
  const { atomic, greater, identifiers } = spans;
  const commentEnds = new Map(comments.map((comment) => [comment.range[0], comment.range[1]]));
  const tokens: Token[] = [];
  const push = (type: string, start: number, end: number, regex?: Token['regex']) => {
    const range: [number, number] = [start, end];
    const token: Token = { type, value: text.slice(start, end), range, loc: lines.loc(range) };
    if (regex) token.regex = regex;
    tokens.push(token);
    return end;
  };
  // A hashbang line is neither a token nor a comment in typescript-estree.
  let pos = text.startsWith('#!') ? text.search(/\r?\n|$/) : 0;
  while (pos < text.length) {
    // JSX text may start with whitespace, so spans are looked up before skipping it.
    let span = atomic.get(pos);
    if (!span) {
      WHITESPACE.lastIndex = pos;
      if (WHITESPACE.test(text)) pos = WHITESPACE.lastIndex;
      if (pos >= text.length) break;
      const commentEnd = commentEnds.get(pos);
      if (commentEnd !== undefined) {
        pos = commentEnd;
        continue;
      }
      span = atomic.get(pos);
    }
    if (span) {
      pos = push(span.type, pos, span.end, span.regex);
      continue;
    }
    const char = text[pos];
    if (char === '#' && pos + 1 < text.length) {
      IDENTIFIER.lastIndex = pos + 1;
      if (IDENTIFIER.test(text)) {
        push('PrivateIdentifier', pos, IDENTIFIER.lastIndex);
        // typescript-estree gives a private name's token without the `#`.
        tokens[tokens.length - 1].value = text.slice(pos + 1, IDENTIFIER.lastIndex);
        pos = IDENTIFIER.lastIndex;
        continue;
      }
    }
    IDENTIFIER.lastIndex = pos;
    if (IDENTIFIER.test(text)) {
      const end = IDENTIFIER.lastIndex;
      const word = text.slice(pos, end);
      const type = identifiers.has(pos) ? 'Identifier' : word === 'null' ? 'Null' : word === 'true' || word === 'false' ? 'Boolean' : KEYWORDS.has(word) ? 'Keyword' : 'Identifier';
      pos = push(type, pos, end);
      continue;
    }
    if (char === '>') {
      // The operator of a `>>`-style binary expression is the first `>` after its left operand.
      let length = 1;
      for (const [after, operator] of greater) {
        if (after <= pos && text.startsWith(operator, pos)) {
          greater.delete(after);
          length = operator.length;
          break;
        }
      }
      pos = push('Punctuator', pos, pos + length);
      continue;
    }
    const punctuator = PUNCTUATORS.find((candidate) => text.startsWith(candidate, pos) && !(candidate === '?.' && /\d/.test(text[pos + 2] ?? '')));
    pos = push('Punctuator', pos, pos + (punctuator?.length ?? 1));
  }
  return tokens;
}

function languageOf(filePath: string): 'js' | 'jsx' | 'ts' | 'tsx' {
  if (/\.tsx$/i.test(filePath)) return 'tsx';
  if (/\.[cm]?ts$/i.test(filePath)) return 'ts';
  return 'jsx';
}

/** ESLint parser interface: the same AST, tokens, comments and scopes as `@typescript-eslint/parser` gives without type information. */
export function parseForESLint(code: string, options: ParserOptions = {}) {
  const filePath = options.filePath ?? 'file.ts';
  if (!loadFastParser() || !parseSync) throw new Error('oxc-parser is not available on this platform');
  const result = parseSync(filePath, code, { lang: languageOf(filePath), astType: 'ts', range: true, preserveParens: false, sourceType: 'unambiguous' });
  const error = result.errors[0];
  if (error) {
    const offset = error.labels[0]?.start ?? 0;
    const lines = new LineIndex(code);
    const { line, column } = lines.position(offset);
    throw Object.assign(new SyntaxError(error.message), { index: offset, lineNumber: line, column: column + 1 });
  }
  const lines = new LineIndex(code);
  const program = result.program as unknown as Located;
  // typescript-estree's Program spans the whole text, leading comments and whitespace included.
  program.range = [0, code.length];
  const comments: Token[] = result.comments.map((comment) => {
    const range: [number, number] = [comment.start, comment.end];
    return { type: comment.type, value: comment.value, range, loc: lines.loc(range) };
  });
  const spans = annotate(program, lines);
  delete program.hashbang;
  program.comments = comments;
  const fillTokens = () => (program.tokens = tokenize(code, comments, spans, lines));
  if (options.lazyTokens) program.tokens = [];
  else fillTokens();
  const sourceType = options.sourceType === 'module' ? 'module' : 'script';
  program.sourceType = sourceType;
  const scopeManager = analyze(program as never, {
    globalReturn: options.ecmaFeatures?.globalReturn,
    jsxPragma: options.jsxPragma,
    jsxFragmentName: options.jsxFragmentName,
    lib: options.lib as never,
    sourceType,
  });
  return { ast: program, scopeManager, services: {}, visitorKeys, ...(options.lazyTokens ? { tokenize: fillTokens } : {}) };
}

export const fastParser = { meta: { name: 'async-governance/fast-parser' }, parseForESLint };
