import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, run } from './helpers.js';

const MANAGER = `export enum TaskPriority { CRITICAL, HIGH, NORMAL, LOW, BACKGROUND }
export function getBackgroundTaskManager() {
  return { submitEnhancedTask: (task: unknown) => task };
}
`;

const settingsOf = (repo: string) => JSON.parse(readFileSync(path.join(repo, 'async-governance.config.json'), 'utf8'));

describe('init writes the settings file', () => {
  it('fills manager.module with the file that exports the getter, and exempts it', () => {
    const repo = makeRepo({
      'package.json': '{ "name": "svc", "type": "module" }\n',
      'src/infra/background-manager.ts': MANAGER,
      'src/jobs/sync.ts': "import { getBackgroundTaskManager } from '../infra/background-manager.js';\nexport const m = getBackgroundTaskManager();\n",
      // copies in dependencies, build output and tests are not the manager
      'node_modules/lib/index.js': MANAGER,
      'dist/infra/background-manager.js': MANAGER,
      'src/__tests__/fake-manager.ts': MANAGER,
    });
    const result = run(['init'], { cwd: repo });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('created: async-governance.config.json: settings for every surface; manager.module is ./src/infra/background-manager.ts');
    expect(settingsOf(repo)).toEqual({
      manager: {
        module: './src/infra/background-manager.ts',
        getter: 'getBackgroundTaskManager',
        submit: 'submitEnhancedTask',
        priorityEnum: 'TaskPriority',
        defaultPriority: 'NORMAL',
        requiredTags: ['service', 'type', 'component'],
      },
      exemptions: { frameworkInternals: ['src/infra/background-manager.ts'] },
    });
    // The file it writes is what check reads: the manager's own file is exempt, nothing else fails.
    expect(run(['check', '.'], { cwd: repo })).toMatchObject({ status: 0, stderr: '' });
  });

  it('finds a getter exported as a const or in an export list', () => {
    const repo = makeRepo({
      'package.json': '{}',
      'lib/tasks.js': 'const getBackgroundTaskManager = () => manager;\nexport { getBackgroundTaskManager, other };\n',
    });
    expect(run(['init'], { cwd: repo }).status).toBe(0);
    expect(settingsOf(repo).manager.module).toBe('./lib/tasks.js');
  });

  it('says what to fill in when no file exports the getter', () => {
    const repo = makeRepo({ 'package.json': '{}', 'src/index.ts': 'export const x = 1;\n' });
    const result = run(['init'], { cwd: repo });
    expect(result.stdout).toContain("no file exports getBackgroundTaskManager: set manager.module to your manager's source file");
    expect(settingsOf(repo).manager.module).toBeUndefined();
    expect(settingsOf(repo).exemptions).toEqual({ frameworkInternals: [] });
  });

  it.each([
    ['async-governance.config.json', '{}'],
    ['async-governance.config.mjs', 'export default {};'],
  ])('leaves an existing %s alone', (name, content) => {
    const repo = makeRepo({ 'package.json': '{}', [name]: content });
    const result = run(['init'], { cwd: repo });
    expect(result.stdout).toContain(`unchanged: ${name}: already holds the async-governance settings`);
    expect(readFileSync(path.join(repo, name), 'utf8')).toBe(content);
  });

  it('leaves settings in package.json#asyncGovernance alone', () => {
    const repo = makeRepo({ 'package.json': '{ "asyncGovernance": { "manager": { "getter": "getQueue" } } }\n' });
    const result = run(['init'], { cwd: repo });
    expect(result.stdout).toContain('unchanged: package.json#asyncGovernance');
    expect(result.stdout).not.toContain('async-governance.config.json');
  });
});
