/**
 * Moving a fine-tuned model from OpenAI to Azure AI Foundry before OpenAI's self-serve
 * fine-tuning closes (no new jobs after 2027-01-06; gpt-4o, gpt-4o-mini, gpt-4.1 and
 * gpt-4.1-mini shut down with their fine-tunes on 2027-01-14): check what dies when, export
 * everything, check the data for the new provider, retrain on Azure, point the app at the
 * new model. docs/providers.md walks through the same steps.
 *
 * Here two fakes play OpenAI and Azure, so it runs anywhere with no key and no bill. Against
 * the real services, build the two clients from your environment instead (see the comments)
 * and drop the fakes. EXAMPLE_TODAY=YYYY-MM-DD judges the dates as of that day (default: today).
 *
 * Run it: npm run example:migrate
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportAll, TuneKit } from 'tunekit';
import { convertTrainingFile } from 'tunekit/data';
import { createFakeOpenAI } from 'tunekit/testing';

const today = process.env.EXAMPLE_TODAY
  ? new Date(`${process.env.EXAMPLE_TODAY}T12:00:00Z`)
  : new Date();
const question = 'Can I return a lamp?';

// Stand-ins for the two services. With real ones:
//   const openai = new TuneKit();                      // OPENAI_API_KEY
//   const azure = new TuneKit({ provider: 'azure' });  // AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY
const openaiFake = createFakeOpenAI();
const azureFake = createFakeOpenAI();
const [openaiServer, azureServer] = await Promise.all([openaiFake.listen(), azureFake.listen()]);
const openai = new TuneKit({
  apiKey: 'sk-fake-openai',
  baseURL: openaiServer.baseURL,
  now: () => today,
});
const azure = new TuneKit({
  provider: 'azure',
  apiKey: 'fake-azure-key',
  baseURL: azureServer.azureBaseURL,
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

  // 1. What dies when: the API's own shutdown date first, tunekit's catalog second.
  const life = await openai.models.lifecycle(oldModel);
  console.log(
    `1. ${oldModel}: ${life.status}, shuts down ${life.shutdownDate} (${life.daysLeft} days).`,
  );
  console.log(`   ${life.message}`);

  // 2. Export everything fine-tuning made: jobs, events, checkpoints, metrics, files.
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-migration-'));
  const backup = await exportAll(openai, dir);
  console.log(
    `2. Exported ${backup.jobs.total} job and ${backup.files.total} files (sha256 in ${backup.manifestPath}).`,
  );

  // 3. The training file, from the export, checked for the new provider.
  const job = backup.manifest.jobs[trained.id];
  const training = backup.manifest.files[job?.files.training ?? ''];
  if (!training) throw new Error('The training file is not in the export.');
  const trainingPath = join(dir, training.path);
  const check = await convertTrainingFile(trainingPath, { to: 'azure' });
  console.log(`3. ${check.kind === 'as-is' ? check.note : `Converted to ${check.outPath}.`}`);

  // 4. Retrain on Azure: same data, same base model, the training tier Azure asks for.
  const azureFile = await azure.files.upload(trainingPath, { purpose: 'fine-tune' });
  const azureJob = await azure.jobs.create({
    model: trained.model,
    training_file: azureFile.id,
    suffix: 'pip',
    trainingType: 'GlobalStandard',
  });
  const retrained = await azure.jobs.wait(azureJob.id);
  const newModel = retrained.fine_tuned_model ?? '';
  console.log(`4. Retrained on Azure: ${newModel} (job ${retrained.id}, ${retrained.status}).`);

  // 5. Deploy it and point the app at it. Deploying is Azure's control plane (portal or
  //    `az cognitiveservices account deployment create`); the fake stands in for that step.
  azureFake.deploy({ model: newModel, name: 'support-bot' });
  const app = new TuneKit({
    provider: 'azure',
    apiKey: 'fake-azure-key',
    baseURL: azureServer.azureBaseURL,
    // The app keeps naming the model; the client sends the deployment that serves it.
    deployments: { [newModel]: 'support-bot' },
  });
  const before = await openai.chat.completions.create({
    model: oldModel,
    messages: [{ role: 'user', content: question }],
  });
  const after = await app.chat.completions.create({
    model: newModel,
    messages: [{ role: 'user', content: question }],
  });
  console.log(`5. "${question}"`);
  console.log(`   OpenAI ${oldModel}:\n     ${before.choices[0]?.message.content}`);
  console.log(
    `   Azure ${newModel} (deployment support-bot):\n     ${after.choices[0]?.message.content}`,
  );
} finally {
  await Promise.all([openai.close(), azure.close(), openaiServer.close(), azureServer.close()]);
}
