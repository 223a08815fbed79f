import { describe, expect, it } from 'vitest';
import { validateTrainingFile } from '../../../src/data/index.ts';
import { planJob } from '../../../src/workflow/plan/plan-job.ts';
import { fakeWithTrainingFile, supervised } from '../../support/fake-client.ts';
import { chatTrainingFile } from '../../support/training-data.ts';

describe('planJob', () => {
  it('counts an uploaded file once and prices it for the method’s epochs, with one model lookup', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile();
    const counting: string[] = [];

    const plan = await planJob(client, {
      model: 'gpt-4o-mini-2024-07-18',
      method: supervised({ n_epochs: 2 }),
      training: { fileId: trainingFile },
      onCounting: (fileId) => counting.push(fileId),
    });

    const local = await validateTrainingFile(
      { text: chatTrainingFile(12) },
      { model: 'gpt-4o-mini-2024-07-18' },
    );
    expect(counting).toEqual([trainingFile]);
    expect(plan.training?.stats.examples).toBe(12);
    expect(plan.cost).toMatchObject({ epochs: 2, autoEpochs: false });
    expect(plan.cost?.trainedTokens).toBe(local.stats.billableTokensPerEpoch * 2);
    expect(plan.lifecycle).toMatchObject({ model: 'gpt-4o-mini-2024-07-18' });
    const routes = fake.calls.map((call) => call.route);
    expect(routes.filter((route) => route === 'models.retrieve')).toHaveLength(1);
    expect(routes.filter((route) => route === 'files.content')).toHaveLength(1);
  });

  it('prices a local report with auto epochs as the validator does, without downloading', async () => {
    const { fake, client } = await fakeWithTrainingFile();
    const report = await validateTrainingFile(
      { text: chatTrainingFile(12) },
      { model: 'gpt-4o-mini-2024-07-18' },
    );
    const before = fake.calls.length;

    const plan = await planJob(client, { model: 'gpt-4o-mini', training: report });

    expect(plan.cost).toEqual(report.cost);
    expect(fake.calls.slice(before).map((call) => call.route)).toEqual(['models.retrieve']);
  });

  it('has no estimate for a model the catalog cannot price, and downloads nothing for it', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile();
    const before = fake.calls.length;

    const plan = await planJob(client, {
      model: 'a-model-nobody-knows',
      training: { fileId: trainingFile },
    });

    expect(plan.cost).toBeNull();
    expect(plan.training).toBeUndefined();
    expect(fake.calls.slice(before).map((call) => call.route)).not.toContain('files.content');
  });
});
