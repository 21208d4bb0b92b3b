import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// The CLI tests spawn the built bin; build first when dist/ is missing or older than src/.
const root = path.resolve(__dirname, '..');
const outputs = ['dist/cli/index.js', 'dist/cli/hook.bundle.cjs', 'dist/cli/hook.cjs', 'dist/cli/hook-client.sh'].map((file) => path.join(root, file));

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const file = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs);
  }, 0);
}

export default function setup(): void {
  const built = outputs.every(existsSync) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0;
  const sources = Math.max(newestSource(path.join(root, 'src')), statSync(path.join(root, 'scripts/bundle-hook.mjs')).mtimeMs);
  if (built < sources) execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
}
