// Bundles the hook path (src/cli/hook.ts and everything it imports: ESLint's Linter, the plugin,
// @typescript-eslint/scope-manager) into dist/cli/hook.bundle.cjs: one file loads faster than a few
// hundred modules and can carry one V8 code cache. External: `oxc-parser` (a native module,
// loaded at run time) and `@typescript-eslint/parser` with `typescript` (loaded only by
// `hook --parser typescript` or where oxc has no binary).
import { chmodSync } from 'node:fs';
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

await build({
  entryPoints: [path.join(root, 'src/cli/hook.ts')],
  outfile: path.join(root, 'dist/cli/hook.bundle.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['oxc-parser', '@typescript-eslint/parser', 'typescript'],
  // The plugin reads ../package.json relative to dist/index.js; the bundle pretends to be there.
  define: { 'import.meta.url': '__pluginIndexUrl' },
  banner: { js: "const __pluginIndexUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', 'index.js')).href;" },
  plugins: [withoutCoreRules],
  logLevel: 'warning',
  legalComments: 'none',
  minify: true,
  keepNames: false,
});
chmodSync(path.join(root, 'dist/cli/index.js'), 0o755);
