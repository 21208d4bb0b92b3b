/** A problem with how the CLI was called or configured: exit 2 with one line on stderr. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The one line printed for an error that ends a command with exit 2. */
export function describeError(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  if (error instanceof Error) return error.message.split('\n')[0];
  return String(error);
}
