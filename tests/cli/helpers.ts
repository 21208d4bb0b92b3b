import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const BIN = path.resolve(__dirname, '../../dist/cli/index.js');

/** An async function with a blocking read: the example violation of `no-blocking-in-async`. */
export const VIOLATION = `import { readFileSync } from 'node:fs';

export async function loadConfig(path: string): Promise<string> {
  const text = readFileSync(path, 'utf8');
  return text.trim();
}
`;

export const CLEAN = `import { readFile } from 'node:fs/promises';

export async function loadConfig(path: string): Promise<string> {
  const text = await readFile(path, 'utf8');
  return text.trim();
}
`;

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the built bin, as a user or an agent would. */
export function run(args: string[], options: { cwd: string; input?: string; env?: Record<string, string> }): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const repos: string[] = [];
afterAll(() => repos.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A temporary repository (marked by `.git/`) holding the given files. */
export function makeRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ag-cli-'));
  repos.push(dir);
  mkdirSync(path.join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** Every file under `dir` with its modification time, to prove a command wrote nothing. */
export function snapshot(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const file = path.join(current, entry.name);
      if (entry.isDirectory()) walk(file);
      else out[path.relative(dir, file)] = statSync(file).mtimeMs;
    }
  };
  walk(dir);
  return out;
}
