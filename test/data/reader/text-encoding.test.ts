import { describe, expect, it } from 'vitest';
import { detectForeignEncoding } from '../../../src/data/reader/text-encoding.ts';
import { validateTrainingFile } from '../../../src/data/validate/validate.ts';
import { chatLines } from '../../support/training-data.ts';

const text = `${chatLines(12)}`;
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const utf32 = (s: string, bigEndian: boolean) => {
  const points = [...s].map((c) => c.codePointAt(0) as number);
  const out = Buffer.alloc(points.length * 4);
  points.forEach((p, i) => {
    if (bigEndian) out.writeUInt32BE(p, i * 4);
    else out.writeUInt32LE(p, i * 4);
  });
  return out;
};

describe('files in UTF-16 or UTF-32', () => {
  it.each([
    ['UTF-16LE', 'byte order mark FF FE', Buffer.from(`\uFEFF${text}`, 'utf16le')],
    ['UTF-16LE', 'NUL bytes', Buffer.from(text, 'utf16le')],
    ['UTF-16BE', 'byte order mark FE FF', utf16be(`\uFEFF${text}`)],
    ['UTF-16BE', 'NUL bytes', utf16be(text)],
    ['UTF-32LE', 'byte order mark FF FE 00 00', utf32(`\uFEFF${text}`, false)],
    ['UTF-32LE', 'NUL bytes', utf32(text, false)],
    ['UTF-32BE', 'byte order mark 00 00 FE FF', utf32(`\uFEFF${text}`, true)],
    ['UTF-32BE', 'NUL bytes', utf32(text, true)],
  ])('%s (%s) is said once, with how to convert it', async (encoding, evidence, bytes) => {
    expect(detectForeignEncoding(bytes)).toEqual({ encoding, evidence });
    const report = await validateTrainingFile(bytes);
    expect(report.valid).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ code: 'unsupported_encoding', severity: 'error' });
    expect(report.problems[0]?.message).toContain(`iconv -f ${encoding} -t UTF-8`);
    expect(report.problems[0]?.line).toBeUndefined();
  });

  it('mostly non-ASCII UTF-16 is still recognized by the ASCII of its JSON', () => {
    const cjk = `${JSON.stringify({ messages: [{ role: 'user', content: '你好，世界。这是一个测试。'.repeat(20) }] })}\n`;
    expect(detectForeignEncoding(Buffer.from(cjk, 'utf16le'))?.encoding).toBe('UTF-16LE');
  });

  it('leaves UTF-8 (also with a BOM), binary noise and tiny files alone', () => {
    expect(detectForeignEncoding(Buffer.from(text))).toBeUndefined();
    expect(detectForeignEncoding(Buffer.from(`\uFEFF${text}`))).toBeUndefined();
    expect(detectForeignEncoding(Buffer.from('{"'))).toBeUndefined();
    expect(detectForeignEncoding(Buffer.from([0, 0x41, 0x42, 0x43, 0, 0, 7, 9]))).toBeUndefined();
    const noise = Buffer.alloc(4096);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
    expect(detectForeignEncoding(noise)).toBeUndefined();
  });
});
