import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  InvalidArgumentError,
  StrictSchemaError,
  zodFunction,
  zodResponseFormat,
} from '../../../../src/index.ts';

function problemsOf(build: () => unknown): Array<{ valuePath: string; rule: string }> {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(StrictSchemaError);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as StrictSchemaError).problems.map(({ valuePath, rule }) => ({
      valuePath,
      rule,
    }));
  }
  throw new Error('expected a StrictSchemaError');
}

describe('zodResponseFormat: strict mode applied', () => {
  it('closes objects, requires every field, sends no $schema, default or safe-integer bounds', () => {
    const format = zodResponseFormat(
      z.object({
        name: z.string(),
        note: z.string().nullish(),
        currency: z.enum(['EUR', 'USD']).default('EUR'),
        count: z.int(),
        extra: z.looseObject({ a: z.string() }),
      }),
      'thing',
      { description: 'A thing' },
    );
    expect(format.json_schema).toEqual({
      name: 'thing',
      description: 'A thing',
      strict: true,
      schema: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          note: { type: ['string', 'null'] },
          currency: { type: 'string', enum: ['EUR', 'USD'] },
          count: { type: 'integer' },
          extra: {
            type: 'object',
            properties: { a: { type: 'string' } },
            required: ['a'],
            additionalProperties: false,
          },
        },
        required: ['name', 'note', 'currency', 'count', 'extra'],
        additionalProperties: false,
      },
    });
    // The zod schema travels with the format, but is not sent.
    expect(JSON.parse(JSON.stringify(format))).toEqual({
      type: 'json_schema',
      json_schema: format.json_schema,
    });
  });

  it('sends a discriminated union as anyOf, and recursion as a $ref to the root', () => {
    const Shape = z.object({
      shape: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('circle'), r: z.number() }),
        z.object({ kind: z.literal('square'), side: z.number() }),
      ]),
    });
    const union = zodResponseFormat(Shape, 'shape').json_schema.schema as {
      properties: { shape: Record<string, unknown> };
    };
    expect(union.properties.shape.oneOf).toBeUndefined();
    expect(union.properties.shape.anyOf).toHaveLength(2);

    const Node = z.object({
      name: z.string(),
      get children(): z.ZodArray<typeof Node> {
        return z.array(Node);
      },
    });
    const tree = zodResponseFormat(Node, 'tree').json_schema.schema as {
      properties: { children: { items: unknown } };
    };
    expect(tree.properties.children.items).toEqual({ $ref: '#' });
  });

  it('explains each schema strict mode cannot take, with where and how to fix it', () => {
    expect(
      problemsOf(() =>
        zodResponseFormat(
          z.object({
            note: z.string().optional(),
            tags: z.record(z.string(), z.number()),
            pair: z.tuple([z.string(), z.number()]),
            anything: z.unknown(),
            items: z.array(z.object({ hint: z.string().optional() })),
          }),
          'bad',
        ),
      ),
    ).toEqual([
      { valuePath: 'note', rule: 'optional_field' },
      { valuePath: 'tags', rule: 'unsupported_keyword' },
      { valuePath: 'pair', rule: 'tuple' },
      { valuePath: 'anything', rule: 'untyped_value' },
      { valuePath: 'items[].hint', rule: 'optional_field' },
    ]);
  });

  it('says what to use instead of a type JSON Schema cannot express', () => {
    const error = (() => {
      try {
        zodResponseFormat(z.object({ at: z.date() }), 'dated');
      } catch (e) {
        return e as StrictSchemaError;
      }
    })();
    expect(error?.problems[0]?.rule).toBe('unrepresentable');
    expect(error?.message).toContain('z.iso.datetime()');
  });

  it('refuses a root that is not an object, and a name the API refuses', () => {
    expect(problemsOf(() => zodResponseFormat(z.array(z.string()), 'list'))).toContainEqual({
      valuePath: '(root)',
      rule: 'root_not_object',
    });
    expect(() => zodResponseFormat(z.object({}), 'has spaces')).toThrow(InvalidArgumentError);
  });
});

describe('zodFunction', () => {
  it('builds a strict function tool and keeps the function out of the JSON', () => {
    const tool = zodFunction({
      name: 'lookup',
      parameters: z.object({ id: z.string() }),
      function: ({ id }) => id,
    });
    expect(JSON.parse(JSON.stringify(tool))).toEqual({
      type: 'function',
      function: {
        name: 'lookup',
        strict: true,
        parameters: {
          type: 'object',
          properties: { id: { type: 'string' } },
          required: ['id'],
          additionalProperties: false,
        },
      },
    });
  });

  it('names the tool when its parameters cannot be strict', () => {
    expect(() =>
      zodFunction({ name: 'search', parameters: z.object({ q: z.string().optional() }) }),
    ).toThrow(/parameters of tool "search" cannot be used in strict mode: q: an optional field/);
  });
});
