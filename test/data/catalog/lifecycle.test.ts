import { describe, expect, it } from 'vitest';
import { baseModelOf, createModelCatalog } from '../../../src/data/catalog/catalog.ts';
import { daysUntil } from '../../../src/data/catalog/days.ts';
import { modelLifecycle } from '../../../src/data/catalog/lifecycle.ts';

const at = (day: string) => new Date(`${day}T12:00:00Z`);

describe('modelLifecycle', () => {
  it('on 2026-11-22: gpt-4o-mini is retiring — shutdown in 53 days, new jobs for 45', () => {
    const life = modelLifecycle('gpt-4o-mini', { now: at('2026-11-22') });

    expect(life).toMatchObject({
      catalogId: 'gpt-4o-mini-2024-07-18',
      status: 'retiring',
      canTrain: true,
      shutdownDate: '2027-01-14',
      shutdownSource: 'catalog',
      daysLeft: 53,
      trainingEndDate: '2027-01-06',
      trainingDaysLeft: 45,
      needsConfirmation: true,
    });
    expect(life.message).toContain('shuts down on 2027-01-14 (in 53 days)');
    expect(life.message).toContain('until 2027-01-06 (in 45 days)');
    expect(life.sources).toEqual(['https://platform.openai.com/docs/deprecations']);
  });

  it('is active, without confirmation, when nothing falls in the window', () => {
    const life = modelLifecycle('gpt-4.1-mini', { now: at('2026-06-01') });
    expect(life.status).toBe('active');
    expect(life.needsConfirmation).toBe(false);
    expect(life.daysLeft).toBe(227);
    // A smaller window than the default changes nothing; a larger one catches it.
    expect(
      modelLifecycle('gpt-4.1-mini', { now: at('2026-06-01'), warnWithinDays: 250 }).status,
    ).toBe('retiring');
  });

  it('after 2027-01-06 training is closed, and the message says where to go instead', () => {
    const life = modelLifecycle('gpt-4.1', { now: at('2027-01-07') });
    expect(life).toMatchObject({
      status: 'training-closed',
      canTrain: false,
      trainingDaysLeft: -1,
      daysLeft: 7,
      needsConfirmation: true,
    });
    expect(life.message).toContain('New fine-tuning jobs for gpt-4.1-2025-04-14 closed yesterday');
    expect(life.message).toContain("provider: 'azure'");
  });

  it('is shut down on and after the shutdown day', () => {
    expect(modelLifecycle('gpt-4o', { now: at('2027-01-14') })).toMatchObject({
      status: 'shut-down',
      daysLeft: 0,
      canTrain: false,
    });
    const nano = modelLifecycle('gpt-4.1-nano-2025-04-14', { now: at('2026-11-22') });
    expect(nano.status).toBe('shut-down');
    expect(nano.message).toContain('shut down 30 days ago (2026-10-23)');
  });

  it('answers for a fine-tuned model with its base model’s dates, OpenAI and Azure names alike', () => {
    for (const name of [
      'ft:gpt-4o-mini-2024-07-18:acme:support:abc123',
      'ft:gpt-4o-mini-2024-07-18:acme:support:abc123:ckpt-step-90',
      'gpt-4o-mini-2024-07-18.ft-5fd1918ee65d4cd3',
    ]) {
      const life = modelLifecycle(name, { now: at('2026-11-22') });
      expect(life.catalogId).toBe('gpt-4o-mini-2024-07-18');
      expect(life.daysLeft).toBe(53);
      expect(life.message).toContain(', and this fine-tuned model with it.');
    }
  });

  it('prefers the date the API reported over the catalog, in any of its forms', () => {
    const fromApi = modelLifecycle('gpt-4o-mini', {
      now: at('2026-11-22'),
      apiShutdownDate: '2027-02-01',
    });
    expect(fromApi).toMatchObject({
      shutdownDate: '2027-02-01',
      shutdownSource: 'api',
      daysLeft: 71,
    });
    // Azure reports Unix seconds (`deprecation.inference`).
    const seconds = Date.UTC(2027, 0, 31) / 1000;
    expect(
      modelLifecycle('gpt-4o-mini', { now: at('2026-11-22'), apiShutdownDate: seconds })
        .shutdownDate,
    ).toBe('2027-01-31');
    // Something that is not a date is ignored, not trusted.
    expect(
      modelLifecycle('gpt-4o-mini', { now: at('2026-11-22'), apiShutdownDate: 'soon' }),
    ).toMatchObject({ shutdownDate: '2027-01-14', shutdownSource: 'catalog' });
  });

  it('does not apply OpenAI’s dates to another provider: unknown unless the API says', () => {
    const azure = modelLifecycle('gpt-4o-mini-2024-07-18', {
      now: at('2026-11-22'),
      provider: 'azure',
    });
    expect(azure).toMatchObject({ status: 'unknown', canTrain: null, needsConfirmation: false });
    expect(azure.message).toContain('at azure');

    const reported = modelLifecycle('gpt-4o-mini-2024-07-18', {
      now: at('2026-11-22'),
      provider: 'azure',
      apiShutdownDate: '2027-03-01',
      apiTrainingEndDate: '2026-12-01',
    });
    expect(reported).toMatchObject({ status: 'retiring', trainingDaysLeft: 9, daysLeft: 99 });
    expect(reported.message).not.toContain("provider: 'azure'");
  });

  it('uses a catalog the caller extends, e.g. with Azure dates', () => {
    const catalog = createModelCatalog([
      {
        id: 'gpt-4o-mini-2024-07-18',
        provider: 'azure',
        encoding: 'o200k_base',
        fineTunable: true,
        maxTokensPerExample: null,
        training: null,
        shutdownDate: { value: '2027-06-30', source: 'my notes', asOf: '2026-11-01' },
      },
    ]);
    expect(
      modelLifecycle('gpt-4o-mini-2024-07-18', {
        now: at('2026-11-22'),
        provider: 'azure',
        catalog,
      }),
    ).toMatchObject({ status: 'active', shutdownDate: '2027-06-30', sources: ['my notes'] });
  });

  it('says so for a model nobody knows, and refuses a clock that is not a date', () => {
    expect(modelLifecycle('my-own-model', { now: at('2026-11-22') }).status).toBe('unknown');
    expect(() => modelLifecycle('gpt-4o', { now: new Date('nope') })).toThrow(
      /options\.now must be a valid Date/,
    );
    expect(() => modelLifecycle('gpt-4o', { now: at('2026-11-22'), warnWithinDays: -1 })).toThrow(
      RangeError,
    );
  });
});

describe('dates and names', () => {
  it('counts whole UTC days', () => {
    expect(daysUntil('2027-01-14', new Date('2026-11-22T00:00:00Z'))).toBe(53);
    expect(daysUntil('2027-01-14', new Date('2026-11-22T23:59:59Z'))).toBe(53);
    expect(daysUntil('2026-11-21', new Date('2026-11-22T08:00:00Z'))).toBe(-1);
  });

  it('finds the base of fine-tuned model names', () => {
    expect(baseModelOf('ft:gpt-4o-mini-2024-07-18:acme::abc123')).toBe('gpt-4o-mini-2024-07-18');
    expect(baseModelOf('gpt-4.1-2025-04-14.ft-5fd1918ee65d4cd3')).toBe('gpt-4.1-2025-04-14');
    expect(baseModelOf('gpt-4.1-2025-04-14')).toBeUndefined();
    expect(baseModelOf('ft:')).toBeUndefined();
  });
});
