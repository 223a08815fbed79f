import { afterEach, describe, expect, it } from 'vitest';
import { pathId } from '../../src/core/path.ts';
import { InvalidArgumentError, TuneKit } from '../../src/index.ts';
import { TEST_KEY } from '../support/constants.ts';
import { sendJson, startLoopbackServer } from '../support/loopback-server.ts';

describe('pathId', () => {
  it.each([
    ['', 'it is empty'],
    ['   ', 'it is empty'],
    ['.', 'would address another endpoint'],
    ['..', 'would address another endpoint'],
    ['a/b', 'contains "/"'],
    ['..\\x', 'contains "\\"'],
    ['file?x=1', 'contains "?"'],
    ['file#x', 'contains "#"'],
    ['%2e%2e', 'contains "%"'],
    ['file\nx', 'control character (U+000A)'],
    ['file\u0000', 'control character (U+0000)'],
  ])('refuses %j: %s', (id, why) => {
    let error: unknown;
    try {
      pathId(id, 'fileId');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('fileId');
    expect((error as Error).message).toContain(why);
  });

  it('refuses what is not a string', () => {
    expect(() => pathId(undefined, 'jobId')).toThrow(
      'Expected jobId to be a string, got undefined.',
    );
  });

  it('keeps the characters of real ids, encoding the rest', () => {
    expect(pathId('ft:gpt-4o-mini-2024-07-18:org:name:abc123', 'model')).toBe(
      'ft:gpt-4o-mini-2024-07-18:org:name:abc123',
    );
    expect(pathId('user@example', 'x')).toBe('user@example');
    expect(pathId('a b', 'x')).toBe('a%20b');
    expect(pathId('...', 'x')).toBe('...');
  });

  it('takes a slash in model names when asked, encoded, never dot segments', () => {
    const slash = { allowSlash: true };
    expect(pathId('meta-llama/Llama-3.1-8B', 'model', slash)).toBe('meta-llama%2FLlama-3.1-8B');
    expect(() => pathId('a/../x', 'model', slash)).toThrow('".." would address another endpoint');
    expect(() => pathId('./x', 'model', slash)).toThrow('"." would address another endpoint');
    expect(() => pathId('a%2Fb', 'model', slash)).toThrow('contains "%"');
  });
});

describe('ids that are not one path segment, against a real server', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });

  it('sends nothing for jobs.retrieve(".") or files.delete("..")', async () => {
    const server = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, { object: 'list', data: [], has_more: false }),
    );
    close = server.close;
    const client = new TuneKit({ apiKey: TEST_KEY, baseURL: `${server.url}/v1`, logLevel: 'off' });

    // Refused where the path is built, before any request exists (as for an empty id).
    expect(() => client.jobs.retrieve('.')).toThrow(InvalidArgumentError);
    expect(() => client.files.delete('..')).toThrow(InvalidArgumentError);
    expect(() => client.models.retrieve('a/../../x')).toThrow(InvalidArgumentError);
    // The server is reachable: valid ids do get there, a model name's slash encoded.
    await client.files.list();
    await client.models.retrieve('org/model').catch(() => undefined);
    expect(server.seen.map((r) => r.target)).toEqual(['/v1/files', '/v1/models/org%2Fmodel']);
  });
});
