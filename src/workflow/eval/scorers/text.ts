import { passFail, type Scorer } from './scorer.ts';

/** The answer's text, or "" when it answered with tool calls only. */
const textOf = (content: string | null) => content ?? '';

/** Shortens a text for a score's detail. */
export const excerpt = (text: string, max = 60) =>
  JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Lower-cases, drops punctuation and the articles a/an/the, folds Unicode compatibility forms
 * and collapses whitespace: the answer normalization of the SQuAD evaluation script, so
 * "The Eiffel Tower." matches "eiffel tower".
 *
 * @example
 * normalizeAnswer('  The Eiffel  Tower. '); // 'eiffel tower'
 */
export function normalizeAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Passes when the answer's text equals the reference's exactly (character for character).
 *
 * @example
 * const scorer = exactMatch();
 */
export function exactMatch(): Scorer {
  return {
    name: 'exact',
    kind: 'reference',
    description: 'the answer equals the expected text exactly',
    score({ output, reference }) {
      const pass = textOf(output.content) === textOf(reference.content);
      return passFail(pass, pass ? undefined : `expected ${excerpt(textOf(reference.content))}`);
    },
  };
}

/**
 * Passes when the answer equals the reference after {@link normalizeAnswer}.
 *
 * @example
 * const scorer = normalizedMatch();
 */
export function normalizedMatch(): Scorer {
  return {
    name: 'normalized',
    kind: 'reference',
    description:
      'the answer equals the expected text, ignoring case, punctuation, articles and spacing',
    score({ output, reference }) {
      const pass =
        normalizeAnswer(textOf(output.content)) === normalizeAnswer(textOf(reference.content));
      return passFail(pass, pass ? undefined : `expected ${excerpt(textOf(reference.content))}`);
    },
  };
}

/**
 * Passes when the answer contains every one of `needles` (case-insensitive unless told).
 *
 * @example
 * const scorer = contains(['refund', '30 days']);
 */
export function contains(
  needles: string | readonly string[],
  options: { caseSensitive?: boolean; name?: string } = {},
): Scorer {
  const list = typeof needles === 'string' ? [needles] : [...needles];
  if (list.length === 0) throw new RangeError('contains(): give at least one text to look for');
  const fold = (text: string) => (options.caseSensitive ? text : text.toLowerCase());
  return {
    name: options.name ?? `contains ${list.map((n) => JSON.stringify(n)).join(' + ')}`,
    kind: 'format',
    description: `the answer contains ${list.map((n) => JSON.stringify(n)).join(' and ')}`,
    score({ output }) {
      const text = fold(textOf(output.content));
      const missing = list.filter((needle) => !text.includes(fold(needle)));
      return passFail(
        missing.length === 0,
        missing.length ? `missing ${excerpt(missing[0] as string)}` : undefined,
      );
    },
  };
}

/**
 * Passes when the answer matches a regular expression.
 *
 * @example
 * const scorer = matchesRegex(/^\{"intent": "\w+"\}$/);
 */
export function matchesRegex(pattern: RegExp | string, options: { name?: string } = {}): Scorer {
  const regex = typeof pattern === 'string' ? new RegExp(pattern) : pattern;
  return {
    name: options.name ?? `regex ${regex}`,
    kind: 'format',
    description: `the answer matches ${regex}`,
    score({ output }) {
      // A fresh copy: a global or sticky regex keeps its lastIndex between calls.
      const pass = new RegExp(regex.source, regex.flags).test(textOf(output.content));
      return passFail(pass, pass ? undefined : `does not match ${regex}`);
    },
  };
}
