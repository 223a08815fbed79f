type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Past this depth a nullable value is null and an array empty, so recursive schemas end. */
const SHALLOW = 6;
const MAX_DEPTH = 16;

/** A value of each string format the strict mode knows, fixed so tests can rely on it. */
const FORMAT_VALUES: Record<string, string> = {
  date: '2026-01-01',
  'date-time': '2026-01-01T00:00:00Z',
  time: '00:00:00',
  duration: 'P1D',
  email: 'someone@example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uuid: '00000000-0000-4000-8000-000000000000',
  uri: 'https://example.com/',
};

/** The schema a local `$ref` (`#`, `#/$defs/Name`) points to. */
function resolveRef(ref: string, root: Schema): unknown {
  if (!ref.startsWith('#')) return undefined;
  let current: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    current = isSchema(current) ? current[key] : undefined;
  }
  return current;
}

function typeOf(schema: Schema, depth: number): string | undefined {
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  const real = types.filter((t) => typeof t === 'string' && t !== 'null');
  if (types.includes('null') && (depth >= SHALLOW || real.length === 0)) return 'null';
  return real[0] ?? (typeof schema.type === 'string' ? schema.type : undefined);
}

function stringFor(schema: Schema, text: string): string {
  const format = typeof schema.format === 'string' ? FORMAT_VALUES[schema.format] : undefined;
  let out = format ?? text;
  if (typeof schema.maxLength === 'number') out = out.slice(0, schema.maxLength);
  if (typeof schema.minLength === 'number') out = out.padEnd(schema.minLength, '.');
  return out;
}

function numberFor(schema: Schema, integer: boolean): number {
  let value = 0;
  if (typeof schema.minimum === 'number') value = Math.max(value, schema.minimum);
  if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) {
    value = schema.exclusiveMinimum + 1;
  }
  if (typeof schema.maximum === 'number') value = Math.min(value, schema.maximum);
  if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) {
    value = schema.exclusiveMaximum - 1;
  }
  return integer ? Math.ceil(value) : value;
}

function choose(choices: unknown[], depth: number): unknown {
  const isNull = (c: unknown) => isSchema(c) && c.type === 'null';
  // Shallow: the first real branch; deep: null if allowed, so that recursion stops.
  if (depth >= SHALLOW) return choices.find(isNull) ?? choices[0];
  return choices.find((c) => !isNull(c)) ?? choices[0];
}

/**
 * A value that fits a JSON Schema, for structured outputs and tool arguments: the first enum
 * or const value, `text` for strings (a fixed value for a `format`; cut or padded to
 * `maxLength`/`minLength`), the smallest allowed number from 0, false for booleans, `minItems`
 * items for arrays, objects with every declared property, local `$ref`s followed. Enough for a
 * client to parse and validate; `pattern` is not honoured. Not a generator.
 */
export function valueFromSchema(schema: unknown, text: string, depth = 0, root?: Schema): unknown {
  if (!isSchema(schema) || depth > MAX_DEPTH) return null;
  const base = root ?? schema;
  if (typeof schema.$ref === 'string') {
    return valueFromSchema(resolveRef(schema.$ref, base), text, depth + 1, base);
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const choices = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(choices) && choices.length > 0) {
    return valueFromSchema(choose(choices, depth), text, depth + 1, base);
  }
  switch (typeOf(schema, depth)) {
    case 'string':
      return stringFor(schema, text);
    case 'number':
      return numberFor(schema, false);
    case 'integer':
      return numberFor(schema, true);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return Array.from({ length: count }, () =>
        valueFromSchema(schema.items, text, depth + 1, base),
      );
    }
    default: {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) {
        out[name] = valueFromSchema(property, text, depth + 1, base);
      }
      return out;
    }
  }
}
