import { strictJsonSchema } from '../../data/answers/strict-schema.ts';
import type { ChatCompletionCreateParams } from '../../schemas/chat-params.ts';
import { invalidRequest } from '../http/route-error.ts';

/** A schema path as the API prints it: a Python tuple, `()` or `('properties', 'x')`. */
function context(path: readonly string[]): string {
  if (path.length === 0) return '()';
  const items = path.map((key) => `'${key}'`);
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/**
 * Refuses, as the API does, a strict (`strict: true`) response format or function whose schema
 * breaks strict mode's rules: a 400 naming the format or function and where in its schema.
 */
export function rejectNonStrictSchemas(params: ChatCompletionCreateParams): void {
  const format = params.response_format;
  if (format?.type === 'json_schema' && format.json_schema.strict === true) {
    const [first] = strictJsonSchema(format.json_schema.schema ?? {}, 'check').problems;
    if (first) {
      throw invalidRequest(
        `Invalid schema for response_format '${format.json_schema.name}': In context=${context(first.schemaPath)}, ${first.message}.`,
        'response_format',
      );
    }
  }
  (params.tools ?? []).forEach((tool, index) => {
    if (tool.function.strict !== true) return;
    const [first] = strictJsonSchema(tool.function.parameters ?? {}, 'check').problems;
    if (first) {
      throw invalidRequest(
        `Invalid schema for function '${tool.function.name}': In context=${context(first.schemaPath)}, ${first.message}.`,
        `tools[${index}].function.parameters`,
        'invalid_function_parameters',
      );
    }
  });
}
