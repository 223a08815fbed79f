/**
 * Fine-tunes a model on a training file and prints the fine-tuned model's name — the train step
 * of docs/evaluation.md, through the library (until `tunekit train` does it from the CLI). It
 * uses OPENAI_BASE_URL and OPENAI_API_KEY like the CLI, so it runs against `tunekit
 * fake-server` as well as against the real API (where it costs money).
 *
 * Run it: node --import ./scripts/source-imports.ts examples/train-and-print-model.ts train.jsonl [model]
 */
import { TuneKit } from 'tunekit';

const [trainingFile, model = 'gpt-4o-mini-2024-07-18'] = process.argv.slice(2);
if (!trainingFile) {
  console.error('usage: train-and-print-model.ts <training file> [model]');
  process.exit(2);
}

const client = new TuneKit();
try {
  const file = await client.files.upload(trainingFile, { purpose: 'fine-tune' });
  await client.files.waitForProcessing(file.id);
  const job = await client.jobs.create({ model, training_file: file.id, suffix: 'triage' });
  const done = await client.jobs.wait(job.id, { onEvent: (event) => console.error(event.message) });
  console.log(done.fine_tuned_model);
} finally {
  await client.close();
}
