import type { z } from 'zod';
import { InvalidArgumentError } from '../../../core/errors/invalid-argument-error.ts';
import type { JsonSchemaObject } from '../../../data/answers/json-schema.ts';
import { strictSchemaFromZod } from './zod-to-strict.ts';

/** Where a response format or a tool keeps its zod schema (not sent: JSON skips symbols). */
export const ZOD_FORMAT: unique symbol = Symbol.for('tunekit.zodResponseFormat');
export const ZOD_TOOL: unique symbol = Symbol.for('tunekit.zodFunction');

/** The names the API accepts for a response format or a function. */
const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function checkName(name: string, argument: string): void {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new InvalidArgumentError(
      `Invalid ${argument} ${JSON.stringify(name)}: use 1 to 64 letters, digits, _ or -.`,
      argument,
    );
  }
}

/**
 * A `response_format` built from a zod schema: sent as strict JSON Schema, and read back by
 * `chat.completions.parse()` and `stream()` into `message.parsed`, typed `T`.
 */
export interface ZodResponseFormat<T = unknown> {
  type: 'json_schema';
  json_schema: {
    name: string;
    description?: string;
    schema: JsonSchemaObject;
    strict: true;
  };
  readonly [ZOD_FORMAT]: z.ZodType<T>;
}

/**
 * A response format from a zod schema, named as in the official SDK: the JSON Schema comes from
 * zod 4's own conversion (`z.toJSONSchema`), made strict — every object closed, every field
 * required (nullable and defaulted fields become required with no loss). A schema strict mode
 * cannot take raises a {@link StrictSchemaError} saying where and what to change.
 *
 * @example
 * const Invoice = z.object({ vendor: z.string(), total: z.number(), due: z.iso.date().nullable() });
 * const completion = await client.chat.completions.parse({
 *   model: 'ft:gpt-4.1-mini-2025-04-14:acme:invoices:abc123',
 *   messages: [{ role: 'user', content: invoiceText }],
 *   response_format: zodResponseFormat(Invoice, 'invoice'),
 * });
 * completion.choices[0].message.parsed?.total; // number
 */
export function zodResponseFormat<S extends z.ZodType>(
  schema: S,
  name: string,
  props: { description?: string } = {},
): ZodResponseFormat<z.output<S>> {
  checkName(name, 'response_format name');
  const jsonSchema = strictSchemaFromZod(
    schema,
    `The response format ${JSON.stringify(name)}`,
    'response_format',
  );
  const format = {
    type: 'json_schema' as const,
    json_schema: {
      name,
      ...(props.description === undefined ? {} : { description: props.description }),
      schema: jsonSchema,
      strict: true as const,
    },
  };
  Object.defineProperty(format, ZOD_FORMAT, { value: schema, enumerable: false });
  return format as ZodResponseFormat<z.output<S>>;
}

/** What a tool's function gets besides its arguments. */
export interface ToolCallContext {
  /** The id of the model's call (`call_…`). */
  toolCallId: string;
  /** Aborted when the caller's signal aborts. */
  signal: AbortSignal | undefined;
}

/** A function tool built from a zod schema; its calls come back with `parsed_arguments`. */
export interface ZodFunctionTool<Name extends string = string, Args = unknown> {
  type: 'function';
  function: {
    name: Name;
    description?: string;
    parameters: JsonSchemaObject;
    strict: true;
  };
  readonly [ZOD_TOOL]: {
    schema: z.ZodType<Args>;
    // A method, so a tool of specific arguments still counts as a ZodFunctionTool.
    run?(args: Args, context: ToolCallContext): unknown;
  };
}

/**
 * A function tool from a zod schema, named as in the official SDK: strict JSON Schema
 * parameters (as {@link zodResponseFormat}), and the arguments of its calls validated into
 * `tool_calls[i].function.parsed_arguments`. `function` runs it in `runTools`.
 *
 * @example
 * const lookup = zodFunction({
 *   name: 'lookup_order',
 *   parameters: z.object({ orderId: z.string() }),
 *   function: async ({ orderId }) => orders.get(orderId),
 * });
 */
export function zodFunction<const Name extends string, S extends z.ZodType>(options: {
  name: Name;
  parameters: S;
  description?: string;
  function?: (args: z.output<S>, context: ToolCallContext) => unknown;
}): ZodFunctionTool<Name, z.output<S>> {
  checkName(options.name, 'tool name');
  const parameters = strictSchemaFromZod(
    options.parameters,
    `The parameters of tool ${JSON.stringify(options.name)}`,
    'tools',
  );
  const tool = {
    type: 'function' as const,
    function: {
      name: options.name,
      ...(options.description === undefined ? {} : { description: options.description }),
      parameters,
      strict: true as const,
    },
  };
  Object.defineProperty(tool, ZOD_TOOL, {
    value: { schema: options.parameters, run: options.function },
    enumerable: false,
  });
  return tool as ZodFunctionTool<Name, z.output<S>>;
}

/** The zod schema behind a response format made by {@link zodResponseFormat}, if it is one. */
export function zodSchemaOfFormat(format: unknown): z.ZodType | undefined {
  return typeof format === 'object' && format !== null
    ? (format as { [ZOD_FORMAT]?: z.ZodType })[ZOD_FORMAT]
    : undefined;
}

/** The zod side of a tool made by {@link zodFunction}, if it is one. */
export function zodSideOfTool(tool: unknown): ZodFunctionTool[typeof ZOD_TOOL] | undefined {
  return typeof tool === 'object' && tool !== null
    ? (tool as { [ZOD_TOOL]?: ZodFunctionTool[typeof ZOD_TOOL] })[ZOD_TOOL]
    : undefined;
}
