import { describe, expect, it } from 'vitest';
import { createFakeOpenAI } from '../../src/testing/index.ts';
import { clientFor, fakeWithTrainingFile } from '../support/fake-client.ts';

describe('models', () => {
  it('lists the catalog with shutdown dates and the models the fake trained', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile({
      organization: { id: 'org-acme', name: 'acme' },
    });
    const job = await client.jobs.create({
      model: 'gpt-4o-mini',
      training_file: trainingFile,
      suffix: 'geo',
    });
    const trained = fake.runJob(job.id).fine_tuned_model ?? '';
    expect(trained).toMatch(/^ft:gpt-4o-mini-2024-07-18:acme:geo:/);

    const { data } = await client.models.list();
    expect(data.find((m) => m.id === 'gpt-4o-mini-2024-07-18')).toMatchObject({
      object: 'model',
      owned_by: 'system',
      shutdown_date: '2027-01-14',
    });
    expect(data.find((m) => m.id === 'gpt-4o-mini')).toBeDefined();
    expect(data.find((m) => m.id === trained)).toMatchObject({
      owned_by: 'org-acme',
      shutdown_date: '2027-01-14',
    });
    expect(data.some((m) => m.id.includes(':ckpt-step-'))).toBe(false);
    expect(await client.models.retrieve(trained)).toMatchObject({ id: trained });
  });

  it('deletes a fine-tuned model, which then cannot answer', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile();
    const job = await client.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile });
    const trained = fake.runJob(job.id).fine_tuned_model ?? '';

    expect(await client.models.delete(trained)).toEqual({
      id: trained,
      object: 'model',
      deleted: true,
    });
    await expect(
      client.chat.completions.create({
        model: trained,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    await expect(client.models.retrieve(trained)).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
  });

  it('refuses to delete a base model', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    await expect(client.models.delete('gpt-4o-mini')).rejects.toMatchObject({ status: 403 });
  });

  it('trains from a fine-tuned model to continue its training', async () => {
    const { fake, client, trainingFile } = await fakeWithTrainingFile();
    const first = fake.runJob(
      (await client.jobs.create({ model: 'gpt-4o-mini', training_file: trainingFile })).id,
    );
    const second = await client.jobs.create({
      model: first.fine_tuned_model ?? '',
      training_file: trainingFile,
    });
    expect(second.model).toBe(first.fine_tuned_model);
    expect(fake.runJob(second.id).fine_tuned_model).toMatch(
      /^ft:gpt-4o-mini-2024-07-18:personal::/,
    );
  });
});

describe('the fake’s catalog', () => {
  it('is tunekit’s own model catalog: the same models, aliases and dates', async () => {
    const { defaultCatalog } = await import('../../src/data/catalog/catalog.ts');
    const { DEFAULT_CATALOG, TOGETHER_CATALOG } = await import('../../src/testing/index.ts');
    const of = (provider: string) =>
      defaultCatalog.entries.filter((entry) => entry.provider === provider);
    // OpenAI's models in the default flavour, Together's in the Together flavour.
    expect(DEFAULT_CATALOG.map((m) => m.id)).toEqual(of('openai').map((e) => e.id));
    expect(TOGETHER_CATALOG.map((m) => m.id)).toEqual(of('together').map((e) => e.id));
    expect(TOGETHER_CATALOG.find((m) => m.id === 'Qwen/Qwen3-8B')).toMatchObject({
      owned_by: 'Qwen',
      fineTuning: ['supervised', 'dpo'],
    });
    for (const entry of of('openai')) {
      const model = DEFAULT_CATALOG.find((m) => m.id === entry.id);
      expect(model?.aliases).toEqual(entry.aliases);
      expect(model?.shutdown_date).toBe(entry.shutdownDate?.value);
    }
    expect(DEFAULT_CATALOG.find((m) => m.id === 'o4-mini-2025-04-16')?.fineTuning).toEqual([
      'reinforcement',
    ]);
    expect(DEFAULT_CATALOG.find((m) => m.id === 'gpt-4o-2024-08-06')?.fineTuning).toEqual([
      'supervised',
      'dpo',
    ]);
  });
});
