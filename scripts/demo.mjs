// Runs `async-governance check` on the bundled example service; findings are the point of a demo, so exit 1 is success here.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const { status } = spawnSync(process.execPath, [bin, 'check', 'examples/service'], { cwd: root, stdio: 'inherit' });
process.exitCode = status === 1 ? 0 : (status ?? 2);
