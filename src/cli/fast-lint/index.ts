import type { Linter } from 'eslint';
import { PLUGIN_NAMESPACE } from '../../configs/index.js';
import { recommendedRules } from '../../configs/recommended.js';
import { rules } from '../../rules/index.js';
import { loadSourceCode, type SourceCodeClass, type SourceCodeInstance } from './eslint-source-code.js';

/**
 * Lints one text with the plugin's recommended rules, without ESLint's `Linter`: parse, ESLint's
 * own `SourceCode`, one walk that sets `parent`, then the rules' listeners. It skips what our rules
 * never use (code-path analysis, selectors, inline config, option validation), which is most of
 * a cold `Linter` run. tests/cli/fast-lint.test.ts holds its messages equal to `Linter.verify`'s.
 */

type Message = Linter.LintMessage;
type Node = { type: string; range: [number, number]; loc: { start: { line: number; column: number }; end: { line: number; column: number } }; parent?: Node | null };
type Fix = { range: [number, number]; text: string };
type FixFunction = (fixer: RuleFixer) => Fix | Iterable<Fix> | null | undefined;
interface Descriptor {
  node?: Node;
  loc?: { line: number; column: number } | { start: { line: number; column: number }; end?: { line: number; column: number } };
  messageId?: string;
  message?: string;
  data?: Record<string, unknown>;
  fix?: FixFunction | null;
  suggest?: { messageId?: string; desc?: string; data?: Record<string, unknown>; fix: FixFunction }[] | null;
}
type Listener = (node: Node) => void;
type Rule = { meta?: { messages?: Record<string, string> }; create(context: unknown): Record<string, Listener | undefined> };

export interface Parser {
  parseForESLint(
    code: string,
    options: Record<string, unknown>,
  ): { ast: unknown; scopeManager?: unknown; visitorKeys?: unknown; services?: unknown; tokenize?: () => unknown };
}

export interface LintTextOptions {
  parser: Parser;
  /** ESLint's `settings` (by default none: the rules find each file's settings file). */
  eslintSettings?: Record<string, unknown>;
  cwd: string;
  /** False skips fixes and suggestions (when only the reports are needed). */
  fixes?: boolean;
  /** Runs only these rules (full ids), when only their reports are needed. */
  rules?: ReadonlySet<string>;
}

/** Newest `ecmaVersion` that ESLint 10 knows ("latest"); it only picks the built-in globals. */
const LATEST_ECMA_VERSION = 2026;
const SHEBANG = /^#!([^\r\n]+)/u;

/** ESLint's `{{ name }}` placeholders. */
function interpolate(text: string, data: Record<string, unknown> | undefined): string {
  if (!data || !text.includes('{{')) return text;
  return text.replace(/\{\{([^{}]+)\}\}/gu, (whole, term: string) => (term.trim() in data ? String(data[term.trim()]) : whole));
}

class RuleFixer {
  insertTextAfter = (node: { range: [number, number] }, text: string): Fix => this.insertTextAfterRange(node.range, text);
  insertTextAfterRange = (range: [number, number], text: string): Fix => ({ range: [range[1], range[1]], text });
  insertTextBefore = (node: { range: [number, number] }, text: string): Fix => this.insertTextBeforeRange(node.range, text);
  insertTextBeforeRange = (range: [number, number], text: string): Fix => ({ range: [range[0], range[0]], text });
  replaceText = (node: { range: [number, number] }, text: string): Fix => this.replaceTextRange(node.range, text);
  replaceTextRange = (range: [number, number], text: string): Fix => ({ range: [range[0], range[1]], text });
  remove = (node: { range: [number, number] }): Fix => this.removeRange(node.range);
  removeRange = (range: [number, number]): Fix => ({ range: [range[0], range[1]], text: '' });
}

/** ESLint's merge of a report's fixes into one: the original text between them is carried along. */
function mergeFixes(fixes: Fix[], text: string): Fix | null {
  if (fixes.length === 0) return null;
  if (fixes.length === 1) return { range: [fixes[0].range[0], fixes[0].range[1]], text: fixes[0].text };
  fixes.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = fixes[0].range[0];
  const end = fixes[fixes.length - 1].range[1];
  let merged = '';
  let last = Number.MIN_SAFE_INTEGER;
  for (const fix of fixes) {
    if (fix.range[0] < last) throw new Error('Fix objects must not be overlapped in a report.');
    if (fix.range[0] >= 0) merged += text.slice(Math.max(0, start, last), fix.range[0]);
    merged += fix.text;
    last = fix.range[1];
  }
  merged += text.slice(Math.max(0, start, last), end);
  return { range: [start, end], text: merged };
}

