import { InvalidArgumentError } from './errors/invalid-argument-error.ts';

/**
 * Characters an id never contains and a path segment must not: separators (`/`, `\`), the
 * starts of a query or fragment (`?`, `#`) and `%` (a server that decodes twice would turn
 * `%2F` into a separator). Control characters are refused too (see `firstUnsafe`).
 */
const UNSAFE_PRINTABLE = '/\\?#%';

/** The first character of `value` that cannot be in a segment, described; undefined if none. */
function firstUnsafe(value: string, allowSlash: boolean): string | undefined {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) {
      return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
    }
    if (UNSAFE_PRINTABLE.includes(char) && !(allowSlash && char === '/')) return `"${char}"`;
  }
  return undefined;
}

/** Options of {@link pathId}. */
export interface PathIdOptions {
  /**
   * Accept `/` and send it encoded (`%2F`, still one segment): model names on gateways
   * contain one (`meta-llama/Llama-3.1-8B`). Dot segments stay refused, here as parts too.
   */
  allowSlash?: boolean | undefined;
}

/** Why a value cannot be one path segment, or undefined when it can. */
function whyUnsafe(value: string, allowSlash: boolean): string | undefined {
  if (value.trim() === '') return 'it is empty';
  const parts = allowSlash ? value.split('/') : [value];
  const dots = parts.find((part) => part === '.' || part === '..');
  if (dots !== undefined) return `"${dots}" would address another endpoint`;
  const found = firstUnsafe(value, allowSlash);
  return found && `it contains ${found}, which cannot be part of one path segment`;
}

/**
 * An id made safe for a URL path segment, checked first. An id that is not exactly one segment
 * would send the request to another endpoint: `''` turns `GET /files/{id}` into `GET /files/`,
 * `.` and `..` are resolved away by URL parsing (`jobs.retrieve('.')` would list jobs), and a
 * `/` adds a segment. Such ids are refused before anything is sent. `:` and `@` stay as they
 * are (they are legal in a segment, and fine-tuned model names are full of colons).
 *
 * @example
 * `/files/${pathId(fileId, 'fileId')}`; // throws InvalidArgumentError for '..', '', 'a/b'
 */
export function pathId(value: unknown, name: string, options: PathIdOptions = {}): string {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(`Expected ${name} to be a string, got ${String(value)}.`, name);
  }
  const why = whyUnsafe(value, options.allowSlash === true);
  if (why !== undefined) {
    const shown =
      value.length > 80 ? `${JSON.stringify(value.slice(0, 80))}…` : JSON.stringify(value);
    throw new InvalidArgumentError(`Invalid ${name} ${shown}: ${why}.`, name);
  }
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%40/g, '@');
}
