// Lints the bundled example service with the built plugin and prints the findings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import plugin from '../dist/index.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const service = path.join(root, 'examples/service');
const { asyncGovernance: settings } = JSON.parse(readFileSync(path.join(service, 'package.json'), 'utf8'));

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [plugin.configs.recommended, { settings: { 'async-governance': settings } }],
});
const results = await eslint.lintFiles(['examples/service']);
const formatter = await eslint.loadFormatter('stylish');
const output = await formatter.format(results);
const problems = results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
console.log(output || 'No findings.');
console.log(`${problems} finding(s) in ${results.length} file(s) of examples/service.`);
