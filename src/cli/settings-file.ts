import path from 'node:path';
import { SettingsFileError } from '../utils/settings-files.js';
import { type GovernanceSettings, SETTINGS_FILE_KEY, SettingsError, settingsFileFor, settingsForFile } from '../utils/settings.js';
import { UsageError } from './errors.js';

export { SETTINGS_FILES } from '../utils/settings-files.js';

/**
 * The ESLint settings every CLI command lints with: none, so the rules find each file's settings
 * file themselves as they do under plain `npx eslint`; or, with `--config FILE`, that file for all.
 */
export function cliSettings(configFile: string | undefined, cwd: string): Record<string, unknown> {
  return configFile === undefined ? {} : { [SETTINGS_FILE_KEY]: path.resolve(cwd, configFile) };
}

function asUsageError(error: unknown): never {
  if (error instanceof SettingsError || error instanceof SettingsFileError) throw new UsageError(error.message);
  throw error;
}

/** The settings of one file, resolved as the rules resolve them; a bad settings file is a usage error. */
export function settingsOf(file: string, cwd: string, eslintSettings: Record<string, unknown>): GovernanceSettings {
  try {
    return settingsForFile(file, cwd, eslintSettings);
  } catch (error) {
    return asUsageError(error);
  }
}

/** The settings file that applies to `file` (null: the defaults), read and checked. */
export function settingsFileOf(file: string, cwd: string, eslintSettings: Record<string, unknown>): string | null {
  try {
    return settingsFileFor(file, cwd, eslintSettings)?.file ?? null;
  } catch (error) {
    return asUsageError(error);
  }
}
