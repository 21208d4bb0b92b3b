import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, getPropertyName, isFunction, walk } from '../../utils/ast.js';
import { getAsyncSites } from '../../utils/async-sites.js';
import { insertImport, removeUnusedBindings } from '../../utils/fixers.js';
import { buildSubmission, type TaskNaming } from '../../utils/manager.js';
import type { ManagerSettings } from '../../utils/settings.js';
import { type Edit, type HandlePlan, namesIn, planHandle, timerExpression } from './handles.js';
import { type AnyLoop, classifyTest, type Loop } from './loops.js';

type Node = TSESTree.Node;
type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;
type SourceCode = Readonly<TSESLint.SourceCode>;
export type FixBuilder = (fixer: Fixer) => Fix[] | null;

/** What every fix of the rule needs from the rule context. */
export interface FixContext {
  sourceCode: SourceCode;
  manager: ManagerSettings;
  commonJs: boolean;
  /** TypeScript files get typed parameters (`signal: AbortSignal`). */
  typescript: boolean;
  naming: (node: Node, what: string) => TaskNaming;
}

const STEP = '  ';
const SIGNAL_NAMES = ['signal', 'taskSignal', 'stopSignal'];
const TASK_SIGNAL_NAMES = ['taskSignal', 'managerSignal', 'runSignal'];
const DELAY_NAMES = ['delay', 'abortableDelay', 'timersDelay'];
const BARE_OPERANDS = new Set(['Identifier', 'MemberExpression', 'CallExpression', 'NewExpression', 'ThisExpression', 'Literal', 'ChainExpression']);

/** Leading whitespace of the line a node starts on. */
function lineIndent(sourceCode: SourceCode, node: Node): string {
  return /^\s*/.exec(sourceCode.lines[node.loc.start.line - 1])?.[0] ?? '';
}

/** Whether a range holds a template literal over several lines, whose text must not be re-indented. */
function hasMultilineTemplate(sourceCode: SourceCode, range: [number, number]): boolean {
  const text = sourceCode.text.slice(range[0], range[1]);
  if (!text.includes('`')) return false;
  return sourceCode.ast.tokens?.some((token) =>
    token.type === 'Template' && token.range[0] >= range[0] && token.range[1] <= range[1] && token.value.includes('\n'),
  ) ?? true;
}

/** Moves the lines after the first from indentation `from` to `to` (blank lines emptied). */
function reindent(text: string, from: string, to: string): string {
  return text
    .split('\n')
    .map((line, index) => {
      if (index === 0) return line;
      if (line.trim() === '') return '';
      return line.startsWith(from) ? to + line.slice(from.length) : line;
    })
    .join('\n');
}

/** Source of `range` with `edits` (inside it) applied, re-based from indentation `from` to `to` unless that would alter a template literal. */
function moveText(sourceCode: SourceCode, range: [number, number], from: string, to: string, edits: Edit[] = []): string {
  let text = sourceCode.text.slice(range[0], range[1]);
  for (const edit of [...edits].sort((a, b) => b.range[0] - a.range[0])) {
    text = text.slice(0, edit.range[0] - range[0]) + edit.text + text.slice(edit.range[1] - range[0]);
  }
  return hasMultilineTemplate(sourceCode, range) ? text : reindent(text, from, to);
}

/**
 * Edits that make a timer callback await its own work once it runs inside a task: `void x()`
 * and statements that start a known promise (`this.flush();`) become `await …;`. Nested
 * functions keep their own timing.
 */
function awaitWorkEdits(sourceCode: SourceCode, body: Node): Edit[] {
  const sites = getAsyncSites(sourceCode);
  const edits: Edit[] = [];
  walk(body, sourceCode.visitorKeys, (node) => {
    if (node !== body && isFunction(node)) return false;
    if (node.type !== 'ExpressionStatement') return undefined;
    const expression = node.expression;
    if (expression.type === 'UnaryExpression' && expression.operator === 'void' && expression.argument.type === 'CallExpression') {
      edits.push({ range: [expression.range[0], expression.range[0] + 4], text: 'await' });
    } else if ((expression.type === 'CallExpression' || expression.type === 'NewExpression') && sites.getPromiseEvidence(expression)) {
      edits.push({ range: [expression.range[0], expression.range[0]], text: 'await ' });
    }
    return false;
  });
  return edits;
}

