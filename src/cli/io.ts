import { fstatSync, readSync, writeSync } from 'node:fs';

/**
 * Reads all of standard input as UTF-8, once; later calls return the same text. The process's own
 * stdin is read with blocking reads: creating `process.stdin` loads Node's stream and socket
 * modules, a few milliseconds of every hook call.
 */
export function stdinReader(stdin?: NodeJS.ReadStream): () => Promise<string> {
  let text: Promise<string> | undefined;
  return () =>
    (text ??= (async () => {
      const chunks: Buffer[] = [];
      // A terminal (a character device; `node:tty` costs a cold start too much to ask first) and a
      // non-blocking stdin (EAGAIN) are read as a stream, after what was read already.
      if (stdin === undefined && !isCharacterDevice(0) && readAvailable(0, chunks)) return Buffer.concat(chunks).toString('utf8');
      const stream = stdin ?? process.stdin;
      if (stream.isTTY) return '';
      for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    })());
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    // No such descriptor: the stream reports it.
    return true;
  }
}

/** Reads `fd` to its end into `chunks`; false when it would block first. */
function readAvailable(fd: number, chunks: Buffer[]): boolean {
  const buffer = Buffer.allocUnsafe(1 << 16);
  for (;;) {
    let count: number;
    try {
      count = readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      if (code === 'EAGAIN') return false;
      // Windows reports the end of a pipe as an error.
      if (code === 'EOF') return true;
      throw error;
    }
    if (count === 0) return true;
    chunks.push(Buffer.from(buffer.subarray(0, count)));
  }
}

/**
 * Standard output or error written with blocking writes, for the same reason as stdinReader;
 * a stream takes over if the descriptor would block.
 */
export function descriptorWriter(fd: 1 | 2): NodeJS.WritableStream {
  let stream: NodeJS.WritableStream | undefined;
  const write = (chunk: string | Uint8Array): boolean => {
    if (stream) return stream.write(chunk);
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    while (data.length > 0) {
      try {
        data = data.subarray(writeSync(fd, data));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        stream = fd === 1 ? process.stdout : process.stderr;
        return stream.write(data);
      }
    }
    return true;
  };
  return { write } as unknown as NodeJS.WritableStream;
}
