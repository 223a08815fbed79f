import type { JsonSchemaObject } from './json-schema.ts';

/**
 * The rules of OpenAI's strict Structured Outputs (`strict: true` on a `json_schema` response
 * format or a function tool), applied to a plain JSON Schema. `check` reports what the API
 * refuses, in its words; `adapt` also rewrites what can be rewritten without changing which
 * answers a zod schema accepts, and explains the rest with a fix.
 */
export type StrictMode = 'check' | 'adapt';

/** Which strict-mode rule a schema breaks. */
export type StrictRule =
  | 'root_not_object'
  | 'additional_properties'
  | 'open_keys'
  | 'optional_field'
  | 'untyped_value'
  | 'unsupported_keyword'
  | 'tuple'
  | 'array_without_items'
  | 'external_ref'
  | 'boolean_schema'
  | 'too_deep'
  /** The zod schema has no JSON Schema at all (z.date(), z.bigint()…): found by the converter. */
  | 'unrepresentable';

/** One place where a schema cannot be used in strict mode. */
export interface StrictSchemaProblem {
  rule: StrictRule;
  /** The schema node that breaks the rule: `['properties', 'items', 'items']`. */
  schemaPath: string[];
  /** Where in an answer, as people write it: `items[].note` (`(root)` for the answer itself). */
  valuePath: string;
  message: string;
}

/** The schema (rewritten in `adapt` mode), what stops it, and what was rewritten. */
export interface StrictSchemaResult {
  schema: JsonSchemaObject;
  problems: StrictSchemaProblem[];
  /** Each rewrite `adapt` made, in a sentence (empty in `check` mode). */
  adaptations: string[];
}

/** Keywords strict mode does not take; `oneOf` is rewritten in `adapt` mode. */
const UNSUPPORTED = [
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
  'patternProperties',
  'propertyNames',
  'contains',
  'minContains',
  'maxContains',
  'unevaluatedItems',
  'unevaluatedProperties',
  'minProperties',
  'maxProperties',
  'uniqueItems',
  'additionalItems',
];

/** What makes a schema say something about the value (anything else accepts any value). */
const CONSTRAINING = ['type', 'anyOf', 'oneOf', '$ref', 'enum', 'const', 'properties', 'items'];

const MAX_DEPTH = 64;

function isSchema(value: unknown): value is JsonSchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(schema: JsonSchemaObject): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  return Array.isArray(schema.type) ? schema.type.filter((t) => typeof t === 'string') : [];
}

/** Whether a schema admits `null` (so a field with it can be required with no loss). */
function admitsNull(schema: unknown): boolean {
  if (!isSchema(schema)) return false;
  if (typesOf(schema).includes('null') || schema.const === null) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  const union = schema.anyOf ?? schema.oneOf;
  return Array.isArray(union) && union.some(admitsNull);
}

function childPath(valuePath: string, key: string): string {
  return valuePath === '' ? key : `${valuePath}.${key}`;
}

class StrictWalker {
  readonly problems: StrictSchemaProblem[] = [];
  readonly adaptations: string[] = [];
  readonly #adapt: boolean;

  constructor(mode: StrictMode) {
    this.#adapt = mode === 'adapt';
  }

