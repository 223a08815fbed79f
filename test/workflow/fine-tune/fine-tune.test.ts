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

/** The name each provider gives the model a job trains from gpt-4o-mini with suffix `qa`. */
const TRAINED = {
  openai: /^ft:gpt-4o-mini-2024-07-18:[^:]+:qa:/,
  compatible: /^ft:gpt-4o-mini-2024-07-18:[^:]+:qa:/,
  azure: /^gpt-4o-mini-2024-07-18\.ft-[0-9a-f]{32}$/,
} as const;

forEachProvider(
  'fineTune',
  (setup) => {
    it('validates, uploads, trains, follows and returns the model with its metrics', async () => {
      const { client: clientOf, fake, provider } = setup();
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
        model: 'gpt-4o-mini-2024-07-18',
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
      expect(fake.calls.every((call) => call.status === 200)).toBe(true);
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
        'created',
        'finished',
      ]);
      expect(events).toContain('The job has successfully completed');
    });

    it('refuses a file with errors before anything is sent, with the report', async () => {
      const { client, fake } = setup();
      const { cacheDir, paths } = await workspace({ 'train.jsonl': brokenTrainingFile() });

      const error = await fineTune(client(), {
        trainingFile: paths['train.jsonl'] as string,
        model: 'gpt-4o-mini',
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
      const { client, fake } = setup();
      const { cacheDir, paths } = await workspace({ 'train.jsonl': chatLines(40) });
      let plan: FineTunePlan | undefined;

      const attempt = fineTune(client(), {
        trainingFile: paths['train.jsonl'] as string,
        model: 'gpt-4o-mini-2024-07-18',
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
      expect(fake.calls.map((call) => call.route)).toEqual(['models.retrieve']);
      expect(plan?.lifecycle).toMatchObject({ model: 'gpt-4o-mini-2024-07-18' });
    });

    it('reuses an identical file uploaded before, and uploads again once it is gone', async () => {
      const { client: clientOf, fake } = setup();
      const client = clientOf();
      const { cacheDir, paths } = await workspace({ 'train.jsonl': chatLines(12) });
      const run = async () => {
        const reused: boolean[] = [];
        const result = await fineTune(client, {
          trainingFile: paths['train.jsonl'] as string,
          model: 'gpt-4o-mini',
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
      const { client, fake } = setup();
      const { cacheDir, paths } = await workspace({ 'train.jsonl': chatLines(20) });

      await fineTune(client(), {
        trainingFile: paths['train.jsonl'] as string,
        model: 'gpt-4.1-mini',
        cacheDir,
        confirm: () => true,
        ...fast,
      });

      const routes = fake.calls.map((call) => call.route);
      const created = routes.indexOf('jobs.create');
      expect(created).toBeGreaterThan(0);
      expect(routes.slice(0, created).filter((route) => route === 'models.retrieve')).toEqual([
        'models.retrieve',
      ]);
    });

    it('rejects with the job’s own error when the service fails the job', async () => {
      const { client } = setup();
      const { cacheDir, paths } = await workspace({ 'train.jsonl': brokenTrainingFile() });

      const error = await fineTune(client(), {
        trainingFile: paths['train.jsonl'] as string,
        model: 'gpt-4o-mini',
        validate: false,
        cacheDir,
        ...fast,
      }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(JobFailedError);
      expect(error).toMatchObject({ code: 'invalid_training_file', param: 'training_file' });
    });
  },
  { adapters: ['fetch'] },
);
