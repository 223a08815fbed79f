import { basename, extname } from 'node:path';
import {
  type AnswerSchemas,
  createAnswerCheck,
  type ToolSchemaInput,
} from '../data/answers/answer-check.ts';
import { InvalidJsonSchemaError, type JsonSchemaObject } from '../data/answers/json-schema.ts';
import { InputFileError, readInputJson } from './input-file.ts';

// The schema files of `--response-schema` and `--tool-schemas` (`data validate`, `chat`): read,
// checked, and turned into what the library takes. A file that is not what the flag needs is
// an InputFileError naming the flag and the file (exit 2), found before any work is done.

/** A response schema read from a file: the JSON Schema, and the name it gave, if any. */
export interface ResponseSchemaFile {
  schema: JsonSchemaObject;
  /** `json_schema.name` of a response_format file; undefined for a bare schema. */
  name: string | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The library's `answers.response: …` prefix off a schema error: the CLI names the flag. */
const withoutOption = (message: string) => message.replace(/^answers\.[^:]*: /, '');

/** Compiles `answers` to find a schema that is not one; the error names `flag` and `path`. */
async function checkCompiles(answers: AnswerSchemas, path: string, subject: string): Promise<void> {
  try {
    await createAnswerCheck({ ...answers, fromExamples: false });
  } catch (error) {
    if (!(error instanceof InvalidJsonSchemaError)) throw error;
    throw new InputFileError(path, 'invalid', `${subject}: ${withoutOption(error.message)}`, {
      cause: error,
    });
  }
}

/**
 * Reads `--response-schema FILE`: a bare JSON Schema, a `response_format` object
 * (`{"type": "json_schema", "json_schema": {"name", "schema"}}`) or its `json_schema` part.
 * The schema must compile (Ajv); strict mode's rules are the caller's to check.
 *
 * @example
 * const { schema, name } = await readResponseSchema('invoice.schema.json', '--response-schema');
 */
export async function readResponseSchema(path: string, flag: string): Promise<ResponseSchemaFile> {
  const subject = `${flag} ${path}`;
  const value = await readInputJson(path, flag);
  if (!isObject(value)) {
    throw new InputFileError(
      path,
      'invalid',
      `${subject}: expected a JSON Schema object or a response_format, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`,
    );
  }
  let found: ResponseSchemaFile;
  // JSON Schema has no type "json_schema": such an object is a response_format.
  if (value.type === 'json_schema' || value.type === 'json_object' || value.type === 'text') {
    const inner = value.json_schema;
    if (value.type !== 'json_schema' || !isObject(inner) || !isObject(inner.schema)) {
      throw new InputFileError(
        path,
        'invalid',
        `${subject}: a response_format of type "${value.type}" carries no schema; give {"type": "json_schema", "json_schema": {"name", "schema"}} or the JSON Schema itself`,
      );
    }
    found = { schema: inner.schema, name: typeof inner.name === 'string' ? inner.name : undefined };
  } else if (typeof value.name === 'string' && isObject(value.schema)) {
    found = { schema: value.schema, name: value.name };
  } else {
    found = { schema: value, name: undefined };
  }
  await checkCompiles({ response: found.schema }, path, subject);
  return found;
}

/** One entry of a tools array: a tool, or a legacy function (`{"name", "parameters"}`). */
function toolOf(entry: unknown, index: number, path: string, subject: string): ToolSchemaInput {
  const fn = isObject(entry) && isObject(entry.function) ? entry.function : entry;
  if (!isObject(fn) || typeof fn.name !== 'string' || fn.name === '') {
    throw new InputFileError(
      path,
      'invalid',
      `${subject}: [${index}] is not a tool: expected {"type": "function", "function": {"name", "parameters"}}`,
    );
  }
  if (fn.parameters !== undefined && !isObject(fn.parameters)) {
    throw new InputFileError(
      path,
      'invalid',
      `${subject}: the parameters of "${fn.name}" are not a JSON Schema object`,
    );
  }
  return {
    type: 'function',
    function: {
      name: fn.name,
      ...(fn.parameters === undefined ? {} : { parameters: fn.parameters }),
    },
  };
}

/**
 * Reads `--tool-schemas FILE`: the tools of a request (`[{"type": "function", "function":
 * {"name", "parameters"}}]`, legacy `[{"name", "parameters"}]` too) or a map of function names
 * to JSON Schemas (`{"lookup_order": {…}}`). Every schema must compile.
 *
 * @example
 * const tools = await readToolSchemas('tools.json', '--tool-schemas');
 */
export async function readToolSchemas(
  path: string,
  flag: string,
): Promise<NonNullable<AnswerSchemas['tools']>> {
  const subject = `${flag} ${path}`;
  const value = await readInputJson(path, flag);
  if (Array.isArray(value)) {
    const tools = value.map((entry, index) => toolOf(entry, index, path, subject));
    for (const tool of tools) {
      await checkCompiles({ tools: [tool] }, path, `${subject}: tool "${tool.function.name}"`);
    }
    return tools;
  }
  if (!isObject(value)) {
    throw new InputFileError(
      path,
      'invalid',
      `${subject}: expected an array of tools or an object of function names to JSON Schemas`,
    );
  }
  const map: Record<string, JsonSchemaObject> = {};
  for (const [name, schema] of Object.entries(value)) {
    if (!isObject(schema)) {
      throw new InputFileError(
        path,
        'invalid',
        `${subject}: "${name}" is not a JSON Schema object`,
      );
    }
    map[name] = schema;
    await checkCompiles({ tools: { [name]: schema } }, path, `${subject}: tool "${name}"`);
  }
  return map;
}

/** A response format name from a file name: `invoice.schema.json` → `invoice_schema`. */
export function formatNameOf(path: string): string {
  const stem = basename(path, extname(path))
    .replace(/[^a-zA-Z0-9_-]+/g, '_')
    .slice(0, 64);
  return stem.replace(/^_+|_+$/g, '') || 'response';
}
