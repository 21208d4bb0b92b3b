import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import plugin from '../index.js';
import { PLUGIN_NAMESPACE } from '../configs/index.js';
import { UsageError } from './errors.js';
import { jsonIndent, parseJsonObject, toJson } from './json-file.js';

const PACKAGE = 'eslint-plugin-async-governance';
const OXLINT_CONFIG = '.oxlintrc.json';
const OXLINT_TS_CONFIG = 'oxlint.config.ts';

/** One planned change, as `init` prints and writes it. */
interface Step {
  file: string;
  action: 'create' | 'update' | 'manual' | 'unchanged';
  summary: string;
  content?: string;
}

/** Whether `init` should wire oxlint: asked for, or the repository already uses it. */
export function usesOxlint(root: string, asked: boolean): boolean {
  return asked || existsSync(path.join(root, OXLINT_CONFIG)) || existsSync(path.join(root, OXLINT_TS_CONFIG));
}

/** The plugin's rules as the recommended config sets them. */
function recommendedRules(): Record<string, unknown> {
  return { ...(plugin.configs.recommended as { rules: Record<string, unknown> }).rules };
}

const hasPlugin = (entries: unknown[]): boolean =>
  entries.some((entry) => entry === PACKAGE || (typeof entry === 'object' && entry !== null && (entry as { specifier?: unknown }).specifier === PACKAGE));

// `.oxlintrc.json` may hold comments; rewriting it would lose them, so such a file is left to the user.
const hasComments = (text: string): boolean => /^\s*\/\/|\/\*/m.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'));

const manualLines = (rules: string[]) =>
  `add "${PACKAGE}" to "jsPlugins" and these rules to "rules":\n    ${rules.map((rule) => `"${rule}": "error"`).join(',\n    ')}`;

/**
 * Adds the plugin to the oxlint config: creates `.oxlintrc.json`, or merges into the existing one
 * (the JS plugin entry and any of our rules it does not set yet; what the user set stays).
 */
export function planOxlintConfig(root: string): Step {
  const rules = recommendedRules();
  if (existsSync(path.join(root, OXLINT_TS_CONFIG))) {
    return { file: OXLINT_TS_CONFIG, action: 'manual', summary: `is a TypeScript config, so it is left as it is; ${manualLines(Object.keys(rules))}` };
  }
  const file = path.join(root, OXLINT_CONFIG);
  if (!existsSync(file)) {
    const config = { $schema: './node_modules/oxlint/configuration_schema.json', jsPlugins: [PACKAGE], rules };
    return { file: OXLINT_CONFIG, action: 'create', summary: `oxlint runs ${PACKAGE} as a JS plugin with the recommended rules`, content: `${JSON.stringify(config, null, 2)}\n` };
  }
  const text = readFileSync(file, 'utf8');
  if (hasComments(text)) {
    const config = text.includes(PACKAGE) ? 'already names the plugin' : manualLines(Object.keys(rules));
    return { file: OXLINT_CONFIG, action: text.includes(PACKAGE) ? 'unchanged' : 'manual', summary: text.includes(PACKAGE) ? config : `has comments, so it is left as it is; ${config}` };
  }
  const config = parseJsonObject(text, `init: ${OXLINT_CONFIG}`);
  const jsPlugins = config.jsPlugins ?? [];
  const ownRules = config.rules ?? {};
  if (!Array.isArray(jsPlugins)) throw new UsageError(`init: ${OXLINT_CONFIG} has a "jsPlugins" value that is not an array; nothing was written`);
  if (typeof ownRules !== 'object' || ownRules === null || Array.isArray(ownRules)) throw new UsageError(`init: ${OXLINT_CONFIG} has a "rules" value that is not an object; nothing was written`);
  const missingRules = Object.keys(rules).filter((rule) => !(rule in ownRules));
  const pluginPresent = hasPlugin(jsPlugins);
  if (pluginPresent && missingRules.length === 0) return { file: OXLINT_CONFIG, action: 'unchanged', summary: `already runs ${PACKAGE}` };
  const merged = {
    ...config,
    jsPlugins: pluginPresent ? jsPlugins : [...jsPlugins, PACKAGE],
    rules: { ...ownRules, ...Object.fromEntries(missingRules.map((rule) => [rule, rules[rule]])) },
  };
  const added = [pluginPresent ? null : `the JS plugin ${PACKAGE}`, missingRules.length > 0 ? `${missingRules.length} ${PLUGIN_NAMESPACE} rules` : null].filter(Boolean).join(' and ');
  return { file: OXLINT_CONFIG, action: 'update', summary: `added ${added}; your other settings are kept`, content: toJson(merged, jsonIndent(text)) };
}
