import type { TSESLint } from '@typescript-eslint/utils';
import { insertImport, isCommonJsFile } from '../../src/utils/fixers.js';
import { ruleTester } from '../rule-tester.js';

/** Reports the program once and fixes it by binding `setTimeout` of `node:timers/promises` as `delay`. */
const probe: TSESLint.RuleModule<'bind'> = {
  meta: { type: 'suggestion', fixable: 'code', messages: { bind: 'bind {{reference}}' }, schema: [] },
  defaultOptions: [],
  create(context) {
    return {
      Program(node) {
        const { sourceCode } = context;
        const commonJs = isCommonJsFile(sourceCode, context.filename);
        const options = { module: 'node:timers/promises', name: 'setTimeout', local: 'delay', useSite: node.body.at(-1) ?? node, commonJs };
        const preview = insertImport({ insertTextAfter: () => null, insertTextBefore: () => null } as never, sourceCode, options);
        context.report({
          node,
          messageId: 'bind',
          data: { reference: preview?.reference ?? 'nothing' },
          fix: (fixer) => insertImport(fixer, sourceCode, options)?.fixes ?? [],
        });
      },
    };
  },
};

ruleTester.run('insertImport with a local alias', probe, {
  valid: [],
  invalid: [
    // adds an aliased import after the last import
    {
      code: `import { logger } from './logger';\nlogger.info('up');`,
      output: `import { logger } from './logger';\nimport { setTimeout as delay } from 'node:timers/promises';\nlogger.info('up');`,
      errors: [{ messageId: 'bind', data: { reference: 'delay' } }],
    },
    // extends an import of the same module (with or without node:)
    {
      code: `import { setInterval } from 'timers/promises';\nfor await (const _ of setInterval(10)) break;`,
      output: `import { setInterval, setTimeout as delay } from 'timers/promises';\nfor await (const _ of setInterval(10)) break;`,
      errors: [{ messageId: 'bind', data: { reference: 'delay' } }],
    },
    // reuses an existing binding of the export, whatever its local name
    {
      code: `import { setTimeout as wait } from 'node:timers/promises';\nawait wait(10);`,
      output: null,
      errors: [{ messageId: 'bind', data: { reference: 'wait' } }],
    },
    // CommonJS: a destructured require with a renamed property
    {
      code: `const { readFile } = require('node:fs/promises');\nmodule.exports = readFile;`,
      output: `const { readFile } = require('node:fs/promises');\nconst { setTimeout: delay } = require('node:timers/promises');\nmodule.exports = readFile;`,
      errors: [{ messageId: 'bind', data: { reference: 'delay' } }],
    },
    // the alias is taken: no binding
    {
      code: `import { delay } from './utils';\nawait delay(10);`,
      output: null,
      errors: [{ messageId: 'bind', data: { reference: 'nothing' } }],
    },
  ],
});
