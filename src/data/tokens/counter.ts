import { BpeMerger } from './bpe.ts';
import { type EncodingName, splitPattern } from './encodings.ts';
import { splitLongRuns } from './long-runs.ts';
import { loadRankTable } from './rank-source.ts';
import { RankTable, type RankTableData } from './rank-table.ts';

/** Counts tokens of plain text. The validator only ever needs counts, never token ids. */
export interface TokenCounter {
  readonly encoding: EncodingName;
  /** Tokens of `text` as ordinary text: special-token markup like `<|endoftext|>` is text. */
  count(text: string): number;
  /** How many texts so far were counted approximately because of a long unbroken run. */
  readonly approximateCount: number;
}

/**
 * Whole strings at least this long are remembered: system prompts and tool schemas repeat on
 * every line of a training file.
 */
const MEMO_MIN_LENGTH = 32;
/**
 * Characters the whole-string memo may hold (at most 512 KB), least recently used out first:
 * dozens of long prompts and tool schemas, while one-off turns cycle through.
 */
const MEMO_MAX_CHARS = 256 * 1024;
/**
 * Pieces (words with their leading space or punctuation) up to this long are remembered; longer
 * ones (runs of CJK text, mostly) rarely repeat.
 */
const PIECE_MAX_LENGTH = 64;
/**
 * V8 copies substrings shorter than this; longer ones are slices that would keep their whole
 * source text alive in the cache, so they are copied before they are kept.
 */
const SLICE_MIN_LENGTH = 13;
/**
 * Pieces per generation of the piece cache; two generations are kept (about 4 MB). Larger
 * generations measured no faster on the realistic benchmark corpus, only bigger.
 */
const PIECE_GENERATION = 32_768;

/** A copy of `text` that shares no memory with the string it was sliced from. */
function flatCopy(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/**
 * A counter over a shared rank table. Words repeat far more than lines: the count of each short
 * piece is remembered in a two-generation cache (recently used pieces survive a turnover, the
 * rest are dropped whole), so most pieces cost one map lookup, and only new ones are merged.
 * Long strings are remembered whole, and long unbroken runs are counted in chunks (see
 * {@link splitLongRuns}) so that no input is quadratic.
 */
class BpeCounter implements TokenCounter {
  readonly encoding: EncodingName;
  approximateCount = 0;
  readonly #pattern: RegExp;
  readonly #merger: BpeMerger;
  readonly #encoder = new TextEncoder();
  #scratch = new Uint8Array(4096);
  #pieces = new Map<string, number>();
  #olderPieces = new Map<string, number>();
  readonly #memo = new Map<string, number>();
  #memoChars = 0;

  constructor(encoding: EncodingName, table: RankTable) {
    this.encoding = encoding;
    // Sticky: matched at each position in turn with test(), which builds no match array.
    this.#pattern = new RegExp(splitPattern(encoding).source, 'yu');
    this.#merger = new BpeMerger(table);
  }

  count(text: string): number {
    if (text.length < MEMO_MIN_LENGTH) return this.#exact(text);
    const known = this.#recall(text);
    if (known !== undefined) return known;
    const segments = splitLongRuns(text);
    let total = 0;
    if (segments) {
      this.approximateCount++;
      // Segments are remembered too: a run of one repeated character is the usual hostile
      // line. As copies: a slice would keep the whole (maybe 50 MB) text alive in the memo.
      for (const segment of segments) {
        total +=
          segment.length < MEMO_MIN_LENGTH
            ? this.#exact(segment)
            : (this.#recall(segment) ?? this.#remember(flatCopy(segment), this.#exact(segment)));
      }
    } else {
      total = this.#exact(text);
    }
    return this.#remember(text, total);
  }

  /** The remembered count of a long string, refreshed as the most recently used. */
  #recall(text: string): number | undefined {
    const known = this.#memo.get(text);
    if (known !== undefined) {
      // Least recently used strings leave first, so prompts repeated in every example stay
      // while one-off turns cycle through.
      this.#memo.delete(text);
      this.#memo.set(text, known);
    }
    return known;
  }

  #exact(text: string): number {
    const pattern = this.#pattern;
    let total = 0;
    for (let at = 0; at < text.length; ) {
      pattern.lastIndex = at;
      // Every character belongs to one of the pattern's alternatives; should one not, it is a
      // piece of its own rather than a loop that never ends.
      const end = pattern.test(text) && pattern.lastIndex > at ? pattern.lastIndex : at + 1;
      const piece = text.slice(at, end);
      total += piece.length <= PIECE_MAX_LENGTH ? this.#cachedPiece(piece) : this.#merge(piece);
      at = end;
    }
    return total;
  }

  #cachedPiece(piece: string): number {
    let count = this.#pieces.get(piece);
    if (count !== undefined) return count;
    count = this.#olderPieces.get(piece);
    if (count === undefined) count = this.#merge(piece);
    if (this.#pieces.size >= PIECE_GENERATION) {
      this.#olderPieces = this.#pieces;
      this.#pieces = new Map();
    }
    this.#pieces.set(piece.length < SLICE_MIN_LENGTH ? piece : flatCopy(piece), count);
    return count;
  }

  #merge(piece: string): number {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (this.#scratch.length < piece.length * 3) this.#scratch = new Uint8Array(piece.length * 3);
    const { written } = this.#encoder.encodeInto(piece, this.#scratch);
    return this.#merger.count(this.#scratch, 0, written);
  }

  #remember(text: string, count: number): number {
    if (text.length > MEMO_MAX_CHARS / 4) return count;
    while (this.#memoChars + text.length > MEMO_MAX_CHARS) {
      const oldest = this.#memo.keys().next().value as string;
      this.#memo.delete(oldest);
      this.#memoChars -= oldest.length;
    }
    this.#memo.set(text, count);
    this.#memoChars += text.length;
    return count;
  }
}

/**
 * A token counter over an already loaded rank table (what worker threads use: the table is
 * shared with them, not loaded again).
 *
 * @example
 * const counter = tokenCounterFromTable('o200k_base', await loadRankTable('o200k_base'));
 */
export function tokenCounterFromTable(encoding: EncodingName, data: RankTableData): TokenCounter {
  return new BpeCounter(encoding, new RankTable(data));
}

/**
 * Creates a token counter for an encoding, loading the encoding's rank table on first use.
 *
 * @example
 * const counter = await createTokenCounter('o200k_base');
 * counter.count('Hello, world!'); // 4
 */
export async function createTokenCounter(encoding: EncodingName): Promise<TokenCounter> {
  return tokenCounterFromTable(encoding, await loadRankTable(encoding));
}
