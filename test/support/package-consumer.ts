import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, type Options } from 'tsup';
import tsupConfig from '../../tsup.config.ts';

const runFile = promisify(execFile);

/** The repository's root. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** A package installed in this repository's node_modules. */
export const installedModule = (name: string) => join(ROOT, 'node_modules', name);

/** Builds library entries (`{ index: 'src/index.ts' }`) with the project's own tsup settings. */
export async function buildEntries(outDir: string, entry: Record<string, string>): Promise<void> {
  // The config is a function of the command line's flags (none here).
  const configs = typeof tsupConfig === 'function' ? await tsupConfig({}) : tsupConfig;
  const [library] = (Array.isArray(configs) ? configs : [configs]) as Options[];
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

/** Files of the repository that `npm pack` takes (package.json's `files`, plus the manifest). */
function packageSources(): string[] {
  const { files } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    files: string[];
  };
  return ['package.json', ...files.filter((path) => path !== 'dist')];
}

/**
 * Builds the package as it would be published, into `staging` (tsup with the project's config,
 * declarations included, then `npm run build`'s declaration fix-up), and packs it with
 * `npm pack`. Returns the tarball's path. The repository's own dist/ is left alone.
 */
export async function packPackage(staging: string): Promise<string> {
  mkdirSync(staging, { recursive: true });
  for (const path of packageSources()) {
    cpSync(join(ROOT, path), join(staging, path), { recursive: true });
  }
  // tsup's command line, as `npm run build` runs it: its build() API resolves before the
  // declarations are written.
  await runFile(
    process.execPath,
    [join(ROOT, 'node_modules/tsup/dist/cli-default.js'), '--out-dir', join(staging, 'dist')],
    {
      cwd: ROOT,
    },
  );
  execFileSync(
    process.execPath,
    [join(ROOT, 'scripts/optional-peer-types.ts'), join(staging, 'dist')],
    {
      stdio: 'ignore',
    },
  );
  const out = execFileSync(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', staging],
    {
      cwd: staging,
      encoding: 'utf8',
    },
  );
  const [packed] = JSON.parse(out) as { filename: string }[];
  if (!packed) throw new Error('npm pack printed no tarball');
  return join(staging, packed.filename);
}

/**
 * Makes `dir` a consumer project of the given module type with the packed tunekit installed
 * from `tarball` (extracted as npm would into node_modules/tunekit), tunekit's runtime
 * dependencies and @types/node beside it, plus `packages` (name → real directory).
 */
export function installPacked(
  dir: string,
  tarball: string,
  type: 'module' | 'commonjs',
  packages: Record<string, string> = {},
): string {
  const installed = join(dir, 'node_modules', 'tunekit');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type, private: true }));
  const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const links = {
    ...Object.fromEntries(Object.keys(dependencies).map((name) => [name, installedModule(name)])),
    '@types/node': installedModule('@types/node'),
    'undici-types': installedModule('undici-types'),
    ...packages,
  };
  for (const [as, real] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, 'node_modules', as)), { recursive: true });
    symlinkSync(real, join(dir, 'node_modules', as), 'dir');
  }
  return dir;
}
