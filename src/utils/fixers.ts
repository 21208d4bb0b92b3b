import { isBuiltin } from 'node:module';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { walk } from './ast.js';
import { findVariable, getRequiredModule } from './references.js';

type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** The binding a fix can use after `insertImport`, and the edits that create it. */
export interface ImportedBinding {
  /** Expression to write at the use site: `readFile`, `fsp.readFile`. */
  reference: string;
  fixes: Fix[];
}

const stripNode = (module: string): string => (module.startsWith('node:') ? module.slice(5) : module);
const sameModule = (a: string, b: string): boolean => stripNode(a) === stripNode(b);

/**
 * Whether a file is CommonJS: `.cjs`/`.cts`, or it uses `require`/`module.exports`/`exports.`
 * and has no `import`/`export`.
 */
export function isCommonJsFile(sourceCode: SourceCode, filename: string): boolean {
  if (/\.c[jt]s$/i.test(filename)) return true;
  if (/\.m[jt]s$/i.test(filename)) return false;
  const body = sourceCode.ast.body;
  const isModuleSyntax = body.some(
    (statement) =>
      statement.type === 'ImportDeclaration' ||
      statement.type === 'ExportNamedDeclaration' ||
      statement.type === 'ExportDefaultDeclaration' ||
      statement.type === 'ExportAllDeclaration',
  );
  if (isModuleSyntax) return false;
  return /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(sourceCode.text);
}

/**
 * Whether `name` is free to bind at module level and is not shadowed at `useSite`. Implicit
 * globals (lib types such as the DOM's `TaskPriority`, configured globals) have no definitions
 * and an import may shadow them.
 */
export function isNameFree(sourceCode: SourceCode, useSite: TSESTree.Node, name: string): boolean {
  const variable = findVariable(sourceCode, useSite, name);
  return variable === null || variable.defs.length === 0;
}

function firstStatementAfterDirectives(program: TSESTree.Program): TSESTree.ProgramStatement | undefined {
  return program.body.find(
    (statement) => !(statement.type === 'ExpressionStatement' && typeof statement.directive === 'string'),
  );
}

function insertStatement(fixer: Fixer, sourceCode: SourceCode, anchor: TSESTree.Node | undefined, text: string): Fix {
  if (anchor) return fixer.insertTextAfter(anchor, `\n${text}`);
  const first = firstStatementAfterDirectives(sourceCode.ast);
  if (first) return fixer.insertTextBefore(first, `${text}\n`);
  const last = sourceCode.ast.body.at(-1);
  return last ? fixer.insertTextAfter(last, `\n${text}`) : fixer.insertTextAfterRange([0, 0], `${text}\n`);
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
}

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A free local name for `name` when the file already binds it: `readFileAsync` for the promise
 * APIs (`node:fs/promises`), otherwise the module's last segment before the name
 * (`backgroundManagerTaskPriority`); null when every candidate is taken.
 */
export function pickAlias(sourceCode: SourceCode, useSite: TSESTree.Node, module: string, name: string): string | null {
  const segment = module.replace(/\.[cm]?[jt]sx?$/, '').split('/').filter((part) => part !== '' && part !== '.' && part !== '..' && part !== 'promises').at(-1) ?? '';
  const prefix = segment.replace(/^node:/, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase()).replace(/^[^A-Za-z_$]+/, '');
  const candidates = /(?:^|\/)promises$/.test(module) ? [`${name}Async`] : [];
  if (prefix) candidates.push(`${prefix.charAt(0).toLowerCase()}${prefix.slice(1)}${capitalise(name)}`);
  candidates.push(`${name}Imported`);
  return candidates.find((candidate) => isNameFree(sourceCode, useSite, candidate)) ?? null;
}

/**
 * Makes the named export `name` of `module` available at `useSite`: reuses an existing
 * import or `require` (of `module`, or of any specifier `matches` accepts), extends one, or
 * adds one (a `require` in CommonJS files, never an ESM import there). `local` binds a new
 * import under another name (`setTimeout as delay`) and gives null when that name is taken;
 * without it, a taken name gets an alias (`readFile as readFileAsync`).
 */
