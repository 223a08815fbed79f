/**
 * Cuts a byte stream into batches of whole lines, raw bytes back to back in one buffer that
 * can be handed to a worker thread without a copy. Nothing is decoded here: the reader thread
 * only looks for newlines, so it keeps up with any number of checking threads.
 */

/** Lines of a source, as raw bytes, ready to be checked. */
export interface LineBatch {
  /** Number of the batch's first line (1-based). */
  firstLine: number;
  /** The lines' bytes, newlines left out (a CR before the newline stays in). */
  bytes: Uint8Array;
  /** End offset in `bytes` of each line; a line starts where the one before it ended. */
  ends: Int32Array;
  /** Lines skipped for being longer than `maxLineBytes`: index in the batch and size. */
  tooLong: { index: number; bytes: number }[];
  /** Bytes of the source these lines took, newlines included. */
  sourceBytes: number;
}

export interface LineBatcherOptions {
  /** Longer lines are skipped (reported, never held). */
  maxLineBytes: number;
  /** A batch is closed once it holds this many bytes… */
  batchBytes: number;
  /** …or this many lines. */
  batchLines: number;
}

/**
 * Collects lines into batches: `push` chunks as they are read, take the batches that filled up,
 * and `finish` for the rest. Holds at most one batch plus the line being read (a line past
 * `maxLineBytes` is counted, not held).
 *
 * @example
 * const batcher = new LineBatcher({ maxLineBytes: 1 << 20, batchBytes: 1 << 18, batchLines: 2000 });
 * const batches = [...batcher.push(chunk), ...batcher.finish()];
 */
export class LineBatcher {
  readonly #options: LineBatcherOptions;
  #bytes: Uint8Array;
  #used = 0;
  #ends: number[] = [];
  #tooLong: { index: number; bytes: number }[] = [];
  #firstLine = 1;
  #sourceBytes = 0;
  /** Where the line being read starts in #bytes, and its size so far (also when not held). */
  #lineStart = 0;
  #lineBytes = 0;

  constructor(options: LineBatcherOptions) {
    this.#options = options;
    this.#bytes = new Uint8Array(options.batchBytes);
  }

  /** Takes the next chunk of the source; returns the batches it completed. */
  push(chunk: Uint8Array): LineBatch[] {
    const done: LineBatch[] = [];
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(10, start);
      const end = newline < 0 ? chunk.length : newline;
      const full = this.#append(chunk, start, end);
      if (full) done.push(full);
      if (newline < 0) break;
      this.#sourceBytes++; // the newline
      this.#endLine();
      if (this.#ends.length >= this.#options.batchLines || this.#used >= this.#options.batchBytes)
        done.push(this.#take());
      start = newline + 1;
    }
    return done;
  }

  /** The last batch: what is left, with a last line that has no newline. */
  finish(): LineBatch[] {
    if (this.#lineBytes > 0) this.#endLine();
    return this.#ends.length > 0 ? [this.#take()] : [];
  }

  /**
   * Adds bytes of the current line. When they do not fit, the complete lines before it leave
   * as a batch (returned) and the line moves on to a buffer of its own: a buffer is never
   * grown while it holds other lines.
   */
  #append(chunk: Uint8Array, start: number, end: number): LineBatch | undefined {
    const length = end - start;
    this.#lineBytes += length;
    this.#sourceBytes += length;
    if (this.#lineBytes > this.#options.maxLineBytes) {
      // Keep counting, stop holding: the line will be reported, never parsed.
      this.#used = this.#lineStart;
      return undefined;
    }
    let full: LineBatch | undefined;
    if (this.#used + length > this.#bytes.length) {
      const partial = this.#bytes.subarray(this.#lineStart, this.#used);
      const next = new Uint8Array(
        Math.max(this.#options.batchBytes, (partial.length + length) * 2),
      );
      next.set(partial);
      if (this.#ends.length > 0) {
        // The line read so far goes along to the next batch, with the bytes it took.
        const carried = this.#lineBytes;
        this.#sourceBytes -= carried;
        this.#used = this.#lineStart;
        full = this.#take(next);
        this.#sourceBytes = carried;
      } else {
        this.#bytes = next;
      }
      this.#used = partial.length;
      this.#lineStart = 0;
    }
    this.#bytes.set(chunk.subarray(start, end), this.#used);
    this.#used += length;
    return full;
  }

  #endLine(): void {
    if (this.#lineBytes > this.#options.maxLineBytes) {
      this.#tooLong.push({ index: this.#ends.length, bytes: this.#lineBytes });
      this.#used = this.#lineStart;
    }
    this.#ends.push(this.#used);
    this.#lineStart = this.#used;
    this.#lineBytes = 0;
  }

  /** Hands the complete lines over as a batch and goes on in `next`. */
  #take(next = new Uint8Array(this.#options.batchBytes)): LineBatch {
    const batch: LineBatch = {
      firstLine: this.#firstLine,
      // The batch takes the buffer along (it is transferred to a worker, not copied).
      bytes: this.#bytes.subarray(0, this.#used),
      ends: Int32Array.from(this.#ends),
      tooLong: this.#tooLong,
      sourceBytes: this.#sourceBytes,
    };
    this.#firstLine += this.#ends.length;
    this.#ends = [];
    this.#tooLong = [];
    this.#sourceBytes = 0;
    this.#used = 0;
    this.#lineStart = 0;
    this.#bytes = next;
    return batch;
  }
}
