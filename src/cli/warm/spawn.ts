import { spawn } from 'node:child_process';

/** Starts the warm server in the background, detached from this process and its output. */
export function startServer(entry: string, socket: string): void {
  try {
    const child = spawn(process.execPath, [entry, '--serve', socket], { detached: true, stdio: 'ignore', env: process.env });
    child.on('error', () => {});
    child.unref();
  } catch {
    // The next call starts it again, or keeps linting cold.
  }
}
