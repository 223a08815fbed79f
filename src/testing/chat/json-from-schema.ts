type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A value that fits a JSON Schema, for structured outputs and tool arguments: the first enum
 * or const value, `text` for strings, 0 for numbers, false for booleans, an empty array, and
 * objects with every declared property. Enough for a client to parse, not a generator.
 */
export function valueFromSchema(schema: unknown, text: string, depth = 0): unknown {
  if (!isSchema(schema) || depth > 16) return null;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const choices = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(choices) && choices.length > 0)
    return valueFromSchema(choices[0], text, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return text;
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array':
      return [];
    default: {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) {
        out[name] = valueFromSchema(property, text, depth + 1);
      }
      return out;
    }
  }
}
