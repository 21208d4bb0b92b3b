/** Reads all of standard input as UTF-8, once; later calls return the same text. */
export function stdinReader(stdin: NodeJS.ReadStream = process.stdin): () => Promise<string> {
  let text: Promise<string> | undefined;
  return () =>
    (text ??= (async () => {
      if (stdin.isTTY) return '';
      const chunks: Buffer[] = [];
      for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    })());
}
