/**
 * Type tests of the public surface, through the package's own names (`tunekit`,
 * `tunekit/data`, `tunekit/testing`): what a user writes must type-check, and what the types
 * promise must hold. Checked by vitest's typecheck mode (`npm test`) and by `npm run typecheck`.
 * The packed package's declarations are checked in consumer projects by
 * test/package/consumer.test.ts.
 */
import {
  type APIError,
  type APIPromise,
  type ClientOptions,
  type CursorPage,
  type FetchLike,
  type FileObject,
  type FineTunePlan,
  type FineTuningJob,
  type FineTuningJobEvent,
  type HeaderRecord,
  type JobPlan,
  type Jobs,
  type QueryInit,
  TuneKit,
  type WaitOptions,
  type WithRequestId,
} from 'tunekit';
import {
  CONVERT_TARGET_SPECS,
  type ConvertTargetSpec,
  type ModelEntry,
  type Picodollars,
  type Problem,
  type TrainingCostEstimate,
  tokensCost,
  trainingCostOf,
  usdFromPico,
  type ValidationReport,
  validateTrainingFile,
} from 'tunekit/data';
import {
  type ClockMode,
  createFakeOpenAI,
  type FakeOpenAI,
  type FakeOpenAIOptions,
  type FakeServer,
} from 'tunekit/testing';
import { describe, expectTypeOf, it } from 'vitest';

describe('the client', () => {
  it('is built from options, every one optional', () => {
    expectTypeOf(TuneKit).constructorParameters.toEqualTypeOf<[options?: ClientOptions]>();
    expectTypeOf<ClientOptions['apiKey']>().toEqualTypeOf<string | undefined>();
  });

  it('returns typed API objects through an awaitable APIPromise', () => {
    const client = new TuneKit({ apiKey: 'sk-test' });
    expectTypeOf(client.files.retrieve('file-1')).toEqualTypeOf<
      APIPromise<WithRequestId<FileObject>>
    >();
    expectTypeOf<WithRequestId<FileObject>>().toMatchTypeOf<FileObject>();
    expectTypeOf(client.jobs.retrieve('ftjob-1')).resolves.toMatchTypeOf<FineTuningJob>();
    expectTypeOf(client.jobs.wait).returns.resolves.toMatchTypeOf<FineTuningJob>();
  });

  it('pages lists: await for a page, for-await for every item', async () => {
    const client = new TuneKit({ apiKey: 'sk-test' });
    expectTypeOf(await client.files.list()).toMatchTypeOf<CursorPage<FileObject>>();
    for await (const file of client.files.list()) expectTypeOf(file).toEqualTypeOf<FileObject>();
  });

  it('hands job events to onEvent', () => {
    expectTypeOf<
      Parameters<NonNullable<WaitOptions['onEvent']>>[0]
    >().toEqualTypeOf<FineTuningJobEvent>();
    expectTypeOf<FineTuningJobEvent['message']>().toEqualTypeOf<string>();
  });

  it('types errors with their status', () => {
    expectTypeOf<APIError['status']>().toMatchTypeOf<number | undefined>();
  });
});

describe('the fake (tunekit/testing)', () => {
  it('serves a real port and a fetch a client takes', () => {
    const fake = createFakeOpenAI();
    expectTypeOf(fake).toEqualTypeOf<FakeOpenAI>();
    expectTypeOf(fake.listen()).resolves.toEqualTypeOf<FakeServer>();
    expectTypeOf<FakeServer['baseURL']>().toEqualTypeOf<string>();
    expectTypeOf(fake.fetch).toMatchTypeOf<FetchLike>();
    expectTypeOf(new TuneKit({ apiKey: 'sk-test', fetch: fake.fetch })).toEqualTypeOf<TuneKit>();
  });

  it('takes three kinds of clock, and nothing else', () => {
    expectTypeOf<'instant'>().toMatchTypeOf<ClockMode>();
    expectTypeOf<'manual'>().toMatchTypeOf<ClockMode>();
    expectTypeOf<{ speed: number }>().toMatchTypeOf<ClockMode>();
    expectTypeOf<'fast'>().not.toMatchTypeOf<ClockMode>();
    expectTypeOf<FakeOpenAIOptions['clock']>().toEqualTypeOf<ClockMode | undefined>();
  });

  it('moves time and runs jobs by hand', () => {
    const fake = createFakeOpenAI({ clock: 'manual' });
    expectTypeOf(fake.advance).parameters.toEqualTypeOf<[ms: number]>();
    expectTypeOf(fake.runJob('ftjob-1')).toEqualTypeOf<FineTuningJob>();
    expectTypeOf(fake.now()).toEqualTypeOf<Date>();
  });
});

describe('training data (tunekit/data)', () => {
  it('validates a file into a report whose problems carry their line', () => {
    expectTypeOf(
      validateTrainingFile('train.jsonl', { model: 'gpt-4o-mini' }),
    ).resolves.toEqualTypeOf<ValidationReport>();
    expectTypeOf<ValidationReport['problems']>().toEqualTypeOf<Problem[]>();
    expectTypeOf<Problem['line']>().toEqualTypeOf<number | undefined>();
  });
});

describe('types a helper of the user names', () => {
  it('takes a resource, not the whole client', () => {
    const lastStatus = async (jobs: Jobs, id: string) => (await jobs.retrieve(id)).status;
    const client = new TuneKit({ apiKey: 'sk-test' });
    expectTypeOf(lastStatus(client.jobs, 'ftjob-1')).resolves.toEqualTypeOf<
      FineTuningJob['status']
    >();
    expectTypeOf(client.jobs).toEqualTypeOf<Jobs>();
  });

  it('builds header and query options, a null header removing one tunekit sends', () => {
    const headers: HeaderRecord = { 'x-team': 'ml', 'openai-organization': null };
    const query: QueryInit = { 'api-version': '2024-10-21' };
    expectTypeOf({ defaultHeaders: headers, defaultQuery: query }).toMatchTypeOf<ClientOptions>();
    expectTypeOf<FineTunePlan>().toEqualTypeOf<JobPlan>();
  });

  it('counts money in picodollars, and prices counted data with one function', () => {
    expectTypeOf(tokensCost(1_000, '0.30')).toEqualTypeOf<Picodollars>();
    expectTypeOf(usdFromPico).parameters.toEqualTypeOf<[pico: bigint]>();
    expectTypeOf(trainingCostOf)
      .parameter(0)
      .toMatchTypeOf<{ billableTokensPerEpoch: number; examples: number }>();
    expectTypeOf<ValidationReport['stats']>().toMatchTypeOf<Parameters<typeof trainingCostOf>[0]>();
    expectTypeOf(trainingCostOf).parameter(1).toEqualTypeOf<ModelEntry>();
    expectTypeOf(trainingCostOf).returns.toEqualTypeOf<TrainingCostEstimate>();
    expectTypeOf(CONVERT_TARGET_SPECS.azure).toEqualTypeOf<ConvertTargetSpec>();
  });
});
