import { createRequire } from 'node:module';
import { sep } from 'node:path';
import type TogetherClient from 'together-ai';

const require = createRequire(import.meta.url);

/** The constructor of the official client. */
export type Together = typeof TogetherClient;

/**
 * The official `together-ai` client, loaded so that its upload helper works against the fake.
 * Three of its bugs decide how (docs/testing.md, "The Together flavour"):
 * - its ESM build cannot upload (`lib/node-unsafe-imports.mjs` calls `require`): the CommonJS
 *   build is loaded instead;
 * - its upload helper ignores the client's `baseURL` and reads `TOGETHER_API_BASE_URL` once,
 *   when its module loads: the variable is set and the package's modules are loaded afresh;
 * - it sends a file stream without `duplex`, which Node's fetch refuses: see {@link withDuplex}.
 */
export function loadTogether(uploadBaseURL: string): Together {
  process.env.TOGETHER_API_BASE_URL = uploadBaseURL;
  const marker = `${sep}node_modules${sep}together-ai${sep}`;
  for (const key of Object.keys(require.cache)) {
    if (key.includes(marker)) delete require.cache[key];
  }
  const loaded = require('together-ai') as Together & { default?: Together };
  return loaded.default ?? loaded;
}

/**
 * Runs `globalThis.fetch` (msw's when msw is listening) with `duplex: 'half'` added when the
 * body is a Node stream — what Together's upload helper leaves out. Returns the undo.
 */
export function withDuplex(): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const body = init?.body as { pipe?: unknown } | null | undefined;
    const streamed = typeof body?.pipe === 'function' && init && !('duplex' in init);
    return original(input, streamed ? ({ ...init, duplex: 'half' } as RequestInit) : init);
  }) as typeof fetch;
  return () => {
    globalThis.fetch = original;
  };
}
