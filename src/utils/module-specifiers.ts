import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** How a file writes relative imports: with a `.js` extension (NodeNext ESM), a `.ts` one, or none. */
export type ImportConvention = 'js' | 'ts' | 'none';

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_OF: Record<string, string> = { '.ts': '.js', '.tsx': '.js', '.js': '.js', '.jsx': '.js', '.mts': '.mjs', '.mjs': '.mjs', '.cts': '.cjs', '.cjs': '.cjs' };

const toPosix = (file: string): string => file.split(path.sep).join('/');

/** Whether a specifier is a path (`./x`, `../x`, `/abs/x`) rather than a package name or an alias. */
export const isPathSpecifier = (specifier: string): boolean => /^\.{1,2}(?:\/|$)/.test(specifier) || path.isAbsolute(specifier);

function stripExtension(file: string): string {
  const extension = path.extname(file);
  return SOURCE_EXTENSIONS.includes(extension) ? file.slice(0, -extension.length) : file;
}

/** Parses JSON with comments and trailing commas, as tsconfig files are written; null when unreadable. */
export function readJsonc(file: string): Record<string, unknown> | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  let out = '';
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') {
      const start = index;
      for (index += 1; index < text.length && text[index] !== '"'; index += 1) if (text[index] === '\\') index += 1;
      out += text.slice(start, index + 1);
    } else if (char === '/' && text[index + 1] === '/') {
      while (index < text.length && text[index] !== '\n') index += 1;
      out += '\n';
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 1;
    } else {
      out += char;
    }
  }
  try {
    const value: unknown = JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// Per process; the files read here rarely change while a linter runs.
const nearestCache = new Map<string, string | null>();

/** The nearest file called `name` in `dir` or a folder above it. */
function findUp(dir: string, name: string): string | null {
  const key = `${name}\0${dir}`;
  let found = nearestCache.get(key);
  if (found === undefined) {
    const candidate = path.join(dir, name);
    const parent = path.dirname(dir);
    found = existsSync(candidate) ? candidate : parent === dir ? null : findUp(parent, name);
    nearestCache.set(key, found);
  }
  return found;
}

interface CompilerFacts {
  module?: string;
  moduleResolution?: string;
  /** `paths` with the folder its targets are relative to. */
  paths?: { map: Record<string, string[]>; base: string };
  baseUrl?: string;
}

const tsconfigCache = new Map<string, CompilerFacts>();

function resolveExtends(from: string, name: string): string | null {
  if (isPathSpecifier(name)) {
    const file = path.resolve(path.dirname(from), name);
    return existsSync(file) ? file : existsSync(`${file}.json`) ? `${file}.json` : null;
  }
  const require = createRequire(from);
  for (const candidate of [name, `${name}/tsconfig.json`]) {
    try {
      return require.resolve(candidate);
    } catch {
      // try the next form
    }
  }
  return null;
}

/** The compiler options of a tsconfig that matter for import specifiers, following `extends`. */
function readTsconfig(file: string, depth = 0): CompilerFacts {
  const cached = tsconfigCache.get(file);
  if (cached) return cached;
  const facts: CompilerFacts = {};
  const json = readJsonc(file);
  if (json && depth < 8) {
    const parents = Array.isArray(json.extends) ? json.extends : typeof json.extends === 'string' ? [json.extends] : [];
    for (const parent of parents) {
      const parentFile = typeof parent === 'string' ? resolveExtends(file, parent) : null;
      if (parentFile) Object.assign(facts, readTsconfig(parentFile, depth + 1));
    }
    const options = (json.compilerOptions ?? {}) as Record<string, unknown>;
    if (typeof options.module === 'string') facts.module = options.module.toLowerCase();
    if (typeof options.moduleResolution === 'string') facts.moduleResolution = options.moduleResolution.toLowerCase();
    const baseUrl = typeof options.baseUrl === 'string' ? path.resolve(path.dirname(file), options.baseUrl) : undefined;
    if (baseUrl) facts.baseUrl = baseUrl;
    if (typeof options.paths === 'object' && options.paths !== null) {
      facts.paths = { map: options.paths as Record<string, string[]>, base: facts.baseUrl ?? path.dirname(file) };
    } else if (facts.paths && baseUrl) {
      facts.paths = { map: facts.paths.map, base: baseUrl };
    }
  }
  tsconfigCache.set(file, facts);
  return facts;
}

function compilerFactsFor(filename: string): CompilerFacts | null {
  const tsconfig = findUp(path.dirname(filename), 'tsconfig.json');
  return tsconfig ? readTsconfig(tsconfig) : null;
}

const NODE_RESOLUTION = new Set(['node16', 'nodenext', 'node18', 'node20']);

function isEsmFile(filename: string): boolean {
  if (/\.m[jt]s$/.test(filename)) return true;
  if (/\.c[jt]s$/.test(filename)) return false;
  const pkg = findUp(path.dirname(filename), 'package.json');
  return pkg !== null && readJsonc(pkg)?.type === 'module';
}

/** What the file's own relative imports do; null when it has none that tell. */
function conventionOfImports(sourceCode: SourceCode): ImportConvention | null {
  const votes = { js: 0, ts: 0, none: 0 };
  for (const statement of sourceCode.ast.body) {
    const source =
      statement.type === 'ImportDeclaration' || statement.type === 'ExportAllDeclaration' || statement.type === 'ExportNamedDeclaration'
        ? statement.source?.value
        : undefined;
    if (typeof source !== 'string' || !/^\.{1,2}\//.test(source)) continue;
    const extension = path.extname(source);
    if (['.js', '.jsx', '.mjs', '.cjs'].includes(extension)) votes.js += 1;
    else if (['.ts', '.tsx', '.mts', '.cts'].includes(extension)) votes.ts += 1;
    // `./orders.service` has no extension either.
    else if (!['.json', '.css', '.node'].includes(extension)) votes.none += 1;
  }
  const best = (Object.keys(votes) as ImportConvention[]).sort((a, b) => votes[b] - votes[a])[0];
  return votes[best] > 0 ? best : null;
}

/**
 * How `filename` writes relative imports: as its own relative imports do; otherwise `.js` under
 * Node's ESM resolution (tsconfig `module`/`moduleResolution` node16/nodenext, or no tsconfig,
 * and an ES module file: `.mts`/`.mjs` or `"type": "module"`), none otherwise.
 */
export function importConvention(filename: string, sourceCode: SourceCode | null): ImportConvention {
  const own = sourceCode && conventionOfImports(sourceCode);
  if (own) return own;
  const facts = compilerFactsFor(filename);
  if (facts) {
    const resolution = facts.moduleResolution ?? facts.module;
    return resolution && NODE_RESOLUTION.has(resolution) && isEsmFile(filename) ? 'js' : 'none';
  }
  // No tsconfig: Node's ESM resolution is the one to satisfy.
  return isEsmFile(filename) ? 'js' : 'none';
}

/** What a `*` pattern (tsconfig `paths`, package.json `imports`) captures from a specifier, or null. */
function capture(pattern: string, specifier: string): string | null {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === specifier ? '' : null;
  const [head, tail] = [pattern.slice(0, star), pattern.slice(star + 1)];
  if (!specifier.startsWith(head) || !specifier.endsWith(tail) || specifier.length < head.length + tail.length) return null;
  return specifier.slice(head.length, specifier.length - tail.length);
}

/** The first path of a package.json `imports` target: a string, or conditions (`types`, `import`, `default`…). */
function importsTarget(target: unknown): string | null {
  if (typeof target === 'string') return target;
  if (typeof target !== 'object' || target === null) return null;
  for (const value of Object.values(target)) {
    const found = importsTarget(value);
    if (found) return found;
  }
  return null;
}

/**
 * The files an alias names (extension-less paths, first found first): `@/infra/x` under the
 * nearest tsconfig `paths` or `baseUrl`, `#infra/x` under the nearest package.json `imports`.
 */
function resolveAlias(filename: string, specifier: string): string[] {
  const candidates: string[] = [];
  if (specifier.startsWith('#')) {
    const pkg = findUp(path.dirname(filename), 'package.json');
    const imports = pkg ? readJsonc(pkg)?.imports : undefined;
    if (pkg && typeof imports === 'object' && imports !== null) {
      for (const [pattern, target] of Object.entries(imports)) {
        const captured = capture(pattern, specifier);
        const file = captured === null ? null : importsTarget(target);
        if (file) candidates.push(path.resolve(path.dirname(pkg), file.replace('*', captured as string)));
      }
    }
  }
  const facts = compilerFactsFor(filename);
  for (const [pattern, targets] of Object.entries(facts?.paths?.map ?? {})) {
    const captured = capture(pattern, specifier);
    if (captured === null || !Array.isArray(targets)) continue;
    for (const target of targets) {
      if (typeof target === 'string') candidates.push(path.resolve(facts?.paths?.base ?? '', target.replace('*', captured)));
    }
  }
  if (facts?.baseUrl) candidates.push(path.resolve(facts.baseUrl, specifier));
  return candidates;
}

/** The real file behind an extension-less path, when one exists. */
function existingSource(file: string): string | null {
  if (SOURCE_EXTENSIONS.includes(path.extname(file)) && existsSync(file)) return file;
  for (const extension of SOURCE_EXTENSIONS) if (existsSync(file + extension)) return file + extension;
  for (const extension of SOURCE_EXTENSIONS) if (existsSync(path.join(file, `index${extension}`))) return path.join(file, `index${extension}`);
  return null;
}

/**
 * The manager module as one linted file sees it. `manager.module` may be a package name or an
 * alias (written as given), or the path of the manager's source file relative to the settings
 * file (`./src/infra/background-manager.ts`), imported by a relative specifier that follows the
 * file's convention. Work happens on first use, which is when a fix is built.
 */
export class ManagerModule {
  #specifier: string | undefined;
  #target: string | null | undefined;

  constructor(
    readonly configured: string,
    private readonly baseDir: string,
    private readonly filename: string,
    /** The linted file, whose own imports set the convention; null to go by the project alone. */
    private readonly sourceCode: SourceCode | null,
  ) {}

  /** The extension-less absolute path of the manager's source, when it can be known. */
  get target(): string | null {
    if (this.#target === undefined) {
      const candidates = isPathSpecifier(this.configured)
        ? [path.resolve(this.baseDir, this.configured)]
        : resolveAlias(this.filename, this.configured);
      const found = candidates.map(existingSource).find((file) => file !== null) ?? candidates[0] ?? null;
      this.#target = found === null ? null : stripExtension(found);
    }
    return this.#target;
  }

  /** The specifier a fix writes in this file. */
  get specifier(): string {
    this.#specifier ??= this.#computeSpecifier();
    return this.#specifier;
  }

  #computeSpecifier(): string {
    if (!isPathSpecifier(this.configured)) return this.configured;
    const absolute = path.resolve(this.baseDir, this.configured);
    const real = existingSource(absolute) ?? absolute;
    let extension = path.extname(real);
    if (!SOURCE_EXTENSIONS.includes(extension)) extension = '.ts';
    let bare = toPosix(path.relative(path.dirname(this.filename), stripExtension(real)));
    if (!bare.startsWith('.')) bare = `./${bare}`;
    const convention = importConvention(this.filename, this.sourceCode);
    if (convention === 'js') return bare + JS_OF[extension];
    if (convention === 'ts') return bare + extension;
    // `.mts`/`.cts` targets are only reachable with their extension.
    if (extension === '.mts' || extension === '.cts') return bare + JS_OF[extension];
    return bare.endsWith('/index') ? bare.slice(0, -'/index'.length) || '.' : bare;
  }

  /** Whether an import specifier in this file names the manager module: as configured, by a relative path, or through an alias. */
  matches(specifier: string): boolean {
    if (specifier === this.configured || specifier === this.specifier) return true;
    const target = this.target;
    if (target === null) return false;
    const candidates = isPathSpecifier(specifier) ? [path.resolve(path.dirname(this.filename), specifier)] : resolveAlias(this.filename, specifier);
    return candidates.some((candidate) => {
      const file = stripExtension(candidate);
      return file === target || path.join(file, 'index') === target;
    });
  }
}
