import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { createConfigs, PLUGIN_NAMESPACE } from './configs/index.js';
import { rules } from './rules/index.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const plugin = {
  meta: { name, version, namespace: PLUGIN_NAMESPACE },
  rules,
  configs: {} as ReturnType<typeof createConfigs>,
};
plugin.configs = createConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin);

export default plugin;
export { rules };
export type { GovernanceSettings, BlockingCall, ManagerSettings } from './utils/settings.js';