/** Names of the bindings read or declared in the nodes, to pick a parameter name that shadows none of them. */
const namesUsed = namesIn;

function pickName(candidates: string[], taken: Set<string>): string | null {
  return candidates.find((name) => !taken.has(name)) ?? null;
}

/** Binds `setTimeout` of `node:timers/promises` (an abortable delay) under a free name. */
function bindDelay(fixer: Fixer, context: FixContext, useSite: Node): { reference: string; fixes: Fix[] } | null {
  for (const local of DELAY_NAMES) {
    const binding = insertImport(fixer, context.sourceCode, { module: 'node:timers/promises', name: 'setTimeout', local, useSite, commonJs: context.commonJs });
    if (binding) return binding;
  }
  return null;
}

function containsReturn(sourceCode: SourceCode, body: Node): boolean {
  let found = false;
  walk(body, sourceCode.visitorKeys, (node) => {
    if (found || (node !== body && isFunction(node))) return false;
    if (node.type === 'ReturnStatement' || node.type === 'YieldExpression') found = true;
    return undefined;
  });
  return found;
}

/** Whether a loop body leaves or skips iterations with `break`/`continue`/`return` (nested functions and loops aside). */
function hasLoopControl(sourceCode: SourceCode, loop: AnyLoop): boolean {
  let found = false;
  walk(loop.body, sourceCode.visitorKeys, (node) => {
    if (found || isFunction(node)) return false;
    if (node.type === 'ReturnStatement' || node.type === 'BreakStatement' || node.type === 'ContinueStatement') found = true;
    return undefined;
  });
  return found;
}

/** The inner text of a block, from after `{` to before `}` (or up to `end`), trimmed of blank edges. */
function blockInner(sourceCode: SourceCode, block: TSESTree.BlockStatement, end = block.range[1] - 1): [number, number] | null {
  if (block.body.length === 0) return null;
  const first = sourceCode.getFirstToken(block, { skip: 1, includeComments: true });
  const last = sourceCode.getTokenBefore({ range: [end, end] } as Node, { includeComments: true });
  if (!first || !last || last.range[1] <= first.range[0]) return null;
  return [first.range[0], last.range[1]];
}

const isConsoleCall = (node: Node): boolean =>
  node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.object.type === 'Identifier' && node.callee.object.name === 'console';

/** Statement lines that run a timer callback once and await its work, at indentation `indent` (null when no safe form exists). */
function callbackStatements(context: FixContext, callback: Node, args: Node[], indent: string): string | null {
  const { sourceCode } = context;
  const argsText = args.map((arg) => sourceCode.getText(arg)).join(', ');
  const from = lineIndent(sourceCode, callback);
  if (isFunction(callback)) {
    const asCall = (): string => {
      // e.g. (item) => { …; this.flush(); } runs as `await (async (item) => { …; await this.flush(); })(item)`
      const edits = callback.body.type === 'BlockStatement' ? awaitWorkEdits(sourceCode, callback.body) : [];
      if (edits.length > 0 && !callback.async) edits.push({ range: [callback.range[0], callback.range[0]], text: 'async ' });
      return `await (${moveText(sourceCode, callback.range, from, indent, edits)})(${argsText});`;
    };
    if (callback.type !== 'ArrowFunctionExpression' || callback.params.length > 0) return asCall();
    const { body } = callback;
    if (body.type !== 'BlockStatement') {
      if (body.type === 'AwaitExpression') return `${moveText(sourceCode, body.range, from, indent)};`;
      // e.g. () => void this.flush(): inside the task the work is awaited.
      const work = body.type === 'UnaryExpression' && body.operator === 'void' ? body.argument : body;
      const text = moveText(sourceCode, work.range, from, indent);
      // e.g. () => console.log('tick'): logging returns nothing to await
      if (isConsoleCall(work)) return `${text};`;
      return BARE_OPERANDS.has(work.type) ? `await ${text};` : `await (${text});`;
    }
    if (containsReturn(sourceCode, body)) return asCall();
    const inner = blockInner(sourceCode, body);
    if (!inner) return null;
    const statementIndent = lineIndent(sourceCode, body.body[0]);
    return moveText(sourceCode, inner, statementIndent, indent, awaitWorkEdits(sourceCode, body));
  }
  let target = callback;
  // e.g. this.flush.bind(this) runs as this.flush()
  if (target.type === 'CallExpression' && target.callee.type === 'MemberExpression' && getPropertyName(target.callee) === 'bind' &&
    target.arguments.length === 1 && target.arguments[0].type === 'ThisExpression' && target.callee.object.type === 'MemberExpression' &&
    target.callee.object.object.type === 'ThisExpression') {
    target = target.callee.object;
  }
  const text = sourceCode.getText(target);
  return BARE_OPERANDS.has(target.type) ? `await ${text}(${argsText});` : `await (${text})(${argsText});`;
}

