import { describe, expect, it } from 'vitest';
import { analyzeBreakEven, breakEvenVerdict } from '../../../src/data/roi/break-even.ts';
import { promptReductionForEqualCost } from '../../../src/data/roi/prompt-reduction.ts';
import { describeDuration, parseVolume } from '../../../src/data/roi/volume.ts';

// gpt-4o-mini: $0.15 / $0.60 per 1M for the base model, $0.30 / $1.20 fine-tuned.
const MINI = {
  base: { inputPer1M: '0.15', outputPer1M: '0.60' },
  fineTuned: { inputPer1M: '0.30', outputPer1M: '1.20' },
};

describe('analyzeBreakEven (hand-computed)', () => {
  it('one typical request: saves $0.00015, repays $2.40 after 16,000 requests', () => {
    // Base: 1,200 × 0.15 + 20 × 0.60 = 192 µ$; fine-tuned: 60 × 0.30 + 20 × 1.20 = 42 µ$.
    const analysis = analyzeBreakEven({
      prices: MINI,
      trainingUsd: '2.40',
      requests: { count: 1, baseInputTokens: 1_200, fineTunedInputTokens: 60, outputTokens: 20 },
      volume: { requests: 100_000, per: 'month' },
    });
    expect(analysis.perRequest).toEqual({
      base: { inputTokens: 1_200, outputTokens: 20, usd: '0.000192' },
      fineTuned: { inputTokens: 60, outputTokens: 20, usd: '0.000042' },
      savingsUsd: '0.00015',
    });
    expect(analysis.breakEvenRequests).toBe(16_000);
    expect(analysis.volume).toEqual({
      requests: 100_000,
      per: 'month',
      baseUsd: '19.20',
      fineTunedUsd: '4.20',
      savingsUsd: '15.00',
      breakEvenPeriods: 0.16,
    });
    expect(analysis.priceMultiplier).toEqual({ input: 2, output: 2 });
    expect(analysis.promptReduction.actual).toEqual({ value: 0.95, text: '95%' });
    expect(analysis.promptReduction.ruleOfThumb).toEqual({ value: 0.5, text: '50%' });
    // Equal cost: 192 − 20 × 1.20 = 168 µ$ left for the prompt: 560 of 1,200 tokens → 53.3 % shorter.
    expect(analysis.promptReduction.neededForEqualCost).toEqual({ value: 0.533333, text: '53.3%' });
    expect(analysis.paysOff).toBe(true);
    expect(breakEvenVerdict(analysis, 'gpt-4o-mini-2024-07-18')).toBe(
      'Fine-tuning pays off after 16,000 requests (about 5 days at 100,000 requests/month): each request saves $0.00015 against gpt-4o-mini-2024-07-18 with the long prompt.',
    );
  });

  it('rounds the break-even up: $1 at 3 µ$ a request is 333,334 requests, not 333,333', () => {
    // Base 20 in × 0.15 = 3 µ$; fine-tuned: an empty prompt and no output.
    const analysis = analyzeBreakEven({
      prices: MINI,
      trainingUsd: '1',
      requests: { count: 1, baseInputTokens: 20, fineTunedInputTokens: 0, outputTokens: 0 },
    });
    expect(analysis.perRequest.savingsUsd).toBe('0.000003');
    expect(analysis.breakEvenRequests).toBe(333_334);
    expect(analysis.volume).toBeNull();
  });

  it('averages several sample requests without rounding the mean first', () => {
    // Three requests: base prompts 100, 200, 301 tokens; fine-tuned 10, 10, 11; outputs 5, 5, 6.
    const analysis = analyzeBreakEven({
      prices: MINI,
      trainingUsd: '0.01',
      requests: { count: 3, baseInputTokens: 601, fineTunedInputTokens: 31, outputTokens: 16 },
    });
    // Base total: 601 × 0.15 + 16 × 0.60 = 99.75 µ$; fine-tuned: 31 × 0.30 + 16 × 1.20 = 28.5 µ$.
    expect(analysis.perRequest.base).toEqual({
      inputTokens: 200.33,
      outputTokens: 5.33,
      usd: '0.00003325',
    });
    expect(analysis.perRequest.fineTuned.usd).toBe('0.0000095');
    // Savings 71.25 µ$ over 3 requests; $0.01 × 3 / 71.25 µ$ = 421.05… → 422.
    expect(analysis.breakEvenRequests).toBe(422);
  });

  it('says so when fine-tuning never pays off, and why', () => {
    const analysis = analyzeBreakEven({
      prices: MINI,
      trainingUsd: '2.40',
      requests: { count: 1, baseInputTokens: 1_000, fineTunedInputTokens: 900, outputTokens: 100 },
      volume: { requests: 1_000, per: 'day' },
    });
    // Base 150 + 60 = 210 µ$; fine-tuned 270 + 120 = 390 µ$.
    expect(analysis.perRequest.savingsUsd).toBe('-0.00018');
    expect(analysis.breakEvenRequests).toBeNull();
    expect(analysis.volume?.savingsUsd).toBe('-0.18');
    expect(analysis.volume?.breakEvenPeriods).toBeNull();
    expect(analysis.paysOff).toBe(false);
    // 210 − 120 = 90 µ$ left for a prompt that costs 300 µ$ at full length: 70 % shorter.
    expect(analysis.promptReduction.neededForEqualCost?.text).toBe('70%');
    expect(breakEvenVerdict(analysis, 'gpt-4o-mini-2024-07-18')).toBe(
      'Fine-tuning does not pay off on cost: each request costs $0.00018 more on the fine-tuned model (its prompt would have to be 70% shorter than the base prompt for equal cost, not 10%). Fine-tune only if it answers better (measure it with tunekit eval).',
    );
  });

  it('needs no reduction when the fine-tuned price is not higher', () => {
    expect(
      promptReductionForEqualCost({ inputTokens: 100, outputTokens: 10 }, MINI.base, MINI.base),
    ).toEqual({ value: 0, text: '0%' });
  });

  it('rejects a count that is not a whole number ≥ 1', () => {
    expect(() =>
      analyzeBreakEven({
        prices: MINI,
        trainingUsd: '1',
        requests: { count: 0, baseInputTokens: 1, fineTunedInputTokens: 1, outputTokens: 1 },
      }),
    ).toThrow(/requests.count must be a whole number ≥ 1, got 0/);
  });
});

