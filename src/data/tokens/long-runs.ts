/**
 * BPE merging is quadratic in the length of a pre-tokenized piece, and one unbroken run of
 * letters, punctuation or whitespace is one piece: 200,000 letters take over ten seconds. Runs
 * this long are garbage or encoded blobs in practice, so they are counted in chunks instead —
 * linear time, a few tokens off at the cuts — and the count is flagged as approximate.
 */
export const LONG_RUN = 1000;
export const RUN_CHUNK = 500;

const isBreak = (code: number) => code === 32 || (code >= 9 && code <= 13);

/**
 * Cheap pre-check: can `text` hold a run of {@link LONG_RUN} characters? Only a string with a
 * long stretch free of ASCII spaces and line breaks, or a long stretch of them, can.
 *
 * @example
 * mayHoldLongRun('word '.repeat(1000)); // false
 */
export function mayHoldLongRun(text: string): boolean {
  if (text.length < LONG_RUN) return false;
  let run = 0;
  let breakRun = 0;
  for (let i = 0; i < text.length; i++) {
    if (isBreak(text.charCodeAt(i))) {
      run = 0;
      if (++breakRun >= LONG_RUN) return true;
    } else {
      breakRun = 0;
      if (++run >= LONG_RUN) return true;
    }
  }
  return false;
}

/** Maximal runs of one pre-tokenizer class: letters (with marks), punctuation, whitespace. */
const RUN = /[\p{L}\p{M}]+|[^\p{L}\p{M}\p{N}\s]+|\s+/gu;

/**
 * Splits `text` into segments no piece of which can be longer than {@link LONG_RUN}: the text
 * between long runs, and each long run cut into {@link RUN_CHUNK}-character chunks. Returns
 * undefined when there is no long run (then the text is counted whole and exactly).
 *
 * @example
 * splitLongRuns('a'.repeat(1200)); // ['a'.repeat(500), 'a'.repeat(500), 'a'.repeat(200)]
 */
export function splitLongRuns(text: string): string[] | undefined {
  if (!mayHoldLongRun(text)) return undefined;
  const segments: string[] = [];
  let last = 0;
  RUN.lastIndex = 0;
  for (let match = RUN.exec(text); match; match = RUN.exec(text)) {
    const run = match[0];
    if (run.length < LONG_RUN) continue;
    if (match.index > last) segments.push(text.slice(last, match.index));
    // Cut on code points so no surrogate pair is split. Slices share the text's memory: a
    // 50 MB run costs a list of slices, not a string per character.
    const end = match.index + run.length;
    for (let at = match.index; at < end; ) {
      let cut = Math.min(end, at + RUN_CHUNK);
      const before = text.charCodeAt(cut - 1);
      if (cut < end && before >= 0xd800 && before <= 0xdbff) cut--;
      segments.push(text.slice(at, cut));
      at = cut;
    }
    last = match.index + run.length;
  }
  if (segments.length === 0) return undefined;
  if (last < text.length) segments.push(text.slice(last));
  return segments;
}
