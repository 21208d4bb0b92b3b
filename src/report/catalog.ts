import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CallExpression, Node, Project, SourceFile } from 'ts-morph';
import { type ExemptionKind, type GovernanceSettings, matchesExemption } from '../utils/settings.js';
import { type Location, readField, StaticEvaluator, type StaticValue } from './evaluate.js';

type Morph = typeof import('ts-morph');

/** A task id as the catalogue knows it. */
export type TaskIdInfo =
  | { kind: 'literal'; value: string }
  | { kind: 'pattern'; value: string }
  | { kind: 'dynamic'; text: string }
  | { kind: 'missing' };

export type PriorityInfo =
  | { kind: 'member'; member: string }
  /** A literal or a member the settings do not list: what `require-task-metadata` reports. */
  | { kind: 'invalid'; text: string }
  | { kind: 'dynamic'; text: string }
  | { kind: 'missing' };

export interface TagsInfo {
  /** Known tag values; null for a key present with a runtime value. */
  values: Record<string, string | null>;
  /** False when a spread or an unresolved value may hold more keys. */
  complete: boolean;
  /** Required keys absent from a complete tags value. */
  missingKeys: string[];
  /** The tags (or a spread in them) come from a constant in another file. */
  crossFile: boolean;
  /** The single-file rule cannot check these tags (not a spread-free object literal at the call). */
  beyondRule: boolean;
}

/** One submission to the background task manager. */
export interface ManagedSite {
  file: string;
  line: number;
  column: number;
  /** The call as written, up to its argument list: `this.tasks.submitEnhancedTask`. */
  call: string;
  taskId: TaskIdInfo;
  priority: PriorityInfo;
  /** Null when the submission has no tags at all. */
  tags: TagsInfo | null;
  /** Where the submitted function is defined, when it can be found. */
  run: { name: string | null; at: Location } | null;
  exempt: ExemptionKind | null;
  /** Problems found across files that the single-file rule cannot see. */
  flags: ('cross-file-tags-missing-keys')[];
}

export interface CatalogOptions {
  /** Root the paths in the catalogue are relative to; exemption globs match against it too. */
  cwd: string;
  /** Absolute paths of the files to scan (usually what ESLint linted). */
  files: string[];
  /** tsconfig to take compiler options and path aliases from; null for none. */
  tsconfig: string | null;
  settings: GovernanceSettings;
  /** The settings of one file, for its exemptions; default `settings` for every file. */
  settingsOf?: (file: string) => GovernanceSettings;
  onFile?: (done: number, total: number) => void;
}

/** Thrown when the tsconfig cannot be read; the message says which file and why. */
export class ProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectError';
  }
}

const toPosix = (file: string): string => file.split(path.sep).join('/');

/** How a value that is not a plain string reads in the catalogue. */
function describeValue(value: StaticValue): string {
  switch (value.kind) {
    case 'unknown': return value.text;
    case 'member': return `${value.object}.${value.member}`;
    case 'function': return value.name ?? 'a function';
    case 'object': return 'an object';
    case 'literal': return value.text;
    default: return value.value;
  }
}

/** Loads ts-morph only when a report is built: the lint path never pays for it. */
export async function loadProject(tsconfig: string | null, cwd: string): Promise<{ morph: Morph; project: Project }> {
  const morph = await import('ts-morph');
  if (tsconfig === null) {
    const { ModuleKind, ModuleResolutionKind } = morph.ts;
    const compilerOptions = { allowJs: true, noEmit: true, module: ModuleKind.ESNext, moduleResolution: ModuleResolutionKind.Bundler, baseUrl: cwd };
    return { morph, project: new morph.Project({ compilerOptions }) };
  }
  try {
    const project = new morph.Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
    const problems = project.getConfigFileParsingDiagnostics();
    if (problems.length > 0) {
      const text = problems.map((problem) => {
        const message = problem.getMessageText();
        return typeof message === 'string' ? message : message.getMessageText();
      }).join('; ');
      throw new ProjectError(`Cannot use ${tsconfig}: ${text}`);
    }
    project.compilerOptions.set({ allowJs: true });
    return { morph, project };
  } catch (error) {
    if (error instanceof ProjectError) throw error;
    throw new ProjectError(`Cannot read ${tsconfig}: ${(error as Error).message}`);
  }
}

/** Builds the managed side of the report: every manager submission with its metadata, resolved across files. */
export async function buildCatalog(options: CatalogOptions): Promise<ManagedSite[]> {
  const { morph, project } = await loadProject(options.tsconfig, options.cwd);
  const { manager } = options.settings;
  const methods = [...manager.submit, ...(manager.periodic ? [manager.periodic.method] : [])];
  // Only files that mention a submit method are parsed up front; the type checker loads the
  // files they import on demand.
  const candidates: string[] = [];
  for (const file of options.files) {
    const text = await readFile(file, 'utf8');
    if (methods.some((method) => text.includes(method))) candidates.push(file);
  }
  const sourceFiles = candidates.map((file) => project.addSourceFileAtPath(file));
  const catalog = new Cataloguer(morph, options);
  const sites: ManagedSite[] = [];
  sourceFiles.forEach((sourceFile, index) => {
    sites.push(...catalog.scan(sourceFile));
    options.onFile?.(index + 1, sourceFiles.length);
  });
  return sites;
}

