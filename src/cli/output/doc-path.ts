import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.ts';

/**
 * Where a user finds one of tunekit's docs, as the CLI prints it: the file's path inside the
 * installed package (npm ships docs/ with it), so it opens from any directory — not a path
 * relative to a clone the user may not have. `section` names the heading to look for.
 *
 * @example
 * docPath('providers.md', 'tunekit models watch');
 * // '/usr/lib/node_modules/tunekit/docs/providers.md (section "tunekit models watch")'
 */
export function docPath(name: string, section?: string): string {
  let file: string | undefined;
  try {
    file = join(packageRoot(), 'docs', name);
  } catch {
    file = undefined;
  }
  const where =
    file !== undefined && existsSync(file)
      ? file
      : `${name} in the docs/ folder of the tunekit package`;
  return section ? `${where} (section "${section}")` : where;
}
