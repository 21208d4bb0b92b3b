// Bundles the hook path (src/cli/hook.ts and everything it imports, ESLint's Linter and the
// TypeScript parser included) into dist/cli/hook.bundle.cjs: one file loads faster than a few
// hundred modules and can carry one V8 code cache. Only `typescript` stays external (it is a
// peer dependency and large).
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

await build({
  entryPoints: [path.join(root, 'src/cli/hook.ts')],
  outfile: path.join(root, 'dist/cli/hook.bundle.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['typescript'],
  // The plugin reads ../package.json relative to dist/index.js; the bundle pretends to be there.
  define: { 'import.meta.url': '__pluginIndexUrl' },
  banner: { js: "const __pluginIndexUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', 'index.js')).href;" },
  logLevel: 'warning',
  legalComments: 'none',
});
chmodSync(path.join(root, 'dist/cli/index.js'), 0o755);