class Cataloguer {
  private readonly manager: GovernanceSettings['manager'];
  private readonly methods: Set<string>;

  constructor(
    private readonly morph: Morph,
    private readonly options: CatalogOptions,
  ) {
    this.manager = options.settings.manager;
    this.methods = new Set([...this.manager.submit, ...(this.manager.periodic ? [this.manager.periodic.method] : [])]);
  }

  private relative = (file: string): string => toPosix(path.relative(this.options.cwd, file));

  scan(sourceFile: SourceFile): ManagedSite[] {
    const { SyntaxKind } = this.morph;
    const sites: ManagedSite[] = [];
    // Cheap text check first: most files never mention a submit method.
    const text = sourceFile.getFullText();
    if (![...this.methods].some((method) => text.includes(method))) return sites;
    for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      if (this.isSubmitCall(call)) sites.push(this.describe(call));
    }
    return sites;
  }

  private isSubmitCall(call: CallExpression): boolean {
    const { Node: N } = this.morph;
    const callee = call.getExpression();
    if (!N.isPropertyAccessExpression(callee) || !this.methods.has(callee.getName())) return false;
    return this.isManager(callee.getExpression(), new StaticEvaluator(this.morph, this.relative), 0);
  }

  /** Mirrors `isManagerReference` of the rules, but follows declarations into other files. */
  private isManager(input: Node, evaluator: StaticEvaluator, depth: number): boolean {
    const { Node: N } = this.morph;
    if (depth > 6) return false;
    const node = evaluator.unwrap(input);
    const { getter, receivers } = this.manager;
    if (N.isCallExpression(node)) {
      const callee = evaluator.unwrap(node.getExpression());
      if (N.isIdentifier(callee)) return callee.getText() === getter;
      return N.isPropertyAccessExpression(callee) && callee.getName() === getter;
    }
    if (N.isIdentifier(node)) {
      if (receivers.includes(node.getText())) return true;
      const declaration = evaluator.declarationOf(node);
      const initializer = N.isVariableDeclaration(declaration) || N.isParameterDeclaration(declaration) ? declaration.getInitializer() : undefined;
      return !!initializer && this.isManager(initializer, evaluator, depth + 1);
    }
    if (N.isPropertyAccessExpression(node)) {
      const name = node.getName();
      if (receivers.includes(name)) return true;
      if (!N.isThisExpression(node.getExpression())) return false;
      const values = this.classFieldValues(node);
      return values.length === 1 && this.isManager(values[0], evaluator, depth + 1);
    }
    return false;
  }

  /** Every value a class field is given: initializer, parameter property default, `this.x = …`. */
  private classFieldValues(access: import('ts-morph').PropertyAccessExpression): Node[] {
    const { Node: N, SyntaxKind } = this.morph;
    const owner = access.getFirstAncestor((ancestor) => N.isClassDeclaration(ancestor) || N.isClassExpression(ancestor));
    if (!owner || !(N.isClassDeclaration(owner) || N.isClassExpression(owner))) return [];
    const name = access.getName();
    const values: Node[] = [];
    for (const property of owner.getProperties()) {
      const initializer = property.getName() === name && !property.isStatic() ? property.getInitializer() : undefined;
      if (initializer) values.push(initializer);
    }
    for (const constructor of owner.getConstructors()) {
      for (const parameter of constructor.getParameters()) {
        const initializer = parameter.isParameterProperty() && parameter.getName() === name ? parameter.getInitializer() : undefined;
        if (initializer) values.push(initializer);
      }
    }
    for (const assignment of owner.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
      const left = assignment.getLeft();
      if (assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
      if (N.isPropertyAccessExpression(left) && N.isThisExpression(left.getExpression()) && left.getName() === name) values.push(assignment.getRight());
    }
    return values;
  }

  private exemptionOf(file: string): ExemptionKind | null {
    const settings = this.options.settingsOf?.(file) ?? this.options.settings;
    for (const kind of ['tests', 'frameworkInternals'] as const) {
      if (matchesExemption(settings, kind, file, this.options.cwd)) return kind;
    }
    return null;
  }

  private describe(call: CallExpression): ManagedSite {
    const evaluator = new StaticEvaluator(this.morph, this.relative);
    const file = call.getSourceFile();
    const start = file.getLineAndColumnAtPos(call.getStart());
    const site: ManagedSite = {
      file: this.relative(file.getFilePath()),
      line: start.line,
      column: start.column,
      call: call.getExpression().getText().replace(/\s+/g, ''),
      taskId: { kind: 'dynamic', text: call.getArguments().map((argument) => argument.getText()).join(', ') },
      priority: { kind: 'dynamic', text: '' },
      tags: null,
      run: null,
      exempt: this.exemptionOf(file.getFilePath()),
      flags: [],
    };
    const options = this.findOptions(call, evaluator);
    if (!options) return site;
    const { fields } = this.manager;
    site.taskId = this.describeTaskId(readField(options.value, fields.id));
    site.priority = this.describePriority(readField(options.value, fields.priority));
    const run = readField(options.value, fields.run);
    if (typeof run !== 'string' && run.kind === 'function') site.run = { name: run.name, at: run.at };
    const tagsNode = this.fieldNode(options.node, fields.tags);
    // Only the tags expression decides whether the tags crossed files.
    const tagsEvaluator = new StaticEvaluator(this.morph, this.relative);
    const tags = tagsNode ? tagsEvaluator.evaluate(tagsNode) : readField(options.value, fields.tags);
    // Tags read out of an options constant crossed files when that evaluation did.
    const crossFile = (tagsNode ? tagsEvaluator : evaluator).visited.size > 0;
    site.tags = this.describeTags(tags, crossFile, tagsNode, evaluator);
    if (site.tags && site.tags.beyondRule && site.tags.missingKeys.length > 0) site.flags.push('cross-file-tags-missing-keys');
    return site;
  }

  /** The submission object: the first argument that evaluates to an object literal. */
  private findOptions(call: CallExpression, evaluator: StaticEvaluator): { value: StaticValue; node: Node | null } | null {
    const { Node: N } = this.morph;
    for (const argument of call.getArguments()) {
      const value = evaluator.evaluate(argument);
      if (value.kind !== 'object') continue;
      const node = evaluator.unwrap(argument);
      return { value, node: N.isObjectLiteralExpression(node) ? node : null };
    }
    return null;
  }

  /** The expression of a dotted field written inline in an object literal, or null. */
  private fieldNode(object: Node | null, field: string): Node | null {
    const { Node: N } = this.morph;
    let current = object;
    for (const part of field.split('.')) {
      if (!current || !N.isObjectLiteralExpression(current)) return null;
      const property = current.getProperty(part);
      if (!property || !N.isPropertyAssignment(property)) return null;
      const initializer = property.getInitializer();
      current = initializer ? initializer : null;
    }
    return current;
  }

  private describeTaskId(value: StaticValue | 'missing' | 'unknown'): TaskIdInfo {
    if (value === 'missing') return { kind: 'missing' };
    if (value === 'unknown') return { kind: 'dynamic', text: '' };
    if (value.kind === 'string') return value.value.trim() === '' ? { kind: 'missing' } : { kind: 'literal', value: value.value };
    if (value.kind === 'pattern') return { kind: 'pattern', value: value.value };
    return { kind: 'dynamic', text: describeValue(value) };
  }

  private describePriority(value: StaticValue | 'missing' | 'unknown'): PriorityInfo {
    const { priorityEnum, priorities } = this.manager;
    if (value === 'missing') return { kind: 'missing' };
    if (value === 'unknown') return { kind: 'dynamic', text: '' };
    if (value.kind === 'member' && value.object === priorityEnum) {
      return priorities.includes(value.member) ? { kind: 'member', member: value.member } : { kind: 'invalid', text: `${priorityEnum}.${value.member}` };
    }
    // Another priority enum, as require-task-metadata sees it: e.g. a left-over TaskPriority.
    if (value.kind === 'member' && value.object.endsWith('Priority')) return { kind: 'invalid', text: `${value.object}.${value.member}` };
    if (value.kind === 'string') return { kind: 'invalid', text: JSON.stringify(value.value) };
    if (value.kind === 'literal') return { kind: 'invalid', text: value.text };
    return { kind: 'dynamic', text: describeValue(value) };
  }

  private describeTags(value: StaticValue | 'missing' | 'unknown', crossFile: boolean, node: Node | null, evaluator: StaticEvaluator): TagsInfo | null {
    const { Node: N } = this.morph;
    if (value === 'missing') return null;
    // The rule checks a spread-free object literal written at the call; anything else is ours.
    const inline = !!node && N.isObjectLiteralExpression(evaluator.unwrap(node)) &&
      !(evaluator.unwrap(node) as import('ts-morph').ObjectLiteralExpression).getProperties().some((property) => N.isSpreadAssignment(property));
    if (value === 'unknown' || value.kind !== 'object') {
      return { values: {}, complete: false, missingKeys: [], crossFile, beyondRule: !inline };
    }
    const values: Record<string, string | null> = {};
    for (const [key, entry] of value.entries) values[key] = entry.kind === 'string' ? entry.value : null;
    const missingKeys = value.complete ? this.manager.requiredTags.filter((tag) => !value.entries.has(tag)) : [];
    return { values, complete: value.complete, missingKeys, crossFile, beyondRule: !inline };
  }
}