export function insertImport(
  fixer: Fixer,
  sourceCode: SourceCode,
  options: { module: string; name: string; local?: string; useSite: TSESTree.Node; commonJs: boolean; matches?: (specifier: string) => boolean },
): ImportedBinding | null {
  const { module, name, useSite, commonJs } = options;
  const isSame = options.matches ?? ((specifier: string) => sameModule(specifier, module));
  const local = options.local ?? name;
  const alias = options.local === undefined ? () => pickAlias(sourceCode, useSite, module, name) : () => null;
  const binding = commonJs
    ? insertRequire(fixer, sourceCode, { module, name, local, useSite, isSame, alias })
    : insertEsmImport(fixer, sourceCode, { module, name, local, useSite, isSame, alias });
  return binding && withinImportAllowance(sourceCode, binding, useSite) ? binding : null;
}

/**
 * ESLint merges a report's edits into one, so a fix that adds an import at the top carries all
 * the text between the import and the change. The fixes of one file may carry, together, four
 * times the file's length (at least 1 MB) that way; past that, a report that needs a new import
 * gets no fix until the import exists (`--fix` adds it in one pass and the rest in the next).
 * This keeps fixes linear in the file where thousands of reports would each carry most of it.
 */
const carriedText = new WeakMap<object, number>();
const MIN_ALLOWANCE = 1 << 20;

function withinImportAllowance(sourceCode: SourceCode, binding: ImportedBinding, useSite: TSESTree.Node): boolean {
  const starts = binding.fixes.filter((fix) => fix?.range).map((fix) => fix.range[0]);
  if (starts.length === 0) return true;
  const carried = Math.max(...starts.map((start) => Math.abs(useSite.range[0] - start)));
  const used = carriedText.get(sourceCode.ast) ?? 0;
  if (used + carried > Math.max(MIN_ALLOWANCE, 4 * sourceCode.text.length)) return false;
  carriedText.set(sourceCode.ast, used + carried);
  return true;
}

const importsCache = new WeakMap<TSESTree.Program, TSESTree.ImportDeclaration[]>();
const requiresCache = new WeakMap<TSESTree.Program, ReturnType<typeof findTopLevelRequires>>();

/** The file's import declarations, found once per file: a file with thousands of reports asks for each. */
function importDeclarations(program: TSESTree.Program): TSESTree.ImportDeclaration[] {
  let imports = importsCache.get(program);
  if (!imports) {
    imports = program.body.filter((statement): statement is TSESTree.ImportDeclaration => statement.type === 'ImportDeclaration');
    importsCache.set(program, imports);
  }
  return imports;
}

interface ImportRequest {
  module: string;
  name: string;
  local: string;
  useSite: TSESTree.Node;
  isSame: (specifier: string) => boolean;
  alias: () => string | null;
}

/** The local name a new binding gets: `local` when free, else an alias, else null. */
function freeLocal(sourceCode: SourceCode, request: ImportRequest): string | null {
  return isNameFree(sourceCode, request.useSite, request.local) ? request.local : request.alias();
}

function insertEsmImport(fixer: Fixer, sourceCode: SourceCode, request: ImportRequest): ImportedBinding | null {
  const { module, name } = request;
  const imports = importDeclarations(sourceCode.ast);
  const candidates = imports.filter((declaration) => request.isSame(declaration.source.value) && declaration.importKind !== 'type');
  for (const declaration of candidates) {
    for (const specifier of declaration.specifiers) {
      if (specifier.type === 'ImportSpecifier' && importedName(specifier) === name && specifier.importKind !== 'type') {
        return { reference: specifier.local.name, fixes: [] };
      }
    }
  }
  for (const declaration of candidates) {
    const namespace = declaration.specifiers.find((specifier) => specifier.type === 'ImportNamespaceSpecifier');
    if (namespace) return { reference: `${namespace.local.name}.${name}`, fixes: [] };
  }
  const local = freeLocal(sourceCode, request);
  if (local === null) return null;
  const specifierText = local === name ? name : `${name} as ${local}`;
  for (const declaration of candidates) {
    const named = declaration.specifiers.filter((specifier) => specifier.type === 'ImportSpecifier');
    const last = named.at(-1);
    if (last) return { reference: local, fixes: [fixer.insertTextAfter(last, `, ${specifierText}`)] };
    const defaultSpecifier = declaration.specifiers.find((specifier) => specifier.type === 'ImportDefaultSpecifier');
    if (defaultSpecifier) return { reference: local, fixes: [fixer.insertTextAfter(defaultSpecifier, `, { ${specifierText} }`)] };
  }
  const quote = imports[0]?.source.raw.startsWith('"') ? '"' : "'";
  const text = `import { ${specifierText} } from ${quote}${module}${quote};`;
  return { reference: local, fixes: [insertStatement(fixer, sourceCode, imports.at(-1), text)] };
}

