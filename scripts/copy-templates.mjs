// The manager templates are written into users' repositories as source: dist/ carries them as they are.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const target = path.join(root, 'dist/templates');
rmSync(target, { recursive: true, force: true });
cpSync(path.join(root, 'src/templates'), target, { recursive: true });
