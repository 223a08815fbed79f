import { describe, expect, it } from 'vitest';
import { loadJsonSchemaCompiler } from '../../../src/data/answers/json-schema.ts';
import { strictJsonSchema } from '../../../src/data/answers/strict-schema.ts';

describe('strictJsonSchema in check mode (what the API refuses)', () => {
  it('passes a strict schema untouched', () => {
    const schema = {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: { sku: { type: 'string' }, note: { type: ['string', 'null'] } },
            required: ['sku', 'note'],
            additionalProperties: false,
          },
        },
        next: { $ref: '#' },
      },
      required: ['items', 'next'],
      additionalProperties: false,
    };
    const result = strictJsonSchema(schema, 'check');
    expect(result.problems).toEqual([]);
    expect(result.schema).toBe(schema);
  });

  it('names the node and the place in the answer of each broken rule', () => {
    const { problems } = strictJsonSchema(
      {
        type: 'object',
        properties: {
          lines: {
            type: 'array',
            items: { type: 'object', properties: { qty: { type: 'integer' } } },
          },
          kind: { oneOf: [{ const: 'a' }, { const: 'b' }] },
          pair: { type: 'array', prefixItems: [{ type: 'string' }] },
          any: { description: 'anything' },
          remote: { $ref: 'https://example.com/schema.json' },
        },
        required: ['lines', 'kind', 'pair', 'any', 'remote'],
        additionalProperties: false,
      },
      'check',
    );
    expect(problems.map((p) => [p.rule, p.schemaPath.join('/'), p.valuePath])).toEqual([
      ['additional_properties', 'properties/lines/items', 'lines[]'],
      ['optional_field', 'properties/lines/items', 'lines[].qty'],
      ['unsupported_keyword', 'properties/kind', 'kind'],
      ['tuple', 'properties/pair', 'pair'],
      ['untyped_value', 'properties/any', 'any'],
      ['external_ref', 'properties/remote', 'remote'],
    ]);
    expect(problems[1]?.message).toBe(
      "'required' is required to be supplied and to be an array including every key in properties. Missing 'qty'",
    );
  });

  it('refuses a root that is not an object', () => {
    const { problems } = strictJsonSchema({ anyOf: [{ type: 'object' }] }, 'check');
    expect(problems[0]?.rule).toBe('root_not_object');
  });

  it('adapt mode works on a copy', () => {
    const schema = { type: 'object', properties: { a: { type: 'string', default: 'x' } } };
    const { schema: adapted, problems } = strictJsonSchema(schema, 'adapt');
    expect(problems).toEqual([]);
    expect(adapted).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
      additionalProperties: false,
    });
    expect(schema).toEqual({ type: 'object', properties: { a: { type: 'string', default: 'x' } } });
  });
});

describe('loadJsonSchemaCompiler', () => {
  it('compiles draft 2020-12 (the default) and draft-07 schemas, locating each issue', async () => {
    const compile = await loadJsonSchemaCompiler();
    const draft07 = compile({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { rows: { type: 'array', items: { type: 'object', required: ['id'] } } },
    });
    expect(draft07({ rows: [{ id: 1 }, {}] })).toEqual([
      { path: 'rows[1].id', message: 'is required' },
    ]);
    // An object key that looks like a number stays a key.
    const keyed = compile({
      type: 'object',
      properties: { '0': { type: 'string' } },
      additionalProperties: false,
    });
    expect(keyed({ '0': 1, extra: true })).toEqual([
      { path: 'extra', message: 'is not a property the schema allows' },
      { path: '0', message: 'must be string' },
    ]);
  });
});
