/**
 * A BPE vocabulary as one flat block of memory: every token's bytes back to back, their offsets,
 * and an open-addressing hash table from bytes to rank. About 4 MB for o200k_base where the rank
 * arrays and maps of a JavaScript tokenizer take 70+ MB per thread; and because it lives in a
 * SharedArrayBuffer, every worker thread reads the same copy.
 */

/** The plain-data form of a table: crosses to worker threads without copying. */
export interface RankTableData {
  /** Slots (Int32, rank or -1), then offsets (Uint32, tokens + 1), then the tokens' bytes. */
  buffer: SharedArrayBuffer | ArrayBuffer;
  tokens: number;
  slots: number;
}

const EMPTY = -1;
const NEWLINE = 0x0a;
const SPACE = 0x20;

/** FNV-1a over `bytes[start, end)`, with a final avalanche so the low bits spread well. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  return (hash ^ (hash >>> 12)) >>> 0;
}

/** Base64 digit values by character code; -1 for anything else (padding included). */
const BASE64 = new Int8Array(128).fill(-1);
for (const [i, c] of [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
].entries())
  BASE64[c.charCodeAt(0)] = i;

/** Decodes base64 `text[start, end)` into `out` at `at`; returns the bytes written. */
function decodeBase64(text: Uint8Array, start: number, end: number, out: Uint8Array, at: number) {
  let bits = 0;
  let value = 0;
  let written = 0;
  for (let i = start; i < end; i++) {
    const digit = BASE64[text[i] as number] ?? -1;
    if (digit < 0) break;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at + written++] = (value >> bits) & 0xff;
    }
  }
  return written;
}

interface TiktokenLine {
  start: number;
  space: number;
  end: number;
  rank: number;
}

/** The lines of a `.tiktoken` file: `<base64 token> <rank>`. */
function* tiktokenLines(text: Uint8Array): Generator<TiktokenLine> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf(NEWLINE, start);
    if (end < 0) end = text.length;
    const space = text.indexOf(SPACE, start);
    if (space > start && space < end) {
      let rank = 0;
      for (let i = space + 1; i < end; i++) rank = rank * 10 + ((text[i] as number) - 48);
      yield { start, space, end, rank };
    }
    start = end + 1;
  }
}

/**
 * Builds the table from an encoding in tiktoken's own file format (one `<base64 token> <rank>`
 * per line, as OpenAI publishes it), in a SharedArrayBuffer when the platform has one. Reads
 * the bytes directly: no string per token is ever made.
 *
 * @example
 * const data = buildRankTable(Buffer.from('YQ== 0\nYg== 1\nYWI= 2\n'));
 * new RankTable(data).rank(Buffer.from('ab'), 0, 2); // 2
 */
export function buildRankTable(tiktoken: Uint8Array): RankTableData {
  let tokens = 0;
  let byteTotal = 0;
  for (const line of tiktokenLines(tiktoken)) {
    tokens = Math.max(tokens, line.rank + 1);
    byteTotal += Math.ceil(((line.space - line.start) * 3) / 4);
  }
  // A load factor under one half keeps probe chains short.
  let slots = 1024;
  while (slots < tokens * 2.5) slots *= 2;
  const size = slots * 4 + (tokens + 1) * 4 + byteTotal;
  const buffer =
    typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
  const data = { buffer, tokens, slots };
  new RankTable(data).fill(tiktoken);
  return data;
}

/** Looks byte sequences up in a {@link RankTableData}. */
export class RankTable {
  readonly tokens: number;
  readonly #slots: Int32Array;
  readonly #mask: number;
  readonly #offsets: Uint32Array;
  readonly #bytes: Uint8Array;

  constructor(data: RankTableData) {
    this.tokens = data.tokens;
    this.#slots = new Int32Array(data.buffer, 0, data.slots);
    this.#mask = data.slots - 1;
    this.#offsets = new Uint32Array(data.buffer, data.slots * 4, data.tokens + 1);
    this.#bytes = new Uint8Array(data.buffer, (data.slots + data.tokens + 1) * 4);
  }

  /** Writes the tokens in; only {@link buildRankTable} calls this, on a fresh buffer. */
  fill(tiktoken: Uint8Array): void {
    this.#slots.fill(EMPTY);
    const lengths = new Uint32Array(this.tokens);
    const decoded = new Uint8Array(512);
    // First the lengths, so each token's offset is known whatever the order of the lines.
    for (const line of tiktokenLines(tiktoken))
      lengths[line.rank] = decodeBase64(tiktoken, line.start, line.space, decoded, 0);
    let offset = 0;
    for (let rank = 0; rank < this.tokens; rank++) {
      this.#offsets[rank] = offset;
      offset += lengths[rank] as number;
    }
    this.#offsets[this.tokens] = offset;
    for (const line of tiktokenLines(tiktoken)) {
      const from = this.#offsets[line.rank] as number;
      const length = decodeBase64(tiktoken, line.start, line.space, this.#bytes, from);
      let slot = hashBytes(this.#bytes, from, from + length) & this.#mask;
      while (this.#slots[slot] !== EMPTY) slot = (slot + 1) & this.#mask;
      this.#slots[slot] = line.rank;
    }
  }

  /** The rank of `bytes[start, end)`, or -1 when it is not a token. */
  rank(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const slots = this.#slots;
    const offsets = this.#offsets;
    const pool = this.#bytes;
    let slot = hashBytes(bytes, start, end) & this.#mask;
    for (;;) {
      const rank = slots[slot] as number;
      if (rank === EMPTY) return -1;
      const from = offsets[rank] as number;
      if ((offsets[rank + 1] as number) - from === length) {
        let i = 0;
        while (i < length && pool[from + i] === bytes[start + i]) i++;
        if (i === length) return rank;
      }
      slot = (slot + 1) & this.#mask;
    }
  }
}
