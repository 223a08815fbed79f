import { availableParallelism } from 'node:os';
import type { BatchResult, BatchSettings } from '../check/batch.ts';
import type { LineBatch } from '../reader/line-batches.ts';

/** Runs line batches on worker threads. */
export interface CheckPool {
  /** Checks a batch on a worker; its bytes are moved there, not copied (unusable here after). */
  run(batch: LineBatch, settings: BatchSettings): Promise<BatchResult>;
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

/**
 * Default thread count: one per core, at most 4. The reading thread only cuts lines, so it
 * needs no core of its own.
 */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * The young generation of each worker's heap. V8's default lets each thread hold tens of MB of
 * short-lived garbage — parsed lines, pieces of text — before collecting it; 4 MB took 40–50 MB
 * off the peak RSS of two workers and measured no slower (CPU time on both benchmark corpora).
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/**
 * The old generation of each worker's heap: room for the longest line the reader passes on
 * (its bytes, its text and what parsing makes of them take about four times its size) and
 * more. Any limit at all also matters for its own sake: without one V8 sizes a worker's heap
 * for the machine's memory, and two workers peaked 75 MB higher on a 1 GB file (170 MB with a
 * limit, 245–286 MB without; the limit is never reached on such data).
 */
function oldGenerationMb(maxLineBytes: number): number {
  return Math.max(256, Math.ceil((8 * maxLineBytes) / 2 ** 20));
}

/**
 * Starts a pool of `threads` workers (piscina). Each keeps its token counter and caches across
 * batches; the rank table they count with is shared memory, sent along with every batch.
 */
export async function createCheckPool(threads: number, maxLineBytes: number): Promise<CheckPool> {
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename: workerUrl().href,
    minThreads: threads,
    maxThreads: threads,
    resourceLimits: {
      maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
      maxOldGenerationSizeMb: oldGenerationMb(maxLineBytes),
    },
  });
  return {
    run: (batch, settings) =>
      pool.run({ batch, settings }, { transferList: [batch.bytes.buffer as ArrayBuffer] }),
    close: () => pool.destroy(),
  };
}
