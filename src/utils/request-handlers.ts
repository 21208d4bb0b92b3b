import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, getEnclosingFunction, getPropertyName, getStaticString, isFunction, skipTypeWrappers, walk } from './ast.js';
import { findThisMethod, findVariable, getConstantDefinition, resolveOrigin } from './references.js';
import { getSettings, matchesExemption, toMatchPath } from './settings.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** The framework convention that makes a function a request handler. */
export type RequestHandlerKind =
  | 'route' // Express, Koa router, Fastify, Hono: `app.get(path, handler)`
  | 'fastify-route' // Fastify `route({ handler })`
  | 'next-route' // exported GET/POST/… of a Next.js `app/**/route.*` file
  | 'next-api' // default export of a Next.js `pages/api/**` file
  | 'nest' // NestJS method decorated with @Get, @MessagePattern, @SubscribeMessage, …
  | 'socket-message' // socket.io `socket.on(event, handler)` inside `io.on('connection', …)`
  | 'shape' // `(req, res)`, `(err, req, res, next)`, `(request, reply)`, `(request, h)`, or typed `Request`/`Response`
  | 'glob'; // any function of a file matching the `requestHandlers` globs

export interface RequestHandler {
  fn: FunctionNode;
  kind: RequestHandlerKind;
}

/** What a rule context offers that handler detection needs. */
export interface HandlerContext {
  sourceCode: SourceCode;
  filename: string;
  cwd: string;
  settings?: Record<string, unknown>;
}

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all', 'use']);
const ROUTER_FACTORIES: Record<string, readonly string[][]> = {
  express: [['()'], ['Router', '()'], ['default', '()'], ['default', 'Router', '()']],
  'koa-router': [['()'], ['default', '()']],
  '@koa/router': [['()'], ['default', '()'], ['Router', '()']],
  koa: [['()'], ['default', '()']],
  fastify: [['()'], ['default', '()'], ['fastify', '()']],
  hono: [['Hono', '()']],
};
// Names that hold an app or router by convention: `app`, `router`, `userRouter`, `this.app`, `server`.
const ROUTER_NAME = /^(?:app|api|server|fastify|instance|hono|router|routes?|[a-z]\w*(?:Router|Routes|App|Api|Server))$/;
const NEST_DECORATORS = new Set([
  'Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'MessagePattern', 'EventPattern', 'SubscribeMessage',
]);
const NEXT_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const FASTIFY_ROUTE_HOOKS = ['handler', 'preHandler', 'onRequest', 'preValidation'];
const MAX_WRAPPER_DEPTH = 3;
// Parameter names of handlers mounted elsewhere: Express/Connect/Node http, Fastify, hapi.
const HANDLER_NAME_PAIRS = new Set(['req,res', 'request,reply', 'req,reply', 'request,h']);
const ERROR_NAMES = new Set(['err', 'error']);
// Koa middleware mounted in another file (`app.use(koaErrorHandler())`): `(ctx, next)`, `(_, next)`,
// recognised in files that import Koa, where that shape means nothing else.
const KOA_CONTEXT_NAMES = new Set(['ctx', 'context', '']);
const KOA_MODULE = /^(?:koa|koa-[\w.-]+|@koa\/[\w.-]+)$/;
const REQUEST_TYPES = new Set(['Request', 'FastifyRequest', 'IncomingMessage', 'NextApiRequest']);
const RESPONSE_TYPES = new Set(['Response', 'FastifyReply', 'ServerResponse', 'NextApiResponse']);

/** Whether the receiver of `x.get(...)` is an app or router created by a known framework. */
function isKnownRouter(sourceCode: SourceCode, receiver: Node): boolean {
  const origin = resolveOrigin(sourceCode, receiver);
  if (origin?.kind !== 'module') return false;
  const shapes = ROUTER_FACTORIES[origin.module];
  return !!shapes && shapes.some((shape) => shape.length === origin.path.length && shape.every((part, i) => origin.path[i] === part));
}

function receiverName(receiver: Node): string | null {
  const node = skipTypeWrappers(receiver);
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return getPropertyName(node);
  return null;
}

function isPathArgument(node: Node | undefined): boolean {
  if (!node) return false;
  if (getStaticString(node) !== null || node.type === 'TemplateLiteral') return true;
  if (node.type === 'Literal' && 'regex' in node && node.regex) return true;
  return node.type === 'ArrayExpression' && node.elements.length > 0 && node.elements.every((item) => !!item && isPathArgument(item));
}

