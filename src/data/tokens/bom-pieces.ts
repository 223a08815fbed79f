import type { RawBytePairRanks } from 'gpt-tokenizer/BytePairEncodingCore';

/**
 * gpt-tokenizer looks merged byte sequences up through a TextDecoder that drops a leading
 * U+FEFF, so a piece holding that character (bytes EF BB BF) never finds its merges and is
 * overcounted. For those rare pieces tunekit runs the standard BPE merge itself, over a byte
 * keyed rank map built on first use.
 */
const byteRanks = new WeakMap<RawBytePairRanks, Map<string, number>>();

function rankMap(ranks: RawBytePairRanks): Map<string, number> {
  let map = byteRanks.get(ranks);
  if (!map) {
    map = new Map();
    ranks.forEach((entry, rank) => {
      const bytes = typeof entry === 'string' ? Buffer.from(entry, 'utf8') : Buffer.from(entry);
      map?.set(bytes.toString('latin1'), rank);
    });
    byteRanks.set(ranks, map);
  }
  return map;
}

/**
 * Counts the tokens of one pre-tokenized piece by byte-pair merging: repeatedly join the
 * adjacent pair whose joined bytes have the lowest rank, until no pair is in the vocabulary.
 *
 * @example
 * countPieceTokens('\uFEFFhello', ranks); // 2, as tiktoken counts it
 */
export function countPieceTokens(piece: string, ranks: RawBytePairRanks): number {
  const map = rankMap(ranks);
  // latin1 maps each byte to one char, so string slices are byte slices.
  const bytes = Buffer.from(piece, 'utf8').toString('latin1');
  if (map.has(bytes)) return 1;
  const parts = Array.from(bytes);
  for (;;) {
    let best = -1;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let i = 0; i < parts.length - 1; i++) {
      const rank = map.get((parts[i] as string) + (parts[i + 1] as string));
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        best = i;
      }
    }
    if (best < 0) return parts.length;
    parts.splice(best, 2, (parts[best] as string) + (parts[best + 1] as string));
  }
}
