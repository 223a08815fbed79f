import type { z } from 'zod';
import { detectLineFormat } from '../formats/detect.ts';
import type { TrainingFormat } from '../formats/format.ts';
import { isObject, type Loose } from '../loose.ts';
import { formatPath, type Problem, type ProblemCode, problem } from '../problems.ts';
import { contentText } from '../prompt/prompt.ts';
import {
  InvalidJsonSchemaError,
  type JsonSchemaCompiler,
  type JsonSchemaObject,
  loadJsonSchemaCompiler,
  type SchemaCheck,
} from './json-schema.ts';

/** The problems only the answer check reports (`validateTrainingFile(…, { answers })`). */
export const ANSWER_PROBLEM_CODES = [
  'answer_not_json',
  'answer_schema_mismatch',
  'tool_arguments_not_json',
  'tool_arguments_schema_mismatch',
  'unknown_tool',
  'invalid_answer_schema',
] as const satisfies readonly ProblemCode[];

/** A response format as requests send it (what `zodResponseFormat` returns, too). */
export interface ResponseFormatInput {
  type: 'json_schema';
  json_schema: { name: string; schema?: object | undefined };
}

/** A schema answers must match: a zod schema, a JSON Schema, or a response format. */
export type SchemaInput = z.ZodType | JsonSchemaObject | ResponseFormatInput;

/** A tool whose arguments are checked: the shape of `tools[]` in a request (or `zodFunction`). */
export interface ToolSchemaInput {
  type?: 'function' | undefined;
  function: { name: string; parameters?: object | undefined };
}

/**
 * The schemas assistant answers are checked against — the ones the model will be asked for in
 * production.
 */
export interface AnswerSchemas {
  /**
   * What every assistant answer must be: JSON matching this schema. A zod schema, a JSON
   * Schema, or a `response_format` (`{ type: 'json_schema', json_schema: { name, schema } }`,
   * such as `zodResponseFormat(…)` returns) or its `json_schema` part.
   */
  response?: SchemaInput | undefined;
  /**
   * What tool-call arguments must be, by function name (zod or JSON Schema), or as the tool
   * definitions of the request (`[{ type: 'function', function: { name, parameters } }]`).
   */
  tools?: Readonly<Record<string, SchemaInput>> | readonly ToolSchemaInput[] | undefined;
  /**
   * Where no schema above applies, check answers against the `response_format` and the tool
   * definitions (`tools`, legacy `functions`) each example carries itself. Default true.
   */
  fromExamples?: boolean | undefined;
}

/** Checks the answers of one line; see {@link createAnswerCheck}. */
export interface AnswerCheck {
  /** The problems of one line (none when it is not a parsable example: others report that). */
  check(text: string, line: number, format?: TrainingFormat): Problem[];
}

/** A check named for messages: what the answer was checked against. */
interface NamedCheck {
  check: SchemaCheck;
  /** `the response schema`, `tool "get_weather"`, … */
  against: string;
}

/** Distinct schemas carried by examples that are kept compiled (most files repeat one). */
const MAX_CACHED_SCHEMAS = 256;

function isZodSchema(value: unknown): value is z.ZodType {
  return (
    isObject(value) &&
    '_zod' in value &&
    typeof (value as { safeParse?: unknown }).safeParse === 'function'
  );
}

/** The JSON Schema inside a response format, its `json_schema` part, or the schema itself. */
function bareSchema(input: JsonSchemaObject): JsonSchemaObject | undefined {
  if (input.type === 'json_schema') {
    const inner = input.json_schema;
    return isObject(inner) && isObject(inner.schema) ? inner.schema : undefined;
  }
  if ('name' in input && isObject(input.schema)) return input.schema;
  return input;
}

function zodCheck(schema: z.ZodType): SchemaCheck {
  return (value) => {
    const result = schema.safeParse(value);
    if (result.success) return [];
    return result.error.issues
      .slice(0, 10)
      .map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  };
}

function checkOf(input: SchemaInput, compile: JsonSchemaCompiler, option: string): SchemaCheck {
  if (isZodSchema(input)) return zodCheck(input);
  const schema = bareSchema(input as unknown as JsonSchemaObject);
  if (!schema) {
    throw new InvalidJsonSchemaError(
      `${option}: a json_schema response format without a schema object`,
    );
  }
  try {
    return compile(schema);
  } catch (error) {
    throw new InvalidJsonSchemaError(`${option}: ${(error as Error).message}`, { cause: error });
  }
}

