import {
  type JsonSchemaObject,
  loadJsonSchemaCompiler,
  type SchemaCheck,
} from '../../data/answers/json-schema.ts';
import type { ChatCompletionCreateParams } from '../../schemas/chat-params.ts';

/** Whether a text is JSON that a schema accepts. */
export type TextCheck = (text: string) => boolean;

/**
 * What the request asks answers to be, compiled: the json_schema response format, and each
 * tool's parameters. The fake uses them to answer with what a model trained (or scripted) for
 * the request only when it conforms, as strict structured outputs guarantee.
 */
export interface FormatChecks {
  content?: TextCheck | undefined;
  tools: ReadonlyMap<string, TextCheck>;
}

/** Compiled schemas by their JSON text: tests send the same few schemas again and again. */
const cache = new Map<string, SchemaCheck | null>();
const MAX_CACHED = 64;

function textCheck(check: SchemaCheck): TextCheck {
  return (text) => {
    try {
      return check(JSON.parse(text)).length === 0;
    } catch {
      return false;
    }
  };
}

async function compiled(schema: JsonSchemaObject): Promise<TextCheck | undefined> {
  const key = JSON.stringify(schema);
  let check = cache.get(key);
  if (check === undefined) {
    const compile = await loadJsonSchemaCompiler();
    try {
      check = compile(schema);
    } catch {
      check = null; // not a schema Ajv takes: nothing conforms, the answer is generated
    }
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, check);
  }
  return check ? textCheck(check) : undefined;
}

/** The checks of a request; none (and no Ajv loaded) when it asks for no schema. */
export async function formatChecks(params: ChatCompletionCreateParams): Promise<FormatChecks> {
  const format = params.response_format;
  const content =
    format?.type === 'json_schema' && format.json_schema.schema
      ? await compiled(format.json_schema.schema)
      : undefined;
  const tools = new Map<string, TextCheck>();
  for (const tool of params.tools ?? []) {
    const check = await compiled(tool.function.parameters ?? {});
    tools.set(tool.function.name, check ?? (() => false));
  }
  return {
    content: format?.type === 'json_schema' ? (content ?? (() => false)) : undefined,
    tools,
  };
}
