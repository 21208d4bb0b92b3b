import path from 'node:path';
import type { Linter } from 'eslint';
import plugin from '../index.js';
import { PLUGIN_NAMESPACE } from '../configs/index.js';
import { ManagerModule } from '../utils/module-specifiers.js';
import type { GovernanceSettings } from '../utils/settings.js';
import { diffLines, type Hunk } from './line-diff.js';
import type { Violation } from './violation-identity.js';

type Message = Linter.LintMessage;

/** Past this many lines, a rewrite is shown as its head and a skeleton. */
const MAX_REWRITE_LINES = 24;
/** Lines of a long added block kept at its start and end. */
const SKELETON_HEAD = 14;
const SKELETON_TAIL = 4;

/** The manager call, with the import specifier the fixes would write in this file. */
function managerCall(settings: GovernanceSettings, filePath: string, cwd: string): string {
  const { getter, submit, module } = settings.manager;
  const specifier = new ManagerModule(module, settings.baseDirs.module ?? cwd, filePath, null).specifier;
  return `${getter}().${submit[0]}({ ... }) from '${specifier}'`;
}

const isImport = (line: string) => /^\s*import\b/.test(line);
const indentOf = (line: string) => /^\s*/.exec(line)?.[0] ?? '';

/**
 * Added lines with the carried-over body folded: a run of lines that the hunk also removes
 * (the loop body, moved inside the task) becomes one `…` line; then, if still too long, the
 * middle is cut.
 */
function skeleton(hunk: Hunk): string[] {
  const removed = new Set(hunk.removed.map((line) => line.trim()).filter((line) => line.length > 1));
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) out.push(`${indentOf(run[0])}… (${run.length} lines as before)`);
    else out.push(...run);
    run = [];
  };
  for (const line of hunk.added) {
    if (removed.has(line.trim())) run.push(line);
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  if (out.length <= SKELETON_HEAD + SKELETON_TAIL + 1) return out;
  const cut = out.length - SKELETON_HEAD - SKELETON_TAIL;
  return [...out.slice(0, SKELETON_HEAD), `${indentOf(out[SKELETON_HEAD])}… (${cut} more lines)`, ...out.slice(-SKELETON_TAIL)];
}

/**
 * What to write instead, as a small before/after of the rule's own fix or first suggestion.
 * Import lines already shown for an earlier violation are not repeated.
 */
function rewriteOf(message: Message, text: string, shownImports: Set<string>, starts: number[]): string[] {
  const fix = message.fix ?? message.suggestions?.[0]?.fix;
  if (!fix) return [];
  // Only the lines the fix touches are diffed: the whole file for each violation would make a
  // file with thousands of violations quadratic.
  let firstLine = 0;
  for (let high = starts.length - 1; firstLine < high; ) {
    const middle = (firstLine + high + 1) >> 1;
    if (starts[middle] <= fix.range[0]) firstLine = middle;
    else high = middle - 1;
  }
  const start = starts[firstLine];
  const lineEnd = text.indexOf('\n', fix.range[1]);
  const end = lineEnd === -1 ? text.length : lineEnd;
  const hunks = diffLines(text.slice(start, end), text.slice(start, fix.range[0]) + fix.text + text.slice(fix.range[1], end))
    ?.map((hunk) => ({ ...hunk, oldLine: hunk.oldLine + firstLine, line: hunk.line + firstLine }))
    .map((hunk) => ({ ...hunk, added: hunk.added.filter((line) => !(isImport(line) && hunk.removed.length === 0 && shownImports.has(line.trim()))) }))
    .filter((hunk) => hunk.added.length > 0 || hunk.removed.length > 0);
  if (!hunks || hunks.length === 0) return [];
  const render = (hunk: Hunk, long: boolean) => [
    `    ${hunk.removed.length > 0 ? `line ${hunk.oldLine}` : `after line ${hunk.oldLine - 1}`}:`,
    ...(long && hunk.removed.length > 2
      ? [`    - ${hunk.removed[0]}`, `    - ${indentOf(hunk.removed[1])}… (${hunk.removed.length - 2} more lines)`, `    - ${hunk.removed[hunk.removed.length - 1]}`]
      : hunk.removed.map((line) => `    - ${line}`)),
    ...(long ? skeleton(hunk) : hunk.added).map((line) => `    + ${line}`),
  ];
  let lines = hunks.flatMap((hunk) => render(hunk, false));
  if (lines.length > MAX_REWRITE_LINES) lines = hunks.flatMap((hunk) => render(hunk, true));
  for (const hunk of hunks) for (const line of hunk.added) if (isImport(line) && hunk.removed.length === 0) shownImports.add(line.trim());
  const label = message.fix ? 'Write instead (the autofix)' : `Write instead (${message.suggestions?.[0]?.desc ?? 'suggested change'})`;
  return [`  ${label}:`, ...lines];
}

/**
 * The denial (or, after the write, the report), written for a code generator to act on.
 * `phase` is `pre` for a change the hook blocks, `post` for one already written.
 */
export function formatDenial(filePath: string, after: string, introduced: Violation[], settings: GovernanceSettings, cwd: string, phase: 'pre' | 'post' = 'pre'): string {
  const shown = path.relative(cwd, filePath) || filePath;
  const count = introduced.length === 1 ? '1 violation' : `${introduced.length} violations`;
  const lines = [
    phase === 'pre'
      ? `async-governance blocked this change to ${shown}: it adds ${count} of the project's async policy.`
      : `async-governance: the change just written to ${shown} adds ${count} of the project's async policy; fix it now.`,
    `Background work goes through ${managerCall(settings, filePath, cwd)}; async code never blocks the event loop.`,
    '',
  ];
  const shownImports = new Set<string>();
  const starts = [0];
  for (let index = after.indexOf('\n'); index !== -1; index = after.indexOf('\n', index + 1)) starts.push(index + 1);
  introduced.forEach((violation, index) => {
    const { message } = violation;
    const id = message.ruleId ?? '';
    const rule = plugin.rules[id.slice(PLUGIN_NAMESPACE.length + 1) as keyof typeof plugin.rules];
    lines.push(`${index + 1}. Line ${message.line}, column ${message.column}: ${id}`);
    lines.push(`  Code: ${violation.code.length > 160 ? `${violation.code.slice(0, 157)}...` : violation.code}`);
    lines.push(`  Problem: ${message.message}`);
    lines.push(...rewriteOf(message, after, shownImports, starts));
    if (rule?.meta.docs?.url) lines.push(`  Docs: ${rule.meta.docs.url}`);
    lines.push('');
  });
  lines.push(
    phase === 'pre' ? 'Rewrite the code as described and retry. Violations that were already in the file do not block;' : 'Rewrite the code as described. Violations that were already in the file are not listed;',
    'eslint-disable comments do not silence these rules in this check.',
  );
  return lines.join('\n');
}
