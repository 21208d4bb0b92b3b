import rule from '../../src/rules/no-blocking-in-async.js';
import { ruleTester } from '../rule-tester.js';

ruleTester.run('no-blocking-in-async', rule, {
  valid: [
    `import { readFileSync } from 'node:fs';\nconst config = readFileSync('config.json', 'utf8');`,
  ],
  invalid: [
    {
      code: `import { readFileSync } from 'node:fs';\nexport async function load(path: string) {\n  return readFileSync(path, 'utf8');\n}`,
      output: `import { readFileSync } from 'node:fs';\nimport { readFile } from 'node:fs/promises';\nexport async function load(path: string) {\n  return await readFile(path, 'utf8');\n}`,
      errors: [{ messageId: 'blockingCall', line: 3 }],
    },
  ],
});
