import { createRequire } from 'node:module';

/** The part of msw the adapter uses, the same in msw 2 and msw 3. */
export interface MswModule {
  http: {
    all(predicate: RegExp, resolver: (info: { request: Request }) => Promise<Response>): unknown;
  };
}

/**
 * Loads the consumer's msw synchronously, so that `fake.handlers` can be a plain array for
 * `setupServer(...fake.handlers)`. `require` works in both builds: msw 2 publishes a
 * `module-sync` export and msw 3 is ESM-only, and Node ≥ 22.12 `require`s ES modules without
 * top-level await — in both cases the very instance the test's own `import 'msw/node'` gets,
 * so the handlers and `setupServer` belong together. msw is resolved from this file, as a peer
 * dependency should be, and loaded only when `handlers` is read: `listen()` never needs it.
 */
export function loadMsw(): MswModule {
  const require = createRequire(import.meta.url);
  try {
    return require('msw') as MswModule;
  } catch (error) {
    throw new Error(
      'fake.handlers needs msw, an optional peer dependency of tunekit/testing: install it with `npm install --save-dev msw` (version 2 or 3), or use `await fake.listen()` or `fake.fetch` instead.',
      { cause: error },
    );
  }
}
