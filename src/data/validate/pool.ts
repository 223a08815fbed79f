import { availableParallelism } from 'node:os';
import type { LineBatch } from '../check/batch.ts';
import type { LineResult } from '../check/line.ts';

/** Runs line batches on worker threads. */
export interface CheckPool {
  run(batch: LineBatch): Promise<LineResult[]>;
  close(): Promise<void>;
}

/**
 * The worker file next to this module: `worker.ts` when running from source, the bundled
 * `data-worker.js`/`.cjs` (a tsup entry of its own) when running from `dist/`.
 */
function workerUrl(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./worker.ts', here);
  return new URL(here.endsWith('.cjs') ? './data-worker.cjs' : './data-worker.js', here);
}

/** Default thread count: every core but none beyond 4 (the reader thread also needs one). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * Starts a pool of `threads` workers (piscina). Each worker loads the tokenizer once and keeps
 * its memo across batches.
 */
export async function createCheckPool(threads: number): Promise<CheckPool> {
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename: workerUrl().href,
    minThreads: threads,
    maxThreads: threads,
  });
  return {
    run: (batch) => pool.run(batch) as Promise<LineResult[]>,
    close: () => pool.destroy(),
  };
}
