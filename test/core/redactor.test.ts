import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Redactor, secretsOf } from '../../src/core/redact.ts';

const KEY = 'sk-test-REDACTOR-0123456789';
const redactor = new Redactor([KEY]);
const escaped = (s: string) =>
  [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

describe('Redactor.parseJson', () => {
  it('removes the key from values and property names, also behind JSON escapes', () => {
    const raw = `{"${KEY}":{"a":["${escaped(KEY)}","ok"],"${escaped(KEY)}x":1},"plain":"${KEY}"}`;

    const parsed = redactor.parseJson(raw);

    expect(parsed?.value).toEqual({
      '[redacted]': { a: ['[redacted]', 'ok'], '[redacted]x': 1 },
      plain: '[redacted]',
    });
    expect(parsed?.text).not.toContain(KEY);
    expect(parsed?.text).not.toContain(escaped(KEY));
    expect(JSON.parse(parsed?.text ?? '')).toEqual(parsed?.value);
  });

  it('keeps the server’s text as it was when there is nothing to remove', () => {
    const raw = '{ "a": "line\\nbreak",  "b": [1, 2] }';
    expect(redactor.parseJson(raw)).toEqual({ value: { a: 'line\nbreak', b: [1, 2] }, text: raw });
  });

  it('survives nesting deeper than a recursive walk could take', () => {
    const depth = 20_000;
    const raw = `${'['.repeat(depth)}"${escaped(KEY)}"${']'.repeat(depth)}`;
    const parsed = redactor.parseJson(raw);
    let innermost: unknown = parsed?.value;
    while (Array.isArray(innermost)) innermost = innermost[0];
    expect(innermost).toBe('[redacted]');
    // Too deep to serialise again: the kept text is a placeholder, never the raw body.
    expect(parsed?.text).not.toContain(escaped(KEY));
    expect(parsed?.text).toContain('redacted');
  });

  it('is undefined for what is not JSON', () => {
    expect(redactor.parseJson(`<html>${KEY}</html>`)).toBeUndefined();
    expect(redactor.jsonText(`<html>${KEY}</html>`)).toBe('<html>[redacted]</html>');
  });
});

describe('Redactor.error', () => {
  it('copies an error chain that mentions the key, and leaves others alone', () => {
    const inner = Object.assign(new Error(`bad header Bearer ${KEY}`), { code: 'ERR_X' });
    const outer = new TypeError('fetch failed', { cause: inner });
    const clean = new Error('connect ECONNREFUSED');

    const copy = redactor.error(outer);

    expect(copy).not.toBe(outer);
    expect(copy.name).toBe('TypeError');
    expect(inspect(copy, { depth: 10 })).not.toContain(KEY);
    expect((copy.cause as Error).message).toBe('bad header Bearer [redacted]');
    expect((copy.cause as { code?: string }).code).toBe('ERR_X');
    expect(redactor.error(clean)).toBe(clean);
  });
});

describe('Redactor.deep', () => {
  it('redacts keys too, and replaces what is nested too deep instead of showing it', () => {
    let nested: unknown = KEY;
    for (let i = 0; i < 100; i += 1) nested = { a: nested };
    const out = redactor.deep({ [KEY]: 1, nested });
    expect(JSON.stringify(out)).not.toContain(KEY);
    expect(JSON.stringify(out)).toContain('[redacted]');
  });
});

describe('secretsOf', () => {
  it('takes the key and default headers whose names say they are credentials', () => {
    expect(
      secretsOf(KEY, {
        'x-portkey-api-key': 'pk-0123456789',
        Authorization: 'Bearer tok-0123456789',
        'x-auth-token': 'at-0123456789',
        'x-team': 'search-team-0001',
        'x-gone': null,
      }),
    ).toEqual([KEY, 'pk-0123456789', 'Bearer tok-0123456789', 'tok-0123456789', 'at-0123456789']);
  });
});
