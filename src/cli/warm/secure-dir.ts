import { lstatSync, mkdirSync } from 'node:fs';

/**
 * Whether `directory` may hold the warm server's socket: a real directory (not a link), owned by
 * this user, that no one else can read, write or enter (mode 0700). Anyone who could write there
 * could put their own server in place of ours and answer "allow".
 */
export function isPrivateDirectory(directory: string): boolean {
  try {
    const stats = lstatSync(directory);
    const uid = process.getuid?.();
    return stats.isDirectory() && !stats.isSymbolicLink() && (uid === undefined || stats.uid === uid) && (stats.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/** Creates the socket directory (mode 0700) when missing; false when it exists but is not private. */
export function ensurePrivateDirectory(directory: string): boolean {
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
  } catch {
    return false;
  }
  return isPrivateDirectory(directory);
}
