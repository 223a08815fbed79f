import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { FileProcessingError, WaitTimeoutError } from '../../../src/index.ts';
import { testClient } from '../../support/client.ts';
import { BASE_URL } from '../../support/constants.ts';
import { fileObject } from '../../support/fixtures.ts';
import { useMockAPI } from '../../support/mock-api.ts';

const api = useMockAPI();

describe('files.waitForProcessing', () => {
  function statuses(...sequence: Array<Record<string, unknown>>) {
    let n = 0;
    api.use(
      http.get(`${BASE_URL}/files/file-1`, () => {
        const next = sequence[Math.min(n, sequence.length - 1)];
        n += 1;
        return HttpResponse.json(fileObject({ id: 'file-1', ...next }));
      }),
    );
  }

  it('polls until the file is processed', async () => {
    statuses({ status: 'uploaded' }, { status: 'uploaded' }, { status: 'processed' });

    const file = await testClient().files.waitForProcessing('file-1', { pollInterval: 1 });

    expect(file.status).toBe('processed');
    expect(await api.calls()).toHaveLength(3);
  });

  it('returns at once for a provider that reports no status', async () => {
    statuses({ status: undefined });

    const file = await testClient().files.waitForProcessing('file-1');

    expect(file.id).toBe('file-1');
  });

  it('throws the reason of a rejected file', async () => {
    statuses({ status: 'error', status_details: 'Invalid file format: line 4 is not JSON' });

    await expect(testClient().files.waitForProcessing('file-1')).rejects.toThrow(
      new FileProcessingError('file-1', 'Invalid file format: line 4 is not JSON'),
    );
  });

  it('times out saying what it waited for', async () => {
    statuses({ status: 'uploaded' });

    const error = await testClient()
      .files.waitForProcessing('file-1', { maxWait: 50, pollInterval: 10 })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toBe(
      'Timed out after 50 ms waiting for file file-1 to be processed (last status: uploaded)',
    );
  });
});
