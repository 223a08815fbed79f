import { createHash } from 'node:crypto';

/**
 * The metadata key under which `jobs.create` passes its client token (the key
 * `resources/jobs/idempotent-create.ts` writes; the core cannot import it, a test keeps the two
 * equal).
 */
export const CLIENT_TOKEN_KEY = 'tunekit_client_token';

/** Together's limit on `suffix`. */
export const MAX_SUFFIX_LENGTH = 64;

/** Lower-case letters and digits of RFC 4648's base32 alphabet: safe in a model name. */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The tag that stands for a client token in a job's `suffix`: `tk` and ten base32 characters
 * of its SHA-256 (50 bits), the same for the same token in every process. Together has no job
 * metadata; the suffix is the one field it keeps and echoes (and puts in the model's name).
 *
 * @example
 * tokenTag('3f0c…'); // 'tk4f9k2m1xq0'
 */
export function tokenTag(token: string): string {
  // The first 50 bits of the digest, five at a time.
  const top = createHash('sha256').update(token).digest().readBigUInt64BE(0) >> 14n;
  let out = '';
  for (let shift = 45n; shift >= 0n; shift -= 5n) out += BASE32[Number((top >> shift) & 31n)];
  return `tk${out}`;
}

const TAG_AT_END = /(?:^|-)tk[a-z2-7]{10}$/;

/** The user's suffix with the tag added (`support-tk…`, or the tag alone). */
export function suffixWithTag(suffix: string | null | undefined, tag: string): string {
  return suffix ? `${suffix}-${tag}` : tag;
}

/** A suffix as the user gave it: without a tag tunekit added. */
export function userSuffix(suffix: string | null | undefined): string | null {
  if (!suffix) return null;
  const stripped = suffix.replace(TAG_AT_END, '');
  return stripped === '' ? null : stripped;
}

/** Whether a job's suffix or output model name carries the tag (as a whole `-`-separated part). */
export function carriesTag(tag: string, ...names: Array<string | null | undefined>): boolean {
  return names.some((name) => typeof name === 'string' && name.split(/[-/]/).includes(tag));
}
