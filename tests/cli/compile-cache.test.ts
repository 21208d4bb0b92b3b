import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The hook's V8 code cache (src/cli/compile-cache.ts) lives under TMPDIR in a folder only the
// user can enter: cached code runs as found, so a folder others can write to is never read.
const hook = path.resolve(__dirname, '../../dist/cli/hook.cjs');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'ag-compile-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const project = path.join(scratch, 'project');
mkdirSync(path.join(project, 'src'), { recursive: true });
const file = path.join(project, 'src/load.ts');
const event = JSON.stringify({ tool_name: 'Write', cwd: project, tool_input: { file_path: file, content: "import { readFileSync } from 'node:fs';\nexport async function load() { return readFileSync('x'); }\n" } });
const cacheFolder = (tmp: string) => path.join(tmp, `async-governance-cache-${process.getuid?.() ?? 'user'}`);

function runHook(tmp: string) {
  return spawnSync(process.execPath, [hook], { input: event, encoding: 'utf8', env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp } });
}

describe.skipIf(process.platform === 'win32')('the hook code cache', () => {
  it('is written to a private folder of its own and read back', () => {
    const tmp = path.join(scratch, 'fresh');
    mkdirSync(tmp);
    expect(runHook(tmp).status).toBe(2);
    const folder = cacheFolder(tmp);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(readdirSync(folder).filter((name) => name.endsWith('.bin'))).toHaveLength(1);
    expect(runHook(tmp).status).toBe(2);
  });

  it('is left alone where others could write: nothing is written there', () => {
    const tmp = path.join(scratch, 'shared');
    const folder = cacheFolder(tmp);
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, 0o777);
    writeFileSync(path.join(folder, 'planted.bin'), 'not a code cache');
    const result = runHook(tmp);
    expect(result.status).toBe(2);
    expect(readdirSync(folder)).toEqual(['planted.bin']);
  });
});