function topLevelRequires(sourceCode: SourceCode): ReturnType<typeof findTopLevelRequires> {
  let found = requiresCache.get(sourceCode.ast);
  if (!found) {
    found = findTopLevelRequires(sourceCode);
    requiresCache.set(sourceCode.ast, found);
  }
  return found;
}

function findTopLevelRequires(sourceCode: SourceCode): { statement: TSESTree.VariableDeclaration; declarator: TSESTree.VariableDeclarator; module: string }[] {
  const found = [];
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      if (declarator.init?.type !== 'CallExpression') continue;
      const module = getRequiredModule(sourceCode, declarator.init);
      if (module !== null) found.push({ statement, declarator, module });
    }
  }
  return found;
}

function insertRequire(fixer: Fixer, sourceCode: SourceCode, request: ImportRequest): ImportedBinding | null {
  const { module, name } = request;
  const requires = topLevelRequires(sourceCode);
  const candidates = requires.filter((entry) => request.isSame(entry.module));
  for (const { declarator } of candidates) {
    if (declarator.id.type === 'Identifier') return { reference: `${declarator.id.name}.${name}`, fixes: [] };
    if (declarator.id.type !== 'ObjectPattern') continue;
    for (const property of declarator.id.properties) {
      if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier' &&
        property.key.name === name && property.value.type === 'Identifier') {
        return { reference: property.value.name, fixes: [] };
      }
    }
  }
  const local = freeLocal(sourceCode, request);
  if (local === null) return null;
  const propertyText = local === name ? name : `${name}: ${local}`;
  for (const { declarator } of candidates) {
    if (declarator.id.type !== 'ObjectPattern') continue;
    const last = declarator.id.properties.at(-1);
    if (last && last.type === 'Property') return { reference: local, fixes: [fixer.insertTextAfter(last, `, ${propertyText}`)] };
  }
  const declaration = requires.at(-1)?.statement;
  const keyword = declaration?.kind ?? 'const';
  const text = `${keyword} { ${propertyText} } = require('${module}');`;
  return { reference: local, fixes: [insertStatement(fixer, sourceCode, declaration, text)] };
}

/** Whether an expression replacing `node` with `await …` must be parenthesised to keep precedence. */
export function needsParensForAwait(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === node;
    case 'CallExpression':
    case 'NewExpression':
      return parent.callee === node;
    case 'TaggedTemplateExpression':
      return parent.tag === node;
    case 'BinaryExpression':
      return parent.operator === '**' && parent.left === node;
    case 'TSNonNullExpression':
      return true;
    default:
      return false;
  }
}

/** Whether text inserted at the start of `node` lands at the start of a statement that follows one without `;`. */
export function needsLeadingSemicolon(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  let statement: TSESTree.Node = node;
  while (statement.parent && statement.parent.type !== 'ExpressionStatement' && statement.parent.range[0] === node.range[0]) {
    statement = statement.parent;
  }
  if (statement.parent?.type !== 'ExpressionStatement' || statement.parent.range[0] !== node.range[0]) return false;
  const before = sourceCode.getTokenBefore(statement.parent);
  return !!before && ![';', '{'].includes(before.value);
}

/** Prefixes `await` to an expression, adding parentheses or a `;` where precedence or ASI needs them. */
export function wrapInAwait(fixer: Fixer, sourceCode: SourceCode, node: TSESTree.Node): Fix[] {
  if (!needsParensForAwait(node)) return [fixer.insertTextBefore(node, 'await ')];
  const semicolon = needsLeadingSemicolon(sourceCode, node) ? ';' : '';
  return [fixer.insertTextBefore(node, `${semicolon}(await `), fixer.insertTextAfter(node, ')')];
}