/** The function a handler argument stands for: inline, `this.method(.bind(this))`, a same-file name, or wrapped. */
function resolveHandler(sourceCode: SourceCode, argument: Node, depth = 0): FunctionNode[] {
  const node = skipTypeWrappers(argument);
  if (isFunction(node)) return [node];
  if (node.type === 'CallExpression') {
    // e.g. this.list.bind(this)
    if (node.callee.type === 'MemberExpression' && getPropertyName(node.callee) === 'bind') {
      return resolveHandler(sourceCode, node.callee.object, depth + 1);
    }
    // e.g. asyncHandler(async (req, res) => { … }), catchAsync(this.create)
    if (depth >= MAX_WRAPPER_DEPTH) return [];
    return node.arguments.flatMap((inner) => resolveHandler(sourceCode, inner, depth + 1));
  }
  if (node.type === 'Identifier') {
    const variable = findVariable(sourceCode, node, node.name);
    const def = variable && getConstantDefinition(variable);
    if (def?.type === 'FunctionName' && def.node.type === 'FunctionDeclaration') return [def.node];
    if (def?.type === 'Variable' && def.node.init && depth < MAX_WRAPPER_DEPTH) return resolveHandler(sourceCode, def.node.init, depth + 1);
    return [];
  }
  if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression') {
    const name = getPropertyName(node);
    const fn = name === null ? null : findThisMethod(node.object, name);
    return fn ? [fn] : [];
  }
  return [];
}

/** `app.get('/x', a, b)`, `router.use(mw)`, `app.route('/x').get(h)`: the handler arguments, or null. */
function routeHandlerArguments(sourceCode: SourceCode, call: TSESTree.CallExpression): Node[] | null {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== 'MemberExpression') return null;
  const method = getPropertyName(callee);
  if (method === null || !ROUTE_METHODS.has(method)) return null;
  const receiver = skipTypeWrappers(callee.object);
  // e.g. app.route('/users').get(list).post(create)
  if (receiver.type === 'CallExpression' && receiver.callee.type === 'MemberExpression' &&
    ['route', 'get', 'post', 'put', 'patch', 'delete', 'all'].includes(getPropertyName(receiver.callee) ?? '') &&
    (getPropertyName(receiver.callee) !== 'route' ? routeHandlerArguments(sourceCode, receiver) !== null : isPathArgument(receiver.arguments[0]))) {
    return [...call.arguments];
  }
  const [first, ...rest] = call.arguments;
  const pathFirst = isPathArgument(first);
  // Without a path, only `use` or a known router with a handler after the first argument routes
  // (`cache.get(key)` does not): settled before resolving the receiver, which costs more.
  if (!pathFirst && method !== 'use' && call.arguments.length <= 1) return null;
  const known = isKnownRouter(sourceCode, receiver);
  const name = receiverName(receiver);
  if (!known && (name === null || !ROUTER_NAME.test(name))) return null;
  if (pathFirst) return rest;
  // Middleware without a path: `app.use(cors())`, `router.use(async (ctx, next) => …)`.
  if (method === 'use') return [...call.arguments];
  return known && call.arguments.length > 1 ? rest : null;
}

/** `fastify.route({ method, url, handler })`: the handler functions. */
function fastifyRouteHandlers(call: TSESTree.CallExpression): Node[] {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || getPropertyName(callee) !== 'route') return [];
  const options = call.arguments[0];
  if (call.arguments.length !== 1 || options?.type !== 'ObjectExpression') return [];
  const values = (name: string): Node[] =>
    options.properties.flatMap((property) =>
      property.type === 'Property' && getPropertyName(property) === name ? [property.value] : []);
  if (values('url').length === 0 && values('path').length === 0) return [];
  return FASTIFY_ROUTE_HOOKS.flatMap(values);
}

/** `io.on('connection', (socket) => { socket.on('message', handler) })`: the per-message handlers. */
function socketMessageHandlers(sourceCode: SourceCode, call: TSESTree.CallExpression): Node[] {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || getPropertyName(callee) !== 'on') return [];
  const [event, listener] = call.arguments;
  if (!['connection', 'connect'].includes(getStaticString(event) ?? '') || !isFunction(listener)) return [];
  const socket = listener.params[0];
  if (socket?.type !== 'Identifier') return [];
  const [variable] = sourceCode.getDeclaredVariables(listener).filter((item) => item.name === socket.name);
  if (!variable) return [];
  const handlers: Node[] = [];
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    const inner = member?.parent;
    if (member?.type === 'MemberExpression' && member.object === reference.identifier && getPropertyName(member) === 'on' &&
      inner?.type === 'CallExpression' && inner.callee === member && inner.arguments.length >= 2) {
      handlers.push(...inner.arguments.slice(1));
    }
  }
  return handlers;
}

