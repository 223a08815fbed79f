import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get_encoding } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import { UnknownModelError } from '../../../src/data/errors.ts';
import { validateTrainingFile } from '../../../src/data/validate/validate.ts';
import { chatLines, fixture } from '../../support/training-data.ts';

describe('validateTrainingFile on well-formed files of every format', () => {
  it.each([
    ['tool-calls.jsonl', 'chat', 'gpt-4o-mini'],
    ['preference.jsonl', 'preference', 'gpt-4o-mini'],
    ['reinforcement.jsonl', 'reinforcement', 'o4-mini'],
    ['completion.jsonl', 'completion', 'babbage-002'],
    ['vision.jsonl', 'chat', 'gpt-4o'],
  ])('%s is a valid %s file', async (file, format, model) => {
    const report = await validateTrainingFile(fixture(file), { model });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ valid: true, format, errors: 0, warnings: 0 });
    expect(report.stats.examples).toBe(50);
    expect(report.stats.totalTokens).toBeGreaterThan(50 * 5);
  });

  it('gathers the statistics of the tool-call file', async () => {
    const { stats, cost } = await validateTrainingFile(fixture('tool-calls.jsonl'), {
      model: 'gpt-4o-mini',
    });
    expect(stats).toMatchObject({
      examplesWithSystemMessage: 50,
      examplesWithoutSystemMessage: 0,
      examplesWithToolCalls: 50,
      messagesPerExample: { min: 5, max: 5, median: 5 },
      billableTokensPerEpoch: stats.totalTokens,
    });
    expect(cost).toMatchObject({
      epochs: 3,
      autoEpochs: true,
      trainedTokens: stats.totalTokens * 3,
    });
  });

  it('counts vision images by the tile rule where it can read them', async () => {
    const { stats } = await validateTrainingFile(fixture('vision.jsonl'), { model: 'gpt-4o' });
    expect(stats.images).toBe(50);
    // The https images (odd lines) cannot be measured without network access.
    expect(stats.imagesNotCounted).toBe(25);
  });

  it('matches token totals computed independently with tiktoken', async () => {
    const encoder = get_encoding('o200k_base');
    const text = chatLines(12);
    let expected = 0;
    for (const line of text.trim().split('\n')) {
      const { messages } = JSON.parse(line) as { messages: { role: string; content: string }[] };
      for (const m of messages)
        expected +=
          3 + encoder.encode_ordinary(m.role).length + encoder.encode_ordinary(m.content).length;
      expected += 3;
    }
    encoder.free();
    const report = await validateTrainingFile({ text });
    expect(report.stats.totalTokens).toBe(expected);
  });
});

describe('validateTrainingFile behaviour', () => {
  it('lists problems in line order, counts all of them, and caps the list', async () => {
    const bad = '{"messages":[{"role":"bot","content":"x"},{"role":"assistant","content":"y"}]}\n';
    const text = `${chatLines(10)}\n${bad.repeat(30)}\n${chatLines(10, 10)}`;
    const report = await validateTrainingFile({ text }, { maxProblems: 5 });
    expect(report.counts).toMatchObject({ unknown_role: 30, duplicate_example: 29, blank_line: 2 });
    expect(report.problems).toHaveLength(5);
    expect(report.problemsTruncated).toBe(true);
    // Blank line 11 (found by the reader) comes before the batch results of lines 12 on.
    expect(report.problems.map((p) => [p.line, p.code])).toEqual([
      [11, 'blank_line'],
      [12, 'unknown_role'],
      [13, 'unknown_role'],
      [13, 'duplicate_example'],
      [14, 'unknown_role'],
    ]);
  });

  it('treats a forced format as the file format', async () => {
    const report = await validateTrainingFile(fixture('completion.jsonl'), { format: 'chat' });
    expect(report.format).toBe('chat');
    expect(report.formatForced).toBe(true);
    expect(report.counts.mixed_formats).toBe(50);
  });

  it('checks reinforcement lines without extra keys in a reinforcement file', async () => {
    const text = '{"messages":[{"role":"user","content":"2+2?"}]}\n';
    const report = await validateTrainingFile({ text }, { format: 'reinforcement' });
    expect(report.counts.no_assistant_message).toBeUndefined();
    expect(report.counts.unknown_key).toBeUndefined();
  });

  it('throws only for a wrong option: an unknown model', async () => {
    await expect(
      validateTrainingFile({ text: chatLines(1) }, { model: 'gpt-99' }),
    ).rejects.toBeInstanceOf(UnknownModelError);
  });

  it('gives the same report on worker threads as inline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tunekit-'));
    const path = join(dir, 'big.jsonl');
    const bad = '{"messages":[{"role":"user","content":"x"}]}\n';
    // ~5 MB, past the worker threshold, with problems spread through it.
    let text = '';
    for (let block = 0; block < 640; block++)
      text += chatLines(80, block * 80) + (block % 50 === 0 ? bad : '');
    writeFileSync(path, text);
    const inline = await validateTrainingFile(path, { workers: 0, model: 'gpt-4o-mini' });
    const threaded = await validateTrainingFile(path, { workers: 2, model: 'gpt-4o-mini' });
    expect(inline.bytes).toBeGreaterThan(4 * 1024 * 1024);
    const { durationMs: _a, ...a } = inline;
    const { durationMs: _b, ...b } = threaded;
    expect(b).toEqual(a);
    expect(a.counts.no_assistant_message).toBe(13);
  });

  it('reports progress with growing byte counts', async () => {
    const seen: number[] = [];
    await validateTrainingFile(
      { text: chatLines(5000) },
      { onProgress: (p) => seen.push(p.bytesRead) },
    );
    expect(seen.length).toBeGreaterThan(0);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
  });
});
