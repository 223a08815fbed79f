import { defineConfig } from 'tsup';

const shared = {
  target: 'node22',
  platform: 'node',
  sourcemap: true,
  splitting: true,
  treeshake: true,
} as const;

export default defineConfig([
  {
    // The library entry points: ESM and CJS, each with its own declarations.
    ...shared,
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    // tunekit/testing resolves the optional msw peer from its own location with
    // createRequire(import.meta.url): the shim gives the CJS build an import.meta.url too.
    shims: true,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
  },
  {
    // The `tunekit` bin uses top-level await and is only ever run, never required: ESM only.
    ...shared,
    entry: { cli: 'src/cli/index.ts' },
    format: ['esm'],
    dts: false,
  },
]);
