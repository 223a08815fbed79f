import type { RankTable } from './rank-table.ts';

const NONE = 0x7fffffff;
/** Past this many bytes a piece is merged with a heap: the plain scan is quadratic. */
const HEAP_FROM_BYTES = 48;
/** Heap keys pack (rank, position) into one exact double: rank × 2^22 + position. */
const POSITION_BITS = 2 ** 22;
/** Pair keys pack two ranks (below 2^18 in every encoding here) into one exact double. */
const RANK_BITS = 2 ** 18;
/** Slots of the pair cache (each 12 bytes): the merges of common pairs are looked up once. */
const PAIR_CACHE_SLOTS = 1 << 16;

/**
 * Counts the tokens of one pre-tokenized piece with byte-pair merging, as tiktoken does: start
 * from single bytes and repeatedly merge the adjacent pair whose joined bytes have the lowest
 * rank (the leftmost of equal ones), until no adjacent pair is a token. Only the count is kept,
 * so the work is on small integer arrays reused between calls. Short pieces (nearly all) use a
 * scan of the pair ranks; long ones (runs of CJK text, say) a heap, so no piece is quadratic.
 * Every part is a token, so the rank of two joined parts depends only on their two ranks: a
 * small cache keyed by them saves most lookups of the joined bytes.
 */
export class BpeMerger {
  readonly #table: RankTable;
  /** Scan: part boundaries, part i is bytes[starts[i], starts[i + 1]). Heap: next part start. */
  #starts = new Int32Array(256);
  /** Scan: ranks[i] is the rank of parts i and i + 1 joined. Heap: rank of the pair at a start. */
  #ranks = new Int32Array(256);
  /** Heap only: the previous part's start for each part start. */
  #previous = new Int32Array(256);
  #heap = new Float64Array(256);
  /** The rank of each part (scan: by index; heap: by start offset). */
  #partRanks = new Int32Array(256);
  readonly #byteRanks = new Int32Array(256);
  readonly #pairKeys = new Float64Array(PAIR_CACHE_SLOTS).fill(-1);
  readonly #pairRanks = new Int32Array(PAIR_CACHE_SLOTS);

  constructor(table: RankTable) {
    this.#table = table;
    const byte = new Uint8Array(1);
    for (let b = 0; b < 256; b++) {
      byte[0] = b;
      this.#byteRanks[b] = table.rank(byte, 0, 1);
    }
  }

  /**
   * Tokens in `bytes[start, end)`.
   *
   * @example
   * merger.count(Buffer.from('hello world'), 0, 5); // 1
   */
  count(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length <= 1) return length;
    if (this.#table.rank(bytes, start, end) >= 0) return 1;
    if (this.#starts.length <= length) {
      const size = length * 2;
      this.#starts = new Int32Array(size);
      this.#ranks = new Int32Array(size);
      this.#previous = new Int32Array(size);
      this.#partRanks = new Int32Array(size);
      this.#heap = new Float64Array(size * 2);
    }
    return length < HEAP_FROM_BYTES
      ? this.#scan(bytes, start, length)
      : this.#heapMerge(bytes, start, length);
  }

  /** The rank of parts `left` and `right` joined (their bytes are `bytes[from, to)`), or NONE. */
  #pairRank(left: number, right: number, bytes: Uint8Array, from: number, to: number): number {
    const key = left * RANK_BITS + right;
    const slot = (Math.imul(left, 0x9e3779b1) ^ right) & (PAIR_CACHE_SLOTS - 1);
    if (this.#pairKeys[slot] === key) return this.#pairRanks[slot] as number;
    const found = this.#table.rank(bytes, from, to);
    const rank = found < 0 ? NONE : found;
    this.#pairKeys[slot] = key;
    this.#pairRanks[slot] = rank;
    return rank;
  }

