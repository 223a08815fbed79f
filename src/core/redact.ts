/** Headers whose values are credentials: never logged, never kept in errors. */
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'api-key',
  'x-api-key',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

const REDACTED = '[redacted]';

/**
 * Removes known secrets (the API key) from anything that may be shown to a human: error
 * messages, log lines, header maps, parsed bodies. A server or proxy can echo the key back
 * (in an error message or a header), so redaction is by value as well as by header name.
 */
export class Redactor {
  readonly #secrets: readonly string[];
  readonly #sensitiveHeaders: ReadonlySet<string>;

  /**
   * `secrets` are removed wherever they appear; `headers` names more headers whose values are
   * credentials (a gateway's own auth header, say `x-portkey-api-key`).
   */
  constructor(
    secrets: ReadonlyArray<string | undefined | null>,
    options: { headers?: ReadonlyArray<string | null | undefined> } = {},
  ) {
    // Very short "secrets" would shred ordinary text; real keys are long.
    this.#secrets = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
    const extra = (options.headers ?? []).filter((h): h is string => typeof h === 'string');
    this.#sensitiveHeaders = new Set([...SENSITIVE_HEADERS, ...extra.map((h) => h.toLowerCase())]);
  }

  /** The text with every secret replaced by `[redacted]`. */
  text(value: string): string {
    let out = value;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  /** A deep copy of plain data (objects, arrays, strings) with every secret replaced. */
  deep<T>(value: T): T {
    return this.#walk(value, 0) as T;
  }

  /** Header entries as a plain object, credentials masked by name and by value. */
  headers(headers: Headers | Iterable<[string, string]>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of headers) {
      const key = name.toLowerCase();
      out[key] = this.#sensitiveHeaders.has(key) ? REDACTED : this.text(value);
    }
    return out;
  }

  #walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object' || depth > 32) return value;
    if (Array.isArray(value)) return value.map((item) => this.#walk(item, depth + 1));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = this.#walk(item, depth + 1);
    return out;
  }
}
