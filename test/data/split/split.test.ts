import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitTrainValidation, validationCount } from '../../../src/data/split/split-examples.ts';
import { splitTrainingFile } from '../../../src/data/split/split-file.ts';
import { chatLines } from '../../support/training-data.ts';

describe('splitTrainValidation', () => {
  const items = Array.from({ length: 100 }, (_, i) => i);

  it('is reproducible for a seed, different across seeds, and partitions the input', () => {
    const a = splitTrainValidation(items, { validationFraction: 0.2, seed: 7 });
    const b = splitTrainValidation(items, { validationFraction: 0.2, seed: 7 });
    const c = splitTrainValidation(items, { validationFraction: 0.2, seed: 8 });
    expect(a).toEqual(b);
    expect(a.validation).not.toEqual(c.validation);
    expect(a.validation).toHaveLength(20);
    expect([...a.train, ...a.validation].sort((x, y) => x - y)).toEqual(items);
    expect(a.train).toEqual([...a.train].sort((x, y) => x - y));
  });

  it('takes an exact size, and rejects a fraction outside 0–1', () => {
    expect(splitTrainValidation(items, { validationSize: 3 }).validation).toHaveLength(3);
    expect(validationCount(10, { validationSize: 50 })).toBe(10);
    expect(() => validationCount(10, { validationFraction: 1.5 })).toThrow(RangeError);
  });
});

describe('splitTrainingFile', () => {
  it('streams lines unchanged into two files, dropping blank lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tunekit-split-'));
    const input = join(dir, 'all.jsonl');
    writeFileSync(input, `${chatLines(20)}\n`);
    const result = await splitTrainingFile(input, {
      trainPath: join(dir, 't.jsonl'),
      validationPath: join(dir, 'v.jsonl'),
      validationFraction: 0.25,
      seed: 1,
    });
    expect(result).toMatchObject({
      train: { examples: 15 },
      validation: { examples: 5 },
      skippedLines: 1,
    });
    const train = readFileSync(join(dir, 't.jsonl'), 'utf8').trim().split('\n');
    const validation = readFileSync(join(dir, 'v.jsonl'), 'utf8').trim().split('\n');
    expect(new Set([...train, ...validation])).toEqual(new Set(chatLines(20).trim().split('\n')));
  });
});
