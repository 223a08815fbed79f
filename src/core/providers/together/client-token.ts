/**
 * The metadata key under which `jobs.create` passes its client token (the key
 * `resources/jobs/idempotent-create.ts` writes; the core cannot import it, a test keeps the two
 * equal).
 */
export const CLIENT_TOKEN_KEY = 'tunekit_client_token';

/** Together's limit on `suffix`. */
export const MAX_SUFFIX_LENGTH = 64;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_TAG = /^tk([0-9a-f]{32})$/;
const TEXT_TAG = /^tx((?:[0-9a-f]{2})+)$/;

/**
 * The tag that carries a client token in a job's `suffix`, the one field Together keeps,
 * echoes and puts in the model's name (it has no metadata): `tk` and the 32 hex digits of a
 * UUID (tunekit's own tokens), or `tx` and the hex of any other token's UTF-8. Lower-case
 * letters and digits only, and reversible, so that the token can be read back from any job.
 *
 * @example
 * tokenTag('3f0c1d2e-4a5b-4c6d-8e7f-0123456789ab'); // 'tk3f0c1d2e4a5b4c6d8e7f0123456789ab'
 */
export function tokenTag(token: string): string {
  if (UUID.test(token)) return `tk${token.replaceAll('-', '')}`;
  return `tx${Buffer.from(token, 'utf8').toString('hex')}`;
}

/** The token a tag stands for, or undefined when the text is no tag. */
function tokenOfTag(tag: string): string | undefined {
  const uuid = UUID_TAG.exec(tag)?.[1];
  if (uuid) {
    return `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20)}`;
  }
  const hex = TEXT_TAG.exec(tag)?.[1];
  if (!hex) return undefined;
  const text = Buffer.from(hex, 'hex').toString('utf8');
  // Bytes that are not UTF-8 do not come back the same: not a tag tunekit wrote.
  return tokenTag(text) === tag ? text : undefined;
}

/**
 * The client token a job carries in its suffix or its output model's name (`…-<suffix>-<tag>-
 * <id>`), or undefined. A suffix Together changed (its handling of characters could not be
 * confirmed) yields none: the create is then never taken as found.
 */
export function tokenInNames(...names: Array<string | null | undefined>): string | undefined {
  for (const name of names) {
    if (typeof name !== 'string') continue;
    for (const part of name.split(/[-/]/)) {
      const token = tokenOfTag(part);
      if (token !== undefined) return token;
    }
  }
  return undefined;
}

/** The user's suffix with the tag added (`support-tk…`, or the tag alone). */
export function suffixWithTag(suffix: string | null | undefined, tag: string): string {
  return suffix ? `${suffix}-${tag}` : tag;
}

/** A suffix as the user gave it: without the tag tunekit added. */
export function userSuffix(suffix: string | null | undefined): string | null {
  if (!suffix) return null;
  const parts = suffix.split('-');
  const last = parts.at(-1) ?? '';
  if (tokenOfTag(last) === undefined) return suffix;
  const rest = parts.slice(0, -1).join('-');
  return rest === '' ? null : rest;
}
