import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// stdinReader and descriptorWriter read and write the process's own descriptors, so each case
// runs in a child process through the built module.
const io = path.resolve(__dirname, '../../dist/cli/io.js');
const echo = `import(${JSON.stringify(io)}).then(async ({ stdinReader, descriptorWriter }) => {
  const text = await stdinReader()();
  descriptorWriter(1).write(text.length + ':' + text.slice(0, 20) + ':' + text.slice(-20));
  descriptorWriter(2).write('done');
});`;
const folder = mkdtempSync(path.join(os.tmpdir(), 'async-governance-io-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const big = `${'{"tool_name":"Write",'.padEnd(200_000, ' ')}"end":1}`;
const expected = (text: string) => `${text.length}:${text.slice(0, 20)}:${text.slice(-20)}`;

describe('standard input and output without streams', () => {
  it('reads a pipe to its end, past the pipe buffer', () => {
    const result = spawnSync(process.execPath, ['-e', echo], { input: big, encoding: 'utf8' });
    expect(result.stdout).toBe(expected(big));
    expect(result.stderr).toBe('done');
  });

  it('reads a file given as stdin, and /dev/null as empty', () => {
    const file = path.join(folder, 'event.json');
    writeFileSync(file, big);
    for (const [source, text] of [[file, big], ['/dev/null', '']] as const) {
      if (source === '/dev/null' && process.platform === 'win32') continue;
      const fd = openSync(source, 'r');
      try {
        const result = spawnSync(process.execPath, ['-e', echo], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
        expect(result.stdout).toBe(expected(text));
      } finally {
        closeSync(fd);
      }
    }
  });

  it('reads nothing when the parent gives no stdin', () => {
    const result = spawnSync(process.execPath, ['-e', echo], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    expect(result.stdout).toBe(expected(''));
  });
});
