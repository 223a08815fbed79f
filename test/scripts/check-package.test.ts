import { describe, expect, it } from 'vitest';
import { BUDGET_BYTES, packageProblems, promisedFiles } from '../../scripts/check-package.ts';

const manifest = {
  main: './dist/index.cjs',
  types: './dist/index.d.ts',
  bin: { tunekit: './dist/cli.js' },
  exports: {
    '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' } },
    './package.json': './package.json',
  },
};

const files = (...paths: string[]) => paths.map((path) => ({ path, size: 10 }));
const complete = files(
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/index.js',
  'dist/cli.js',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'docs/client.md',
);

describe('the package check', () => {
  it('collects every path package.json promises', () => {
    expect(promisedFiles(manifest).sort()).toEqual([
      'dist/cli.js',
      'dist/index.cjs',
      'dist/index.d.ts',
      'dist/index.js',
    ]);
  });

  it('passes a complete package within the budget', () => {
    expect(
      packageProblems({ size: 1, unpackedSize: 1_000, entryCount: 8, files: complete }, manifest),
    ).toEqual([]);
  });

  it('fails a package over the budget, with source maps, or missing what it promises', () => {
    const problems = packageProblems(
      {
        size: 1,
        unpackedSize: BUDGET_BYTES + 1,
        entryCount: 3,
        files: files('dist/index.js', 'dist/index.js.map', 'README.md'),
      },
      manifest,
    );
    expect(problems).toEqual([
      `unpacked size ${BUDGET_BYTES + 1} bytes is over the budget of ${BUDGET_BYTES} bytes`,
      '1 source maps would ship (dist/index.js.map, …)',
      'package.json points at dist/index.cjs, which would not ship',
      'package.json points at dist/index.d.ts, which would not ship',
      'package.json points at dist/cli.js, which would not ship',
      'LICENSE would not ship',
      'CHANGELOG.md would not ship',
      'docs/ would not ship',
    ]);
  });
});
