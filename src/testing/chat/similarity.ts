/**
 * How alike two texts are, from 0 (no word in common) to 1 (the same words, equally often):
 * the cosine of their word-count vectors. Words are runs of letters and digits, lower-cased;
 * order, punctuation and stop words are ignored. Simple, deterministic and good enough to find
 * the training prompt a question was copied or paraphrased from.
 */
export function cosineSimilarity(a: string, b: string): number {
  const left = wordCounts(a);
  const right = wordCounts(b);
  let dot = 0;
  for (const [word, count] of left) dot += count * (right.get(word) ?? 0);
  if (dot === 0) return 0;
  return dot / (norm(left) * norm(right));
}

/** How often each word occurs in a text. */
export function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

function norm(counts: Map<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count * count;
  return Math.sqrt(sum);
}
