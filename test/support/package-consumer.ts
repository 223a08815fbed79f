import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build, type Options } from 'tsup';
import tsupConfig from '../../tsup.config.ts';

/** The repository's root. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** A package installed in this repository's node_modules. */
export const installedModule = (name: string) => join(ROOT, 'node_modules', name);

/** Builds library entries (`{ index: 'src/index.ts' }`) with the project's own tsup settings. */
export async function buildEntries(outDir: string, entry: Record<string, string>): Promise<void> {
  const [library] = (Array.isArray(tsupConfig) ? tsupConfig : [tsupConfig]) as Options[];
  await build({ ...library, entry, outDir, dts: false, sourcemap: false, silent: true });
}

/**
 * Makes `dir` a consumer project (CommonJS by default) with tunekit installed the way
 * `npm install tunekit` would: the build and package.json in node_modules/tunekit, tunekit's
 * runtime dependencies beside it, plus `packages` (name → real directory, e.g. an msw major).
 */
export function installConsumer(
  dir: string,
  dist: string,
  packages: Record<string, string> = {},
): string {
  const installed = join(dir, 'node_modules', 'tunekit');
  mkdirSync(installed, { recursive: true });
  cpSync(dist, join(installed, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(installed, 'package.json'));
  writeFileSync(join(dir, 'package.json'), '{"type": "commonjs"}');
  const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const links = {
    ...Object.fromEntries(Object.keys(dependencies).map((name) => [name, installedModule(name)])),
    ...packages,
  };
  for (const [as, real] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, 'node_modules', as)), { recursive: true });
    symlinkSync(real, join(dir, 'node_modules', as), 'dir');
  }
  return dir;
}