/** The coroutine's parameter, and the signal its loop watches: the task's own, or that and a stop signal together. */
interface TaskSignals {
  /** `signal: AbortSignal` in TypeScript, `signal` otherwise. */
  parameter: string;
  signal: string;
  /** `const signal = AbortSignal.any([taskSignal, timer.signal]);` when there is a stop signal. */
  prelude: string | null;
}

function taskSignals(context: FixContext, taken: Set<string>, stop: string | null): TaskSignals | null {
  const typed = (name: string): string => (context.typescript ? `${name}: AbortSignal` : name);
  const signal = pickName(SIGNAL_NAMES, taken);
  if (signal === null) return null;
  if (stop === null) return { parameter: typed(signal), signal, prelude: null };
  const own = pickName(TASK_SIGNAL_NAMES, new Set([...taken, signal]));
  if (own === null) return null;
  return { parameter: typed(own), signal, prelude: `const ${signal} = AbortSignal.any([${own}, ${stop}]);` };
}

/** The start of a coroutine that watches `signals`, up to the line its body continues on. */
function coroutineHead(signals: TaskSignals, inside: string): string {
  return `async (${signals.parameter}) => {\n${signals.prelude ? `${inside}${signals.prelude}\n` : ''}`;
}

interface Submission {
  node: Node;
  run: string;
  type: string;
  what: string;
  indent: string;
  extra?: [string, string][];
  method?: string;
  replace: [number, number];
  statement: boolean;
  needsDelay?: (delay: string) => string;
  /** A range that becomes dead with the loop, such as `const ticks = setInterval(1000);`. */
  remove?: [number, number];
  /** A timer handle that the task keeps working through an AbortController. */
  handle?: HandlePlan | null;
  /** Code the fix deletes (the timer's callee), whose imports go when nothing else uses them. */
  dropped: Node[];
}

/** Assembles the fix: imports, then the submission in place of `replace`. */
function submit(fixer: Fixer, context: FixContext, spec: Submission): Fix[] | null {
  const fixes: Fix[] = [];
  let run = spec.run;
  if (spec.needsDelay) {
    const delay = bindDelay(fixer, context, spec.node);
    if (!delay) return null;
    fixes.push(...delay.fixes);
    run = spec.needsDelay(delay.reference);
  }
  const built = buildSubmission(fixer, context.sourceCode, context.manager, {
    run,
    type: spec.type,
    naming: context.naming(spec.node, spec.what),
    indent: spec.indent,
    extra: spec.extra,
    method: spec.method,
    useSite: spec.node,
    commonJs: context.commonJs,
  });
  if (!built) return null;
  const removal = spec.remove ? [fixer.removeRange(spec.remove)] : [];
  const { handle } = spec;
  const dropUnused = (all: Fix[], dropped: Node[]) => removeUnusedBindings(fixer, context.sourceCode, all, dropped);
  if (handle) {
    const text = [...(handle.used ? handle.setup : []), `${built.text};`].join(`\n${spec.indent}`);
    const edits = handle.edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text));
    const cleared = handle.edits.flatMap((edit) => (edit.removes ? [edit.removes] : []));
    return dropUnused([...built.fixes, ...fixes, ...removal, ...edits, fixer.replaceTextRange(handle.statement.range, text)], [...spec.dropped, ...cleared]);
  }
  return dropUnused([...built.fixes, ...fixes, ...removal, fixer.replaceTextRange(spec.replace, spec.statement ? `${built.text};` : built.text)], spec.dropped);
}

