import { describe, expect, it } from 'vitest';
import { markOptionalPeerImports } from '../../scripts/optional-peer-types.ts';

describe('marking imports of optional peers in declarations', () => {
  it('puts @ts-ignore above each import of msw, once, and leaves other imports alone', () => {
    const text = [
      "import { HttpHandler } from 'msw';",
      "import { setupServer } from 'msw/node';",
      "import { z } from 'zod';",
    ].join('\n');
    const once = markOptionalPeerImports(text);
    expect(once.split('\n')).toEqual([
      expect.stringMatching(/^\/\/ @ts-ignore optional peer/),
      "import { HttpHandler } from 'msw';",
      expect.stringMatching(/^\/\/ @ts-ignore optional peer/),
      "import { setupServer } from 'msw/node';",
      "import { z } from 'zod';",
    ]);
    expect(markOptionalPeerImports(once)).toBe(once);
  });

  it('does not take a package whose name starts with msw for msw', () => {
    const text = "import { x } from 'mswjs-extra';";
    expect(markOptionalPeerImports(text)).toBe(text);
  });
});
