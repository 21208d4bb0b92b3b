import { UsageError } from './errors.js';

export type JsonObject = Record<string, unknown>;

/** Parses a JSON object that init is about to edit; anything else stops init before it writes. */
export function parseJsonObject(text: string, shown: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${shown} is not valid JSON (${(error as Error).message.split('\n')[0]}); fix it first, nothing was written`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${shown} does not hold a JSON object; nothing was written`);
  return value as JsonObject;
}

/** The indentation a JSON file uses, to write it back alike. */
export const jsonIndent = (text: string | null): string => (text && /^[ \t]+(?=")/m.exec(text)?.[0]) || '  ';

export const toJson = (value: unknown, indent: string): string => `${JSON.stringify(value, null, indent)}\n`;
