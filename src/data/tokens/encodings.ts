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

/**
 * A fresh pre-tokenizer regex for `encoding` (global and stateful: one per user of it).
 *
 * @example
 * 'Hello world'.match(splitPattern('o200k_base')); // ['Hello', ' world']
 */
export function splitPattern(encoding: EncodingName): RegExp {
  return new RegExp(SPLIT_PATTERNS[encoding], 'gu');
}