type BindingStatement = TSESTree.ImportDeclaration | TSESTree.VariableDeclaration;

/** Where an import or `require` binding is declared: the statement, and the item of it that binds the name. */
interface BindingSite {
  statement: BindingStatement;
  /** An import specifier, a property of a `require` destructuring, or the declarator's identifier. */
  item: TSESTree.Node;
  /** The identifier that declares the name, whose init reference is no use. */
  name: TSESTree.Node;
}

function bindingSite(sourceCode: SourceCode, variable: TSESLint.Scope.Variable): BindingSite | null {
  if (variable.defs.length !== 1) return null;
  const [def] = variable.defs;
  if (def.type === 'ImportBinding') {
    const specifier = def.node;
    if (specifier.type === 'TSImportEqualsDeclaration' || specifier.parent.type !== 'ImportDeclaration') return null;
    return { statement: specifier.parent, item: specifier, name: def.name };
  }
  if (def.type !== 'Variable') return null;
  const declarator = def.node;
  const statement = declarator.parent;
  if (declarator.init?.type !== 'CallExpression' || getRequiredModule(sourceCode, declarator.init) === null || statement.declarations.length !== 1) return null;
  // e.g. export const { x } = require('m') is part of the module's interface; for (…) heads cannot lose it
  if (statement.parent?.type !== 'Program' && statement.parent?.type !== 'BlockStatement') return null;
  if (declarator.id.type === 'Identifier') return { statement, item: declarator.id, name: def.name };
  // A rest element collects what the others leave: removing one would change it.
  if (declarator.id.type !== 'ObjectPattern' || declarator.id.properties.some((property) => property.type === 'RestElement')) return null;
  const property = declarator.id.properties.find((item) => item.type === 'Property' && item.value === def.name);
  return property ? { statement, item: property, name: def.name } : null;
}

/** Modules that are not Node builtins but whose import has no side effect either. */
const SIDE_EFFECT_FREE = new Set(['fs-extra', 'graceful-fs']);

function statementModule(sourceCode: SourceCode, statement: BindingStatement): string | null {
  if (statement.type === 'ImportDeclaration') return statement.source.value;
  const init = statement.declarations[0]?.init;
  return init?.type === 'CallExpression' ? getRequiredModule(sourceCode, init) : null;
}

interface Edit {
  range: [number, number];
  text: string;
}

const hasCommentIn = (sourceCode: SourceCode, [start, end]: [number, number]): boolean =>
  sourceCode.getAllComments().some((comment) => comment.range[0] < end && comment.range[1] > start);

/** A fix that inserts `, <text>` right after `node`, as `insertImport` extends a list. */
const extensionAfter = (fixes: Fix[], node: TSESTree.Node): Fix | undefined =>
  fixes.find((fix) => fix.range[0] === node.range[1] && fix.range[1] === node.range[1] && fix.text.startsWith(', '));

/**
 * Removes the runs of `removed` items from a list that keeps at least one: a run after a kept
 * item goes with the separator before it (`a, x` → `a`), a leading run with the one after it.
 */
function listRemovals(items: readonly TSESTree.Node[], removed: Set<TSESTree.Node>): Edit[] {
  const edits: Edit[] = [];
  for (let start = 0; start < items.length; start += 1) {
    if (!removed.has(items[start])) continue;
    let end = start;
    while (end + 1 < items.length && removed.has(items[end + 1])) end += 1;
    edits.push({ range: start > 0 ? [items[start - 1].range[1], items[end].range[1]] : [items[start].range[0], items[end + 1].range[0]], text: '' });
    start = end;
  }
  return edits;
}

