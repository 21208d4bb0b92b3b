import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from './args.js';
import { UsageError } from './errors.js';
import { jsonIndent, type JsonObject, parseJsonObject, toJson } from './json-file.js';
import { AGENT_COMMANDS, planAgentHooks, selectAgents } from './init-agents.js';
import { extractManagerArgs, planManager } from './init-manager.js';
import { planOxlintConfig, usesOxlint } from './init-oxlint.js';
import { planSettingsFile } from './init-settings.js';

const PACKAGE = 'eslint-plugin-async-governance';
const ESLINT_CONFIGS = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];
const LINT_STAGED_FILES = ['.lintstagedrc', '.lintstagedrc.json', '.lintstagedrc.yaml', '.lintstagedrc.yml', '.lintstagedrc.mjs', '.lintstagedrc.cjs', '.lintstagedrc.js', 'lint-staged.config.js', 'lint-staged.config.mjs', 'lint-staged.config.cjs'];
export const LINT_STAGED_GLOB = '*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
export const LINT_STAGED_COMMAND = 'async-governance check';
export const HOOK_COMMAND = AGENT_COMMANDS.claude;

const IMPORT_LINE = `import asyncGovernance from '${PACKAGE}';`;
const CONFIG_ENTRY = '  asyncGovernance.configs.recommended,';
export const ESLINT_CONFIG = `${IMPORT_LINE}\n\nexport default [\n${CONFIG_ENTRY}\n];\n`;

/** One planned change: a file to write, or lines the user adds by hand. */
interface Step {
  file: string;
  action: 'create' | 'update' | 'manual' | 'unchanged';
  summary: string;
  content?: string;
  /** What the user still has to do afterwards (an agent's trust step). */
  next?: string;
}

function readJsonObject(file: string): { value: JsonObject; indent: string } {
  const text = readFileSync(file, 'utf8');
  return { value: parseJsonObject(text, file), indent: jsonIndent(text) };
}

function planEslintConfig(root: string): Step {
  const existing = ESLINT_CONFIGS.find((name) => existsSync(path.join(root, name)));
  if (!existing) return { file: 'eslint.config.mjs', action: 'create', summary: 'flat config with the recommended rules', content: ESLINT_CONFIG };
  const text = readFileSync(path.join(root, existing), 'utf8');
  if (text.includes(PACKAGE)) return { file: existing, action: 'unchanged', summary: `already uses ${PACKAGE}` };
  return {
    file: existing,
    action: 'manual',
    summary: `exists, so it is left as it is; add these lines to it:\n    ${IMPORT_LINE}\n    and in the exported config array:\n    ${CONFIG_ENTRY.trim()}`,
  };
}

function planLintStaged(root: string): Step {
  const rcFile = LINT_STAGED_FILES.find((name) => existsSync(path.join(root, name)));
  if (rcFile) {
    return { file: rcFile, action: 'manual', summary: `holds the lint-staged config; add the entry:\n    "${LINT_STAGED_GLOB}": "${LINT_STAGED_COMMAND}"` };
  }
  const file = path.join(root, 'package.json');
  if (!existsSync(file)) return { file: 'package.json', action: 'manual', summary: `not found; add a lint-staged entry "${LINT_STAGED_GLOB}": "${LINT_STAGED_COMMAND}" once it exists` };
  const { value: pkg, indent } = readJsonObject(file);
  const current = pkg['lint-staged'];
  if (current !== undefined && (typeof current !== 'object' || current === null || Array.isArray(current))) {
    return { file: 'package.json', action: 'manual', summary: `has a "lint-staged" value that is not an object; add "${LINT_STAGED_GLOB}": "${LINT_STAGED_COMMAND}" to it by hand` };
  }
  const lintStaged = { ...(current as Record<string, unknown> | undefined) };
  const commands = lintStaged[LINT_STAGED_GLOB];
  const list = commands === undefined ? [] : Array.isArray(commands) ? [...commands] : [commands];
  if (list.some((command) => typeof command === 'string' && command.includes(LINT_STAGED_COMMAND))) {
    return { file: 'package.json', action: 'unchanged', summary: 'lint-staged already runs async-governance check' };
  }
  list.push(LINT_STAGED_COMMAND);
  lintStaged[LINT_STAGED_GLOB] = list.length === 1 ? list[0] : list;
  return {
    file: 'package.json',
    action: 'update',
    summary: `lint-staged: "${LINT_STAGED_GLOB}" runs ${LINT_STAGED_COMMAND}`,
    content: toJson({ ...pkg, 'lint-staged': lintStaged }, indent),
  };
}

/** `async-governance init [dir] [--dry-run] [--agent LIST] [--manager [path] [--force]]`: wires the plugin into a repository without clobbering anything. */
export async function runInit(argv: string[], io: { cwd: string; stdout: NodeJS.WritableStream }): Promise<number> {
  const { rest, manager } = extractManagerArgs(argv);
  const { values, positionals } = parse(rest, { 'dry-run': { type: 'boolean', default: false }, oxlint: { type: 'boolean', default: false }, agent: { type: 'string' } }, 'init');
  if (positionals.length > 1) throw new UsageError('give at most one folder');
  const root = path.resolve(io.cwd, positionals[0] ?? '.');
  if (!existsSync(root)) throw new UsageError(`no such folder: ${positionals[0]}`);
  // Plan everything first, so a bad file stops the command before anything is written.
  const oxlint = usesOxlint(root, values.oxlint);
  const eslintStep = planEslintConfig(root);
  // With oxlint and no ESLint config yet, the oxlint config carries the rules: no eslint.config.mjs.
  const lintSteps = oxlint ? [...(eslintStep.action === 'create' ? [] : [eslintStep]), planOxlintConfig(root)] : [eslintStep];
  const steps: Step[] = [planSettingsFile(root), ...lintSteps, planLintStaged(root), ...planAgentHooks(root, selectAgents(values.agent, root))];
  // The manager's steps build on what the earlier ones plan to write; a file planned from nothing
  // (the settings file) is then created once, with the manager recorded.
  if (manager) {
    for (const step of planManager(root, manager, (file) => steps.findLast((planned) => planned.file === file)?.content ?? null)) {
      const index = steps.findIndex((planned) => planned.file === step.file && planned.action === 'create');
      if (index === -1) steps.push(step);
      else steps[index] = { ...step, action: 'create' };
    }
  }
  const dryRun = values['dry-run'];
  const verbs = { create: dryRun ? 'would create' : 'created', update: dryRun ? 'would update' : 'updated', manual: 'to do by hand', unchanged: 'unchanged' };
  for (const step of steps) {
    if (!dryRun && step.content !== undefined) {
      const target = path.join(root, step.file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, step.content);
    }
    io.stdout.write(`${verbs[step.action]}: ${step.file}: ${step.summary}\n`);
  }
  for (const step of steps) if (step.next) io.stdout.write(`Then: ${step.next}\n`);
  if (manager && !dryRun) io.stdout.write('The manager is yours to change; stop it gracefully on SIGTERM with its shutdown({ timeoutMs }) (see docs/manager.md).\n');
  if (dryRun) io.stdout.write('Dry run: nothing was written.\n');
  else io.stdout.write(`Next: npm install --save-dev ${PACKAGE} ${oxlint ? 'oxlint' : 'eslint'} lint-staged husky (if missing), then \`npx husky init\` and put \`npx lint-staged\` in .husky/pre-commit.\n`);
  return 0;
}