function toolChecks(
  tools: AnswerSchemas['tools'],
  compile: JsonSchemaCompiler,
): Map<string, SchemaCheck> {
  const checks = new Map<string, SchemaCheck>();
  if (Array.isArray(tools)) {
    tools.forEach((tool: ToolSchemaInput, index) => {
      const name = tool.function.name;
      const option = `answers.tools[${index}]`;
      const parameters = (tool.function.parameters ?? {}) as JsonSchemaObject;
      checks.set(name, checkOf(parameters, compile, option));
    });
  } else if (tools) {
    for (const [name, schema] of Object.entries(tools as Record<string, SchemaInput>)) {
      checks.set(name, checkOf(schema, compile, `answers.tools.${name}`));
    }
  }
  return checks;
}

/** The messages an example trains on: path and message object. */
function trainedAnswers(value: Loose, format: TrainingFormat): { path: string; message: Loose }[] {
  if (format === 'completion') {
    return typeof value.completion === 'string'
      ? [{ path: 'completion', message: { role: 'assistant', content: value.completion } }]
      : [];
  }
  // Preference examples train on the preferred output; the rejected one may break the format
  // on purpose (that is what the model learns to avoid).
  const [path, messages] =
    format === 'preference'
      ? ['preferred_output', value.preferred_output]
      : ['messages', value.messages];
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((message, index) =>
    isObject(message) && message.role === 'assistant' && message.weight !== 0
      ? [{ path: formatPath([path, index]), message }]
      : [],
  );
}

/** The tool definitions an example carries: `tools` (or `input.tools`) and legacy `functions`. */
function exampleTools(value: Loose, format: TrainingFormat): { path: string; fn: Loose }[] {
  const holder = format === 'preference' && isObject(value.input) ? value.input : value;
  const prefix = holder === value ? '' : 'input.';
  const out: { path: string; fn: Loose }[] = [];
  if (Array.isArray(holder.tools)) {
    holder.tools.forEach((tool, index) => {
      if (isObject(tool) && isObject(tool.function)) {
        out.push({ path: `${prefix}tools[${index}].function.parameters`, fn: tool.function });
      }
    });
  }
  if (Array.isArray(value.functions)) {
    value.functions.forEach((fn, index) => {
      if (isObject(fn)) out.push({ path: `functions[${index}].parameters`, fn });
    });
  }
  return out;
}