/** A loop body that waits `ms` (abortably) before each run of `statements`. */
function timedLoop(indent: string, signals: TaskSignals, ms: string, statements: string) {
  const { signal } = signals;
  return (delay: string): string =>
    `${coroutineHead(signals, `${indent}${STEP}${STEP}`)}${indent}${STEP}${STEP}while (!${signal}.aborted) {\n` +
    `${indent}${STEP}${STEP}${STEP}await ${delay}(${ms}, undefined, ${signalOption(signal)});\n` +
    `${indent}${STEP}${STEP}${STEP}${statements}\n${indent}${STEP}${STEP}}\n${indent}${STEP}}`;
}

/** The handle plan of a timer, kept only when no edit falls inside the statement it replaces. */
function handleOf(context: FixContext, call: TSESTree.CallExpression): HandlePlan | null {
  const plan = planHandle(context.sourceCode, call, context.typescript);
  if (!plan) return null;
  const [start, end] = plan.statement.range;
  return plan.edits.some((edit) => edit.range[0] < end && edit.range[1] > start) ? null : plan;
}

const signalOption = (signal: string): string => (signal === 'signal' ? '{ signal }' : `{ signal: ${signal} }`);

const msText = (sourceCode: SourceCode, node: Node | undefined): string =>
  !node || node.type === 'SpreadElement' ? '1' : sourceCode.getText(node);

/**
 * `setInterval(cb, ms, ...args)` → a submission that runs `cb` every `ms` until the manager stops
 * it. A stored handle (`this.timer = setInterval(…)`) holds an AbortController instead, so the
 * `clearInterval(this.timer)` in `stop()`, rewritten to `this.timer?.abort()`, still stops the work.
 */
export function buildIntervalFix(context: FixContext, call: TSESTree.CallExpression): FixBuilder | null {
  const { sourceCode, manager } = context;
  const [callback, delayNode, ...args] = call.arguments;
  if (!callback || callback.type === 'SpreadElement' || args.some((arg) => arg.type === 'SpreadElement')) return null;
  const handle = handleOf(context, call);
  const stoppable = handle?.used ? handle : null;
  const indent = lineIndent(sourceCode, handle?.statement ?? call);
  const ms = msText(sourceCode, delayNode);
  const base = { node: call, type: 'interval', what: 'interval', indent, replace: timerExpression(call).range, statement: false, handle, dropped: [call.callee] };
  // A periodic submission cannot be stopped through a handle: with one, the task runs its own loop.
  if (manager.periodic && !stoppable) {
    const statements = callbackStatements(context, callback, args, `${indent}${STEP}${STEP}`);
    if (statements === null) return null;
    const run = `async () => {\n${indent}${STEP}${STEP}${statements}\n${indent}${STEP}}`;
    const extra: [string, string][] = [[manager.periodic.interval, ms]];
    return (fixer) => submit(fixer, context, { ...base, run, method: manager.periodic?.method, extra });
  }
  const statements = callbackStatements(context, callback, args, `${indent}${STEP}${STEP}${STEP}`);
  const taken = namesUsed(sourceCode, [call]);
  if (stoppable) taken.add(stoppable.controller);
  const signals = taskSignals(context, taken, stoppable ? `${stoppable.controller}.signal` : null);
  if (statements === null || signals === null) return null;
  return (fixer) => submit(fixer, context, { ...base, run: '', needsDelay: timedLoop(indent, signals, ms, statements) });
}

/** The statement of a timer callback that calls the scheduling function again, when it is its last. */
function trailingReschedule(callback: FunctionNode, schedulers: Set<FunctionNode>, resolve: (node: Node) => FunctionNode | null): TSESTree.ExpressionStatement | null {
  if (callback.body.type !== 'BlockStatement') return null;
  const last = callback.body.body.at(-1);
  if (last?.type !== 'ExpressionStatement') return null;
  let expression: Node = last.expression;
  if (expression.type === 'AwaitExpression') expression = expression.argument;
  else if (expression.type === 'UnaryExpression' && expression.operator === 'void') expression = expression.argument;
  if (expression.type !== 'CallExpression' || expression.arguments.length > 0) return null;
  const target = resolve(expression.callee);
  return target && schedulers.has(target) ? last : null;
}

