import {
  EndOfPrompt,
  EndOfText,
  FimMiddle,
  FimPrefix,
  FimSuffix,
  ImEnd,
  ImSep,
  ImStart,
} from 'gpt-tokenizer/specialTokens';
import type { TrainingFormat } from '../formats/format.ts';
import { isObject, type Loose } from '../loose.ts';
import { formatPath, type Problem, problem } from '../problems.ts';
import type { EncodingName } from '../tokens/encoding-names.ts';

/**
 * The special tokens of each encoding, as gpt-tokenizer defines them for cl100k_base and
 * o200k_base (the same eight). The fine-tuning API rejects a file whose text holds one ("Example
 * 6174 message contains an invalid token: <|fim_suffix|>").
 */
export const SPECIAL_TOKENS: Record<EncodingName, readonly string[]> = {
  cl100k_base: [EndOfText, FimPrefix, FimMiddle, FimSuffix, ImStart, ImEnd, ImSep, EndOfPrompt],
  o200k_base: [EndOfText, FimPrefix, FimMiddle, FimSuffix, ImStart, ImEnd, ImSep, EndOfPrompt],
};

/** One line rarely holds more; past this the rest are counted in one problem's message. */
const MAX_LISTED_PER_LINE = 20;

/** The parts of an example that the model reads, by format: the texts to search. */
const TEXT_ROOTS: Record<TrainingFormat, readonly string[]> = {
  chat: ['messages', 'tools', 'functions'],
  reinforcement: ['messages', 'tools'],
  preference: ['input', 'preferred_output', 'non_preferred_output'],
  completion: ['prompt', 'completion'],
};

interface Found {
  path: string;
  token: string;
  /** Offset of the token in the string value. */
  offset: number;
  text: string;
}

/**
 * Cheap test on the raw line: can it hold a special token at all? (`<` may be written `\u003c`,
 * as Go's encoder does.)
 */
function mayHoldSpecialToken(line: string): boolean {
  return line.includes('<|') || line.includes('\\u003c|') || line.includes('\\u003C|');
}

function findInText(text: string, tokens: readonly string[], path: string, out: Found[]): void {
  for (let at = text.indexOf('<|'); at >= 0; at = text.indexOf('<|', at + 2)) {
    const token = tokens.find((candidate) => text.startsWith(candidate, at));
    if (token) out.push({ path, token, offset: at, text });
  }
}

/** Every string under `value`, in document order, with its path. */
function walk(value: unknown, path: PropertyKey[], visit: (text: string, path: string) => void) {
  if (typeof value === 'string') visit(value, formatPath(path));
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walk(value[i], [...path, i], visit);
  } else if (isObject(value))
    for (const key of Object.keys(value)) walk(value[key], [...path, key], visit);
}

/**
 * Special tokens in the texts of one parsed example, each an error with its line, JSON path
 * (which names the message) and column in the line. The column is found by locating the
 * string's JSON form in the line; when the writer escaped it differently, the column is left
 * out.
 *
 * @example
 * specialTokenProblems(value, 'chat', rawLine, 7, 'o200k_base');
 * // [{ code: 'special_token', line: 7, path: 'messages[1].content', column: 52, … }]
 */
export function specialTokenProblems(
  value: Loose,
  format: TrainingFormat,
  rawLine: string,
  line: number,
  encoding: EncodingName,
): Problem[] {
  if (!mayHoldSpecialToken(rawLine)) return [];
  const tokens = SPECIAL_TOKENS[encoding];
  const found: Found[] = [];
  for (const root of TEXT_ROOTS[format]) {
    walk(value[root], [root], (text, path) => findInText(text, tokens, path, found));
  }
  const problems: Problem[] = [];
  let searchFrom = 0;
  let lastText: string | undefined;
  let literalAt = -1;
  for (const hit of found.slice(0, MAX_LISTED_PER_LINE)) {
    if (hit.text !== lastText) {
      // Locate the string in the line, after the previous one: strings come in document order.
      const literal = JSON.stringify(hit.text);
      literalAt = rawLine.indexOf(literal, searchFrom);
      if (literalAt >= 0) searchFrom = literalAt + literal.length;
      lastText = hit.text;
    }
    const column =
      literalAt >= 0 ? literalAt + JSON.stringify(hit.text.slice(0, hit.offset)).length : undefined;
    problems.push(
      problem(
        'special_token',
        `${hit.path} contains ${hit.token}, a special token of ${encoding}: the API rejects the file`,
        { line, path: hit.path, ...(column !== undefined ? { column } : {}) },
      ),
    );
  }
  if (found.length > MAX_LISTED_PER_LINE) {
    const last = problems[problems.length - 1] as Problem;
    last.message += ` (and ${found.length - MAX_LISTED_PER_LINE} more special tokens on this line)`;
  }
  return problems;
}
