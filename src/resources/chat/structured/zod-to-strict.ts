import { z } from 'zod';
import type { JsonSchemaObject } from '../../../data/answers/json-schema.ts';
import { strictJsonSchema } from '../../../data/answers/strict-schema.ts';
import { StrictSchemaError } from '../errors/strict-schema-error.ts';

/** What to use instead of a zod type JSON Schema cannot express. */
const INSTEAD: ReadonlyArray<[RegExp, string]> = [
  [
    /date/i,
    'use z.iso.datetime() or z.iso.date() (a string); .transform() it into a Date if you need one',
  ],
  [/bigint/i, 'use z.int(), or a string of digits'],
  [/map|set/i, 'use an array (of { key, value } objects for a map)'],
  [/undefined|void/i, 'use .nullable(): JSON has null, not undefined'],
];

/**
 * The JSON Schema of a zod schema as strict mode needs it. zod 4 converts it (`z.toJSONSchema`,
 * of the *input*: the model writes what `parse` reads, so transforms and pipes are fine), then
 * strict mode's rules are applied where that changes nothing zod accepts; what remains is a
 * {@link StrictSchemaError} listing each problem with its place and its fix.
 */
export function strictSchemaFromZod(
  schema: z.ZodType,
  subject: string,
  argument: string,
): JsonSchemaObject {
  let converted: JsonSchemaObject;
  try {
    converted = z.toJSONSchema(schema, {
      io: 'input',
      unrepresentable: 'throw',
    }) as JsonSchemaObject;
  } catch (error) {
    const reason = (error as Error).message;
    const fix = INSTEAD.find(([pattern]) => pattern.test(reason))?.[1];
    throw new StrictSchemaError(subject, argument, [
      {
        rule: 'unrepresentable',
        schemaPath: [],
        valuePath: '(somewhere)',
        message: `${reason}${fix ? `: ${fix}` : ''}`,
      },
    ]);
  }
  const strict = strictJsonSchema(converted, 'adapt');
  if (strict.problems.length > 0) throw new StrictSchemaError(subject, argument, strict.problems);
  return strict.schema;
}