function runFix(fix: FixFunction | null | undefined, text: string, fixer: RuleFixer): Fix | null {
  if (typeof fix !== 'function') return null;
  const result = fix(fixer);
  if (result && Symbol.iterator in result) return mergeFixes(Array.from(result), text);
  const single = result as Fix | null | undefined;
  return single ? { range: [single.range[0], single.range[1]], text: single.text } : null;
}

function location(descriptor: Descriptor) {
  if (descriptor.loc) {
    const loc = 'start' in descriptor.loc ? descriptor.loc : { start: descriptor.loc, end: undefined };
    return { start: loc.start, end: loc.end };
  }
  return (descriptor.node as Node).loc;
}

/** Sets `parent` on every node, as ESLint does before any rule runs (the fast parser already did). */
function setParents(node: Node, parent: Node | null, visitorKeys: VisitorKeys): void {
  node.parent = parent;
  for (const key of childKeys(node, visitorKeys)) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) setParents(item, node, visitorKeys);
    } else if (isNode(child)) setParents(child, node, visitorKeys);
  }
}

type VisitorKeys = Record<string, readonly string[] | undefined>;
type ListenerTable = Map<string, Listener[]>;

const childKeys = (node: Node, visitorKeys: VisitorKeys) =>
  visitorKeys[node.type] ?? Object.keys(node).filter((key) => key !== 'parent' && key !== 'leadingComments' && key !== 'trailingComments');

/** Runs the listeners in ESLint's order (the parser's visitor keys): a node's enter, its children, its exit. */
function dispatch(node: Node, visitorKeys: VisitorKeys, enter: ListenerTable, exit: ListenerTable): void {
  const entering = enter.get(node.type);
  if (entering) for (const listener of entering) listener(node);
  for (const key of childKeys(node, visitorKeys)) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) dispatch(item, visitorKeys, enter, exit);
    } else if (isNode(child)) dispatch(child, visitorKeys, enter, exit);
  }
  const leaving = exit.get(node.type);
  if (leaving) for (const listener of leaving) listener(node);
}

const isNode = (value: unknown): value is Node => value !== null && typeof value === 'object' && typeof (value as Node).type === 'string';

let SourceCode: SourceCodeClass | undefined;
const languageOptionsBySourceType = new Map<string, object>();

// The token-store methods of ESLint's SourceCode: they need the token list.
const TOKEN_METHODS = [
  'getTokenByRangeStart', 'getFirstToken', 'getLastToken', 'getTokenBefore', 'getTokenAfter', 'getFirstTokenBetween',
  'getLastTokenBetween', 'getFirstTokens', 'getLastTokens', 'getTokensBefore', 'getTokensAfter', 'getFirstTokensBetween',
  'getLastTokensBetween', 'getTokens', 'getTokensBetween', 'commentsExistBetween', 'getCommentsBefore', 'getCommentsAfter',
  'getCommentsInside', 'isSpaceBetween', 'isSpaceBetweenTokens',
];

/**
 * Our rules ask for tokens only to build fixes, so a file without reports (most writes) never
 * needs them: the rules see `sourceCode` whose token methods build the token list, and a
 * SourceCode holding it, on their first call.
 */
function withLazyTokens(sourceCode: SourceCodeInstance, full: () => SourceCodeInstance): SourceCodeInstance {
  const view = Object.create(sourceCode) as Record<string, unknown>;
  for (const name of TOKEN_METHODS) {
    if (typeof (sourceCode as unknown as Record<string, unknown>)[name] !== 'function') continue;
    view[name] = (...args: unknown[]) => (full() as unknown as Record<string, (...rest: unknown[]) => unknown>)[name](...args);
  }
  Object.defineProperty(view, 'tokensAndComments', { get: () => (full() as unknown as Record<string, unknown>).tokensAndComments });
  return view as unknown as SourceCodeInstance;
}

/** Every listener key of our rules is a node type, or a node type with `:exit`. */
const PLAIN_SELECTOR = /^[A-Za-z]+(:exit)?$/;