/** Removes a whole statement: its lines when it has them to itself, or its place to a statement inserted right after it. */
function statementRemoval(sourceCode: SourceCode, statement: BindingStatement, fixes: Fix[]): { edits: Edit[]; consumed: Fix[] } {
  const module = statementModule(sourceCode, statement) ?? '';
  const importedElsewhere = statement.type === 'ImportDeclaration'
    ? importDeclarations(sourceCode.ast).some((other) => other !== statement && other.source.value === module && other.importKind !== 'type')
    : topLevelRequires(sourceCode).some((other) => other.statement !== statement && other.module === module);
  // e.g. import { querySync } from '@acme/db' may register drivers: keep the import, drop the names.
  if (!isBuiltin(module) && !SIDE_EFFECT_FREE.has(module) && !importedElsewhere) {
    const text = statement.type === 'ImportDeclaration'
      ? `import ${statement.source.raw};`
      : `${sourceCode.getText(statement.declarations[0].init as TSESTree.Node)};`;
    return { edits: [{ range: statement.range, text }], consumed: [] };
  }
  const [start, end] = statement.range;
  const next = fixes.find((fix) => fix.range[0] === end && fix.range[1] === end && fix.text.startsWith('\n'));
  if (next) return { edits: [{ range: statement.range, text: next.text.slice(1) }], consumed: [next] };
  const { text } = sourceCode;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  const endsLine = /^\s*$/.test(text.slice(end, lineEnd));
  if (endsLine && /^[ \t]*$/.test(text.slice(lineStart, start))) return { edits: [{ range: [lineStart, lineEnd], text: '' }], consumed: [] };
  // e.g. `import a from 'a'; import { b } from 'b';` loses the space before the second too
  const space = endsLine ? (/[ \t]*$/.exec(text.slice(lineStart, start))?.[0].length ?? 0) : 0;
  return { edits: [{ range: [start - space, end], text: '' }], consumed: [] };
}

/** The edits that drop `removed` items from an import declaration, or null when no safe edit exists. */
function importRemovals(sourceCode: SourceCode, statement: TSESTree.ImportDeclaration, removed: Set<TSESTree.Node>, fixes: Fix[]): { edits: Edit[]; consumed: Fix[] } | null {
  const named = statement.specifiers.filter((specifier) => specifier.type === 'ImportSpecifier');
  const head = statement.specifiers.filter((specifier) => specifier.type !== 'ImportSpecifier');
  const edits: Edit[] = [];
  const consumed: Fix[] = [];
  let namedStay = named.some((specifier) => !removed.has(specifier));
  if (namedStay) {
    edits.push(...listRemovals(named, removed));
  } else if (named.length > 0) {
    const extension = extensionAfter(fixes, named[named.length - 1]);
    if (extension) {
      // e.g. import { setInterval as every } → import { setTimeout as delay }: the added name takes the place of the last.
      edits.push({ range: [named[0].range[0], named[named.length - 1].range[1]], text: extension.text.slice(2) });
      consumed.push(extension);
      namedStay = true;
    }
  }
  const headStays = head.some((specifier) => !removed.has(specifier));
  if (!namedStay && !headStays) {
    const extension = head.length > 0 && named.length === 0 ? extensionAfter(fixes, head[head.length - 1]) : undefined;
    // e.g. import timers from 'timers' extended with `, { setTimeout }`
    if (!extension) return statementRemoval(sourceCode, statement, fixes);
    return { edits: [{ range: [head[0].range[0], head[head.length - 1].range[1]], text: extension.text.slice(2) }], consumed: [extension] };
  }
  if (!namedStay && named.length > 0) {
    // e.g. import fs, { readFileSync } from 'fs' → import fs from 'fs'
    const close = sourceCode.getTokenAfter(named[named.length - 1], { filter: (token) => token.value === '}' });
    if (!close) return null;
    edits.push({ range: [head[head.length - 1].range[1], close.range[1]], text: '' });
  }
  if (head.some((specifier) => removed.has(specifier))) {
    if (headStays) {
      // import fs, * as fsNs from 'fs': one of the two goes.
      edits.push(...listRemovals(head, removed));
    } else {
      // e.g. import fs, { statSync } from 'fs' → import { statSync } from 'fs'
      const open = sourceCode.getTokenAfter(head[head.length - 1], { filter: (token) => token.value === '{' });
      if (!open) return null;
      edits.push({ range: [head[0].range[0], open.range[0]], text: '' });
    }
  }
  return { edits, consumed };
}