describe('volumes', () => {
  it.each([
    ['100000/month', { requests: 100_000, per: 'month' }],
    ['100,000 / months', { requests: 100_000, per: 'month' }],
    ['2.5k/day', { requests: 2_500, per: 'day' }],
    ['1.5M/year', { requests: 1_500_000, per: 'year' }],
    ['5000', { requests: 5_000, per: 'month' }],
    ['700/week', { requests: 700, per: 'week' }],
  ])('parses %s', (text, volume) => {
    expect(parseVolume(text)).toEqual(volume);
  });

  it.each([
    ['lots', /not a request volume: "lots"; expected e.g. 100000\/month/],
    ['100/fortnight', /not a request volume/],
    ['0/day', /whole number ≥ 1/],
    ['2.5/day', /whole number ≥ 1/],
  ])('rejects %s', (text, message) => {
    expect(() => parseVolume(text)).toThrow(message);
  });

  it('describes how long a number of requests takes', () => {
    expect(describeDuration(500, { requests: 1_000, per: 'day' })).toBe('within a day');
    expect(describeDuration(25_079, { requests: 100_000, per: 'month' })).toBe('about 8 days');
    expect(describeDuration(500_000, { requests: 100_000, per: 'month' })).toBe('about 5 months');
    expect(describeDuration(5_000_000, { requests: 100_000, per: 'month' })).toBe(
      'about 4.2 years',
    );
  });
});