function isNestHandler(method: TSESTree.MethodDefinition): boolean {
  return (method.decorators ?? []).some((decorator) => {
    const expression = decorator.expression;
    const callee = expression.type === 'CallExpression' ? expression.callee : expression;
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? getPropertyName(callee) : null;
    return name !== null && NEST_DECORATORS.has(name);
  });
}

/** The function an export stands for: a declaration, an initialiser, or a same-file name. */
function exportedFunctions(sourceCode: SourceCode, node: Node): FunctionNode[] {
  if (isFunction(node)) return [node];
  if (node.type === 'VariableDeclaration') {
    return node.declarations.flatMap((declarator) => (declarator.init ? resolveHandler(sourceCode, declarator.init) : []));
  }
  return resolveHandler(sourceCode, node);
}

function nextJsHandlers(sourceCode: SourceCode, relativePath: string): RequestHandler[] {
  const isRouteFile = /(?:^|\/)app\/(?:.*\/)?route\.[cm]?[jt]sx?$/.test(relativePath);
  const isApiFile = /(?:^|\/)pages\/api\/.*\.[cm]?[jt]sx?$/.test(relativePath);
  const found: RequestHandler[] = [];
  for (const statement of sourceCode.ast.body) {
    if (isApiFile && statement.type === 'ExportDefaultDeclaration') {
      for (const fn of exportedFunctions(sourceCode, statement.declaration)) found.push({ fn, kind: 'next-api' });
    }
    if (!isRouteFile || statement.type !== 'ExportNamedDeclaration') continue;
    const { declaration } = statement;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id && NEXT_METHODS.has(declaration.id.name)) {
      found.push({ fn: declaration, kind: 'next-route' });
    }
    if (declaration?.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier' && NEXT_METHODS.has(declarator.id.name) && declarator.init) {
          for (const fn of resolveHandler(sourceCode, declarator.init)) found.push({ fn, kind: 'next-route' });
        }
      }
    }
    for (const specifier of statement.specifiers) {
      const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
      if (NEXT_METHODS.has(exported) && specifier.local.type === 'Identifier') {
        for (const fn of resolveHandler(sourceCode, specifier.local)) found.push({ fn, kind: 'next-route' });
      }
    }
  }
  return found;
}

/** A parameter's name without one leading underscore (`_req` → `req`), and the name of its declared type. */
function describeParameter(param: TSESTree.Parameter | undefined): { name: string | null; type: string | null } {
  let node: Node | undefined = param;
  if (node?.type === 'TSParameterProperty') node = node.parameter;
  if (node?.type === 'AssignmentPattern') node = node.left;
  if (node?.type !== 'Identifier') return { name: null, type: null };
  const annotation = node.typeAnnotation?.typeAnnotation;
  let type: string | null = null;
  if (annotation?.type === 'TSTypeReference') {
    const typeName = annotation.typeName;
    // e.g. express.Request, Request<Params>
    type = typeName.type === 'Identifier' ? typeName.name : typeName.type === 'TSQualifiedName' ? typeName.right.name : null;
  }
  return { name: node.name.replace(/^_/, ''), type };
}

/**
 * Whether a function has the parameters of a request handler, wherever it is mounted:
 * `(req, res[, next])`, `(err, req, res, next)`, `(request, reply)` (Fastify), `(request, h)` (hapi),
 * or a request and a response typed with the framework's types.
 */
export function hasRequestHandlerShape(fn: FunctionNode): boolean {
  const params = fn.params.map(describeParameter);
  const isErrorFirst = params.length === 4 && params[0].name !== null && ERROR_NAMES.has(params[0].name);
  const [request, response] = isErrorFirst ? params.slice(1) : params;
  if (!request || !response) return false;
  if (HANDLER_NAME_PAIRS.has(`${request.name},${response.name}`)) return true;
  return request.type !== null && REQUEST_TYPES.has(request.type) && response.type !== null && RESPONSE_TYPES.has(response.type);
}

