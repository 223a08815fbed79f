/**
 * Lets Node run the examples (and anything else in this repository) against the sources:
 * `tunekit`, `tunekit/data` and `tunekit/testing` resolve to src/ instead of the built dist/.
 * Usage: node --import ./scripts/source-imports.ts examples/quickstart.ts
 */
import { registerHooks } from 'node:module';

const sources: Record<string, string> = {
  tunekit: '../src/index.ts',
  'tunekit/data': '../src/data/index.ts',
  'tunekit/testing': '../src/testing/index.ts',
};

registerHooks({
  resolve(specifier, context, nextResolve) {
    const target = sources[specifier];
    if (target) return { url: new URL(target, import.meta.url).href, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
