import { describe, expect, it } from 'vitest';
import { type FieldLookup, getSubmissionObject, lookupField } from '../../src/utils/manager.js';
import { lintWith, type TSESTree } from './lint-with.js';

/** Looks `field` up in the object of every `submit(...)` call of `code`. */
function lookup(code: string, field: string): string[] {
  const found: string[] = [];
  lintWith(code, (context) => ({
    CallExpression(node) {
      if (node.callee.type !== 'Identifier' || node.callee.name !== 'submit') return;
      const object = getSubmissionObject(context.sourceCode, node);
      if (!object) {
        found.push('no object');
        return;
      }
      const result: FieldLookup = lookupField(object, field);
      if (result.kind === 'found') found.push(`found ${context.sourceCode.getText(result.value)}`);
      else if (result.kind === 'missing') found.push(`missing ${result.path.join('.')} in ${context.sourceCode.getText(result.container as TSESTree.Node).replace(/\s+/g, ' ')}`);
      else found.push('unknown');
    },
  }));
  return found;
}

describe('lookupField', () => {
  it('finds plain, quoted and dotted fields, looking through casts', () => {
    expect(lookup(`submit({ priority: P.HIGH as P, 'taskId': 'a', opts: { priority: 1 } as Opts });`, 'priority')).toEqual(['found P.HIGH']);
    expect(lookup(`submit({ priority: P.HIGH as P, 'taskId': 'a' });`, 'taskId')).toEqual(["found 'a'"]);
    expect(lookup(`submit({ opts: { priority: 1 } as Opts });`, 'opts.priority')).toEqual(['found 1']);
  });

  it('tells which object lacks the field and which keys are still to create', () => {
    expect(lookup(`submit({ taskId: 'a' });`, 'opts.priority')).toEqual(["missing opts.priority in { taskId: 'a' }"]);
    expect(lookup(`submit({ opts: { retries: 2 } });`, 'opts.priority')).toEqual(['missing priority in { retries: 2 }']);
  });

  it('is unknown where a spread or a runtime value may hold the field', () => {
    expect(lookup(`submit({ ...defaults, taskId: 'a' });`, 'priority')).toEqual(['unknown']);
    expect(lookup(`submit({ priority: 'low', ...overrides });`, 'priority')).toEqual(['unknown']);
    expect(lookup(`submit({ opts: buildOpts() });`, 'opts.priority')).toEqual(['unknown']);
    expect(lookup(`submit({ [key]: 'x' });`, 'priority')).toEqual(['unknown']);
  });

  it('lets a later property win over an earlier spread', () => {
    expect(lookup(`submit({ ...defaults, priority: 'low' });`, 'priority')).toEqual(["found 'low'"]);
  });
});

describe('getSubmissionObject', () => {
  it('takes the first object literal argument', () => {
    expect(lookup(`submit(run, { priority: 1 }, { priority: 2 });`, 'priority')).toEqual(['found 1']);
  });

  it('follows a same-file constant that is only passed along', () => {
    expect(lookup(`const task = { priority: 1 };\nsubmit(task);`, 'priority')).toEqual(['found 1']);
    expect(lookup(`const task = { taskId: 'a' };\ntask.priority = 2;\nsubmit(task);`, 'priority')).toEqual(['no object']);
  });

  it('gives up on spread arguments and parameters', () => {
    expect(lookup(`function go(options: O) { submit(options); submit(...args); }`, 'priority')).toEqual(['no object', 'no object']);
  });
});
