import type { Linter } from 'eslint';
import { PLUGIN_NAMESPACE } from '../configs/index.js';

const isOwnFinding = (message: Linter.LintMessage): boolean =>
  message.fatal === true || (message.ruleId?.startsWith(`${PLUGIN_NAMESPACE}/`) ?? false);

/**
 * Keeps only this plugin's findings and fatal parse errors. The embedded config runs no other
 * plugin, so a directive naming another tool's rule (`eslint-disable-next-line
 * @typescript-eslint/no-explicit-any`) would otherwise come back as "Definition for rule …
 * was not found". Fixes go through it too, so `--fix` only applies the plugin's own.
 */
export const ownFindingsProcessor: Linter.Processor = {
  meta: { name: `${PLUGIN_NAMESPACE}/own-findings` },
  supportsAutofix: true,
  preprocess: (text) => [text],
  postprocess: (messages) => messages.flat().filter(isOwnFinding),
};

/**
 * The config entry that makes the embedded config speak only for the plugin: other tools'
 * directives are left alone (never reported as unused, never removed by `--fix`).
 */
export const ownFindingsOnly: Linter.Config = {
  name: `${PLUGIN_NAMESPACE}/own-findings-only`,
  processor: ownFindingsProcessor,
  linterOptions: { reportUnusedDisableDirectives: 'off' },
};
