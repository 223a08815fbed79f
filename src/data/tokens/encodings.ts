import { BytePairEncodingCore, type RawBytePairRanks } from 'gpt-tokenizer/BytePairEncodingCore';

import { ENCODINGS, type EncodingName } from './encoding-names.ts';

export { ENCODINGS, type EncodingName };

/**
 * Unicode White_Space, which tiktoken's regex engine means by `\s`. JavaScript's `\s` differs on
 * two characters (it includes U+FEFF and leaves out U+0085), so the split patterns below spell
 * the class out: with JavaScript's own `\s`, text holding those characters splits differently
 * from the API's tokenizer and counts come out wrong.
 */
const WS = String.raw`\t-\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000`;
const CONTRACTION = "'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE])";

/** tiktoken's pre-tokenizer patterns, with `\s` and `\S` written as {@link WS}. */
const SPLIT_PATTERNS: Record<EncodingName, string> = {
  o200k_base: [
    String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?:${CONTRACTION})?`,
    String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?:${CONTRACTION})?`,
    String.raw`\p{N}{1,3}`,
    String.raw` ?[^${WS}\p{L}\p{N}]+[\r\n/]*`,
    String.raw`[${WS}]*[\r\n]+`,
    `[${WS}]+(?![^${WS}])`,
    `[${WS}]+`,
  ].join('|'),
  cl100k_base: [
    CONTRACTION,
    String.raw`[^\r\n\p{L}\p{N}]?\p{L}+`,
    String.raw`\p{N}{1,3}`,
    String.raw` ?[^${WS}\p{L}\p{N}]+[\r\n]*`,
    String.raw`[${WS}]*[\r\n]+`,
    `[${WS}]+(?![^${WS}])`,
    `[${WS}]+`,
  ].join('|'),
};

/** A loaded encoding: the BPE core and its rank table (kept for the U+FEFF fallback). */
export interface LoadedEncoding {
  name: EncodingName;
  core: BytePairEncodingCore;
  ranks: RawBytePairRanks;
  splitPattern: RegExp;
}

/**
 * Pieces whose merges gpt-tokenizer remembers. Its default, 100,000, is slower on large files
 * than 10,000 (measured: 11.5 vs 6–10 MB/s per thread on the 100 MB benchmark): cached pieces
 * are slices that keep their whole source strings alive, and marking that heap costs more
 * than re-merging rare pieces.
 */
const MERGE_CACHE_SIZE = 10_000;

const loading = new Map<EncodingName, Promise<LoadedEncoding>>();

async function importRanks(name: EncodingName): Promise<RawBytePairRanks> {
  // Each rank table is several MB of JavaScript: import only the one asked for, only when asked.
  const module =
    name === 'o200k_base'
      ? await import('gpt-tokenizer/bpeRanks/o200k_base')
      : await import('gpt-tokenizer/bpeRanks/cl100k_base');
  return module.default as RawBytePairRanks;
}

/**
 * Loads an encoding once per thread; later calls share the same promise.
 *
 * @example
 * const { core } = await loadEncoding('o200k_base');
 * core.countNative('hello world'); // 2
 */
export function loadEncoding(name: EncodingName): Promise<LoadedEncoding> {
  let promise = loading.get(name);
  if (!promise) {
    promise = importRanks(name).then((ranks) => {
      const splitPattern = new RegExp(SPLIT_PATTERNS[name], 'gu');
      return {
        name,
        ranks,
        splitPattern,
        core: new BytePairEncodingCore({
          bytePairRankDecoder: ranks,
          tokenSplitRegex: splitPattern,
          mergeCacheSize: MERGE_CACHE_SIZE,
        }),
      };
    });
    loading.set(name, promise);
  }
  return promise;
}
