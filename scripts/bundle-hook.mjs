// Bundles the hook path (src/cli/hook.ts and everything it imports: ESLint's Linter, the plugin,
// @typescript-eslint/scope-manager) into dist/cli/hook.bundle.cjs: one file loads faster than a few
// hundred modules and can carry one V8 code cache. External: `oxc-parser` (a native module,
// loaded at run time) and `@typescript-eslint/parser` with `typescript` (loaded only by
// `hook --parser typescript` or where oxc has no binary).
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// The hook lints with the plugin's rules only, so ESLint's ~300 core rules stay out of the bundle
// (they are lazily required, but V8 would still have to read them on every cold start).
const withoutCoreRules = {
  name: 'without-eslint-core-rules',
  setup(build) {
    build.onLoad({ filter: /[\\/]eslint[\\/]lib[\\/]rules[\\/]index\.js$/ }, () => ({
      contents: 'const { LazyLoadingRuleMap } = require("./utils/lazy-loading-rule-map");\nmodule.exports = new LazyLoadingRuleMap([]);\n',
      loader: 'js',
      resolveDir: path.join(root, 'node_modules/eslint/lib/rules'),
    }));
  },
};

// The fast lint loads ESLint's SourceCode class by path at run time; the bundle carries it instead.
const withEslintSourceCode = {
  name: 'eslint-source-code',
  setup(build) {
    build.onLoad({ filter: /[\\/]fast-lint[\\/]eslint-source-code\.ts$/ }, () => ({
      contents: 'export function loadSourceCode() { return require("eslint/lib/languages/js/source-code/index.js").SourceCode; }\n',
      loader: 'js',
      resolveDir: root,
    }));
    // `eslint/lib/...` is not among the package's exports; resolve it by path.
    build.onResolve({ filter: /^eslint\/lib\// }, (args) => ({ path: path.join(root, 'node_modules', args.path) }));
  },
};

// `oxc-parser`'s entry is an ES module (loading it from CommonJS starts Node's ESM loader, about
// 10 ms of a cold start), so the bundle carries its two small CommonJS-convertible parts, the
// binding loader and the AST wrapper, and only the native binary is loaded at run time: the
// platform's binding package of the same version when it is found from the bundle
// (src/cli/oxc-binding.ts), else through `oxc-parser`'s own loader.
const oxcVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/oxc-parser/package.json'), 'utf8')).version;
const withBundledOxc = {
  name: 'bundled-oxc-parser',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]cli[\\/]fast-parser\.ts$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const loader = /function loadOxcParseSync\(\): ParseSync \{[\s\S]*?\n\}/;
      if (!loader.test(source)) throw new Error('fast-parser.ts: loadOxcParseSync() not found');
      const contents = source.replace(
        loader,
        `function loadOxcParseSync(): ParseSync {
  const binding = (platformBinding(${JSON.stringify(oxcVersion)}, __filename) ?? require('oxc-parser/src-js/bindings.js')) as { parseSync: (filename: string, text: string, options: unknown) => unknown };
  const { wrap } = require('oxc-parser/src-js/wrap.js');
  return ((filename: string, text: string, options: unknown) => wrap(binding.parseSync(filename, text, options))) as ParseSync;
}`,
      );
      return { contents: `import { platformBinding } from './oxc-binding.js';\n${contents}`, loader: 'ts' };
    });
    // ESLint's code-path debugging helpers load `debug` (and it `supports-color`) at start; the
    // hook never debugs code paths.
    build.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'no-debug' }));
    build.onLoad({ filter: /.*/, namespace: 'no-debug' }, () => ({
      contents: 'const off = Object.assign(() => {}, { enabled: false, extend: () => off });\nmodule.exports = () => off;\n',
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]oxc-parser[\\/]src-js[\\/]bindings\.js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(
        'createRequire(import.meta.url)',
        "createRequire(createRequire(__filename).resolve('oxc-parser/src-js/bindings.js'))",
      ),
      loader: 'js',
    }));
  },
};

// `levn` parses the options of inline `/* eslint rule: [...] */` comments, which the hook ignores;
// it and its two dependencies would be evaluated on every start for nothing.
const withoutInlineConfigParser = {
  name: 'without-levn',
  setup(build) {
    build.onResolve({ filter: /^levn$/ }, () => ({ path: 'levn', namespace: 'no-levn' }));
    build.onLoad({ filter: /.*/, namespace: 'no-levn' }, () => ({
      contents: 'module.exports = { parse() { throw new Error("inline rule options are not read by the hook"); } };\n',
      loader: 'js',
    }));
  },
};

