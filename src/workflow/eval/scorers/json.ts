import type { z } from 'zod';
import { InvalidArgumentError } from '../../../core/errors/invalid-argument-error.ts';
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

/** A compiled JSON Schema check: undefined when valid, else the first error. */
type SchemaCheck = (value: unknown) => string | undefined;

/**
 * Compiles a JSON Schema (drafts 2020-12, 2019-09 and 07 through Ajv, with the standard
 * formats). Ajv is loaded on first use only: `import 'tunekit'` does not pay for it.
 */
async function compileSchema(schema: Record<string, unknown>): Promise<SchemaCheck> {
  // Ajv and ajv-formats are CommonJS: their class is `default`, or `default.default` when
  // loaded through an ES module wrapper.
  const ajvModule = (await import('ajv/dist/2020.js')) as unknown as {
    default: { default?: unknown };
  };
  const formatsModule = (await import('ajv-formats')) as unknown as {
    default: { default?: unknown };
  };
  const Ajv = (ajvModule.default.default ?? ajvModule.default) as new (
    options: object,
  ) => {
    compile(schema: object): ((value: unknown) => boolean) & {
      errors?: Array<{ instancePath: string; message?: string }> | null;
    };
  };
  const addFormats = (formatsModule.default.default ?? formatsModule.default) as (
    ajv: unknown,
  ) => void;
  // strict: false — response-format schemas carry keys of their own (`strict`, `name`).
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  let validate: ReturnType<InstanceType<typeof Ajv>['compile']>;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new InvalidArgumentError(`invalid JSON Schema: ${(error as Error).message}`, 'schema', {
      cause: error,
    });
  }
  return (value) => {
    if (validate(value)) return undefined;
    const first = validate.errors?.[0];
    return first ? `${first.instancePath || '(root)'} ${first.message ?? 'is invalid'}` : 'invalid';
  };
}

/**
 * Passes when the answer is JSON conforming to a JSON Schema. Accepts a bare schema or an
 * OpenAI `response_format.json_schema` object (`{ name, schema, strict }`). The schema is
 * compiled before the evaluation sends anything, so a broken schema fails at once.
 *
 * @example
 * const scorer = jsonSchema({
 *   type: 'object',
 *   properties: { intent: { enum: ['shipping', 'returns', 'billing'] } },
 *   required: ['intent'],
 *   additionalProperties: false,
 * });
 */
export function jsonSchema(
  schema: Record<string, unknown>,
  options: { name?: string } = {},
): Scorer & { prepare(): Promise<void> } {
  const bare =
    typeof schema.schema === 'object' && schema.schema !== null && 'name' in schema
      ? (schema.schema as Record<string, unknown>)
      : schema;
  let check: Promise<SchemaCheck> | undefined;
  const compiled = () => {
    check ??= compileSchema(bare);
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
