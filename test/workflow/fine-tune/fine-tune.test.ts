import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  FineTuneDeclinedError,
  type FineTunePlan,
  type FineTuneStage,
  fineTune,
  JobFailedError,
  TrainingDataError,
} from '../../../src/index.ts';
import { forEachProvider } from '../../support/providers.ts';
import { brokenTrainingFile, chatLines } from '../../support/training-data.ts';

async function workspace(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-ft-'));
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    paths[name] = join(dir, name);
    await writeFile(paths[name], content);
  }
  return { cacheDir: join(dir, 'cache'), paths };
}

const fast = { pollInterval: 1 };

/**
 * The name each provider gives the model a job trains with suffix `qa` (Together's carries
 * tunekit's client-token tag after the suffix).
 */
const TRAINED = {
  openai: /^ft:gpt-4o-mini-2024-07-18:[^:]+:qa:/,
  compatible: /^ft:gpt-4o-mini-2024-07-18:[^:]+:qa:/,
  azure: /^gpt-4o-mini-2024-07-18\.ft-[0-9a-f]{32}$/,
  together: /^tunekit-fake\/Meta-Llama-3\.1-8B-Instruct-Reference-qa-tk[0-9a-f]{32}-[0-9a-f]{8}$/,
} as const;

/** The last event of a job that succeeded. */
const SUCCESS = {
  openai: 'The job has successfully completed',
  compatible: 'The job has successfully completed',
  azure: 'The job has successfully completed',
  together: /^Job completed: /,
} as const;

/** The route that reads a model's dates: Together has no GET /models/{id}, so its list. */
const modelLookup = (provider: string) =>
  provider === 'together' ? 'models.list' : 'models.retrieve';

