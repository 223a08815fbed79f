import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

const shared = {
  target: 'node22',
  platform: 'node',
  // No source maps in the package: the output is not minified (stack traces name the real
  // functions, and lines read like the sources), maps without their sources point at .ts files
  // the package does not ship, and maps with them were 65 % of its size.
  sourcemap: false,
  splitting: true,
  treeshake: true,
} as const;

// `flags` are the command line's options: `--out-dir` (the package test builds into a staging
// directory) moves the copied page along with everything else.
export default defineConfig((flags): Options[] => [
  {
    // The library entry points: ESM and CJS, each with its own declarations.
    ...shared,
    entry: { index: 'src/index.ts', data: 'src/data/index.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    // `import.meta.url` locates the data worker and lets tunekit/testing resolve the optional
    // msw peer from its own location (createRequire): the CJS build needs it shimmed.
    shims: true,
  },
  {
    // The validator's worker thread: a file of its own, beside the chunks that start it.
    ...shared,
    entry: { 'data-worker': 'src/data/validate/worker.ts' },
    format: ['esm', 'cjs'],
    dts: false,
  },
  {
    // The `tunekit` bin uses top-level await and is only ever run, never required: ESM only.
    ...shared,
    entry: { cli: 'src/cli/index.ts' },
    format: ['esm'],
    dts: false,
    // `tunekit ui` serves its page's files as they are (plain ES modules, CSS): beside the chunks.
    async onSuccess() {
      cpSync('src/ui/page', join(flags.outDir ?? 'dist', 'ui-page'), {
        recursive: true,
        filter: (path) => !path.endsWith('tsconfig.json'),
      });
    },
  },
]);
