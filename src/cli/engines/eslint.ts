import { ESLint, type Linter } from 'eslint';
import plugin from '../../index.js';
import { PLUGIN_NAMESPACE } from '../../configs/index.js';
import type { SettingsSource } from '../settings-file.js';
import type { EngineOptions, LintEngine } from './types.js';

/** The flat config `check` lints with: the embedded recommended config plus the project's settings. */
export function embeddedConfig(source: SettingsSource): Linter.Config[] {
  const recommended = plugin.configs.recommended as unknown as Linter.Config;
  const config: Linter.Config[] = [recommended];
  if (source.raw !== undefined) {
    config.push({ name: 'async-governance/project-settings', settings: { [PLUGIN_NAMESPACE]: source.raw as Record<string, unknown> } });
  }
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
function optionsModuleUrl(source: SettingsSource, cwd: string, options: EngineOptions): URL {
  const pluginUrl = new URL('../../index.js', import.meta.url).href;
  const settings = source.raw === undefined ? [] : [{ name: 'async-governance/project-settings', settings: { [PLUGIN_NAMESPACE]: source.raw } }];
  const code = `import plugin from ${JSON.stringify(pluginUrl)};
export default { ...${JSON.stringify(baseOptions(cwd, options.fix))}, concurrency: ${JSON.stringify(options.concurrency)},
  overrideConfig: [plugin.configs.recommended, ...${JSON.stringify(settings)}] };
`;
  return new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** Creates the ESLint instance for one settings source; with a concurrency, through an options module. */
export function createEslint(source: SettingsSource, cwd: string, options: EngineOptions): Promise<ESLint> | ESLint {
  if (options.concurrency !== 'off') {
    if (typeof ESLint.fromOptionsModule !== 'function') throw new Error(`--concurrency needs ESLint 9.34 or later (this is ESLint ${ESLint.version})`);
    return ESLint.fromOptionsModule(optionsModuleUrl(source, cwd, options));
  }
  return new ESLint({ ...baseOptions(cwd, options.fix), overrideConfig: embeddedConfig(source) });
}

/** ESLint's Node API with the embedded config (and worker threads with `--concurrency`). */
export function eslintEngine(options: EngineOptions): LintEngine {
  const instances = new Map<SettingsSource, Promise<ESLint>>();
  return {
    name: 'eslint',
    // Worker threads start per call, so with a concurrency the files go in one call.
    progressChunk: options.concurrency === 'off' ? 25 : Number.POSITIVE_INFINITY,
    async lintFiles(files, source, cwd) {
      let eslint = instances.get(source);
      if (!eslint) instances.set(source, (eslint = Promise.resolve(createEslint(source, cwd, options))));
      return (await eslint).lintFiles(files);
    },
    writeFixes: (results) => ESLint.outputFixes(results),
  };
}
