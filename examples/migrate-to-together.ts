/**
 * Moving a fine-tuned model from OpenAI to Together AI, where the same code trains open models
 * (Llama, Qwen, Mistral, Gemma…), before OpenAI's self-serve fine-tuning closes (no new jobs
 * after 2027-01-06): see what dies when, export everything, convert the data where Together's
 * format is stricter, pick a base model, retrain, compare the answers. docs/providers.md walks
 * through the same steps and says what could not be confirmed about Together.
 *
 * Here two fakes play OpenAI and Together, so it runs anywhere with no key and no bill. Against
 * the real services, build the two clients from your environment instead (see the comments)
 * and drop the fakes. EXAMPLE_TODAY=YYYY-MM-DD judges the dates as of that day (default: today).
 *
 * Run it: npm run example:migrate-together
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportAll, TuneKit } from 'tunekit';
import {
  convertTrainingFile,
  defaultCatalog,
  estimateTrainingCost,
  validateTrainingFile,
} from 'tunekit/data';
import { createFakeOpenAI } from 'tunekit/testing';

const today = process.env.EXAMPLE_TODAY
  ? new Date(`${process.env.EXAMPLE_TODAY}T12:00:00Z`)
  : new Date();
const question = 'Can I return a lamp?';
/** The open model to train: an 8B Llama with a long context, cheap to serve. */
const base = 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';

// Stand-ins for the two services. With real ones:
//   const openai = new TuneKit();                            // OPENAI_API_KEY
//   const together = new TuneKit({ provider: 'together' });  // TOGETHER_API_KEY
const openaiFake = createFakeOpenAI();
const togetherFake = createFakeOpenAI({ provider: 'together' });
const [openaiServer, togetherServer] = await Promise.all([
  openaiFake.listen(),
  togetherFake.listen(),
]);
const openai = new TuneKit({
  apiKey: 'sk-fake-openai',
  baseURL: openaiServer.baseURL,
  now: () => today,
});
const together = new TuneKit({
  provider: 'together',
  apiKey: 'fake-together-key',
  baseURL: togetherServer.baseURL,
  now: () => today,
});

try {
  // What the OpenAI account already has: a model fine-tuned on the support data.
  const upload = await openai.files.upload(new URL('./data/support-bot.jsonl', import.meta.url), {
    purpose: 'fine-tune',
  });
  const trained = await openai.jobs.wait(
    (
      await openai.jobs.create({
        model: 'gpt-4o-mini-2024-07-18',
        training_file: upload.id,
        suffix: 'pip',
      })
    ).id,
  );
  const oldModel = trained.fine_tuned_model ?? '';

  // 1. What dies when.
  const life = await openai.models.lifecycle(oldModel);
  console.log(
    `1. ${oldModel}: ${life.status}, shuts down ${life.shutdownDate} (${life.daysLeft} days).`,
  );

  // 2. Export everything fine-tuning made: jobs, events, checkpoints, metrics, files.
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-migration-'));
  const backup = await exportAll(openai, dir);
  console.log(`2. Exported ${backup.jobs.total} job and ${backup.files.total} files.`);

  // 3. The training file in Together's conversational format: OpenAI's chat lines without
  //    tools, images or developer messages (lines it cannot take are listed, not dropped silently).
  const job = backup.manifest.jobs[trained.id];
  const training = backup.manifest.files[job?.files.training ?? ''];
  if (!training) throw new Error('The training file is not in the export.');
  const converted = join(dir, 'train.together.jsonl');
  const result = await convertTrainingFile(join(dir, training.path), {
    to: 'together',
    outPath: converted,
  });
  const skipped = result.kind === 'converted' ? result.skipped.length : 0;
  console.log(`3. Converted for Together: ${converted} (${skipped} lines left out).`);

  // 4. The cost side by side, counted for each model's tokenizer. Together's per-token rate
  //    could not be confirmed: its estimate says so rather than guess.
  for (const model of ['gpt-4o-mini-2024-07-18', base]) {
    const entry = defaultCatalog.find(model);
    if (!entry) continue;
    const report = await validateTrainingFile(converted, { model });
    const cost = estimateTrainingCost({
      model: entry,
      tokensPerEpoch: report.stats.billableTokensPerEpoch,
      examples: report.stats.examples,
      epochs: 3,
    });
    const price = cost.usd === null ? `no price (${cost.note})` : `$${cost.usd}`;
    console.log(`4. ${model}: ${cost.trainedTokens} training tokens for 3 epochs, ${price}.`);
  }

  // 5. Retrain at Together: the converted data, an open base model, three epochs, LoRA.
  const file = await together.files.upload(converted, { purpose: 'fine-tune' });
  const created = await together.jobs.create({
    model: base,
    training_file: file.id,
    suffix: 'pip',
    method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3 } } },
    together: { training_type: { type: 'Lora', lora_r: 16, lora_alpha: 32 }, learning_rate: 1e-4 },
  });
  const retrained = await together.jobs.wait(created.id);
  const newModel = retrained.fine_tuned_model ?? '';
  console.log(`5. Retrained at Together: ${newModel} (job ${retrained.id}, ${retrained.status}).`);

  // 6. Point the app at the new model and compare answers before switching traffic.
  const before = await openai.chat.completions.create({
    model: oldModel,
    messages: [{ role: 'user', content: question }],
  });
  const after = await together.chat.completions.create({
    model: newModel,
    messages: [{ role: 'user', content: question }],
  });
  console.log(`6. "${question}"`);
  console.log(`   OpenAI ${oldModel}:\n     ${before.choices[0]?.message.content}`);
  console.log(`   Together ${newModel}:\n     ${after.choices[0]?.message.content}`);
} finally {
  await Promise.all([
    openai.close(),
    together.close(),
    openaiServer.close(),
    togetherServer.close(),
  ]);
}
