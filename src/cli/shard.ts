import { createHash } from 'node:crypto';
import path from 'node:path';
import { UsageError } from './errors.js';

/** Shard `index` (1-based) of `count`, as given by `--shard index/count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `--shard i/n` (1 ≤ i ≤ n). */
export function parseShard(value: string, command: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`${command}: --shard needs i/n with 1 ≤ i ≤ n, got '${value}'`);
  return { index, count };
}

/**
 * The shard a file belongs to, from a hash of its path relative to `cwd` with POSIX separators:
 * the same on every machine and in every run, independent of which other files exist.
 */
export function shardOf(file: string, cwd: string, count: number): number {
  const relative = path.relative(cwd, file).split(path.sep).join('/');
  return (createHash('sha1').update(relative).digest().readUInt32BE(0) % count) + 1;
}

/** The files of one shard; the shards of a split are disjoint and together hold every file. */
export function filesOfShard(files: string[], cwd: string, shard: Shard | undefined): string[] {
  if (!shard || shard.count === 1) return files;
  return files.filter((file) => shardOf(file, cwd, shard.count) === shard.index);
}

/** The name of a shard in reports, e.g. `shard-2-of-4`. */
export const shardName = (shard: Shard): string => `shard-${shard.index}-of-${shard.count}`;
