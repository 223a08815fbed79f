import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { MetricsParseError, parseMetricsCsv } from '../../../src/index.ts';
import { testClient } from '../../support/client.ts';
import { BASE_URL } from '../../support/constants.ts';
import { jobObject } from '../../support/fixtures.ts';
import { useMockAPI } from '../../support/mock-api.ts';

const api = useMockAPI();
const CSV = [
  'step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy',
  '1,1.25,0.5,,',
  '2,0.98,0.61,1.1,0.58',
  '3,0.7,0.72,,',
].join('\n');

describe('parseMetricsCsv', () => {
  it('decodes base64 CSV into typed rows with null for empty cells', async () => {
    const rows = await parseMetricsCsv(Buffer.from(CSV).toString('base64'));

    expect(rows).toEqual([
      {
        step: 1,
        train_loss: 1.25,
        train_accuracy: 0.5,
        valid_loss: null,
        valid_mean_token_accuracy: null,
      },
      {
        step: 2,
        train_loss: 0.98,
        train_accuracy: 0.61,
        valid_loss: 1.1,
        valid_mean_token_accuracy: 0.58,
      },
      {
        step: 3,
        train_loss: 0.7,
        train_accuracy: 0.72,
        valid_loss: null,
        valid_mean_token_accuracy: null,
      },
    ]);
  });

  it('reads plain CSV, keeps unknown columns, fills missing ones and sorts by step', async () => {
    const rows = await parseMetricsCsv(
      'step,train_loss,full_valid_loss\r\n2,0.5,0.6\r\n1,0.9,\r\n,1,1\r\n',
    );

    expect(rows).toEqual([
      {
        step: 1,
        train_loss: 0.9,
        full_valid_loss: null,
        train_accuracy: null,
        valid_loss: null,
        valid_mean_token_accuracy: null,
      },
      {
        step: 2,
        train_loss: 0.5,
        full_valid_loss: 0.6,
        train_accuracy: null,
        valid_loss: null,
        valid_mean_token_accuracy: null,
      },
    ]);
  });

  it('says so when the file is neither', async () => {
    await expect(parseMetricsCsv('%%%not csv%%%')).rejects.toThrow(MetricsParseError);
  });
});

describe('jobs.metrics', () => {
  it('downloads every result file of the job and parses it', async () => {
    api.use(
      http.get(`${BASE_URL}/fine_tuning/jobs/ftjob-1`, () =>
        HttpResponse.json(
          jobObject({ id: 'ftjob-1', status: 'succeeded', result_files: ['file-res'] }),
        ),
      ),
      http.get(`${BASE_URL}/files/file-res/content`, () =>
        HttpResponse.text(Buffer.from(CSV).toString('base64')),
      ),
    );

    const rows = await testClient().jobs.metrics('ftjob-1');

    expect(rows.map((r) => r.train_loss)).toEqual([1.25, 0.98, 0.7]);
  });

  it('is empty while the job has no results (Azure sends null)', async () => {
    api.use(
      http.get(`${BASE_URL}/fine_tuning/jobs/ftjob-1`, () =>
        HttpResponse.json(jobObject({ id: 'ftjob-1', result_files: null })),
      ),
    );

    expect(await testClient().jobs.metrics('ftjob-1')).toEqual([]);
  });
});
