import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { pickIndexes } from '../random.ts';
import { readLines } from '../reader/lines.ts';
import { type SplitOptions, validationCount } from './split-examples.ts';

export interface SplitFileOptions extends SplitOptions {
  trainPath: string;
  validationPath: string;
}

export interface SplitFileResult {
  train: { path: string; examples: number };
  validation: { path: string; examples: number };
  /** Blank or undecodable lines left out of both files. */
  skippedLines: number;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function close(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

/**
 * Splits a JSONL file into training and validation files, streaming: one pass counts the
 * examples, a second writes each line, unchanged, to one of the two files. Memory is 4 bytes
 * per example for the shuffle. Blank lines are dropped; lines are not validated (run the
 * validator first).
 *
 * @example
 * await splitTrainingFile('all.jsonl', { trainPath: 'train.jsonl', validationPath: 'val.jsonl',
 *   validationFraction: 0.1, seed: 42 });
 */
export async function splitTrainingFile(
  path: string,
  options: SplitFileOptions,
): Promise<SplitFileResult> {
  let total = 0;
  for await (const line of readLines(path)) if (line.text !== undefined && !line.blank) total++;
  const picked = pickIndexes(total, validationCount(total, options), options.seed ?? 42);
  const train = createWriteStream(options.trainPath);
  const validation = createWriteStream(options.validationPath);
  const result: SplitFileResult = {
    train: { path: options.trainPath, examples: 0 },
    validation: { path: options.validationPath, examples: 0 },
    skippedLines: 0,
  };
  try {
    let index = 0;
    for await (const line of readLines(path)) {
      if (line.text === undefined || line.blank) {
        result.skippedLines++;
        continue;
      }
      const toValidation = picked.has(index++);
      await write(toValidation ? validation : train, `${line.text}\n`);
      (toValidation ? result.validation : result.train).examples++;
    }
  } finally {
    await Promise.all([close(train), close(validation)]);
  }
  return result;
}
