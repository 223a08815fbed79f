import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it, vi } from 'vitest';
import { isNodeBuiltinFetch } from '../../src/core/transport.ts';

describe('isNodeBuiltinFetch', () => {
  it('recognises Node’s own fetch and nothing that replaces it', () => {
    const native = globalThis.fetch;
    const server = setupServer(http.get('https://x.test/', () => HttpResponse.text('ok')));

    server.listen();
    const patched = globalThis.fetch;
    server.close();

    expect(isNodeBuiltinFetch(native)).toBe(true);
    expect(isNodeBuiltinFetch(patched)).toBe(false);
    expect(isNodeBuiltinFetch(vi.fn())).toBe(false);
    expect(isNodeBuiltinFetch((input: string) => native(input))).toBe(false);
    expect(isNodeBuiltinFetch(undefined)).toBe(false);
  });
});
