/**
 * Worker-thread entry: checks the batches the pool sends. Piscina calls the default export
 * with each task.
 */
import { type BatchResult, type BatchSettings, checkBatch } from '../check/batch.ts';
import type { LineBatch } from '../reader/line-batches.ts';

export default function run(task: { batch: LineBatch; settings: BatchSettings }): BatchResult {
  try {
    return checkBatch(task.batch, task.settings);
  } finally {
    // Give the batch's memory back now: by the time the garbage collector would, dozens of
    // batches (tens of MB) can be waiting. Transferring to a zero-length buffer frees it.
    const buffer = task.batch.bytes.buffer as ArrayBuffer & {
      transfer?: (length: number) => unknown;
    };
    buffer.transfer?.(0);
  }
}
