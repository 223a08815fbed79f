import { ConfigurationError } from './errors/configuration-error.ts';
import type { HeaderRecord } from './headers.ts';

/** An HTTP header name (RFC 9110 token). */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * What makes `value` impossible to send as a header value, described without quoting it (it
 * may be a key), or undefined when it can be sent. fetch would throw a `TypeError` that quotes
 * the whole value — a header injection attempt or a key read with its trailing newline.
 */
export function headerValueProblem(value: string): string | undefined {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0x0a || code === 0x0d) return 'a line break (CR or LF)';
    if (code === 0) return 'a NUL character';
    if (code > 0xff) return 'a character outside Latin-1, which HTTP headers cannot carry';
  }
  return undefined;
}

/** Where a header's value came from, for the error: the option and the variable. */
export interface HeaderSource {
  option: string;
  envVariable?: string | undefined;
  /** How the message names the value: "apiKey", "defaultHeaders['x-team']". */
  label: string;
}

/**
 * Checks every header the client will send with each request, so that a value fetch would
 * refuse fails at construction as a `ConfigurationError` naming the option — never the value.
 *
 * @example
 * checkHeaders({ authorization: `Bearer ${key}` }, () => ({ option: 'apiKey', label: 'apiKey' }));
 */
export function checkHeaders(
  headers: HeaderRecord,
  sourceOf: (name: string) => HeaderSource,
): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) {
      const source = sourceOf(name);
      throw new ConfigurationError(
        `Invalid header name ${JSON.stringify(name)} in ${source.option}: expected a token such as x-team.`,
        source.option,
        source.envVariable,
      );
    }
    if (typeof value !== 'string') continue;
    const problem = headerValueProblem(value);
    if (problem === undefined) continue;
    const source = sourceOf(name);
    const from = source.envVariable ? ` (from ${source.envVariable})` : '';
    throw new ConfigurationError(
      `Invalid ${source.label}${from}: it contains ${problem}, so it cannot be sent in the ${name} header. Check where the value came from (a stray newline at the end of a file or variable is common).`,
      source.option,
      source.envVariable,
    );
  }
}
