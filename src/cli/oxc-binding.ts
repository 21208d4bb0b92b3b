import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * `oxc-parser`'s native binding for the common platforms, required straight from its package;
 * `oxc-parser`'s own loader tries several files and resolves through package exports first,
 * a few milliseconds of every cold hook call. Null when this shortcut does not apply (another
 * platform, another version installed, not found), and the caller uses that loader instead.
 */
export function platformBinding(expectedVersion: string, from: string): unknown {
  const name = bindingPackage();
  if (name === null) return null;
  try {
    const load = createRequire(from);
    if ((load(`${name}/package.json`) as { version?: string }).version !== expectedVersion) return null;
    return load(name);
  } catch {
    return null;
  }
}

function bindingPackage(): string | null {
  const { platform, arch } = process;
  if (arch !== 'x64' && arch !== 'arm64') return null;
  if (platform === 'darwin') return `@oxc-parser/binding-darwin-${arch}`;
  if (platform === 'win32') return `@oxc-parser/binding-win32-${arch}-msvc`;
  if (platform !== 'linux') return null;
  let ldd: string;
  try {
    ldd = readFileSync('/usr/bin/ldd', 'utf8');
  } catch {
    return null;
  }
  return `@oxc-parser/binding-linux-${arch}-${ldd.includes('musl') ? 'musl' : 'gnu'}`;
}
