import { detectLineFormat, sameFamily } from '../formats/detect.ts';
import { EXAMPLE_SCHEMAS, type TrainingFormat } from '../formats/format.ts';
import { conversationOf, isObject } from '../loose.ts';
import { type Problem, problem } from '../problems.ts';
import type { EncodingName } from '../tokens/encoding-names.ts';
import type { ExampleTokenCounter } from '../tokens/example-tokens.ts';
import { parseJsonLine } from './parse-json.ts';
import { ruleProblems } from './rules.ts';
import { schemaProblems } from './schema-problems.ts';
import { specialTokenProblems } from './special-tokens.ts';

/** What the validator needs to know to check one line. */
export interface LineCheckContext {
  /**
   * The file's format (forced, or decided by an earlier line). Undefined until then: the first
   * line that looks like a format decides it, and `checkLine` sets it here.
   */
  format: TrainingFormat | undefined;
  encoding: EncodingName;
  tokens: ExampleTokenCounter;
  /** The model's per-example token limit, when known. */
  maxTokensPerExample: number | null;
  /** How many texts the token counter has counted approximately so far (to spot new ones). */
  approximateCount: () => number;
}

/** Figures about one example, for the report's statistics. */
export interface ExampleFacts {
  tokens: number;
  assistantTokens: number;
  messages: number;
  hasSystem: boolean;
  hasToolCalls: boolean;
  images: number;
  imagesNotCounted: number;
}

export interface LineResult {
  line: number;
  problems: Problem[];
  /** Present when the line is an example of the file's format, valid or not. */
  example?: ExampleFacts;
}

/**
 * Checks one decoded, non-blank line: JSON syntax, format, schema, cross-field rules, special
 * tokens and token counts. Never throws on bad data; everything wrong becomes a located
 * problem. The caller has already bounded the line's nesting and size (see `scanJson`).
 *
 * @example
 * checkLine('{"prompt":"a","completion":"b"}', 1, context).problems; // []
 */
export function checkLine(text: string, line: number, context: LineCheckContext): LineResult {
  const parsed = parseJsonLine(text, line);
  if (!parsed.ok) return { line, problems: [parsed.problem] };
  const value = parsed.value;
  if (!isObject(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    return {
      line,
      problems: [problem('not_an_object', `the line is ${kind}, not a JSON object`, { line })],
    };
  }
  const looksLike = detectLineFormat(value);
  if (looksLike === undefined) {
    const keys = Object.keys(value)
      .slice(0, 5)
      .map((key) => JSON.stringify(key))
      .join(', ');
    return {
      line,
      problems: [
        problem(
          'unknown_format',
          `the object (keys: ${keys || 'none'}) matches no training format`,
          { line },
        ),
      ],
    };
  }
  context.format ??= looksLike;
  const { format } = context;
  if (!sameFamily(format, looksLike)) {
    return {
      line,
      problems: [
        problem('mixed_formats', `the line is a ${looksLike} example in a ${format} file`, {
          line,
        }),
      ],
    };
  }
  return checkExample(value, text, format, line, context);
}

function checkExample(
  value: Record<string, unknown>,
  text: string,
  format: TrainingFormat,
  line: number,
  context: LineCheckContext,
): LineResult {
  const problems: Problem[] = [];
  const result = EXAMPLE_SCHEMAS[format].safeParse(value);
  if (!result.success) problems.push(...schemaProblems(result.error.issues, value, line));
  problems.push(...ruleProblems(value, format, line));
  problems.push(...specialTokenProblems(value, format, text, line, context.encoding));

  const approximateBefore = context.approximateCount();
  const tokens = context.tokens.count(value, format);
  if (context.approximateCount() > approximateBefore) {
    problems.push(
      problem(
        'approximate_token_count',
        'a run of 1,000+ characters without a break was counted in chunks; the count may be off by a few tokens',
        { line },
      ),
    );
  }
  const limit = context.maxTokensPerExample;
  if (limit !== null && tokens.total > limit) {
    problems.push(
      problem(
        'example_too_long',
        `${tokens.total} tokens; the model trains on at most ${limit} per example, the rest is truncated`,
        { line },
      ),
    );
  }

  const messages = conversationOf(value, format)?.messages ?? [];
  return {
    line,
    problems,
    example: {
      tokens: tokens.total,
      assistantTokens: tokens.assistant,
      messages: messages.length,
      hasSystem: messages.some(
        (m) => isObject(m) && (m.role === 'system' || m.role === 'developer'),
      ),
      hasToolCalls: messages.some((m) => isObject(m) && Array.isArray(m.tool_calls)),
      images: tokens.images,
      imagesNotCounted: tokens.imagesNotCounted,
    },
  };
}