// typescript-eslint's scope manager requires the globals of every TypeScript lib at load (the
// DOM's alone is 100 KB) though a file is analysed with one lib chain: load each on first use.
const withLazyTypeScriptLibs = {
  name: 'lazy-typescript-libs',
  setup(build) {
    build.onLoad({ filter: /[\\/]@typescript-eslint[\\/]scope-manager[\\/]dist[\\/]lib[\\/]index\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const modules = new Map([...source.matchAll(/^const (\w+) = require\("(\.\/[\w.]+)"\);$/gm)].map(([, name, file]) => [name, file]));
      const entries = [...source.matchAll(/^\s*\['([\w.]+)', (\w+)\.(\w+)\],?$/gm)];
      if (modules.size === 0 || entries.length !== modules.size || !entries.every(([, , name]) => modules.has(name))) {
        throw new Error('scope-manager lib/index.js: its shape changed; update withLazyTypeScriptLibs');
      }
      const loaders = entries.map(([, lib, name, property]) => `  [${JSON.stringify(lib)}, () => require(${JSON.stringify(modules.get(name))}).${property}],`).join('\n');
      const contents = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const loaders = new Map([
${loaders}
]);
class LazyLibs extends Map {
  get(name) {
    if (!super.has(name) && loaders.has(name)) super.set(name, loaders.get(name)());
    return super.get(name);
  }
  has(name) {
    return loaders.has(name);
  }
  *keys() {
    yield* loaders.keys();
  }
  *entries() {
    for (const name of loaders.keys()) yield [name, this.get(name)];
  }
  [Symbol.iterator]() {
    return this.entries();
  }
}
exports.lib = new LazyLibs();
`;
      return { contents, loader: 'js' };
    });
  },
};

// The plugin's name and version, written in instead of reading package.json on every start.
const withPackageMeta = {
  name: 'package-meta',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]index\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const read = "createRequire(import.meta.url)('../package.json')";
      if (!source.includes(read)) throw new Error('src/index.ts: the package.json read changed; update withPackageMeta');
      const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
      return { contents: source.replace(read, JSON.stringify({ name, version })), loader: 'ts' };
    });
  },
};

const result = await build({
  entryPoints: [path.join(root, 'src/cli/hook.ts')],
  outfile: path.join(root, 'dist/cli/hook.bundle.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['@oxc-parser/*', '*.node', '*.cjs', '@typescript-eslint/parser', 'typescript'],
  // The plugin reads ../package.json relative to dist/index.js; the bundle pretends to be there.
  define: { 'import.meta.url': '__pluginIndexUrl' },
  banner: { js: "const __pluginIndexUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', 'index.js')).href;" },
  plugins: [withoutCoreRules, withEslintSourceCode, withBundledOxc, withoutInlineConfigParser, withLazyTypeScriptLibs, withPackageMeta],
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  minify: process.env.HOOK_BUNDLE_MINIFY !== '0',
  keepNames: false,
});
// The CommonJS entry (hook.cjs) that `init` points the agent at, and the warm client script.
await build({
  entryPoints: [path.join(root, 'src/cli/hook-bin.ts')],
  outfile: path.join(root, 'dist/cli/hook.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['./hook.js'],
  logLevel: 'warning',
  legalComments: 'none',
  minify: process.env.HOOK_BUNDLE_MINIFY !== '0',
});
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const client = path.join(root, 'dist/cli/hook-client.sh');
writeFileSync(client, readFileSync(path.join(root, 'src/cli/warm/hook-client.sh'), 'utf8').replaceAll('@VERSION@', version));
chmodSync(client, 0o755);

// Modules the fast lint never runs must not weigh on every cold start.
const unwanted = Object.keys(result.metafile.inputs).filter((input) => /node_modules[\\/](espree|acorn|ajv|levn|eslint[\\/]lib[\\/]linter[\\/]linter\.js)/.test(input));
if (unwanted.length > 0) throw new Error(`the hook bundle pulls in ${unwanted.join(', ')}`);
chmodSync(path.join(root, 'dist/cli/index.js'), 0o755);
