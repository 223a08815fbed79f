import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory of the tunekit package this code runs from — the same from the sources
 * (src/cli/…) and from the build (dist/cli.js), whose depths differ. Used to find files the
 * package ships, such as the demo's dataset.
 */
export function packageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'tunekit') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('tunekit: cannot find the package directory.');
    dir = parent;
  }
}
