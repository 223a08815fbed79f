import { createHash } from 'node:crypto';
import { type JobTagging, metadataTagging } from '../job-tagging.ts';
import { tokenTag } from './client-token.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Longest token carried as it is (`tx` + its hex: 30 characters of the 64 a suffix takes). */
const LONGEST_AS_IS = 14;

/**
 * The token a Together job carries for `token`: a UUID or a short token as it is, any longer
 * token as a digest in the shape of a UUID (the first 128 bits of its SHA-256), so that its tag
 * in the suffix is always 34 characters at most and leaves room for the user's suffix. A
 * derived token such as `tunekit train`'s (`tk-` and 64 hex digits) would not fit as it is.
 *
 * @example
 * carriedToken('nightly-2026-05-01-support-bot'); // 'a1b2c3d4-…' (the same every time)
 */
export function carriedToken(token: string): string {
  if (UUID.test(token) || token.length <= LONGEST_AS_IS) return token;
  const hex = createHash('sha256').update(token, 'utf8').digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Together's client tokens: metadata as for OpenAI on tunekit's side (the dialect moves it into
 * the job's `suffix` and reads it back), with long tokens carried as their digest. A job is
 * recognised by the digest, which the caller's token always gives again.
 */
export const togetherTagging: JobTagging = {
  tag: (body, token) => metadataTagging.tag(body, carriedToken(token)),
  carries: (job, token) => metadataTagging.carries(job, carriedToken(token)),
  isTagged: (job) => metadataTagging.isTagged(job),
  tokenIn: (params) => metadataTagging.tokenIn(params),
  listQuery: (token) => metadataTagging.listQuery(carriedToken(token)),
  describe: (token) =>
    `the suffix tag ${tokenTag(carriedToken(token))} (for client token ${token}) in the job's suffix and model name`,
};
