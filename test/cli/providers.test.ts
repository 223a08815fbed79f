import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TuneKit } from '../../src/index.ts';
import { createFakeOpenAI, type FakeServer } from '../../src/testing/index.ts';
import { TEST_API_KEY } from '../support/fake-client.ts';
import { NO_PROVIDER_ENV, runCliAsync } from '../support/run-cli.ts';
import { chatTrainingFile } from '../support/training-data.ts';

const ESC = String.fromCharCode(27);

const fake = createFakeOpenAI();
let server: FakeServer;
let fineTuned = '';
const dirs: string[] = [];

beforeAll(async () => {
  server = await fake.listen();
  const client = new TuneKit({ apiKey: TEST_API_KEY, baseURL: server.baseURL, logLevel: 'off' });
  const file = await client.files.create({
    file: new TextEncoder().encode(chatTrainingFile(12)),
    filename: 'train.jsonl',
    purpose: 'fine-tune',
  });
  const job = await client.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
  fineTuned = fake.runJob(job.id).fine_tuned_model ?? '';
});
afterAll(async () => {
  await server.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const openai = () => ['--base-url', server.baseURL, '--api-key', TEST_API_KEY];
const azure = () => ['--provider', 'azure', '--base-url', server.azureBaseURL];
const azureEnv = { ...NO_PROVIDER_ENV, AZURE_OPENAI_API_KEY: TEST_API_KEY };

// Each test runs the CLI as its own process: run them side by side.
describe.concurrent('tunekit models watch', () => {
  it('lists the fine-tuned model and its base by urgency, and exits 6 when one dies within 90 days', async () => {
    const { code, stdout, stderr } = await runCliAsync(
      ['models', 'watch', '--at', '2026-11-22', ...openai()],
      NO_PROVIDER_ENV,
    );

    expect(code).toBe(6);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^model\s+kind\s+shuts down\s+days left\s+source$/);
    expect(lines[1]).toMatch(
      new RegExp(`^${fineTuned.replace(/[.]/g, '\\.')}\\s+fine-tuned\\s+2027-01-14\\s+53\\s+api$`),
    );
    expect(lines[2]).toMatch(/^gpt-4o-mini-2024-07-18\s+base\s+2027-01-14\s+53\s+api$/);
    expect(stdout).not.toContain(ESC);
    expect(stderr).toContain('New fine-tuning jobs stop on 2027-01-06 (in 45 days).');
    expect(stderr).toContain('2 models shut down within 90 days');
  });

  it('exits 0 when nothing dies within --within days', async () => {
    const { code, stderr } = await runCliAsync(
      ['models', 'watch', '--at', '2026-11-22', '--within', '30', ...openai()],
      NO_PROVIDER_ENV,
    );
    expect(code).toBe(0);
    expect(stderr).toContain('Nothing shuts down within 30 days.');
  });

  it('prints JSON for monitoring scripts, the same through Azure', async () => {
    const viaOpenAI = await runCliAsync(
      ['models', 'watch', '--at', '2026-12-10', '--json', ...openai()],
      NO_PROVIDER_ENV,
    );
    const report = JSON.parse(viaOpenAI.stdout);
    expect(viaOpenAI.code).toBe(6);
    expect(report).toMatchObject({ at: '2026-12-10', within: 90, provider: 'openai', soon: 2 });
    expect(report.models[0]).toMatchObject({
      model: fineTuned,
      kind: 'fine-tuned',
      base: 'gpt-4o-mini-2024-07-18',
      daysLeft: 35,
      trainingDaysLeft: 27,
      soon: true,
    });

    // Through Azure, OpenAI's dates do not apply, and the fake knows none of Azure's own: the
    // same model is listed as unknown rather than given another provider's schedule.
    const viaAzure = await runCliAsync(
      ['models', 'watch', '--at', '2026-12-10', '--json', ...azure()],
      azureEnv,
    );
    expect(viaAzure.code).toBe(0);
    expect(JSON.parse(viaAzure.stdout)).toMatchObject({
      provider: 'azure',
      soon: 0,
      models: [
        { model: fineTuned, kind: 'fine-tuned', status: 'unknown', shutdownDate: null },
        { model: 'gpt-4o-mini-2024-07-18', kind: 'base', status: 'unknown' },
      ],
    });
  });

  it('refuses a bad --at or --within as a usage error', async () => {
    const bad = await runCliAsync(
      ['models', 'watch', '--at', 'tomorrow', ...openai()],
      NO_PROVIDER_ENV,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a day as YYYY-MM-DD');
    const negative = await runCliAsync(['models', 'watch', '--within', '-3'], NO_PROVIDER_ENV);
    expect(negative.code).toBe(2);
    const noSuchDay = await runCliAsync(['models', 'watch', '--at', '2026-02-30'], NO_PROVIDER_ENV);
    expect(noSuchDay.code).toBe(2);
    expect(noSuchDay.stderr).toContain('expected a day as YYYY-MM-DD');
  });
});

describe('tunekit export', () => {
  it('backs up into a directory, then verifies instead of downloading again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunekit-cli-export-'));
    dirs.push(dir);

    const first = await runCliAsync(['export', dir, ...openai()], NO_PROVIDER_ENV);
    const second = await runCliAsync(['export', dir, '--json', ...openai()], NO_PROVIDER_ENV);

    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^Exported 1 job \(1 read, 0 unchanged\) and 2 files \(2 downloaded, 0 verified, [\d.]+ KB\) to /,
    );
    expect(first.stdout).toContain(`Manifest: ${join(dir, 'manifest.json')}`);
    expect(first.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      jobs: { total: 1, refreshed: 0, skipped: 1 },
      files: { total: 2, downloaded: 0, skipped: 2 },
      problems: [],
    });
  });
});

