import { countPieceTokens } from './bom-pieces.ts';
import { type EncodingName, type LoadedEncoding, loadEncoding } from './encodings.ts';
import { splitLongRuns } from './long-runs.ts';

/** Counts tokens of plain text. The validator only ever needs counts, never token ids. */
export interface TokenCounter {
  readonly encoding: EncodingName;
  /** Tokens of `text` as ordinary text: special-token markup like `<|endoftext|>` is text. */
  count(text: string): number;
  /** How many texts so far were counted approximately because of a long unbroken run. */
  readonly approximateCount: number;
}

/** Strings shorter than this are cheap to count and too many to remember. */
const MEMO_MIN_LENGTH = 32;
/**
 * Total characters the memo may hold (about 2 MB): plenty for the prompts and tool schemas that
 * repeat, and small enough that one-off turns cycling through it cost little (measured: a 16 M
 * character memo was slower on the 100 MB benchmark than this one).
 */
const MEMO_MAX_CHARS = 1024 * 1024;

/**
 * A counter over a loaded encoding. It remembers the counts of long strings, because training
 * files repeat the same system prompt and tool schemas in every example, and it guards the
 * quadratic worst case of long unbroken runs (see {@link splitLongRuns}).
 */
class MemoizedCounter implements TokenCounter {
  readonly encoding: EncodingName;
  approximateCount = 0;
  readonly #loaded: LoadedEncoding;
  readonly #memo = new Map<string, number>();
  #memoChars = 0;

  constructor(loaded: LoadedEncoding) {
    this.encoding = loaded.name;
    this.#loaded = loaded;
  }

  count(text: string): number {
    if (text.length < MEMO_MIN_LENGTH) return this.#exact(text);
    const known = this.#memo.get(text);
    if (known !== undefined) {
      // Refresh: least recently used strings leave first, so prompts repeated in every
      // example stay while one-off turns cycle through.
      this.#memo.delete(text);
      this.#memo.set(text, known);
      return known;
    }
    const segments = splitLongRuns(text);
    let total = 0;
    if (segments) {
      this.approximateCount++;
      for (const segment of segments) total += this.#exact(segment);
    } else {
      total = this.#exact(text);
    }
    this.#remember(text, total);
    return total;
  }

  #exact(text: string): number {
    if (!text.includes('\uFEFF')) return this.#loaded.core.countNative(text);
    // Rare: split into pieces ourselves and merge the ones holding U+FEFF by hand.
    let total = 0;
    for (const [piece] of text.matchAll(this.#loaded.splitPattern)) {
      total += piece.includes('\uFEFF')
        ? countPieceTokens(piece, this.#loaded.ranks)
        : this.#loaded.core.countNative(piece);
    }
    return total;
  }

  #remember(text: string, count: number): void {
    if (text.length > MEMO_MAX_CHARS / 4) return;
    while (this.#memoChars + text.length > MEMO_MAX_CHARS) {
      const oldest = this.#memo.keys().next().value as string;
      this.#memo.delete(oldest);
      this.#memoChars -= oldest.length;
    }
    this.#memo.set(text, count);
    this.#memoChars += text.length;
  }
}

/**
 * Creates a token counter for an encoding, loading the encoding on first use.
 *
 * @example
 * const counter = await createTokenCounter('o200k_base');
 * counter.count('Hello, world!'); // 4
 */
export async function createTokenCounter(encoding: EncodingName): Promise<TokenCounter> {
  return new MemoizedCounter(await loadEncoding(encoding));
}