/** Lints `text` as the file `filename` with the recommended config; messages as `Linter.verify` gives them. */
export function lintText(input: string, filename: string, options: LintTextOptions): Message[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sourceType = /\.cjs$/i.test(filename) ? 'commonjs' : 'module';
  let parsed: ReturnType<Parser['parseForESLint']>;
  try {
    parsed = options.parser.parseForESLint(
      text.replace(SHEBANG, (_, captured: string) => `//${captured}`),
      { ecmaVersion: LATEST_ECMA_VERSION, sourceType, loc: true, range: true, tokens: true, comment: true, eslintVisitorKeys: true, eslintScopeManager: true, filePath: filename, lazyTokens: true },
    );
  } catch (error) {
    const { message, lineNumber, column } = error as { message: string; lineNumber?: number; column?: number };
    return [{ ruleId: null, fatal: true, severity: 2, message: `Parsing error: ${message.replace(/^line \d+:/iu, '').trim()}`, line: lineNumber as number, column: column as number } as Message];
  }
  SourceCode ??= loadSourceCode();
  const visitorKeys = parsed.visitorKeys as VisitorKeys;
  const Class = SourceCode;
  const create = () => new Class({ text, ast: parsed.ast, parserServices: parsed.services ?? {}, scopeManager: parsed.scopeManager, visitorKeys });
  const base = create();
  const { tokenize } = parsed;
  let tokenized: SourceCodeInstance | undefined;
  const sourceCode = tokenize ? withLazyTokens(base, () => (tokenized ??= (tokenize(), create()))) : base;
  // One object per source type, as ESLint shares one per config: its globals are computed once.
  let languageOptions = languageOptionsBySourceType.get(sourceType);
  if (!languageOptions) {
    languageOptions = { ecmaVersion: LATEST_ECMA_VERSION, sourceType, parser: options.parser, parserOptions: {} };
    languageOptionsBySourceType.set(sourceType, languageOptions);
  }
  base.applyLanguageOptions(languageOptions);
  base.finalize();
  const ast = parsed.ast as Node & { body: Node[] };
  if (ast.parent !== null || (ast.body.length > 0 && ast.body[0].parent !== ast)) setParents(ast, null, visitorKeys);

  const messages: Message[] = [];
  const fixer = new RuleFixer();
  const settings = options.eslintSettings ?? {};
  const enter = new Map<string, Listener[]>();
  const exit = new Map<string, Listener[]>();
  for (const [ruleId, entry] of Object.entries(recommendedRules as Record<string, unknown>)) {
    const [severityName, ...ruleOptions] = Array.isArray(entry) ? entry : [entry];
    const severity = severityName === 'error' || severityName === 2 ? 2 : severityName === 'warn' || severityName === 1 ? 1 : 0;
    if (severity === 0 || (options.rules && !options.rules.has(ruleId))) continue;
    const rule = rules[ruleId.slice(PLUGIN_NAMESPACE.length + 1) as keyof typeof rules] as unknown as Rule;
    const ruleMessages = rule.meta?.messages ?? {};
    const report = (descriptor: Descriptor) => {
      const template = descriptor.messageId ? ruleMessages[descriptor.messageId] : descriptor.message;
      if (template === undefined) throw new TypeError(`${ruleId} reported an unknown messageId '${descriptor.messageId}'`);
      const loc = location(descriptor);
      const message: Message = { ruleId, severity, message: interpolate(template, descriptor.data), line: loc.start.line, column: loc.start.column + 1 } as Message;
      if (descriptor.messageId) message.messageId = descriptor.messageId;
      if (loc.end) {
        message.endLine = loc.end.line;
        message.endColumn = loc.end.column + 1;
      }
      const fix = options.fixes === false ? null : runFix(descriptor.fix, sourceCode.text, fixer);
      if (fix) message.fix = fix;
      const suggestions = (Array.isArray(descriptor.suggest) && options.fixes !== false ? descriptor.suggest : [])
        .map((suggestion) => ({
          ...suggestion,
          desc: interpolate(suggestion.desc || ruleMessages[suggestion.messageId as string], suggestion.data),
          fix: runFix(suggestion.fix, sourceCode.text, fixer),
        }))
        .filter((suggestion) => suggestion.fix);
      if (suggestions.length > 0) message.suggestions = suggestions as Message['suggestions'];
      messages.push(message);
    };
    const context = Object.freeze({
      id: ruleId,
      cwd: options.cwd,
      filename,
      physicalFilename: filename,
      options: ruleOptions,
      settings,
      sourceCode,
      languageOptions,
      report,
    });
    const listeners = rule.create(context);
    for (const [selector, listener] of Object.entries(listeners)) {
      if (typeof listener !== 'function') continue;
      if (!PLAIN_SELECTOR.test(selector)) throw new Error(`${ruleId}: the fast lint does not support the selector '${selector}'`);
      const isExit = selector.endsWith(':exit');
      const table = isExit ? exit : enter;
      const type = isExit ? selector.slice(0, -5) : selector;
      let list = table.get(type);
      if (!list) table.set(type, (list = []));
      list.push(listener);
    }
  }
  dispatch(ast, visitorKeys, enter, exit);
  return messages.sort((a, b) => a.line - b.line || a.column - b.column);
}
