import { ESLint, type Linter } from 'eslint';
import plugin from '../../index.js';
import { ownFindingsOnly } from '../own-findings.js';
import type { EngineOptions, LintEngine } from './types.js';

const SETTINGS_CONFIG_NAME = 'async-governance/cli-settings';

/**
 * The flat config `check` and `report` lint with: the embedded recommended config, reporting
 * only the plugin's own findings, plus ESLint settings when the command gives some
 * (`--config FILE`). Without them the rules read each file's settings file themselves,
 * exactly as under `npx eslint` with `configs.recommended`.
 */
export function embeddedConfig(settings: Record<string, unknown>): Linter.Config[] {
  const recommended = plugin.configs.recommended as unknown as Linter.Config;
  const config: Linter.Config[] = [recommended, { ...ownFindingsOnly, files: recommended.files }];
  if (Object.keys(settings).length > 0) config.push({ name: SETTINGS_CONFIG_NAME, settings });
  return config;
}

function baseOptions(cwd: string, fix: boolean): ESLint.Options {
  return {
    cwd,
    // Zero configuration: never load the repository's own eslint.config.*.
    overrideConfigFile: true,
    // Files come from our own walk (which applies .gitignore); explicit paths are linted as given.
    ignore: false,
    fix,
  };
}

/**
 * The options module ESLint's worker threads load: options holding the plugin object cannot be
 * cloned into workers, so each worker imports the plugin itself (ESLint.fromOptionsModule).
 */
function optionsModuleUrl(settings: Record<string, unknown>, cwd: string, options: EngineOptions): URL {
  const pluginUrl = new URL('../../index.js', import.meta.url).href;
  const ownFindingsUrl = new URL('../own-findings.js', import.meta.url).href;
  const extra = Object.keys(settings).length > 0 ? [{ name: SETTINGS_CONFIG_NAME, settings }] : [];
  const code = `import plugin from ${JSON.stringify(pluginUrl)};
import { ownFindingsOnly } from ${JSON.stringify(ownFindingsUrl)};
export default { ...${JSON.stringify(baseOptions(cwd, options.fix))}, concurrency: ${JSON.stringify(options.concurrency)},
  overrideConfig: [plugin.configs.recommended, { ...ownFindingsOnly, files: plugin.configs.recommended.files }, ...${JSON.stringify(extra)}] };
`;
  return new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** Creates the ESLint instance of a run; with a concurrency, through an options module. */
export function createEslint(settings: Record<string, unknown>, cwd: string, options: EngineOptions): Promise<ESLint> | ESLint {
  if (options.concurrency !== 'off') {
    if (typeof ESLint.fromOptionsModule !== 'function') throw new Error(`--concurrency needs ESLint 9.34 or later (this is ESLint ${ESLint.version})`);
    return ESLint.fromOptionsModule(optionsModuleUrl(settings, cwd, options));
  }
  return new ESLint({ ...baseOptions(cwd, options.fix), overrideConfig: embeddedConfig(settings) });
}

/** ESLint's Node API with the embedded config (and worker threads with `--concurrency`). */
export function eslintEngine(options: EngineOptions): LintEngine {
  let instance: Promise<ESLint> | undefined;
  return {
    name: 'eslint',
    // Worker threads start per call, so with a concurrency the files go in one call.
    progressChunk: options.concurrency === 'off' ? 25 : Number.POSITIVE_INFINITY,
    async lintFiles(files, settings, cwd) {
      // One instance per run: its settings and cwd are the same for every chunk.
      instance ??= Promise.resolve(createEslint(settings, cwd, options));
      return (await instance).lintFiles(files);
    },
    writeFixes: (results) => ESLint.outputFixes(results),
  };
}