/** The edits that drop `removed` items from a `require` declaration, or null when no safe edit exists. */
function requireRemovals(sourceCode: SourceCode, statement: TSESTree.VariableDeclaration, removed: Set<TSESTree.Node>, fixes: Fix[]): { edits: Edit[]; consumed: Fix[] } | null {
  const pattern = statement.declarations[0].id;
  if (pattern.type !== 'ObjectPattern') return statementRemoval(sourceCode, statement, fixes);
  const properties = pattern.properties;
  if (properties.some((property) => !removed.has(property))) return { edits: listRemovals(properties, removed), consumed: [] };
  const last = properties[properties.length - 1];
  const extension = last && extensionAfter(fixes, last);
  if (!extension) return statementRemoval(sourceCode, statement, fixes);
  return { edits: [{ range: [properties[0].range[0], last.range[1]], text: extension.text.slice(2) }], consumed: [extension] };
}

const overlaps = (fix: Fix, [start, end]: [number, number]): boolean =>
  fix.range[0] < end && fix.range[1] > start && !(fix.range[0] === fix.range[1] && (fix.range[0] === start || fix.range[0] === end));

/** Whether a reference is called (`readFileSync(p)`), so a fix may rewrite it; other uses keep the import anyway. */
const isCallee = (node: TSESTree.Node): boolean => node.parent?.type === 'CallExpression' && node.parent.callee === node;

/**
 * `fixes` plus the removal of every import or `require` binding whose references all lie in
 * `removed` (nodes the fixes delete), so code that compiled under `noUnusedLocals` still
 * does. A name the fixes add to the same declaration takes the removed one's place; a statement
 * left without bindings goes (as `import 'pkg';` when a package imported nowhere else may have
 * side effects). Declarations the
 * edits cannot change without dropping a comment or overlapping another fix are left as they are.
 */
export function removeUnusedBindings(fixer: Fixer, sourceCode: SourceCode, fixes: Fix[], removed: readonly TSESTree.Node[]): Fix[] {
  const identifiers: TSESTree.Identifier[] = [];
  for (const node of removed) {
    walk(node, sourceCode.visitorKeys, (inner) => {
      if (inner.type === 'Identifier') identifiers.push(inner);
    });
  }
  const dropped = new Set<TSESTree.Node>(identifiers);
  const bySite = new Map<BindingStatement, Set<TSESTree.Node>>();
  const locks: TSESTree.Node[] = [];
  for (const identifier of identifiers) {
    const variable = findVariable(sourceCode, identifier, identifier.name);
    if (!variable?.references.some((reference) => reference.identifier === identifier)) continue;
    const site = bindingSite(sourceCode, variable);
    if (!site) continue;
    const others = variable.references.filter((reference) => reference.identifier !== site.name && !dropped.has(reference.identifier));
    if (others.length === 0) {
      const items = bySite.get(site.statement) ?? new Set();
      bySite.set(site.statement, items.add(site.item));
    } else if (others.every((reference) => reference.identifier.range[1] <= identifier.range[0] && isCallee(reference.identifier))) {
      locks.push(others.reduce((last, reference) => (reference.identifier.range[0] > last.range[0] ? reference.identifier : last), others[0].identifier));
    }
  }
  let result = fixes;
  // When every other use is a call before this one, this fix also spans the use before it
  // (rewriting it to itself), so it waits for that use's fix: ESLint applies one of two overlapping
  // fixes per pass, and in the next pass this use, now alone, removes the import. Otherwise every
  // use would be fixed in the same pass, none of them alone.
  for (const lock of locks) {
    if (!result.some((fix) => fix.range[0] < lock.range[1] && fix.range[1] > lock.range[0])) result = [...result, fixer.replaceText(lock, sourceCode.getText(lock))];
  }
  for (const [statement, items] of bySite) {
    const removal = statement.type === 'ImportDeclaration'
      ? importRemovals(sourceCode, statement, items, result)
      : requireRemovals(sourceCode, statement, items, result);
    if (!removal) continue;
    const others = result.filter((fix) => !removal.consumed.includes(fix));
    const safe = removal.edits.every((edit) =>
      !hasCommentIn(sourceCode, edit.range) && !others.some((fix) => overlaps(fix, edit.range)));
    if (safe) result = [...others, ...removal.edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text))];
  }
  return result;
}
