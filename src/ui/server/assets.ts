import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The page's files, read once: name → content type and bytes. */
export type Assets = ReadonlyMap<string, { type: string; body: Buffer }>;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Where the page's files are: `ui-page/` beside the built chunk in the package (the build
 * copies them there), else `src/ui/page/` when running from the sources.
 *
 * @example
 * const assets = await loadAssets(pageDirectory());
 */
export function pageDirectory(from: string = import.meta.url): string {
  const candidates = [new URL('./ui-page/', from), new URL('../page/', from)].map((url) =>
    fileURLToPath(url),
  );
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) {
    throw new Error(
      `tunekit ui: the page's files are missing (looked in ${candidates.join(', ')}).`,
    );
  }
  return found;
}

/**
 * Reads the page's files (HTML, CSS, scripts, icons) into memory: everything the page needs
 * ships in the package, nothing is fetched from elsewhere.
 *
 * @example
 * const assets = await loadAssets(pageDirectory());
 * assets.get('app.js')?.type; // 'text/javascript; charset=utf-8'
 */
export async function loadAssets(dir: string): Promise<Assets> {
  const assets = new Map<string, { type: string; body: Buffer }>();
  for (const name of await readdir(dir)) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, { type, body: await readFile(join(dir, name)) });
  }
  if (!assets.has('index.html')) throw new Error(`tunekit ui: no index.html in ${dir}.`);
  return assets;
}