/**
 * A rescheduling `setTimeout(cb, ms)`: when `cb` ends by calling its scheduler again, the
 * submission loops over the rest of `cb`; otherwise it runs `cb` once after `ms`, managed.
 */
export function buildTimeoutFix(
  context: FixContext,
  call: TSESTree.CallExpression,
  schedulers: Set<FunctionNode>,
  resolve: (node: Node) => FunctionNode | null,
): FixBuilder | null {
  const { sourceCode } = context;
  const [callback, delayNode, ...args] = call.arguments;
  if (!callback || callback.type === 'SpreadElement' || args.some((arg) => arg.type === 'SpreadElement')) return null;
  const handle = handleOf(context, call);
  const indent = lineIndent(sourceCode, handle?.statement ?? call);
  const ms = msText(sourceCode, delayNode);
  const taken = namesUsed(sourceCode, [call]);
  if (handle?.used) taken.add(handle.controller);
  const signals = taskSignals(context, taken, handle?.used ? `${handle.controller}.signal` : null);
  if (signals === null) return null;
  const { signal } = signals;
  const base = { node: call, type: 'recurring-timer', what: 'timer', indent, replace: timerExpression(call).range, statement: false, run: '', handle, dropped: [call.callee] };
  // The loop form is faithful only when rescheduling re-runs nothing but this timer: `schedule() { this.t = setTimeout(…) }`.
  const statement = call.parent?.type === 'AssignmentExpression' ? call.parent.parent : call.parent;
  const owner = statement?.parent?.parent;
  const soleStatement = statement?.type === 'ExpressionStatement' && statement.parent?.type === 'BlockStatement' &&
    statement.parent.body.length === 1 && isFunction(owner) && schedulers.has(owner);
  const inline = soleStatement && isFunction(callback) && args.length === 0 && callback.params.length === 0 ? callback : null;
  const reschedule = inline ? trailingReschedule(inline, schedulers, resolve) : null;
  if (inline && reschedule && inline.body.type === 'BlockStatement' && !containsReturn(sourceCode, inline.body)) {
    const body = inline.body;
    const before = sourceCode.getTokenBefore(reschedule, { includeComments: true });
    const inner = before && before.range[0] > body.range[0] ? blockInner(sourceCode, body, reschedule.range[0]) : null;
    if (inner) {
      const statements = moveText(sourceCode, inner, lineIndent(sourceCode, body.body[0]), `${indent}${STEP}${STEP}${STEP}`);
      return (fixer) => submit(fixer, context, { ...base, needsDelay: timedLoop(indent, signals, ms, statements) });
    }
  }
  const statements = callbackStatements(context, callback, args, `${indent}${STEP}${STEP}`);
  if (statements === null) return null;
  const once = (delay: string): string =>
    `${coroutineHead(signals, `${indent}${STEP}${STEP}`)}${indent}${STEP}${STEP}await ${delay}(${ms}, undefined, ${signalOption(signal)});\n` +
    `${indent}${STEP}${STEP}${statements}\n${indent}${STEP}}`;
  return (fixer) => submit(fixer, context, { ...base, needsDelay: once });
}

/** The statement to replace for a loop (its label included) and the statements after it that move along. */
function loopRegion(sourceCode: SourceCode, loop: AnyLoop): { statement: Node; end: number; moved: Node[] } | null {
  const statement = loop.parent?.type === 'LabeledStatement' ? loop.parent : loop;
  const parent = statement.parent;
  const siblings = parent?.type === 'BlockStatement' || parent?.type === 'Program' || parent?.type === 'StaticBlock' ? parent.body : null;
  if (!siblings) return { statement, end: statement.range[1], moved: [] };
  const following = siblings.slice(siblings.indexOf(statement as TSESTree.Statement) + 1) as Node[];
  // Code after the loop would run at once instead of after it; it moves into the task unless it
  // returns or declares what other code may use.
  const declares = (node: Node) => node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration' ||
    (parent?.type === 'Program' && (node.type.endsWith('Declaration') || node.type.startsWith('TS')));
  if (following.some(declares)) return null;
  if (following.some((node) => containsReturn(sourceCode, node))) return null;
  const end = following.at(-1)?.range[1] ?? statement.range[1];
  return { statement, end, moved: following };
}

