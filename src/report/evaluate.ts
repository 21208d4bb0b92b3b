import type { Node, Symbol as MorphSymbol } from 'ts-morph';

type Morph = typeof import('ts-morph');

/** Where a definition lives, as a path relative to the report root and a 1-based line. */
export interface Location {
  file: string;
  line: number;
}

/** What static evaluation knows of an expression, following constants across files. */
export type StaticValue =
  | { kind: 'string'; value: string }
  /** A template with runtime parts, written with `*` for each part: `cleanup.*`. */
  | { kind: 'pattern'; value: string }
  | { kind: 'literal'; text: string }
  /** `Enum.MEMBER` (or `ns.Enum.MEMBER`), with the enum's own name when it is an alias. */
  | { kind: 'member'; object: string; member: string }
  /** An object literal; `complete` is false when a spread or computed key could not be resolved. */
  | { kind: 'object'; entries: Map<string, StaticValue>; complete: boolean }
  | { kind: 'function'; name: string | null; at: Location }
  | { kind: 'unknown'; text: string };

const MAX_DEPTH = 8;

/**
 * Evaluates expressions of a ts-morph project statically: literals, templates, `const`s (in
 * any file, through imports and re-exports), object literals with spreads, enum members.
 * Every file it passes through besides the expression's own is recorded in `visited`.
 */
export class StaticEvaluator {
  readonly visited = new Set<string>();

  constructor(
    private readonly morph: Morph,
    private readonly relative: (file: string) => string,
  ) {}

  /** Strips parentheses, casts, `!`, `satisfies` and `await`. */
  unwrap(input: Node): Node {
    const { Node: N } = this.morph;
    let node = input;
    while (
      N.isParenthesizedExpression(node) || N.isAsExpression(node) || N.isSatisfiesExpression(node) ||
      N.isNonNullExpression(node) || N.isTypeAssertion(node) || N.isAwaitExpression(node)
    ) {
      node = node.getExpression();
    }
    return node;
  }

  /** The declaration a name refers to, through import aliases. */
  declarationOf(node: Node): Node | undefined {
    const { Node: N } = this.morph;
    let symbol: MorphSymbol | undefined;
    if (N.isShorthandPropertyAssignment(node)) symbol = node.getValueSymbol();
    else symbol = node.getSymbol();
    if (!symbol) return undefined;
    const target = symbol.isAlias() ? symbol.getAliasedSymbol() ?? symbol : symbol;
    return target.getDeclarations()[0];
  }

  /** The initializer of a `const` (or a never-reassigned binding) that `node` names, or null. */
  constantValue(node: Node): Node | null {
    const { Node: N, VariableDeclarationKind } = this.morph;
    const declaration = this.declarationOf(node);
    if (!N.isVariableDeclaration(declaration)) return null;
    const list = declaration.getParent();
    if (!N.isVariableDeclarationList(list) || list.getDeclarationKind() !== VariableDeclarationKind.Const) return null;
    if (!N.isIdentifier(declaration.getNameNode())) return null;
    const initializer = declaration.getInitializer();
    if (initializer && declaration.getSourceFile() !== node.getSourceFile()) {
      this.visited.add(this.relative(declaration.getSourceFile().getFilePath()));
    }
    return initializer ?? null;
  }

  locate(node: Node): Location {
    return { file: this.relative(node.getSourceFile().getFilePath()), line: node.getStartLineNumber() };
  }

  evaluate(input: Node, depth = 0): StaticValue {
    const { Node: N } = this.morph;
    const node = this.unwrap(input);
    const unknown: StaticValue = { kind: 'unknown', text: node.getText() };
    if (depth > MAX_DEPTH) return unknown;
    if (N.isStringLiteral(node) || N.isNoSubstitutionTemplateLiteral(node)) return { kind: 'string', value: node.getLiteralValue() };
    if (N.isNumericLiteral(node) || node.getKindName() === 'NullKeyword' || node.getKindName() === 'TrueKeyword' || node.getKindName() === 'FalseKeyword') {
      return { kind: 'literal', text: node.getText() };
    }
    if (N.isTemplateExpression(node)) {
      let value = node.getHead().getLiteralText();
      let exact = true;
      for (const span of node.getTemplateSpans()) {
        const part = this.evaluate(span.getExpression(), depth + 1);
        if (part.kind === 'string') value += part.value;
        else {
          value += '*';
          exact = false;
        }
        value += span.getLiteral().getLiteralText();
      }
      return exact ? { kind: 'string', value } : { kind: 'pattern', value };
    }
    if (N.isIdentifier(node)) {
      if (node.getText() === 'undefined') return { kind: 'literal', text: 'undefined' };
      const declaration = this.declarationOf(node);
      if (N.isFunctionDeclaration(declaration)) return { kind: 'function', name: declaration.getName() ?? null, at: this.locate(declaration) };
      const value = this.constantValue(node);
      return value ? this.evaluate(value, depth + 1) : unknown;
    }
    if (N.isPropertyAccessExpression(node)) {
      const name = node.getName();
      const target = this.unwrap(node.getExpression());
      const declaration = N.isIdentifier(target) || N.isPropertyAccessExpression(target) ? this.declarationOf(target) : undefined;
      if (N.isEnumDeclaration(declaration)) return { kind: 'member', object: declaration.getName(), member: name };
      if (N.isThisExpression(target)) {
        const member = this.declarationOf(node);
        if (N.isMethodDeclaration(member)) return { kind: 'function', name, at: this.locate(member) };
        return unknown;
      }
      const object = this.evaluate(target, depth + 1);
      if (object.kind === 'object') return object.entries.get(name) ?? unknown;
      // e.g. TaskPriority.HIGH where the enum is declared in a package without sources
      if (object.kind === 'unknown' && /^[A-Z][A-Z0-9_]*$/.test(name)) {
        return { kind: 'member', object: N.isPropertyAccessExpression(target) ? target.getName() : target.getText(), member: name };
      }
      return unknown;
    }
    if (N.isObjectLiteralExpression(node)) return this.evaluateObject(node, depth);
    if (N.isArrowFunction(node) || N.isFunctionExpression(node)) {
      const name = N.isFunctionExpression(node) ? node.getName() ?? null : null;
      // e.g. () => this.syncInvoices(): the work is defined where the called function is.
      const called = name === null ? this.singleCall(node) : null;
      if (called) {
        const target = this.evaluate(called, depth + 1);
        if (target.kind === 'function') return target;
      }
      return { kind: 'function', name, at: this.locate(node) };
    }
    // e.g. this.refresh.bind(this)
    if (N.isCallExpression(node)) {
      const callee = node.getExpression();
      if (N.isPropertyAccessExpression(callee) && callee.getName() === 'bind') return this.evaluate(callee.getExpression(), depth + 1);
    }
    return unknown;
  }

