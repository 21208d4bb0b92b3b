import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_PERIODIC, renderManager } from '../../src/cli/manager-template.js';
import type * as tsManager from '../../src/templates/background-manager.js';
import { DEFAULT_SETTINGS } from '../../src/utils/settings.js';

type Module = typeof tsManager;

/** The JavaScript template as an ES module, and rendered as CommonJS, loaded as a project would load them. */
export async function loadVariants(): Promise<[string, Module][]> {
  const esmFile = path.resolve(__dirname, '../../src/templates/js/background-manager.js');
  const esm = (await import(pathToFileURL(esmFile).href)) as Module;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ag-manager-cjs-'));
  const cjsFile = path.join(dir, 'background-manager.cjs');
  writeFileSync(cjsFile, renderManager(DEFAULT_SETTINGS.manager, DEFAULT_PERIODIC, 'cjs'));
  const cjs = createRequire(import.meta.url)(cjsFile) as Module;
  rmSync(dir, { recursive: true, force: true });
  return [['javascript (ES module)', esm], ['javascript (CommonJS)', cjs]];
}
