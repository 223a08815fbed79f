import type { z } from 'zod';
import { InvalidArgumentError } from '../../../core/errors/invalid-argument-error.ts';
import { loadJsonSchemaCompiler, type SchemaIssue } from '../../../data/answers/json-schema.ts';
import { formatPath } from '../../../data/problems.ts';
import {
  type ZodResponseFormat,
  zodSchemaOfFormat,
} from '../../../resources/chat/structured/zod-helpers.ts';
import { passFail, type Scorer } from './scorer.ts';
import { excerpt } from './text.ts';

type ParsedJson = { ok: true; value: unknown } | { ok: false; reason: string };

function parseAnswer(content: string | null): ParsedJson {
  if (content === null) return { ok: false, reason: 'no text answer' };
  try {
    return { ok: true, value: JSON.parse(content) };
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
}

/**
 * Passes when the answer is valid JSON (the "reliable output format" case).
 *
 * @example
 * const scorer = jsonValid();
 */
export function jsonValid(): Scorer {
  return {
    name: 'json',
    kind: 'format',
    description: 'the answer is valid JSON',
    score({ output }) {
      const parsed = parseAnswer(output.content);
      return passFail(parsed.ok, parsed.ok ? undefined : parsed.reason);
    },
  };
}

/** What the JSON Schema scorer takes: a JSON Schema object, a zod schema, or a zod response format. */
export type ScorerSchemaInput = Record<string, unknown> | z.ZodType | ZodResponseFormat<unknown>;

/** A check of a parsed answer: undefined when it conforms, else the first issue. */
type SchemaCheck = (value: unknown) => string | undefined;

function firstIssue(issues: readonly SchemaIssue[]): string | undefined {
  const issue = issues[0];
  return issue ? `${issue.path || '(root)'}: ${issue.message}` : undefined;
}

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** The JSON Schema inside a response format (`{ type: 'json_schema', json_schema }`, `{ name, schema }`). */
function bareSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const inner =
    schema.type === 'json_schema' && typeof schema.json_schema === 'object'
      ? (schema.json_schema as Record<string, unknown>)
      : schema;
  return typeof inner.schema === 'object' && inner.schema !== null && 'name' in inner
    ? (inner.schema as Record<string, unknown>)
    : inner;
}

/**
 * Compiles the schema: zod checks zod schemas (and `zodResponseFormat` formats, whose zod schema
 * also holds refinements JSON Schema cannot say); Ajv, loaded on first use, checks JSON Schema.
 */
async function compileSchema(schema: ScorerSchemaInput): Promise<SchemaCheck> {
  const zod = isZodSchema(schema) ? schema : zodSchemaOfFormat(schema);
  if (zod) {
    return (value) => {
      const result = zod.safeParse(value);
      return result.success
        ? undefined
        : firstIssue(
            result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
          );
    };
  }
  const compile = await loadJsonSchemaCompiler();
  try {
    const check = compile(bareSchema(schema as Record<string, unknown>));
    return (value) => firstIssue(check(value));
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message, 'schema', { cause: error });
  }
}

/**
 * Passes when the answer is JSON conforming to a schema: a JSON Schema (drafts 2020-12, 2019-09
 * and 07, formats included), an OpenAI `response_format` or its `json_schema` object (`{ name,
 * schema, strict }`), a `zodResponseFormat(…)`, or a zod schema itself. The schema is compiled
 * before the evaluation sends anything, so a broken schema fails at once. A failure names the
 * first path that does not conform.
 *
 * @example
 * const scorer = jsonSchema({
 *   type: 'object',
 *   properties: { intent: { enum: ['shipping', 'returns', 'billing'] } },
 *   required: ['intent'],
 *   additionalProperties: false,
 * });
 * const same = jsonSchema(z.object({ intent: z.enum(['shipping', 'returns', 'billing']) }));
 */
export function jsonSchema(
  schema: ScorerSchemaInput,
  options: { name?: string } = {},
): Scorer & { prepare(): Promise<void> } {
  let check: Promise<SchemaCheck> | undefined;
  const compiled = () => {
    check ??= compileSchema(schema);
    return check;
  };
  return {
    name: options.name ?? 'json-schema',
    kind: 'format',
    description: 'the answer is JSON that conforms to the schema',
    async prepare() {
      await compiled();
    },
    async score({ output }) {
      const parsed = parseAnswer(output.content);
      if (!parsed.ok) return passFail(false, parsed.reason);
      const problem = (await compiled())(parsed.value);
      return passFail(problem === undefined, problem);
    },
  };
}

/**
 * Passes when the answer is JSON that a zod schema accepts.
 *
 * @example
 * const scorer = zodSchema(z.object({ intent: z.enum(['shipping', 'returns']) }));
 */
export function zodSchema(schema: z.ZodType, options: { name?: string } = {}): Scorer {
  return {
    name: options.name ?? 'zod-schema',
    kind: 'format',
    description: 'the answer is JSON that the zod schema accepts',
    score({ output }) {
      const parsed = parseAnswer(output.content);
      if (!parsed.ok) return passFail(false, parsed.reason);
      const result = schema.safeParse(parsed.value);
      if (result.success) return passFail(true);
      const issue = result.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : '(root)';
      return passFail(
        false,
        `${where}: ${issue?.message ?? 'invalid'} in ${excerpt(output.content ?? '')}`,
      );
    },
  };
}