const koaFiles = new WeakMap<TSESTree.Program, boolean>();

/** Whether the file imports or requires Koa or a Koa package (`koa`, `koa-router`, `@koa/router`), types included. */
function importsKoa(sourceCode: SourceCode): boolean {
  const cached = koaFiles.get(sourceCode.ast);
  if (cached !== undefined) return cached;
  const found = sourceCode.ast.body.some((statement) => {
    if (statement.type === 'ImportDeclaration') return KOA_MODULE.test(statement.source.value);
    if (statement.type !== 'VariableDeclaration') return false;
    return statement.declarations.some(({ init }) => {
      const call = init && skipTypeWrappers(init);
      return call?.type === 'CallExpression' && call.callee.type === 'Identifier' && call.callee.name === 'require' &&
        KOA_MODULE.test(getStaticString(call.arguments[0]) ?? '');
    });
  });
  koaFiles.set(sourceCode.ast, found);
  return found;
}

/** `(ctx, next)`: the parameters of Koa middleware. */
function hasKoaMiddlewareShape(fn: FunctionNode): boolean {
  if (fn.params.length !== 2) return false;
  const [ctx, next] = fn.params.map(describeParameter);
  return ctx.name !== null && KOA_CONTEXT_NAMES.has(ctx.name) && next.name === 'next';
}

/** The kind of request handler `fn` itself is, by framework convention or by its shape, or null. */
function handlerKind(context: HandlerContext, fn: FunctionNode): RequestHandlerKind | null {
  const known = getRequestHandlers(context).get(fn);
  if (known) return known;
  if (hasRequestHandlerShape(fn)) return 'shape';
  return hasKoaMiddlewareShape(fn) && importsKoa(context.sourceCode) ? 'shape' : null;
}

const handlerCache = new WeakMap<TSESTree.Program, Map<FunctionNode, RequestHandlerKind>>();

/** Every request handler function of the file found by framework convention (globs aside), cached per file. */
export function getRequestHandlers(context: HandlerContext): Map<FunctionNode, RequestHandlerKind> {
  const { sourceCode } = context;
  const cached = handlerCache.get(sourceCode.ast);
  if (cached) return cached;
  const handlers = new Map<FunctionNode, RequestHandlerKind>();
  const add = (nodes: Node[], kind: RequestHandlerKind): void => {
    for (const node of nodes) for (const fn of resolveHandler(sourceCode, node)) if (!handlers.has(fn)) handlers.set(fn, kind);
  };
  for (const { fn, kind } of nextJsHandlers(sourceCode, toMatchPath(context.filename, context.cwd))) handlers.set(fn, kind);
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type === 'MethodDefinition' && isFunction(node.value) && isNestHandler(node)) {
      handlers.set(node.value, 'nest');
    }
    if (node.type !== 'CallExpression') return;
    const routeArguments = routeHandlerArguments(sourceCode, node);
    if (routeArguments) add(routeArguments, 'route');
    add(fastifyRouteHandlers(node), 'fastify-route');
    add(socketMessageHandlers(sourceCode, node), 'socket-message');
  });
  handlerCache.set(sourceCode.ast, handlers);
  return handlers;
}

/** Whether the linted file matches the `requestHandlers` globs. */
export function isRequestHandlerFile(context: HandlerContext): boolean {
  return matchesExemption(getSettings(context), 'requestHandlers', context.filename, context.cwd);
}

/** The request handler that `node` runs in, at any depth, or null. */
export function findRequestHandler(context: HandlerContext, node: Node): RequestHandler | null {
  let outermost: FunctionNode | null = null;
  for (let current: Node | undefined = node; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const kind = handlerKind(context, current);
    if (kind) return { fn: current, kind };
    outermost = current;
  }
  return outermost && isRequestHandlerFile(context) ? { fn: outermost, kind: 'glob' } : null;
}

/** Whether `node` runs inside a request handler (nested functions included). */
export function isInRequestHandler(context: HandlerContext, node: Node): boolean {
  if (getEnclosingFunction(node) === null) return false;
  return findRequestHandler(context, node) !== null;
}

/** Whether the function itself is a request handler (not merely nested in one). */
export function isRequestHandler(context: HandlerContext, fn: FunctionNode): boolean {
  if (handlerKind(context, fn) !== null) return true;
  return getEnclosingFunction(fn) === null && isRequestHandlerFile(context);
}