function conjoin(signal: string, sourceCode: SourceCode, test: Node): string {
  const text = sourceCode.getText(test);
  const bare = BARE_OPERANDS.has(test.type) || test.type === 'UnaryExpression' || test.type === 'AwaitExpression' ||
    (test.type === 'LogicalExpression' && test.operator === '&&');
  return `!${signal}.aborted && ${bare ? text : `(${text})`}`;
}

/** An unbounded polling loop → a submission that runs the same loop until the manager aborts it. */
export function buildPollingFix(context: FixContext, loop: Loop): FixBuilder | null {
  const { sourceCode } = context;
  const region = loopRegion(sourceCode, loop);
  if (!region) return null;
  const { statement, end, moved } = region;
  const signals = taskSignals(context, namesUsed(sourceCode, [statement, ...moved]), null);
  if (signals === null) return null;
  const { signal } = signals;
  const indent = lineIndent(sourceCode, statement);
  const stop = `!${signal}.aborted`;
  let edit: { range: [number, number]; text: string };
  if (loop.test && classifyTest(loop.test) === 'unbounded' && !(loop.test.type === 'Literal')) {
    edit = { range: loop.test.range, text: conjoin(signal, sourceCode, loop.test) };
  } else if (loop.test) {
    edit = { range: loop.test.range, text: stop };
  } else if (loop.type === 'ForStatement' && !loop.init && !loop.update) {
    // for (;;) reads better as while (!signal.aborted)
    edit = { range: [loop.range[0], loop.body.range[0]], text: `while (${stop}) ` };
  } else {
    // for (init; ; update): the test goes after the first `;` of the header.
    const open = sourceCode.getTokenAfter(sourceCode.getFirstToken(loop) as TSESTree.Token) as TSESTree.Token;
    const semicolon = sourceCode.getTokenAfter(loop.type === 'ForStatement' && loop.init ? loop.init : open) as TSESTree.Token;
    edit = { range: [semicolon.range[1], semicolon.range[1]], text: ` ${stop}` };
  }
  const range: [number, number] = [statement.range[0], end];
  const original = sourceCode.text.slice(range[0], range[1]);
  const offset = range[0];
  const edited = original.slice(0, edit.range[0] - offset) + edit.text + original.slice(edit.range[1] - offset);
  const inside = `${indent}${STEP}${STEP}`;
  const body = hasMultilineTemplate(sourceCode, range) ? edited : reindent(edited, indent, inside);
  const run = `async (${signals.parameter}) => {\n${inside}${body}\n${indent}${STEP}}`;
  return (fixer) => submit(fixer, context, { node: loop, run, type: 'polling-loop', what: 'loop', indent, replace: range, statement: true, dropped: [] });
}

/** The declaration `const ticks = setInterval(ms)` when the loop is its only reader, with the space before it. */
function iteratorDeclaration(sourceCode: SourceCode, loop: TSESTree.ForOfStatement): [number, number] | undefined {
  if (loop.right.type !== 'Identifier') return undefined;
  const right = loop.right;
  const variable = sourceCode.getScope(loop).references.find((reference) => reference.identifier === right)?.resolved;
  const declarator = variable?.defs[0]?.node;
  const declaration = declarator?.parent;
  if (!variable || variable.defs.length !== 1 || declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1) return undefined;
  if (variable.references.some((reference) => reference.identifier !== right && !reference.init)) return undefined;
  if (declaration.parent?.type !== 'BlockStatement' && declaration.parent?.type !== 'Program') return undefined;
  const before = sourceCode.getTokenBefore(declaration, { includeComments: true });
  return [before ? before.range[1] : declaration.range[0], declaration.range[1]];
}

/** The stop signal given to `setInterval(ms, value, { signal })`, as source text, or null. */
function iteratorStopSignal(sourceCode: SourceCode, options: Node | undefined): string | null {
  if (options?.type !== 'ObjectExpression') return null;
  const property = options.properties.find((item) => item.type === 'Property' && getPropertyName(item) === 'signal');
  return property?.type === 'Property' ? sourceCode.getText(property.value) : null;
}

