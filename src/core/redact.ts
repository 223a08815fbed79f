import type { HeaderRecord } from './headers.ts';

/** Headers whose values are credentials: never logged, never kept in errors. */
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'api-key',
  'x-api-key',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

/** Header names that say their value is a credential (`x-portkey-api-key`, `x-auth-token`). */
const CREDENTIAL_NAME = /auth|key|token|secret|cookie|session|password/i;

const REDACTED = '[redacted]';

/**
 * JSON text of a parsed value; for nesting too deep to serialise (JSON.parse is iterative,
 * JSON.stringify is not), a placeholder that holds nothing from the network.
 */
function stringifyOrPlaceholder(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return JSON.stringify('[redacted: a body nested too deeply to show]');
  }
}
/** Structures nested deeper than this are not walked: they are replaced, never shown raw. */
const MAX_DEPTH = 64;

/**
 * The secrets a client holds: the API key, and the value of every default header whose name
 * says it is a credential — whole, and without a scheme word (`Bearer …`), since a server may
 * echo either.
 *
 * @example
 * secretsOf('sk-…', { 'x-portkey-api-key': 'pk-…' }); // ['sk-…', 'pk-…']
 */
export function secretsOf(apiKey: string | undefined, defaultHeaders: HeaderRecord = {}): string[] {
  const secrets = apiKey ? [apiKey] : [];
  for (const [name, value] of Object.entries(defaultHeaders)) {
    if (
      typeof value !== 'string' ||
      !(SENSITIVE_HEADERS.has(name.toLowerCase()) || CREDENTIAL_NAME.test(name))
    ) {
      continue;
    }
    secrets.push(value);
    const afterScheme = /^[A-Za-z]+ +(.+)$/.exec(value)?.[1];
    if (afterScheme) secrets.push(afterScheme);
  }
  return secrets;
}

/**
 * Removes known secrets (the API key) from everything that comes from the network or may be
 * shown to a human: response headers, JSON bodies (values and property names), error bodies,
 * server-sent events, error messages and causes, log lines. A server or proxy can echo the key
 * back anywhere, so redaction is by value as well as by header name, and it happens where the
 * data enters the client — nothing downstream sees the raw strings.
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
    // Very short "secrets" would shred ordinary text; real keys are long. Longest first, so a
    // secret that contains another is removed whole.
    this.#secrets = [
      ...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8)),
    ].sort((a, b) => b.length - a.length);
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

  /**
   * Parses JSON text from the network with every secret removed, from string values and
   * property names alike — including secrets hidden behind JSON escapes (`\u0073k-…`), which a
   * text replacement alone would miss. `text` is the redacted text to keep as the raw body.
   * Returns undefined when the text is not JSON.
   */
  parseJson(raw: string): { value: unknown; text: string } | undefined {
    let text = this.text(raw);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
    // Without a backslash there is no escape, and the text replacement above was complete.
    if (text.includes('\\') && this.#secrets.length > 0) {
      const changed = this.#redactInPlace(value);
      if (changed.value !== value || changed.touched) {
        value = changed.value;
        text = stringifyOrPlaceholder(value);
      }
    }
    return { value, text };
  }

  /** JSON text (a server-sent event's data) with every secret removed; other text as `text()`. */
  jsonText(raw: string): string {
    return this.parseJson(raw)?.text ?? this.text(raw);
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

  /** Response headers as they enter the client: the same headers, credentials masked. */
  responseHeaders(headers: Headers): Headers {
    return new Headers(Object.entries(this.headers(headers)));
  }

  /**
   * The error, or a copy of it whose message, stack and causes hold no secret: errors from the
   * network layer quote what they were given, which can include what a server sent.
   */
  error<E>(error: E, depth = 0): E {
    if (!(error instanceof Error) || depth > 8 || !this.#mentionsSecret(error, depth)) return error;
    const copy = new Error(this.text(error.message), {
      cause: error.cause === undefined ? undefined : this.error(error.cause, depth + 1),
    });
    copy.name = error.name;
    copy.stack = this.text(String(error.stack));
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') Object.assign(copy, { code: this.text(code) });
    return copy as E;
  }

  #mentionsSecret(error: Error, depth: number): boolean {
    const shown = `${error.message}\n${error.stack}\n${String((error as { code?: unknown }).code)}`;
    if (this.#secrets.some((secret) => shown.includes(secret))) return true;
    return (
      error.cause instanceof Error && depth < 8 && this.#mentionsSecret(error.cause, depth + 1)
    );
  }

  /**
   * Redacts freshly parsed JSON where it lies (it belongs to nobody yet), iteratively so that
   * hostile nesting cannot overflow the stack. Property names are renamed when they hold a
   * secret.
   */
  #redactInPlace(root: unknown): { value: unknown; touched: boolean } {
    if (typeof root === 'string') {
      const value = this.text(root);
      return { value, touched: value !== root };
    }
    let touched = false;
    const pending: unknown[] = [root];
    while (pending.length > 0) {
      const node = pending.pop();
      if (node === null || typeof node !== 'object') continue;
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const item = record[key];
        let value = item;
        if (typeof item === 'string') value = this.text(item);
        else if (item !== null && typeof item === 'object') pending.push(item);
        const name = Array.isArray(record) ? key : this.text(key);
        if (name !== key) {
          delete record[key];
          touched = true;
        }
        if (name !== key || value !== item) {
          record[name] = value;
          touched = true;
        }
      }
    }
    return { value: root, touched };
  }

  #walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return value;
    if (value instanceof Error) return this.error(value);
    if (depth > MAX_DEPTH) return '[redacted: nested too deep]';
    if (Array.isArray(value)) return value.map((item) => this.#walk(item, depth + 1));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[this.text(key)] = this.#walk(item, depth + 1);
    }
    return out;
  }
}