describe.concurrent('providers on the command line', () => {
  it('talks to Azure with --provider azure and the Azure variables', async () => {
    const { code, stdout } = await runCliAsync(['models', 'list', '--json', ...azure()], azureEnv);
    expect(code).toBe(0);
    const models = JSON.parse(stdout) as Array<{ id: string; created_at?: number }>;
    expect(models.find((m) => m.id === 'gpt-4o-mini-2024-07-18')?.created_at).toBeGreaterThan(0);
  });

  it('says what Azure does not support, with exit 1 and the feature in JSON', async () => {
    const text = await runCliAsync(['models', 'delete', 'gpt-4o-mini', ...azure()], azureEnv);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(
      /^error: Azure AI Foundry \(127\.0\.0\.1:\d+\) does not support models\.delete: /,
    );
    expect(text.stderr).toContain('hint: Nothing was changed.');

    const json = await runCliAsync(
      ['models', 'delete', 'gpt-4o-mini', '--json', ...azure()],
      azureEnv,
    );
    expect(JSON.parse(json.stderr)).toMatchObject({
      error: { type: 'NotSupportedByProviderError', feature: 'models.delete', provider: 'azure' },
    });
  });

  it('names the missing Azure setting and its variable', async () => {
    const noEndpoint = await runCliAsync(['models', 'list', '--provider', 'azure'], azureEnv);
    expect(noEndpoint.code).toBe(2);
    expect(noEndpoint.stderr).toContain(
      'error: No Azure endpoint: pass --endpoint, or set AZURE_OPENAI_ENDPOINT (e.g. https://my-resource.openai.azure.com).',
    );

    // An OpenAI key in the environment is not sent to Azure.
    const noKey = await runCliAsync(['models', 'list', ...azure()], {
      ...NO_PROVIDER_ENV,
      OPENAI_API_KEY: TEST_API_KEY,
    });
    expect(noKey.code).toBe(4);
    expect(noKey.stderr).toContain(
      'error: No API key for --provider azure: set AZURE_OPENAI_API_KEY, or pass --api-key. OPENAI_API_KEY is never sent to Azure.',
    );
  });

  it('sends the key in a gateway’s own header, and keeps it out of debug output', async () => {
    const { code, stderr } = await runCliAsync(
      [
        'models',
        'list',
        '--provider',
        'compatible',
        '--base-url',
        server.baseURL,
        '--auth-header',
        'authorization',
        '--auth-scheme',
        'Bearer',
        '--debug',
      ],
      { ...NO_PROVIDER_ENV, OPENAI_API_KEY: TEST_API_KEY },
    );
    expect(code).toBe(0);
    expect(stderr).toContain('"authorization":"[redacted]"');
    expect(stderr).not.toContain(TEST_API_KEY);
  });
});
