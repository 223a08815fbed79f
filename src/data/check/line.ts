import { hash } from 'node:crypto';
import { detectLineFormat, sameFamily } from '../formats/detect.ts';
import { EXAMPLE_SCHEMAS, type TrainingFormat } from '../formats/format.ts';
import { conversationOf, isObject } from '../loose.ts';
import { type Problem, problem } from '../problems.ts';
import type { ExampleTokenCounter } from '../tokens/example-tokens.ts';
import { parseJsonLine } from './parse-json.ts';
import { ruleProblems } from './rules.ts';
import { schemaProblems } from './schema-problems.ts';

/** What the validator needs to know to check one line. */
export interface LineCheckContext {
  /** The file's format (forced, or decided from its first lines). */
  format: TrainingFormat;
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
  /** SHA-1 of the example re-serialized, to find duplicates whatever the whitespace. */
  digest: string;
}

export interface LineResult {
  line: number;
  problems: Problem[];
  /** Present when the line is an example of the file's format, valid or not. */
  example?: ExampleFacts;
}

/**
 * Checks one decoded, non-blank line: JSON syntax, format, schema, cross-field rules and
 * tokens. Never throws on bad data; everything wrong becomes a located problem.
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

  try {
    return checkExample(value, format, line, context);
  } catch (error) {
    // Schema checks, serialization and rules recurse into the value: nesting thousands of levels
    // deep overflows the stack. That is a property of the data, so it becomes a problem.
    if (!(error instanceof RangeError)) throw error;
    return {
      line,
      problems: [
        problem(
          'too_deeply_nested',
          `the line nests arrays or objects too deeply to check (${error.message})`,
          { line },
        ),
      ],
    };
  }
}

function checkExample(
  value: Record<string, unknown>,
  format: TrainingFormat,
  line: number,
  context: LineCheckContext,
): LineResult {
  const problems: Problem[] = [];
  const result = EXAMPLE_SCHEMAS[format].safeParse(value);
  if (!result.success) problems.push(...schemaProblems(result.error.issues, value, line));
  problems.push(...ruleProblems(value, format, line));

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
      digest: hash('sha1', JSON.stringify(value)),
    },
  };
}
