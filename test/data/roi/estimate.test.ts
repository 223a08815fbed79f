import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { get_encoding } from 'tiktoken';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateFineTuningRoi } from '../../../src/data/roi/estimate.ts';
import { tempDir } from '../../support/eval.ts';
import { CAPITALS, capitalExample, chatTrainingFile } from '../../support/training-data.ts';

// tiktoken (WASM) as the independent reference for token counts.
const tiktoken = get_encoding('o200k_base');
afterAll(() => tiktoken.free());
const t = (text: string) => tiktoken.encode_ordinary(text).length;

const SYSTEM = 'You answer geography questions in one sentence.';
// Long enough that dropping it pays for the fine-tuned model's double price per token.
const LONG =
  'You are a meticulous geography tutor. Always answer with the full name of the capital city. '.repeat(
    5,
  );

function files() {
  const dir = tempDir();
  const train = join(dir, 'train.jsonl');
  const requests = join(dir, 'requests.jsonl');
  writeFileSync(train, chatTrainingFile(12));
  writeFileSync(
    requests,
    `${capitalExample('France', 'Paris')}\n${capitalExample('Peru', 'Lima')}\n`,
  );
  return { train, requests };
}

describe('estimateFineTuningRoi from files', () => {
  it('counts sample requests exactly, both ways, and prices training with auto epochs', async () => {
    const { train, requests } = files();
    const roi = await estimateFineTuningRoi({
      model: 'gpt-4o-mini',
      training: { file: train },
      requests: { file: requests, base: { system: LONG }, fineTuned: { system: null } },
      volume: '1000/day',
    });
    // Prompt tokens as the API bills them: 3 per message + role + content, and 3 to prime the reply.
    const user = (country: string) => 3 + t('user') + t(`What is the capital of ${country}?`);
    const base = (country: string) => 3 + t('system') + t(LONG) + user(country) + 3;
    const fineTuned = (country: string) => user(country) + 3;
    const output = t('The capital of France is Paris.') + t('The capital of Peru is Lima.');
    expect(roi.requests.each).toEqual([
      {
        line: 1,
        baseInputTokens: base('France'),
        fineTunedInputTokens: fineTuned('France'),
        outputTokens: t('The capital of France is Paris.'),
      },
      {
        line: 2,
        baseInputTokens: base('Peru'),
        fineTunedInputTokens: fineTuned('Peru'),
        outputTokens: t('The capital of Peru is Lima.'),
      },
    ]);
    expect(roi.requests).toMatchObject({
      count: 2,
      outputTokens: output,
      baseInputTokens: base('France') + base('Peru'),
      source: requests,
    });
    // 12 examples: auto epochs = ⌈100 / 12⌉ = 9.
    expect(roi.training.estimate).toMatchObject({
      epochs: 9,
      autoEpochs: true,
      model: 'gpt-4o-mini-2024-07-18',
    });
    const perEpoch = roi.training.estimate?.tokensPerEpoch ?? 0;
    const exampleTokens = (country: string, capital: string) =>
      3 +
      t('system') +
      t(SYSTEM) +
      (3 + t('user') + t(`What is the capital of ${country}?`)) +
      (3 + t('assistant') + t(`The capital of ${country} is ${capital}.`)) +
      3;
    expect(perEpoch).toBe(
      CAPITALS.reduce((sum, [c, k]) => sum + exampleTokens(c as string, k as string), 0),
    );
    // $3 per 1M training tokens = 3 micro-dollars a token.
    expect(Math.round(Number(roi.training.usd) * 1e6)).toBe(perEpoch * 9 * 3);
    expect(roi.training.file).toMatchObject({ examples: 12, valid: true, errors: 0 });
    expect(roi.verdict).toMatch(
      /^Fine-tuning pays off after [\d,]+ requests \((within a day|about \d+ days) at 1,000 requests\/day\)/,
    );
  });

  it('takes output tokens as given when told', async () => {
    const { requests } = files();
    const roi = await estimateFineTuningRoi({
      model: 'gpt-4o-mini',
      training: { usd: '1' },
      requests: { file: requests, outputTokens: 250 },
    });
    expect(roi.requests.each.map((r) => r.outputTokens)).toEqual([250, 250]);
    // No variants: both sides get the prompt as written.
    expect(roi.perRequest.base.inputTokens).toBe(roi.perRequest.fineTuned.inputTokens);
    expect(roi.paysOff).toBe(false);
  });

  it.each([
    [
      { model: 'o4-mini', training: { tokensPerEpoch: 1_000, examples: 50 } },
      /billed \$100 per hour of training, not per token: give the training bill as an amount/,
    ],
    [
      { model: 'gpt-4o-mini', training: { usd: '1.5.0' } },
      /training.usd must be a dollar amount like "2.40"/,
    ],
    [
      { model: 'gpt-4o-mini', training: { tokensPerEpoch: 10, examples: 10, epochs: 0 } },
      /epochs must be a whole number ≥ 1 or 'auto', got 0/,
    ],
    [
      { model: 'gpt-4o-mini', training: { usd: '1' }, volume: 'often' },
      /not a request volume: "often"/,
    ],
    [
      {
        model: 'gpt-4o-mini',
        training: { usd: '1' },
        requests: { baseInputTokens: -1, fineTunedInputTokens: 1, outputTokens: 1 },
      },
      /requests.baseInputTokens must be a whole number ≥ 0, got -1/,
    ],
  ])('rejects bad input %#', async (options, message) => {
    await expect(
      estimateFineTuningRoi({
        requests: { baseInputTokens: 100, fineTunedInputTokens: 10, outputTokens: 5 },
        ...options,
      } as Parameters<typeof estimateFineTuningRoi>[0]),
    ).rejects.toThrow(message);
  });
});
