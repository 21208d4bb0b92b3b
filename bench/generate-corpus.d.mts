export const DEFAULT_SEED: number;
export function generateFile(seed: number, index: number): { path: string; text: string };
export function generateCorpus(options: { size: number; dir: string; seed?: number }): { files: number; lines: number };
export function generateHookFile(lines: number, options?: { seed?: number; violation?: boolean }): string;
export function generateHugeFile(functions: number): string;
