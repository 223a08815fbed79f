import { describe, expect, it } from 'vitest';
import { CLIENT_TOKEN_KEY } from '../../../src/core/providers/job-tagging.ts';
import { tokenTag } from '../../../src/core/providers/together/client-token.ts';
import { carriedToken, togetherTagging } from '../../../src/core/providers/together/job-tagging.ts';

describe('client tokens on Together AI', () => {
  it('carries a UUID or a short token as it is', () => {
    const uuid = '3f0c1d2e-4a5b-4c6d-8e7f-0123456789ab';
    expect(carriedToken(uuid)).toBe(uuid);
    expect(carriedToken('nightly-42')).toBe('nightly-42');
  });

  it('carries a long token as a UUID-shaped digest whose tag leaves room for a suffix', () => {
    const derived = `tk-${'ab12'.repeat(16)}`; // tunekit train's tokens: 67 characters
    const carried = carriedToken(derived);
    expect(carried).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(carriedToken(derived)).toBe(carried);
    expect(carriedToken(`${derived}x`)).not.toBe(carried);
    expect(tokenTag(carried).length).toBe(34);
  });

  it('recognises the job a long token tagged, and no other', () => {
    const token = 'a token a person chose, far longer than a suffix allows';
    const body = togetherTagging.tag({ model: 'm', training_file: 'f' }, token);
    expect(body.metadata).toEqual({ [CLIENT_TOKEN_KEY]: carriedToken(token) });
    expect(togetherTagging.carries(body, token)).toBe(true);
    expect(togetherTagging.carries(body, `${token}!`)).toBe(false);
    expect(togetherTagging.listQuery(token)).toEqual({
      metadata: { [CLIENT_TOKEN_KEY]: carriedToken(token) },
    });
    expect(togetherTagging.describe(token)).toContain(tokenTag(carriedToken(token)));
  });
});
