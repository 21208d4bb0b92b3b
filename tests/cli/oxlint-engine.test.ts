import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oxlintEngine } from '../../src/cli/engines/oxlint.js';

// A stand-in for oxlint's bin that prints a fixed JSON report, to pin the translation.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'ag-oxlint-engine-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fakeOxlint(diagnostics: unknown[], exit = 1) {
  const bin = path.join(scratch, `oxlint-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(bin, `process.stdout.write(${JSON.stringify(JSON.stringify({ diagnostics, number_of_files: 1 }))});\nprocess.exitCode = ${exit};\n`);
  chmodSync(bin, 0o755);
  return oxlintEngine({ bin, version: '1.95.0' }, { fix: false, concurrency: 'off' });
}

const settings = {};

describe('the oxlint engine', () => {
  const file = path.join(scratch, 'job.ts');
  writeFileSync(file, "const s = 'é🎉';\nexport async function f() {\n  const t = '🎉ü'; run();\n}\nasync function run() {}\n");

  it('turns UTF-8 byte spans into ESLint lines and UTF-16 columns, and rule codes into rule ids', async () => {
    const offset = Buffer.byteLength("const s = 'é🎉';\nexport async function f() {\n  const t = '🎉ü'; ");
    const engine = fakeOxlint([{ message: 'This promise is dropped.', code: 'async-governance(no-fire-and-forget)', severity: 'error', filename: 'job.ts', labels: [{ span: { offset, length: 5 } }] }]);
    const [result] = await engine.lintFiles([file], settings, scratch);
    expect(result.messages).toEqual([
      { ruleId: 'async-governance/no-fire-and-forget', severity: 2, message: 'This promise is dropped.', line: 3, column: 20, endLine: 3, endColumn: 25 },
    ]);
    expect(result).toMatchObject({ filePath: file, errorCount: 1, fatalErrorCount: 0, warningCount: 0 });
  });

  it('reports a diagnostic without a rule as a fatal parse error', async () => {
    const engine = fakeOxlint([{ message: 'Expected `}` but found `EOF`', severity: 'error', filename: file, labels: [{ span: { offset: 0, length: 0 } }] }]);
    const [result] = await engine.lintFiles([file], settings, scratch);
    expect(result.messages).toEqual([{ ruleId: null, fatal: true, severity: 2, message: 'Parsing error: Expected `}` but found `EOF`', line: 1, column: 1 }]);
    expect(result.fatalErrorCount).toBe(1);
  });

  it('fails the run when a rule throws, as ESLint does', async () => {
    const engine = fakeOxlint([{ message: 'Error running JS plugin.\nFile path: /x/job.ts\nError: boom', severity: 'error', filename: 'job.ts', labels: [] }]);
    await expect(engine.lintFiles([file], settings, scratch)).rejects.toThrow('oxlint: Error running JS plugin. File path: /x/job.ts Error: boom');
  });

  it('fails the run when oxlint itself fails', async () => {
    const engine = fakeOxlint([], 2);
    await expect(engine.lintFiles([file], settings, scratch)).rejects.toThrow('oxlint failed (exit 2)');
  });
});
