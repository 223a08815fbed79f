/**
 * Run after tsup (`npm run build`): lets the declarations of `tunekit/testing` type-check where
 * the optional peer msw is not installed. tsup's bundled declarations import msw's `HttpHandler`
 * (the type of `fake.handlers`); without msw, a consumer with `skipLibCheck: false` gets TS2307
 * "Cannot find module 'msw'". A `// @ts-ignore` above that import (as Vite does for its optional
 * peers) makes the type `any` there and leaves it exact where msw is installed. tsup drops
 * comments from declarations, so they are added here, to every declaration file importing msw.
 *
 * Usage: node scripts/optional-peer-types.ts [dist]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Optional peer dependencies whose types the declarations may import. */
const OPTIONAL_PEERS = ['msw'];

const IGNORE =
  '// @ts-ignore optional peer dependency: this type is `any` where it is not installed';

/** The declaration text with each import of an optional peer preceded by `@ts-ignore`. */
export function markOptionalPeerImports(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const [index, line] of lines.entries()) {
    const peer = /^import\s.*\sfrom\s+['"]([^'"]+)['"];?\s*$/.exec(line)?.[1];
    const root = peer?.startsWith('@')
      ? peer.split('/').slice(0, 2).join('/')
      : peer?.split('/')[0];
    if (root && OPTIONAL_PEERS.includes(root) && !lines[index - 1]?.startsWith('// @ts-ignore')) {
      out.push(IGNORE);
    }
    out.push(line);
  }
  return out.join('\n');
}

function main(dist = 'dist'): void {
  let marked = 0;
  for (const name of readdirSync(dist)) {
    if (!/\.d\.c?ts$/.test(name)) continue;
    const file = join(dist, name);
    const text = readFileSync(file, 'utf8');
    const next = markOptionalPeerImports(text);
    if (next !== text) {
      writeFileSync(file, next);
      marked++;
    }
  }
  console.log(`optional peer imports marked in ${marked} declaration files`);
}

if (import.meta.main) main(process.argv[2]);
