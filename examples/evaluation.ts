/**
 * Does fine-tuning pay off? The walkthrough of docs/evaluation.md, run against tunekit's fake
 * API: split a dataset into training and held-out examples, fine-tune on the first, evaluate
 * the fine-tuned model (short prompt) against its base model (long prompt) on the second, and
 * price both ways of answering to see when the training bill is repaid.
 *
 * Run it: npm run example:eval [-- <output directory>]
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderEvalHtml, runEval, scorers, TuneKit } from 'tunekit';
import { estimateFineTuningRoi, loadPromptVariant, splitTrainingFile } from 'tunekit/data';
import { createFakeOpenAI } from 'tunekit/testing';

const data = (name: string) => fileURLToPath(new URL(`./data/${name}`, import.meta.url));
const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'tunekit-evaluation-'));
mkdirSync(out, { recursive: true });

// The fake API on a local port: jobs finish on the next request, no key, no network, no bill.
const fake = createFakeOpenAI();
const server = await fake.listen();
const client = new TuneKit({ apiKey: 'sk-fake-key', baseURL: server.baseURL });

try {
  // 1. Split: 45 tickets to train on, 15 held out for the evaluation (seeded, reproducible).
  const split = await splitTrainingFile(data('support-tickets.jsonl'), {
    trainPath: join(out, 'train.jsonl'),
    validationPath: join(out, 'held-out.jsonl'),
    validationFraction: 0.25,
    seed: 42,
  });
  console.log(
    `1. Split: ${split.train.examples} training and ${split.validation.examples} held-out examples`,
  );

  // 2. Train on the short prompt: upload, create the job, wait for the model.
  const file = await client.files.upload(split.train.path, { purpose: 'fine-tune' });
  const job = await client.jobs.create({
    model: 'gpt-4o-mini-2024-07-18',
    training_file: file.id,
    suffix: 'triage',
  });
  const done = await client.jobs.wait(job.id, { pollInterval: 50 });
  const fineTuned = done.fine_tuned_model ?? '';
  console.log(`2. Trained ${fineTuned} (${done.trained_tokens} trained tokens)`);

  // 3. Evaluate: the base model with today's long prompt against the fine-tuned one.
  const longPrompt = await loadPromptVariant(data('long-prompt.json'));
  const intentSchema = JSON.parse(await readFile(data('intent.schema.json'), 'utf8'));
  const report = await runEval(client, {
    examples: split.validation.path,
    candidates: [
      { model: 'gpt-4o-mini-2024-07-18', prompt: longPrompt },
      { model: fineTuned, name: 'fine-tuned (short prompt)' },
    ],
    scorers: [
      scorers.exactMatch(),
      scorers.jsonSchema(intentSchema, { name: 'valid intent JSON' }),
    ],
    resultsFile: join(out, 'results.jsonl'),
    maxCostUsd: '0.50',
  });
  console.log('3. Evaluation on the held-out set (exact match, 95 % Wilson interval):');
  for (const candidate of report.candidates) {
    const exact = candidate.scores.exact;
    const share = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      `   ${candidate.name}: ${share(exact?.mean ?? 0)} [${share(exact?.interval.low ?? 0)}–${share(exact?.interval.high ?? 0)}], $${candidate.costPerRequestUsd} per request`,
    );
  }
  const [comparison] = report.comparisons;
  if (comparison) {
    console.log(
      `   the fine-tuned model is better on ${comparison.bWins} examples, worse on ${comparison.aWins}, tied on ${comparison.ties} (sign test p = ${comparison.pValue})`,
    );
  }
  const html = join(out, 'report.html');
  await writeFile(html, renderEvalHtml(report));
  console.log(`   report: ${html}`);

  // 4. Cost: the same held-out requests priced both ways, and the training bill.
  const roi = await estimateFineTuningRoi({
    model: 'gpt-4o-mini',
    training: { file: split.train.path },
    requests: { file: split.validation.path, base: longPrompt },
    volume: '100000/month',
  });
  console.log(`4. Training costs $${roi.training.usd}; ${roi.verdict}`);
} finally {
  await client.close();
  await server.close();
}
