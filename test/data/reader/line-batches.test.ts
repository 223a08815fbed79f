import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LineBatch, LineBatcher } from '../../../src/data/reader/line-batches.ts';

/** What the batches say about the source: each line's bytes (or its size when skipped). */
function unbatch(batches: LineBatch[]): {
  lines: (string | { tooLong: number })[];
  sourceBytes: number;
} {
  const lines: (string | { tooLong: number })[] = [];
  let sourceBytes = 0;
  for (const batch of batches) {
    expect(batch.firstLine).toBe(lines.length + 1);
    const skipped = new Map(batch.tooLong.map((t) => [t.index, t.bytes]));
    let start = 0;
    batch.ends.forEach((end, index) => {
      const tooLong = skipped.get(index);
      if (tooLong !== undefined) {
        expect(end).toBe(start);
        lines.push({ tooLong });
      } else {
        lines.push(Buffer.from(batch.bytes.subarray(start, end)).toString('latin1'));
      }
      start = end;
    });
    expect(start).toBe(batch.bytes.length);
    sourceBytes += batch.sourceBytes;
  }
  return { lines, sourceBytes };
}

function run(input: string, cuts: number[], options: ConstructorParameters<typeof LineBatcher>[0]) {
  const bytes = Buffer.from(input, 'latin1');
  const batcher = new LineBatcher(options);
  const batches: LineBatch[] = [];
  let at = 0;
  // A reused chunk buffer, as the file reader has: the batcher must copy what it keeps.
  const chunk = Buffer.alloc(bytes.length + 1);
  for (const cut of [
    ...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b),
    bytes.length,
  ]) {
    if (cut <= at) continue;
    bytes.copy(chunk, 0, at, cut);
    batches.push(...batcher.push(chunk.subarray(0, cut - at)));
    chunk.fill(0x2a);
    at = cut;
  }
  batches.push(...batcher.finish());
  return batches;
}

describe('LineBatcher', () => {
  it('gives back every line, skips long ones, and accounts for every byte (property)', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'b', '\r', ' ') }),
      fc.integer({ min: 0, max: 90 }).map((n) => 'x'.repeat(n)),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 30 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 5, max: 60 }),
        (lines, trailingNewline, cuts, batchBytes, batchLines, maxLineBytes) => {
          const input = lines.join('\n') + (trailingNewline && lines.length > 0 ? '\n' : '');
          const batches = run(input, cuts, { batchBytes, batchLines, maxLineBytes });
          // An empty tail after the last newline is not a line.
          const expected = input.split('\n');
          if (input === '' || input.endsWith('\n')) expected.pop();
          const { lines: got, sourceBytes } = unbatch(batches);
          expect(got).toEqual(
            expected.map((text) => (text.length > maxLineBytes ? { tooLong: text.length } : text)),
          );
          expect(sourceBytes).toBe(input.length);
          for (const batch of batches) {
            // A batch never exceeds its limits, except for a single line longer than a batch.
            expect(batch.ends.length).toBeLessThanOrEqual(batchLines);
            if (batch.ends.length > 1) expect(batch.bytes.length).toBeLessThanOrEqual(batchBytes);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('puts a line longer than a batch in a buffer of exactly its size', () => {
    const big = 'y'.repeat(5000);
    const batches = run(`a\nb\n${big}\nc\n`, [1000, 2500, 4000], {
      batchBytes: 64,
      batchLines: 100,
      maxLineBytes: 10_000,
    });
    expect(batches.map((b) => [b.firstLine, b.ends.length, b.bytes.buffer.byteLength])).toEqual([
      [1, 2, 64],
      [3, 1, 5000],
      [4, 1, 64],
    ]);
  });
});