/**
 * `for await (… of setInterval(ms))` from `timers/promises` → a periodic or looping submission.
 * A `signal` given to `setInterval` keeps stopping the loop, together with the task's own.
 */
export function buildIteratorFix(context: FixContext, loop: TSESTree.ForOfStatement, interval: TSESTree.CallExpression): FixBuilder | null {
  const { sourceCode, manager } = context;
  const region = loopRegion(sourceCode, loop);
  const [delayNode, valueNode, optionsNode] = interval.arguments;
  if (!region || optionsNode?.type === 'SpreadElement') return null;
  const { statement, end, moved } = region;
  const loopBody = loop.body;
  const indent = lineIndent(sourceCode, statement);
  const ms = msText(sourceCode, delayNode);
  const stop = iteratorStopSignal(sourceCode, optionsNode);
  const label = statement.type === 'LabeledStatement' ? `${statement.label.name}: ` : '';
  const left = loop.left.type === 'VariableDeclaration' ? loop.left.declarations[0]?.id : loop.left;
  if (!left || (loop.left.type !== 'VariableDeclaration' && left.type !== 'Identifier')) return null;
  const leftNames = namesUsed(sourceCode, [left]);
  const bodyNames = namesUsed(sourceCode, [loop.body]);
  const leftUsed = [...leftNames].some((name) => bodyNames.has(name));
  const bodyRange = loopBody.type === 'BlockStatement' ? blockInner(sourceCode, loopBody) : loopBody.range;
  const bodyIndent = loopBody.type === 'BlockStatement' ? (loopBody.body[0] ? lineIndent(sourceCode, loopBody.body[0]) : indent) : lineIndent(sourceCode, loopBody);
  const afterLoop: [number, number] = [statement.range[1], end];
  const remove = iteratorDeclaration(sourceCode, loop);
  const value = valueNode && valueNode.type !== 'SpreadElement' ? sourceCode.getText(valueNode) : 'undefined';
  // The `setInterval` call goes with the loop, or with `const ticks = setInterval(…)` when that is removed.
  const within = (range: [number, number] | undefined) => !!range && interval.range[0] >= range[0] && interval.range[1] <= range[1];
  const dropped = within([statement.range[0], end]) || within(remove) ? [interval.callee, ...(valueNode && !leftUsed ? [valueNode] : [])] : [];
  const base = { node: loop, type: 'interval', what: 'interval', indent, replace: [statement.range[0], end] as [number, number], statement: true, run: '', remove, dropped };
  const innerText = (to: string) => (bodyRange ? moveText(sourceCode, bodyRange, bodyIndent, to) : '');
  const trailing = (to: string) => moveText(sourceCode, afterLoop, indent, to);
  const declaration = (to: string): string => (leftUsed ? `const ${sourceCode.getText(left)} = ${value};\n${to}` : '');
  if (manager.periodic && !stop && !hasLoopControl(sourceCode, loop) && moved.length === 0 && !label) {
    const inside = `${indent}${STEP}${STEP}`;
    const run = `async () => {\n${inside}${declaration(inside)}${innerText(inside)}\n${indent}${STEP}}`;
    return (fixer) => submit(fixer, context, { ...base, run, method: manager.periodic?.method, extra: [[manager.periodic?.interval ?? 'interval', ms]] });
  }
  const signals = taskSignals(context, namesUsed(sourceCode, [statement, ...moved]), stop);
  if (signals === null) return null;
  const { signal } = signals;
  const inside = `${indent}${STEP}${STEP}`;
  const deeper = `${inside}${STEP}`;
  const needsDelay = (delay: string): string =>
    `${coroutineHead(signals, inside)}${inside}${declaration(inside)}${label}while (!${signal}.aborted) {\n` +
    `${deeper}await ${delay}(${ms}, undefined, ${signalOption(signal)});\n` +
    (bodyRange ? `${deeper}${innerText(deeper)}\n` : '') +
    `${inside}}${trailing(inside)}\n${indent}${STEP}}`;
  return (fixer) => submit(fixer, context, { ...base, needsDelay });
}
