import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines, type SourceLine } from '../../../src/data/reader/lines.ts';

async function collect(
  source: Parameters<typeof readLines>[0],
  options = {},
): Promise<SourceLine[]> {
  const lines: SourceLine[] = [];
  for await (const line of readLines(source, options)) lines.push(line);
  return lines;
}

describe('readLines', () => {
  it('handles a BOM, CRLF, blank lines and a last line without a newline', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"a":1}\r\n\r\n  \n{"b":2}'),
    ]);
    const lines = await collect(bytes);
    expect(lines.map((l) => [l.number, l.text, l.blank])).toEqual([
      [1, '{"a":1}', false],
      [2, '', true],
      [3, '  ', true],
      [4, '{"b":2}', false],
    ]);
    expect(lines[0]?.problems.map((p) => p.code)).toEqual(['bom']);
    expect(lines.reduce((n, l) => n + l.bytes, 0)).toBe(bytes.length);
  });

  it('reports invalid UTF-8 with the byte column and keeps going', async () => {
    const lines = await collect(
      Buffer.concat([Buffer.from('ok\nab'), Buffer.from([0xc3, 0x28]), Buffer.from('\nnext\n')]),
    );
    expect(lines[1]).toMatchObject({ number: 2, text: undefined });
    expect(lines[1]?.problems[0]).toMatchObject({ code: 'invalid_utf8', line: 2, column: 3 });
    expect(lines[2]?.text).toBe('next');
  });

  it('joins a multi-byte character split across chunks', async () => {
    const bytes = Buffer.from('{"city":"Zürich 東京"}\n');
    const chunks = Array.from(bytes).map((b) => Buffer.from([b]));
    const lines = await collect(Readable.from(chunks));
    expect(lines.map((l) => l.text)).toEqual(['{"city":"Zürich 東京"}']);
    expect(lines[0]?.problems).toEqual([]);
  });

  it('reads web streams, Node streams with an encoding, and { text }', async () => {
    const web = new Blob(['a\nb\n']).stream();
    expect((await collect(web)).map((l) => l.text)).toEqual(['a', 'b']);
    const node = Readable.from(['x\n', 'y'], { objectMode: true });
    expect((await collect(node)).map((l) => l.text)).toEqual(['x', 'y']);
    expect((await collect({ text: '' })).length).toBe(0);
  });

  it('throws read errors to the caller (the validator turns them into read_error)', async () => {
    await expect(collect('/no/such/file.jsonl')).rejects.toThrow(/ENOENT/);
  });

  it('stays in bounded memory on a large generated source', async () => {
    // 256 MB of 1 KB lines, produced on the fly: never on disk, never whole in memory.
    const line = `${JSON.stringify({ prompt: 'p'.repeat(1000), completion: 'c' })}\n`;
    const chunk = Buffer.from(line.repeat(1024));
    const chunks = Math.ceil((256 * 1024 * 1024) / chunk.length);
    let produced = 0;
    const source = new Readable({
      read() {
        this.push(produced++ < chunks ? chunk : null);
      },
    });
    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let count = 0;
    for await (const l of readLines(source)) {
      count++;
      if (count % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
      expect(l.text?.length).toBe(line.length - 1);
    }
    expect(count).toBe(chunks * 1024);
    expect((peak - baseline) / 2 ** 20).toBeLessThan(96);
  });

  it('skips a giant line without buffering it', async () => {
    let produced = 0;
    const source = new Readable({
      read() {
        // 128 MB without a newline, then one short line.
        this.push(
          produced++ < 128
            ? Buffer.alloc(1024 * 1024, 0x61)
            : produced === 130
              ? null
              : Buffer.from('\n{"ok":1}\n'),
        );
      },
    });
    const baseline = process.memoryUsage().rss;
    const lines = await collect(source, { maxLineBytes: 1024 * 1024 });
    expect((process.memoryUsage().rss - baseline) / 2 ** 20).toBeLessThan(64);
    expect(lines.map((l) => l.problems.map((p) => p.code))).toEqual([['line_too_long'], []]);
    expect(lines[0]?.bytes).toBe(128 * 1024 * 1024 + 1);
    expect(lines[1]?.text).toBe('{"ok":1}');
  });
});