  /** The callee of a function whose body is one (awaited) call, or null. */
  private singleCall(fn: import('ts-morph').ArrowFunction | import('ts-morph').FunctionExpression): Node | null {
    const { Node: N } = this.morph;
    let body: Node = fn.getBody();
    if (N.isBlock(body)) {
      const statements = body.getStatements();
      if (statements.length !== 1) return null;
      const [statement] = statements;
      if (N.isExpressionStatement(statement)) body = statement.getExpression();
      else if (N.isReturnStatement(statement) && statement.getExpression()) body = statement.getExpression() as Node;
      else return null;
    }
    body = this.unwrap(body);
    return N.isCallExpression(body) ? body.getExpression() : null;
  }

  private evaluateObject(node: import('ts-morph').ObjectLiteralExpression, depth: number): StaticValue {
    const { Node: N } = this.morph;
    const entries = new Map<string, StaticValue>();
    let complete = true;
    for (const property of node.getProperties()) {
      if (N.isSpreadAssignment(property)) {
        const spread = this.evaluate(property.getExpression(), depth + 1);
        if (spread.kind !== 'object') {
          complete = false;
          continue;
        }
        for (const [key, value] of spread.entries) entries.set(key, value);
        complete &&= spread.complete;
        continue;
      }
      const nameNode = property.getNameNode?.();
      let name: string | null = null;
      if (N.isIdentifier(nameNode) || N.isStringLiteral(nameNode) || N.isNumericLiteral(nameNode)) {
        name = N.isIdentifier(nameNode) ? nameNode.getText() : nameNode.getLiteralText();
      } else if (nameNode && N.isComputedPropertyName(nameNode)) {
        const key = this.evaluate(nameNode.getExpression(), depth + 1);
        if (key.kind === 'string') name = key.value;
      }
      if (name === null) {
        complete = false;
        continue;
      }
      if (N.isPropertyAssignment(property)) {
        const initializer = property.getInitializer();
        entries.set(name, initializer ? this.evaluate(initializer, depth + 1) : { kind: 'unknown', text: '' });
      } else if (N.isShorthandPropertyAssignment(property)) {
        const declaration = this.declarationOf(property);
        const value = N.isVariableDeclaration(declaration) ? this.constantOf(declaration) : null;
        entries.set(name, value ? this.evaluate(value, depth + 1) : N.isFunctionDeclaration(declaration)
          ? { kind: 'function', name, at: this.locate(declaration) }
          : { kind: 'unknown', text: name });
      } else if (N.isMethodDeclaration(property)) {
        entries.set(name, { kind: 'function', name, at: this.locate(property) });
      } else {
        entries.set(name, { kind: 'unknown', text: property.getText() });
      }
    }
    return { kind: 'object', entries, complete };
  }

  private constantOf(declaration: import('ts-morph').VariableDeclaration): Node | null {
    const { Node: N, VariableDeclarationKind } = this.morph;
    const list = declaration.getParent();
    if (!N.isVariableDeclarationList(list) || list.getDeclarationKind() !== VariableDeclarationKind.Const) return null;
    return declaration.getInitializer() ?? null;
  }
}

/** Reads a (possibly dotted) field of an evaluated object: the value, `missing`, or `unknown` behind a spread. */
export function readField(value: StaticValue, field: string): StaticValue | 'missing' | 'unknown' {
  let current: StaticValue = value;
  for (const part of field.split('.')) {
    if (current.kind !== 'object') return 'unknown';
    const next = current.entries.get(part);
    if (!next) return current.complete ? 'missing' : 'unknown';
    current = next;
  }
  return current;
}