  #scan(bytes: Uint8Array, start: number, length: number): number {
    const starts = this.#starts;
    const ranks = this.#ranks;
    const parts = this.#partRanks;
    let count = length;
    for (let i = 0; i < length; i++) {
      starts[i] = start + i;
      parts[i] = this.#byteRanks[bytes[start + i] as number] as number;
    }
    starts[length] = start + length;
    for (let i = 0; i < length - 1; i++)
      ranks[i] = this.#pairRank(
        parts[i] as number,
        parts[i + 1] as number,
        bytes,
        start + i,
        start + i + 2,
      );
    while (count > 1) {
      let best = -1;
      let bestRank = NONE;
      for (let i = 0; i < count - 1; i++) {
        const rank = ranks[i] as number;
        if (rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best < 0) break;
      // Join parts best and best + 1: drop the boundary between them.
      parts[best] = bestRank;
      starts.copyWithin(best + 1, best + 2, count + 1);
      ranks.copyWithin(best + 1, best + 2, count - 1);
      parts.copyWithin(best + 1, best + 2, count);
      count--;
      ranks[best] =
        best + 1 < count
          ? this.#pairRank(
              bestRank,
              parts[best + 1] as number,
              bytes,
              starts[best] as number,
              starts[best + 2] as number,
            )
          : NONE;
      if (best > 0)
        ranks[best - 1] = this.#pairRank(
          parts[best - 1] as number,
          bestRank,
          bytes,
          starts[best - 1] as number,
          starts[best + 1] as number,
        );
    }
    return count;
  }

  /**
   * The same merge order with a linked list of parts (indexed by their start offset) and a
   * min-heap of (rank, start): the lowest rank first, the leftmost of equal ranks. Entries made
   * stale by a merge are skipped when they surface.
   */
  #heapMerge(bytes: Uint8Array, start: number, length: number): number {
    const next = this.#starts;
    const previous = this.#previous;
    const ranks = this.#ranks;
    const parts = this.#partRanks;
    const heap = this.#heap;
    let size = 0;
    const push = (key: number) => {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((heap[parent] as number) <= key) break;
        heap[i] = heap[parent] as number;
        i = parent;
      }
      heap[i] = key;
    };
    const pop = (): number => {
      const top = heap[0] as number;
      const last = heap[--size] as number;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && (heap[child + 1] as number) < (heap[child] as number)) child++;
        if ((heap[child] as number) >= last) break;
        heap[i] = heap[child] as number;
        i = child;
      }
      heap[i] = last;
      return top;
    };
    // Offsets are relative to `start`; part p spans [p, next[p]).
    for (let p = 0; p < length; p++) {
      next[p] = p + 1;
      previous[p] = p - 1;
      parts[p] = this.#byteRanks[bytes[start + p] as number] as number;
    }
    next[length] = length;
    for (let p = 0; p < length - 1; p++) {
      const rank = this.#pairRank(
        parts[p] as number,
        parts[p + 1] as number,
        bytes,
        start + p,
        start + p + 2,
      );
      ranks[p] = rank;
      if (rank !== NONE) push(rank * POSITION_BITS + p);
    }
    ranks[length - 1] = NONE;
    let count = length;
    const rankAfter = (p: number): number => {
      const right = next[p] as number;
      return right >= length
        ? NONE
        : this.#pairRank(
            parts[p] as number,
            parts[right] as number,
            bytes,
            start + p,
            start + (next[right] as number),
          );
    };
    while (size > 0) {
      const key = pop();
      const p = key % POSITION_BITS;
      const rank = (key - p) / POSITION_BITS;
      // Stale: p was merged into its left neighbour, or its pair's rank changed since.
      if (ranks[p] !== rank) continue;
      const right = next[p] as number;
      const after = next[right] as number;
      next[p] = after;
      if (after < length) previous[after] = p;
      ranks[right] = NONE - 1; // a value no heap entry holds: marks `right` as gone
      parts[p] = rank;
      count--;
      ranks[p] = rankAfter(p);
      if (ranks[p] !== NONE) push((ranks[p] as number) * POSITION_BITS + p);
      const left = previous[p] as number;
      if (left >= 0) {
        ranks[left] = rankAfter(left);
        if (ranks[left] !== NONE) push((ranks[left] as number) * POSITION_BITS + left);
      }
    }
    return count;
  }
}