  #problem(rule: StrictRule, at: string[], valuePath: string, check: string, adapt: string): void {
    this.problems.push({
      rule,
      schemaPath: at,
      valuePath: valuePath || '(root)',
      message: this.#adapt ? adapt : check,
    });
  }

  root(schema: JsonSchemaObject): void {
    if (this.#adapt && '$schema' in schema) delete schema.$schema;
    const rootUnion = schema.anyOf ?? schema.oneOf;
    if (Array.isArray(rootUnion) || !typesOf(schema).includes('object')) {
      this.#problem(
        'root_not_object',
        [],
        '',
        `the root schema must be an object of type 'object'${Array.isArray(rootUnion) ? ', not anyOf' : ''}`,
        'the answer must be a JSON object, not a union, array or single value: wrap it, e.g. z.object({ result: … })',
      );
    }
    this.visit(schema, [], '', 0);
    for (const key of ['$defs', 'definitions']) {
      const defs = schema[key];
      if (!isSchema(defs)) continue;
      for (const [name, def] of Object.entries(defs)) {
        this.visit(def, [key, name], `${key}.${name}`, 1);
      }
    }
  }

  visit(node: unknown, at: string[], valuePath: string, depth: number): void {
    if (!isSchema(node)) {
      this.#problem(
        'boolean_schema',
        at,
        valuePath,
        'boolean schemas (true/false) are not supported',
        'a boolean schema (true/false) says nothing about the value: give it a type',
      );
      return;
    }
    if (depth > MAX_DEPTH) {
      this.#problem(
        'too_deep',
        at,
        valuePath,
        `the schema nests more than ${MAX_DEPTH} levels`,
        `the schema nests more than ${MAX_DEPTH} levels: flatten it`,
      );
      return;
    }
    if (this.#adapt) this.#tidy(node, valuePath);
    if (!CONSTRAINING.some((key) => key in node)) {
      this.#problem(
        'untyped_value',
        at,
        valuePath,
        "the schema must have a 'type' (or anyOf, enum, const, $ref)",
        'accepts any value (z.any(), z.unknown(), z.json()): strict mode needs a type for every value — give it one, or a union of the types it may take',
      );
    }
    this.#keywords(node, at, valuePath);
    if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) {
      this.#problem(
        'external_ref',
        at,
        valuePath,
        `'$ref' ${JSON.stringify(node.$ref)} must point into the schema (start with '#')`,
        `$ref ${JSON.stringify(node.$ref)} points outside the schema: only local references are allowed`,
      );
    }
    if (typesOf(node).includes('object') || isSchema(node.properties)) {
      this.#object(node, at, valuePath, depth);
    }
    if (typesOf(node).includes('array')) this.#array(node, at, valuePath, depth);
    const union = node.anyOf;
    if (Array.isArray(union)) {
      union.forEach((branch, index) => {
        this.visit(branch, [...at, 'anyOf', String(index)], valuePath, depth + 1);
      });
    }
  }

  /** Rewrites that change nothing zod accepts: drops annotations and zod's implicit bounds. */
  #tidy(node: JsonSchemaObject, valuePath: string): void {
    // Every field is required in strict mode, so a default is never used; it only confuses.
    if ('default' in node) delete node.default;
    // z.int() bounds itself to the safe integers; zod still checks that, the model need not.
    if (node.minimum === Number.MIN_SAFE_INTEGER) delete node.minimum;
    if (node.maximum === Number.MAX_SAFE_INTEGER) delete node.maximum;
    if (Array.isArray(node.oneOf) && node.anyOf === undefined) {
      // Strict mode has anyOf only. zod still checks that exactly one branch matches.
      node.anyOf = node.oneOf;
      delete node.oneOf;
      this.adaptations.push(
        `${valuePath || '(root)'}: oneOf (discriminated union or z.xor) sent as anyOf; zod still checks that exactly one branch matches`,
      );
    }
  }

  #keywords(node: JsonSchemaObject, at: string[], valuePath: string): void {
    // In adapt mode oneOf is already anyOf, unless the node had both.
    for (const keyword of [...UNSUPPORTED, 'oneOf']) {
      if (!(keyword in node) || node[keyword] === undefined) continue;
      const hint =
        keyword === 'allOf'
          ? 'an intersection zod could not merge (z.intersection, .and()): merge the objects with .extend() or a spread of .shape'
          : keyword === 'propertyNames' || keyword === 'patternProperties'
            ? 'keys that are not fixed (z.record, z.map): strict mode needs every key declared — use an array of { key, value } objects'
            : keyword === 'uniqueItems'
              ? 'z.set is not supported: use an array'
              : `strict mode does not support \`${keyword}\``;
      this.#problem('unsupported_keyword', at, valuePath, `'${keyword}' is not permitted`, hint);
    }
  }

  #object(node: JsonSchemaObject, at: string[], valuePath: string, depth: number): void {
    const properties = isSchema(node.properties) ? node.properties : {};
    this.#closeObject(node, at, valuePath, properties);
    const required = Array.isArray(node.required) ? [...node.required] : [];
    for (const [key, property] of Object.entries(properties)) {
      if (required.includes(key)) continue;
      const fieldPath = childPath(valuePath, key);
      if (this.#adapt && (admitsNull(property) || (isSchema(property) && 'default' in property))) {
        // The model always writes the field; zod accepts null (nullish) or a value (default).
        required.push(key);
        continue;
      }
      this.#problem(
        'optional_field',
        at,
        fieldPath,
        `'required' is required to be supplied and to be an array including every key in properties. Missing '${key}'`,
        'an optional field (.optional()) without null: strict mode requires every field — use .nullable() or .nullish() so the model can write null when it has no value',
      );
    }
    if (this.#adapt && Object.keys(properties).length > 0) {
      // In the order of the properties, as a reader of the schema expects.
      node.required = Object.keys(properties).filter((key) => required.includes(key));
    }
    for (const [key, property] of Object.entries(properties)) {
      this.visit(property, [...at, 'properties', key], childPath(valuePath, key), depth + 1);
    }
  }

  #closeObject(
    node: JsonSchemaObject,
    at: string[],
    valuePath: string,
    properties: JsonSchemaObject,
  ): void {
    const extra = node.additionalProperties;
    if (extra === false) return;
    const open = extra === true || (isSchema(extra) && Object.keys(extra).length === 0);
    if (this.#adapt && 'propertyNames' in node) return; // reported as an unsupported keyword
    if (this.#adapt && extra === undefined) {
      // zod strips unknown keys of a plain z.object: forbidding them changes nothing it accepts.
      node.additionalProperties = false;
      return;
    }
    if (this.#adapt && open && Object.keys(properties).length > 0) {
      node.additionalProperties = false;
      this.adaptations.push(
        `${valuePath || '(root)'}: a loose object (z.looseObject, .passthrough()) is closed: the model writes only the declared keys`,
      );
      return;
    }
    this.#problem(
      isSchema(extra) && !open ? 'open_keys' : 'additional_properties',
      at,
      valuePath,
      "'additionalProperties' is required to be supplied and to be false",
      'keys that are not declared (z.record, .catchall, an object with no fields): strict mode needs every key declared — use an array of { key, value } objects',
    );
  }

  #array(node: JsonSchemaObject, at: string[], valuePath: string, depth: number): void {
    if ('prefixItems' in node || Array.isArray(node.items)) {
      this.#problem(
        'tuple',
        at,
        valuePath,
        "'prefixItems' is not permitted",
        'tuples (z.tuple) are not supported: use an object with named fields',
      );
      return;
    }
    if (!isSchema(node.items)) {
      this.#problem(
        'array_without_items',
        at,
        valuePath,
        "an array schema must have 'items'",
        'an array needs a type for its items (z.array(z.string()), not z.array(z.any()))',
      );
      return;
    }
    this.visit(node.items, [...at, 'items'], `${valuePath}[]`, depth + 1);
  }
}

/**
 * Checks a JSON Schema against strict mode's rules (every object closed with
 * `additionalProperties: false`, every property required, a type for every value, no `allOf`,
 * tuples or open keys, an object at the root). In `adapt` mode the schema is copied and
 * rewritten where that changes nothing a zod schema accepts: plain objects closed, nullable or
 * defaulted fields made required, `oneOf` sent as `anyOf`, `default`, `$schema` and z.int()'s
 * safe-integer bounds dropped. What cannot be rewritten is a problem with a fix.
 *
 * @example
 * const { schema, problems } = strictJsonSchema(
 *   { type: 'object', properties: { a: { type: ['string', 'null'] } } },
 *   'adapt',
 * );
 * // schema: { type: 'object', properties: { a: … }, required: ['a'], additionalProperties: false }
 */
export function strictJsonSchema(schema: JsonSchemaObject, mode: StrictMode): StrictSchemaResult {
  const copy = mode === 'adapt' ? structuredClone(schema) : schema;
  const walker = new StrictWalker(mode);
  walker.root(copy);
  return { schema: copy, problems: walker.problems, adaptations: walker.adaptations };
}