forEachProvider(
  'fineTune',
  (setup) => {
    it('validates, uploads, trains, follows and returns the model with its metrics', async () => {
      const { client: clientOf, fake, provider, baseModel } = setup();
      const client = clientOf();
      const { cacheDir, paths } = await workspace({
        'train.jsonl': chatLines(20),
        'valid.jsonl': chatLines(3, 100),
      });
      const stages: string[] = [];
      const events: string[] = [];

      const result = await fineTune(client, {
        trainingFile: paths['train.jsonl'] as string,
        validationFile: paths['valid.jsonl'],
        model: provider === 'together' ? baseModel : 'gpt-4o-mini-2024-07-18',
        suffix: 'qa',
        cacheDir,
        ...fast,
        onStage: (s) => {
          if (s.stage !== 'uploading') stages.push(`${s.stage}${'role' in s ? `:${s.role}` : ''}`);
        },
        onEvent: (event) => {
          events.push(event.message);
        },
      });

      expect(result.job.status).toBe('succeeded');
      expect(result.model).toMatch(TRAINED[provider]);
      // 302: the first step of Together's upload, a redirect to the signed URL.
      expect(fake.calls.every((call) => call.status === 200 || call.status === 302)).toBe(true);
      expect(result.job.validation_file).toBe(result.validationFile?.id);
      expect(result.metrics.length).toBeGreaterThan(0);
      expect(result.report?.stats.examples).toBe(20);
      expect(stages).toEqual([
        'validated:training',
        'validated:validation',
        'uploaded:training',
        'processed:training',
        'uploaded:validation',
        'processed:validation',
        'creating',
        'created',
        'finished',
      ]);
      expect(events.at(-1)).toMatch(SUCCESS[provider]);
    });

    it('refuses a file with errors before anything is sent, with the report', async () => {
      const { client, fake, baseModel } = setup();
      const { cacheDir, paths } = await workspace({ 'train.jsonl': brokenTrainingFile() });

      const error = await fineTune(client(), {
        trainingFile: paths['train.jsonl'] as string,
        model: baseModel,
        cacheDir,
      }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(TrainingDataError);
      const errors = (error as TrainingDataError).report.problems.filter(
        (p) => p.severity === 'error',
      );
      expect(errors).toEqual([expect.objectContaining({ code: 'invalid_json', line: 3 })]);
      expect((error as Error).message).toMatch(/train\.jsonl has 1 error: line 3: invalid JSON/);
      expect(fake.calls).toHaveLength(0);
    });

    it('shows the plan with the cost estimate to confirm, and stops when it is declined', async () => {
      const { client, fake, provider, baseModel } = setup();
      const model = provider === 'together' ? baseModel : 'gpt-4o-mini-2024-07-18';
      const { cacheDir, paths } = await workspace({ 'train.jsonl': chatLines(40) });
      let plan: FineTunePlan | undefined;

      const attempt = fineTune(client(), {
        trainingFile: paths['train.jsonl'] as string,
        model,
        method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2 } } },
        cacheDir,
        confirm: (shown) => {
          plan = shown;
          return false;
        },
      });

      await expect(attempt).rejects.toBeInstanceOf(FineTuneDeclinedError);
      expect(plan?.cost).toMatchObject({ epochs: 2, autoEpochs: false });
      expect(plan?.cost?.trainedTokens).toBe(
        (plan?.training?.stats.billableTokensPerEpoch ?? 0) * 2,
      );
      // Only the model's dates were asked for (a read): nothing uploaded, nothing created.
      expect(fake.calls.map((call) => call.route)).toEqual([modelLookup(provider)]);
      expect(plan?.lifecycle).toMatchObject({ model });
    });

    it('reuses an identical file uploaded before, and uploads again once it is gone', async () => {
      const { client: clientOf, fake, baseModel } = setup();
      const client = clientOf();
      const { cacheDir, paths } = await workspace({ 'train.jsonl': chatLines(12) });
      const run = async () => {
        const reused: boolean[] = [];
        const result = await fineTune(client, {
          trainingFile: paths['train.jsonl'] as string,
          model: baseModel,
          cacheDir,
          ...fast,
          onStage: (s: FineTuneStage) => {
            if (s.stage === 'uploaded') reused.push(s.reused);
          },
        });
        return { reused, fileId: result.trainingFile.id };
      };
      const uploads = () => fake.calls.filter((c) => c.route === 'files.create').length;

      const first = await run();
      const second = await run();
      await client.files.delete(second.fileId);
      const third = await run();

      expect([first.reused, second.reused, third.reused]).toEqual([[false], [true], [false]]);
      expect(second.fileId).toBe(first.fileId);
      expect(third.fileId).not.toBe(first.fileId);
      expect(uploads()).toBe(2);
    });

    it('asks for the model once when confirming: the plan’s lifecycle goes on to the create', async () => {
      const { client, fake, provider } = setup();
      const { cacheDir, paths } = await workspace({ 'train.jsonl': chatLines(20) });

      await fineTune(client(), {
        trainingFile: paths['train.jsonl'] as string,
        model: provider === 'together' ? 'Qwen/Qwen3-8B' : 'gpt-4.1-mini',
        cacheDir,
        confirm: () => true,
        ...fast,
      });

      const routes = fake.calls.map((call) => call.route);
      const created = routes.indexOf('jobs.create');
      expect(created).toBeGreaterThan(0);
      const lookup = modelLookup(provider);
      expect(routes.slice(0, created).filter((route) => route === lookup)).toEqual([lookup]);
    });

    it('rejects with the job’s own error when the service fails the job', async () => {
      const { client, provider, baseModel } = setup();
      const { cacheDir, paths } = await workspace({ 'train.jsonl': brokenTrainingFile() });

      const error = await fineTune(client(), {
        trainingFile: paths['train.jsonl'] as string,
        model: baseModel,
        validate: false,
        cacheDir,
        ...fast,
      }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(JobFailedError);
      if (provider === 'together') {
        // No error object at Together: the message of its job_error event, no code.
        expect(error).toMatchObject({ code: null, param: null });
        expect((error as JobFailedError).jobMessage).toMatch(/invalid training file/i);
      } else {
        expect(error).toMatchObject({ code: 'invalid_training_file', param: 'training_file' });
      }
    });
  },
  { adapters: ['fetch'] },
);
