import { beforeAll, describe, expect, it } from 'vitest';
import { validateTrainingFile } from '../../../src/data/validate/validate.ts';
import { withPeakRssGrowth } from '../../support/peak-rss.ts';

const MiB = 2 ** 20;

/** Validates `bytes` inline and returns the report with how far RSS rose, at the peak. */
async function validateMeasured(bytes: Uint8Array) {
  const { result: report, growth } = await withPeakRssGrowth(
    () => validateTrainingFile(bytes, { workers: 0 }),
    5,
  );
  return { report, growthMiB: growth / MiB };
}

const lineCodes = (report: Awaited<ReturnType<typeof validateTrainingFile>>) =>
  report.problems.filter((p) => p.line !== undefined).map((p) => [p.line, p.code]);

// Measured before the pre-scan (issue 10): 50 MB of `[` took 2.9 GB, a 64 MiB line of `[` 3 GB
// and 17 s, a 50 MB line of one string 1–1.3 GB.
describe('hostile lines are refused or read within a fixed budget', () => {
  // Load the tokenizer's table first: its few MB are not the lines' cost.
  beforeAll(() => validateTrainingFile({ text: '{"prompt":"a","completion":"b"}\n' }));

  it('48 MiB of `[` on one line: refused before parsing', async () => {
    const bytes = Buffer.alloc(48 * MiB, '[');
    const { report, growthMiB } = await validateMeasured(bytes);
    expect(lineCodes(report)).toEqual([[1, 'too_deeply_nested']]);
    // The line is held twice while it is read (its parts, then the line), never parsed.
    expect(growthMiB).toBeLessThan(160);
  });

  it('a 32 MiB example of one unbroken string: read, counted in chunks, about 4× its size', async () => {
    const head = '{"messages":[{"role":"user","content":"';
    const tail = '"},{"role":"assistant","content":"ok"}]}\n';
    const bytes = Buffer.alloc(head.length + 32 * MiB + tail.length, 'x');
    bytes.write(head, 0);
    bytes.write(tail, bytes.length - tail.length);
    const { report, growthMiB } = await validateMeasured(bytes);
    expect(lineCodes(report)).toEqual([[1, 'approximate_token_count']]);
    expect(report.stats.totalTokens).toBeGreaterThan((32 * MiB) / 500);
    expect(growthMiB).toBeLessThan(4 * 32 + 64);
  });

  it('a line of a million numbers: refused before parsing, whatever its size in bytes', async () => {
    const bytes = Buffer.from(`{"prompt":"a","completion":"b","x":[${'1,'.repeat(2_000_000)}1]}\n`);
    const { report, growthMiB } = await validateMeasured(bytes);
    expect(lineCodes(report)).toEqual([[1, 'line_too_complex']]);
    expect(growthMiB).toBeLessThan(64);
  });
});