/** Reads JSON; the reason when it is not. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

class LineAnswerCheck implements AnswerCheck {
  readonly #compile: JsonSchemaCompiler;
  readonly #response: NamedCheck | undefined;
  readonly #tools: Map<string, SchemaCheck>;
  readonly #fromExamples: boolean;
  // Compiled schemas of examples by their JSON text; a failure is kept as its message.
  readonly #cache = new Map<string, SchemaCheck | string>();

  constructor(schemas: AnswerSchemas, compile: JsonSchemaCompiler) {
    this.#compile = compile;
    this.#response = schemas.response
      ? {
          check: checkOf(schemas.response, compile, 'answers.response'),
          against: 'the response schema',
        }
      : undefined;
    this.#tools = toolChecks(schemas.tools, compile);
    this.#fromExamples = schemas.fromExamples ?? true;
  }

  check(text: string, line: number, format?: TrainingFormat): Problem[] {
    const parsed = parseJson(text.replace(/^\uFEFF/, ''));
    if (!parsed.ok || !isObject(parsed.value)) return [];
    const value = parsed.value;
    const lineFormat = format ?? detectLineFormat(value);
    // A reinforcement line (or a chat line with an extra key such as response_format) has the
    // chat shape: its assistant messages are checked the same way.
    if (lineFormat === undefined) return [];
    const problems: Problem[] = [];
    const response = this.#response ?? this.#exampleResponse(value, line, problems);
    const tools = this.#toolsFor(value, lineFormat, line, problems);
    for (const { path, message } of trainedAnswers(value, lineFormat)) {
      if (response) problems.push(...this.#content(message, path, line, response));
      if (tools) problems.push(...this.#calls(message, path, line, tools));
    }
    return problems;
  }

  /** The `response_format` the example carries, compiled (reports a schema that is not one). */
  #exampleResponse(value: Loose, line: number, problems: Problem[]): NamedCheck | undefined {
    if (!this.#fromExamples || !isObject(value.response_format)) return undefined;
    const schema = bareSchema(value.response_format);
    if (!schema || value.response_format.type !== 'json_schema') return undefined;
    const check = this.#cached(schema, 'response_format.json_schema.schema', line, problems);
    return check && { check, against: "the example's response_format" };
  }

  /** Tool checks by name: the option's, else the example's own; none when neither has any. */
  #toolsFor(
    value: Loose,
    format: TrainingFormat,
    line: number,
    problems: Problem[],
  ): Map<string, SchemaCheck> | undefined {
    if (this.#tools.size > 0) return this.#tools;
    if (!this.#fromExamples) return undefined;
    const declared = exampleTools(value, format);
    if (declared.length === 0) return undefined;
    const checks = new Map<string, SchemaCheck>();
    for (const { path, fn } of declared) {
      if (typeof fn.name !== 'string') continue;
      const parameters = isObject(fn.parameters) ? fn.parameters : {};
      const check = this.#cached(parameters, path, line, problems);
      // A schema that does not compile was reported; its calls are only checked for JSON.
      checks.set(fn.name, check ?? (() => []));
    }
    return checks;
  }

  #cached(
    schema: JsonSchemaObject,
    path: string,
    line: number,
    problems: Problem[],
  ): SchemaCheck | undefined {
    const key = JSON.stringify(schema);
    let entry = this.#cache.get(key);
    if (entry === undefined) {
      try {
        entry = this.#compile(schema);
      } catch (error) {
        entry = (error as Error).message;
      }
      if (this.#cache.size >= MAX_CACHED_SCHEMAS) this.#cache.clear();
      this.#cache.set(key, entry);
    }
    if (typeof entry === 'string') {
      problems.push(problem('invalid_answer_schema', `${path}: ${entry}`, { line, path }));
      return undefined;
    }
    return entry;
  }

  #content(message: Loose, path: string, line: number, response: NamedCheck): Problem[] {
    const { content } = message;
    if (content === null || content === undefined) return []; // tool calls or a refusal
    const text = contentText(content);
    if (text === '' && Array.isArray(message.tool_calls)) return [];
    const at = `${path}${path === 'completion' ? '' : '.content'}`;
    const parsed = parseJson(text);
    if (!parsed.ok) {
      return [
        problem(
          'answer_not_json',
          `${at}: the answer is not JSON (${parsed.reason}), but ${response.against} wants JSON`,
          { line, path: at },
        ),
      ];
    }
    return response
      .check(parsed.value)
      .map((issue) =>
        problem(
          'answer_schema_mismatch',
          `${at}: ${issue.path || '(the answer)'} ${issue.message} (${response.against})`,
          { line, path: at, answerPath: issue.path },
        ),
      );
  }

  #calls(message: Loose, path: string, line: number, tools: Map<string, SchemaCheck>): Problem[] {
    const calls: { at: string; fn: unknown }[] = [];
    if (Array.isArray(message.tool_calls)) {
      message.tool_calls.forEach((call, index) => {
        if (isObject(call))
          calls.push({ at: `${path}.tool_calls[${index}].function`, fn: call.function });
      });
    }
    if (isObject(message.function_call)) {
      calls.push({ at: `${path}.function_call`, fn: message.function_call });
    }
    return calls.flatMap(({ at, fn }) => this.#call(fn, at, line, tools));
  }

  #call(fn: unknown, at: string, line: number, tools: Map<string, SchemaCheck>): Problem[] {
    if (!isObject(fn) || typeof fn.name !== 'string' || typeof fn.arguments !== 'string') {
      return []; // a malformed call: the format check reports it
    }
    const check = tools.get(fn.name);
    if (!check) {
      const known = [...tools.keys()].map((name) => JSON.stringify(name)).join(', ');
      return [
        problem(
          'unknown_tool',
          `${at}.name: the call names ${JSON.stringify(fn.name)}, which is not among the tools (${known})`,
          { line, path: `${at}.name` },
        ),
      ];
    }
    const argsAt = `${at}.arguments`;
    const parsed = parseJson(fn.arguments);
    if (!parsed.ok) {
      return [
        problem(
          'tool_arguments_not_json',
          `${argsAt}: the arguments of ${JSON.stringify(fn.name)} are not JSON (${parsed.reason})`,
          { line, path: argsAt },
        ),
      ];
    }
    return check(parsed.value).map((issue) =>
      problem(
        'tool_arguments_schema_mismatch',
        `${argsAt}: ${issue.path || '(the arguments)'} ${issue.message} (tool ${JSON.stringify(fn.name)})`,
        { line, path: argsAt, answerPath: issue.path },
      ),
    );
  }
}

/**
 * Prepares the check of assistant answers against the schemas the model will be asked for in
 * production: every trained assistant message's content must be JSON matching the response
 * schema, every tool call's arguments JSON matching its function's parameters. A schema that
 * is not one throws {@link InvalidJsonSchemaError} here, before any line is read.
 *
 * @example
 * const answers = await createAnswerCheck({ response: Invoice });
 * answers.check('{"messages":[…,{"role":"assistant","content":"{}"}]}', 1);
 * // [{ code: 'answer_schema_mismatch', path: 'messages[1].content', answerPath: 'vendor', … }]
 */
export async function createAnswerCheck(schemas: AnswerSchemas): Promise<AnswerCheck> {
  return new LineAnswerCheck(schemas, await loadJsonSchemaCompiler());
}
