/**
 * Worker-thread entry: checks the batches the pool sends. Piscina calls the default export
 * with each task.
 */
import { checkBatch, type LineBatch } from '../check/batch.ts';

export default function run(batch: LineBatch) {
  return checkBatch(batch);
}
