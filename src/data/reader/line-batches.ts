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

/** A copy of `bytes[start, end)` (a Buffer's own `slice` would share its memory). */
const copy = (bytes: Uint8Array, start: number, end: number) =>
  Uint8Array.prototype.slice.call(bytes, start, end);

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
  /** A line longer than a batch is collected here, then becomes a batch of its own. */
  #parts: Uint8Array[] | undefined;

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
      this.#append(chunk, start, end, done);
      if (newline < 0) break;
      this.#sourceBytes++; // the newline
      this.#endLine(done);
      if (this.#ends.length >= this.#options.batchLines || this.#used >= this.#options.batchBytes)
        done.push(this.#take());
      start = newline + 1;
    }
    return done;
  }

  /** The last batches: what is left, with a last line that has no newline. */
  finish(): LineBatch[] {
    const done: LineBatch[] = [];
    if (this.#lineBytes > 0) this.#endLine(done);
    if (this.#ends.length > 0) done.push(this.#take());
    return done;
  }

  /**
   * Adds bytes of the current line (copied: the chunk's buffer is reused by the reader). A
   * line that does not fit sends the complete lines before it off as a batch and goes on in
   * the next batch's buffer, or, longer than a whole batch, in parts of its own: no buffer is
   * ever grown and copied.
   */
  #append(chunk: Uint8Array, start: number, end: number, done: LineBatch[]): void {
    const length = end - start;
    this.#lineBytes += length;
    this.#sourceBytes += length;
    if (this.#lineBytes > this.#options.maxLineBytes) {
      // Keep counting, stop holding: the line will be reported, never parsed.
      this.#parts = undefined;
      this.#used = this.#lineStart;
      return;
    }
    if (this.#parts) {
      this.#parts.push(copy(chunk, start, end));
      return;
    }
    if (this.#used + length <= this.#bytes.length) {
      this.#bytes.set(chunk.subarray(start, end), this.#used);
      this.#used += length;
      return;
    }
    const partial = this.#bytes.slice(this.#lineStart, this.#used);
    this.#used = this.#lineStart;
    if (this.#ends.length > 0) {
      // The line's bytes so far go along with it, not with the batch before it.
      const carried = this.#lineBytes;
      this.#sourceBytes -= carried;
      done.push(this.#take());
      this.#sourceBytes = carried;
    }
    if (partial.length + length <= this.#bytes.length) {
      // It fits the next batch's (empty) buffer.
      this.#bytes.set(partial);
      this.#bytes.set(chunk.subarray(start, end), partial.length);
      this.#used = partial.length + length;
      return;
    }
    this.#parts = [partial, copy(chunk, start, end)];
  }

  #endLine(done: LineBatch[]): void {
    if (this.#lineBytes > this.#options.maxLineBytes) {
      this.#tooLong.push({ index: this.#ends.length, bytes: this.#lineBytes });
      this.#used = this.#lineStart;
    } else if (this.#parts) {
      // A batch of one line, in a buffer of exactly its size (#append left no other line).
      const bytes = new Uint8Array(this.#lineBytes);
      let at = 0;
      for (const part of this.#parts) {
        bytes.set(part, at);
        at += part.length;
      }
      this.#parts = undefined;
      this.#lineBytes = 0;
      done.push(this.#take(bytes, [bytes.length]));
      return;
    }
    this.#ends.push(this.#used);
    this.#lineStart = this.#used;
    this.#lineBytes = 0;
  }

  /** Hands over the complete lines (or a line of its own) as a batch. */
  #take(bytes = this.#bytes.subarray(0, this.#used), ends = this.#ends): LineBatch {
    const batch: LineBatch = {
      firstLine: this.#firstLine,
      // The batch takes the buffer along (it is transferred to a worker, not copied).
      bytes,
      ends: Int32Array.from(ends),
      tooLong: this.#tooLong,
      sourceBytes: this.#sourceBytes,
    };
    this.#firstLine += ends.length;
    this.#tooLong = [];
    this.#sourceBytes = 0;
    if (ends === this.#ends) {
      this.#ends = [];
      this.#used = 0;
      this.#lineStart = 0;
      this.#bytes = new Uint8Array(this.#options.batchBytes);
    }
    return batch;
  }
}
