import { formatPath } from '../problems.ts';

/** A JSON Schema as a plain object. */
export type JsonSchemaObject = Record<string, unknown>;

/** One place where a value does not match its schema. */
export interface SchemaIssue {
  /** Where in the value, as people write it: `items[0].qty`; empty for the value itself. */
  path: string;
  message: string;
}

/** A compiled schema: the issues of a value, none when it matches. */
export type SchemaCheck = (value: unknown) => SchemaIssue[];

/** Compiles a JSON Schema; throws {@link InvalidJsonSchemaError} when it is not one. */
export type JsonSchemaCompiler = (schema: JsonSchemaObject) => SchemaCheck;

/**
 * A JSON Schema that Ajv cannot compile (an unknown `$ref`, a keyword with a wrong value).
 *
 * @example
 * const response = { type: 'object', properties: { qty: { type: 'integr' } } }; // a typo
 * await validateTrainingFile('train.jsonl', { answers: { response } }).catch((error) => {
 *   // Thrown before any line is read; the message starts with the option: 'answers.response: …'
 *   if (error instanceof InvalidJsonSchemaError) console.error(error.message);
 *   throw error;
 * });
 */
export class InvalidJsonSchemaError extends Error {
  override readonly name = 'InvalidJsonSchemaError';
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

type AjvValidate = ((value: unknown) => boolean) & { errors?: AjvError[] | null };
type AjvClass = new (options: object) => { compile(schema: object): AjvValidate };

/** At most this many issues are reported for one value; the first ones say what is wrong. */
const MAX_ISSUES = 10;

let loading: Promise<JsonSchemaCompiler> | undefined;

/** Ajv and ajv-formats are CommonJS: their export is `default`, or `default.default`. */
function defaultExport<T>(module: unknown): T {
  const outer = (module as { default: { default?: unknown } }).default;
  return (outer.default ?? outer) as T;
}

/**
 * Loads Ajv (drafts 2020-12, 2019-09 and 07, with the standard formats) and returns a compiler.
 * Loaded on first use only: `import 'tunekit'` and `tunekit/data` do not pay for it.
 *
 * @example
 * const compile = await loadJsonSchemaCompiler();
 * compile({ type: 'object', required: ['a'] })({}); // [{ path: 'a', message: 'is required' }]
 */
export function loadJsonSchemaCompiler(): Promise<JsonSchemaCompiler> {
  loading ??= (async () => {
    const [draft2020, draft2019, draft07, formats] = await Promise.all([
      import('ajv/dist/2020.js'),
      import('ajv/dist/2019.js'),
      import('ajv'),
      import('ajv-formats'),
    ]);
    const classes = {
      '2020': defaultExport<AjvClass>(draft2020),
      '2019': defaultExport<AjvClass>(draft2019),
      '07': defaultExport<AjvClass>(draft07),
    };
    const addFormats = defaultExport<(ajv: unknown) => void>(formats);
    return (schema) => compileWith(classes[draftOf(schema)], addFormats, schema);
  })();
  return loading;
}

/** The draft a schema declares in `$schema`; 2020-12 when it declares none (zod's output). */
function draftOf(schema: JsonSchemaObject): '2020' | '2019' | '07' {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (declared.includes('2019-09')) return '2019';
  if (/draft-0[67]/.test(declared)) return '07';
  return '2020';
}

function compileWith(
  Ajv: AjvClass,
  addFormats: (ajv: unknown) => void,
  schema: JsonSchemaObject,
): SchemaCheck {
  // strict: false — response formats and tool parameters carry keys of their own (`strict`).
  // A fresh instance per schema: two schemas with the same `$id` must not collide.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  let validate: AjvValidate;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new InvalidJsonSchemaError(`invalid JSON Schema: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return (value) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, MAX_ISSUES).map((error) => issueOf(error, value));
  };
}

/** Ajv's error as a located issue: the path names the missing or extra key itself. */
function issueOf(error: AjvError, root: unknown): SchemaIssue {
  const path = pointerPath(error.instancePath, root);
  const { params } = error;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return { path: formatPath([...path, params.missingProperty]), message: 'is required' };
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return {
      path: formatPath([...path, params.additionalProperty]),
      message: 'is not a property the schema allows',
    };
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    const allowed = params.allowedValues.map((v) => JSON.stringify(v)).join(', ');
    return { path: formatPath(path), message: `must be one of ${allowed}` };
  }
  return { path: formatPath(path), message: error.message ?? `fails \`${error.keyword}\`` };
}

/** A JSON pointer (`/items/0/qty`) as path keys, numbers where the value holds an array. */
function pointerPath(pointer: string, root: unknown): PropertyKey[] {
  if (pointer === '') return [];
  const keys: PropertyKey[] = [];
  let current = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const key = Array.isArray(current) ? Number(token) : token;
    keys.push(key);
    current =
      current !== null && typeof current === 'object'
        ? (current as Record<PropertyKey, unknown>)[key]
        : undefined;
  }
  return keys;
}
