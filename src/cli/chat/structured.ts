import { z } from 'zod';
import { loadJsonSchemaCompiler } from '../../data/answers/json-schema.ts';
import { strictJsonSchema } from '../../data/answers/strict-schema.ts';
import type { ParsedChatCompletion } from '../../resources/chat/structured/types.ts';
import { ZOD_FORMAT, type ZodResponseFormat } from '../../resources/chat/structured/zod-helpers.ts';
import { InputFileError } from '../input-file.ts';
import { formatNameOf, readResponseSchema } from '../schema-files.ts';

/** The names the API accepts for a response format. */
const FORMAT_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** The model declined to answer in the schema (structured outputs' `refusal`). */
export class RefusalError extends Error {
  override name = 'RefusalError';
  readonly refusal: string;

  constructor(refusal: string) {
    super(`The model refused to answer: ${refusal}`);
    this.refusal = refusal;
  }
}

/** `items[0].qty` → `['items', 0, 'qty']`: the path of an answer issue, as zod keeps it. */
export function pathKeys(path: string): PropertyKey[] {
  const keys: PropertyKey[] = [];
  for (const [, name, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    keys.push(index === undefined ? (name as string) : Number(index));
  }
  return keys;
}

/**
 * The `response_format` of `tunekit chat --response-schema FILE`: the file's JSON Schema, checked
 * against strict mode's rules here (a schema the API would refuse stops the command before any
 * request, naming the file and each place), sent as it is with `strict: true`. The format
 * carries its check the way `zodResponseFormat`'s does — a zod schema that runs Ajv on the
 * answer — so `parse()` and `stream()` validate the answer (with each issue's path) and stream
 * partial objects just as for a zod schema; the check is the same Ajv one as
 * `data validate --response-schema` runs on training answers.
 *
 * @example
 * const format = await responseFormatFromFile('invoice.schema.json');
 * await client.chat.completions.parse({ model, messages, response_format: format });
 */
export async function responseFormatFromFile(path: string): Promise<ZodResponseFormat<unknown>> {
  const flag = '--response-schema';
  const { schema, name } = await readResponseSchema(path, flag);
  const { problems } = strictJsonSchema(schema, 'check');
  if (problems.length > 0) {
    const listed = problems
      .slice(0, 5)
      .map((p) => `${p.valuePath}: ${p.message}`)
      .join('; ');
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    throw new InputFileError(
      path,
      'invalid',
      `${flag} ${path} cannot be sent in strict mode: ${listed}${more}`,
      {
        hint: 'Strict structured outputs need every object closed (additionalProperties: false), every property required (null for "absent") and a type for every value.',
      },
    );
  }
  const formatName = name ?? formatNameOf(path);
  if (!FORMAT_NAME.test(formatName)) {
    throw new InputFileError(
      path,
      'invalid',
      `${flag} ${path}: the name ${JSON.stringify(formatName)} is not one the API takes (1 to 64 letters, digits, _ or -)`,
    );
  }
  const check = (await loadJsonSchemaCompiler())(schema);
  const answer = z.unknown().superRefine((value, context) => {
    for (const issue of check(value)) {
      context.addIssue({ code: 'custom', message: issue.message, path: pathKeys(issue.path) });
    }
  });
  const format = {
    type: 'json_schema' as const,
    json_schema: { name: formatName, schema, strict: true as const },
  };
  Object.defineProperty(format, ZOD_FORMAT, { value: answer, enumerable: false });
  return format as ZodResponseFormat<unknown>;
}

/** The parsed answer of the first choice; a refusal is an error (exit 1), not an empty answer. */
export function parsedAnswer(completion: ParsedChatCompletion<unknown, unknown>): unknown {
  const message = completion.choices[0]?.message;
  if (message?.refusal) throw new RefusalError(message.refusal);
  return message?.parsed ?? null;
}
