import { InvalidArgumentError } from './errors/invalid-argument-error.ts';

/**
 * An id made safe for a URL path segment, checked first: an empty id would silently turn
 * `GET /files/{id}` into `GET /files/` — a different endpoint. `:` and `@` stay as they are
 * (they are legal in a path segment and fine-tuned model names are full of colons).
 */
export function pathId(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    const got = typeof value === 'string' ? 'an empty string' : String(value);
    throw new InvalidArgumentError(`Expected ${name} to be a non-empty string, got ${got}.`, name);
  }
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%40/g, '@');
}
