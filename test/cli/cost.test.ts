import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/eval.ts';
import { runCli } from '../support/run-cli.ts';
import { fixture } from '../support/training-data.ts';

const example = (name: string) =>
  fileURLToPath(new URL(`../../examples/data/${name}`, import.meta.url));
const PRICES_2023 = example('prices-2023.json');
const ESC = String.fromCharCode(27);
/** A typical request as token figures: 1 prompt token either way, 1 answer token. */
const FIGURES = [
  '--base-input-tokens',
  '1',
  '--fine-tuned-input-tokens',
  '1',
  '--output-tokens',
  '1',
];
/** The 2023 gpt-3.5-turbo prices, a $2.40 training bill, and a 4K-in, 1K-out request. */
const SEEDS_2023 = [
  '--model',
  'gpt-3.5-turbo-2023',
  '--catalog',
  PRICES_2023,
  '--training-cost',
  '2.40',
  '--base-input-tokens',
  '4000',
  '--output-tokens',
  '1000',
];

describe('tunekit cost', () => {
  it("reproduces the seeds' figures: 16 × ($0.012 × 4 + $0.016) = $1.024, the 8× price, 87.5 %", () => {
    const { code, stdout } = runCli([
      'cost',
      ...SEEDS_2023,
      '--fine-tuned-input-tokens',
      '4000',
      '--volume',
      '16/month',
      '--json',
    ]);
    expect(code).toBe(0);
    const roi = JSON.parse(stdout);
    expect(roi.volume).toMatchObject({
      requests: 16,
      per: 'month',
      fineTunedUsd: '1.024',
      baseUsd: '0.128',
    });
    expect(roi.perRequest.fineTuned.usd).toBe('0.064');
    expect(roi.priceMultiplier).toEqual({ input: 8, output: 8 });
    expect(roi.promptReduction.ruleOfThumb).toEqual({ value: 0.875, text: '87.5%' });
    expect(roi.training.usd).toBe('2.40');
  });

  it('prices training from a file exactly: tokens per epoch × epochs × $8/1M', () => {
    const stats = JSON.parse(
      runCli(['data', 'stats', fixture('tool-calls.jsonl'), '--model', 'gpt-3.5-turbo', '--json'])
        .stdout,
    );
    const { code, stdout } = runCli([
      'cost',
      '--model',
      'gpt-3.5-turbo',
      '--train',
      fixture('tool-calls.jsonl'),
      '--epochs',
      '3',
      '--base-input-tokens',
      '1000',
      '--fine-tuned-input-tokens',
      '100',
      '--output-tokens',
      '50',
      '--json',
    ]);
    expect(code).toBe(0);
    const roi = JSON.parse(stdout);
    const trained = stats.billableTokensPerEpoch * 3;
    expect(roi.training.estimate).toMatchObject({
      epochs: 3,
      autoEpochs: false,
      trainedTokens: trained,
    });
    // $8 per 1M tokens is 8 micro-dollars a token (whole micro-dollars compare exactly).
    expect(Math.round(Number(roi.training.usd) * 1e6)).toBe(trained * 8);
  });

  it('prints a table and a one-line verdict from sample requests and a long prompt', () => {
    const dir = tempDir();
    const train = join(dir, 'train.jsonl');
    const heldOut = join(dir, 'held-out.jsonl');
    runCli([
      'data',
      'split',
      example('support-tickets.jsonl'),
      '--validation-fraction',
      '0.25',
      '--train-out',
      train,
      '--validation-out',
      heldOut,
    ]);
    const { code, stdout, stderr } = runCli([
      'cost',
      '--model',
      'gpt-4o-mini',
      '--train',
      train,
      '--requests',
      heldOut,
      '--base-prompt',
      example('long-prompt.json'),
      '--volume',
      '100000/month',
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('gpt-4o-mini-2024-07-18: 15 sample requests from');
    expect(stdout).toMatch(/base model, long prompt\s+fine-tuned, short prompt/);
    expect(stdout).toMatch(/price in \/ out per 1M\s+\$0\.15 \/ \$0\.60\s+\$0\.30 \/ \$1\.20/);
    expect(stdout).toMatch(/cost \/ month \(100,000\)\s+\$\d+\.\d+\s+\$\d+\.\d+/);
    expect(stdout).toMatch(
      /training \(once\)\s+–\s+\$0\.\d+ = [\d,]+ trained tokens \([\d,]+ × 3 epochs, auto\) at \$3\/1M/,
    );
    expect(stdout).toMatch(/break-even\s+[\d,]+ requests \(within a day at 100,000\/month\)/);
    const verdict = stdout.trimEnd().split('\n').at(-1);
    expect(verdict).toMatch(
      /^✓ Fine-tuning pays off after [\d,]+ requests \(within a day at 100,000 requests\/month\): each request saves \$0\.\d+ against gpt-4o-mini-2024-07-18 with the long prompt\.$/,
    );
    expect(stdout).not.toContain(ESC);
  });

  it('says when fine-tuning does not pay off (exit 0: the verdict is the answer)', () => {
    const { code, stdout } = runCli(['cost', ...SEEDS_2023, '--fine-tuned-input-tokens', '500']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/break-even\s+never: the fine-tuned request costs more/);
    expect(stdout).toMatch(
      /prompt\s+87\.5% shorter; no prompt is short enough for equal cost \(rule of thumb at 8× the input price: 87\.5%\)/,
    );
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^✗ Fine-tuning does not pay off on cost: each request costs \$0\.014 more/,
    );
  });

  it('exits 1 naming the file and line of a bad sample request, 2 for a missing training file', () => {
    const dir = tempDir();
    const requests = join(dir, 'requests.jsonl');
    writeFileSync(
      requests,
      '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}\n{"prompt": 1}\n',
    );
    const bad = runCli([
      'cost',
      '--model',
      'gpt-4o-mini',
      '--training-cost',
      '1',
      '--requests',
      requests,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      new RegExp(`^error: ${requests}:2: a completion example in a chat file`),
    );
    const missing = runCli([
      'cost',
      '--model',
      'gpt-4o-mini',
      '--train',
      join(dir, 'nope.jsonl'),
      '--requests',
      requests,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: cannot read --train .*nope\.jsonl: no such file\n$/);
  });

  it.each([
    [
      ['--model', 'gpt-4o-mini', '--requests', 'x.jsonl'],
      /the training cost needs --train <file> \(or --training-cost <usd>\)/,
    ],
    [
      ['--model', 'gpt-4o-mini', '--training-cost', '1'],
      /per-request costs need --requests <file>, or --base-input-tokens/,
    ],
    [['--model', 'gpt-99', '--training-cost', '1', ...FIGURES], /unknown model "gpt-99"/],
    [
      ['--model', 'gpt-4o-mini', '--training-cost', '1', ...FIGURES, '--volume', 'lots'],
      /not a request volume: "lots"/,
    ],
    [
      ['--model', 'gpt-3.5-turbo-1106', '--training-cost', '1', ...FIGURES],
      /no base inference price for gpt-3\.5-turbo-1106; add it with createModelCatalog/,
    ],
    [
      [
        '--model',
        'gpt-4o-mini',
        '--training-cost',
        '1',
        '--requests',
        'x.jsonl',
        '--base-prompt',
        'nope.json',
      ],
      // The requests file is checked first: every file before any work.
      /cannot read --requests x\.jsonl: no such file/,
    ],
    [
      ['--model', 'gpt-4o-mini', '--training-cost', '1', '--catalog', 'nope.json', ...FIGURES],
      /cannot read --catalog nope\.json: no such file/,
    ],
  ])('exits 2 on usage error %#', (args, message) => {
    const { code, stderr } = runCli(['cost', ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
