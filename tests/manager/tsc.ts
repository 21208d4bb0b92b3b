import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
export const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

/** The strictest flags a team may turn on, next to `strict`. */
export const STRICTEST = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noPropertyAccessFromIndexSignature: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noFallthroughCasesInSwitch: true,
  isolatedModules: true,
  erasableSyntaxOnly: true,
  skipLibCheck: true,
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A temporary folder holding the given files; @types/node resolves from this repository. */
export function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ag-manager-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** compilerOptions that find this repository's @types/node from a folder outside it. */
export const nodeTypes = { types: ['node'], typeRoots: [path.join(ROOT, 'node_modules/@types')] };

/** Runs `tsc -p dir`; returns its exit code and diagnostics. */
export function tsc(dir: string, args: string[] = []): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [TSC, '-p', dir, '--pretty', 'false', ...args], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
