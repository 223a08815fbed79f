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
  // `import.meta.url` locates the data worker and lets tunekit/testing resolve the optional
  // msw peer from its own location (createRequire): the CJS build needs it shimmed.
  shims: true,
} as const;

const library = {
  index: 'src/index.ts',
  data: 'src/data/index.ts',
  testing: 'src/testing/index.ts',
  // The validator's worker thread: a file of its own, beside the chunks that start it.
  'data-worker': 'src/data/validate/worker.ts',
};
const declared = { index: library.index, data: library.data, testing: library.testing };

// `flags` are the command line's options: `--out-dir` (the package test builds into a staging
// directory) moves the copied page along with everything else.
export default defineConfig((flags): Options[] => [
  {
    // ESM: the library and the `tunekit` bin in one build, so they share their chunks (built
    // apart, the bin carried a copy of the library of its own: 0.7 MB more in the package).
    ...shared,
    entry: { ...library, cli: 'src/cli/index.ts' },
    format: ['esm'],
    dts: { entry: declared },
    clean: true,
    // `tunekit ui` serves its page's files as they are (plain ES modules, CSS): beside the chunks.
    async onSuccess() {
      cpSync('src/ui/page', join(flags.outDir ?? 'dist', 'ui-page'), {
        recursive: true,
        filter: (path) => !path.endsWith('tsconfig.json'),
      });
    },
  },
  {
    // CommonJS: the library only (the bin is run, never required).
    ...shared,
    entry: library,
    format: ['cjs'],
    dts: { entry: declared },
  },
]);
