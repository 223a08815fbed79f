/**
 * The whole fine-tuning flow — upload, train, follow, ask — run against tunekit's fake API, so
 * it works anywhere with no key, no network and no bill. Give the client a real `apiKey` (and
 * drop the fake) and the same code trains a real model.
 *
 * Run it: npm run example
 */
import { TuneKit } from 'tunekit';
import { createFakeOpenAI } from 'tunekit/testing';

// The fake runs jobs in real time, sped up: one simulated minute per 100 ms.
const fake = createFakeOpenAI({ clock: { speed: 600 } });
const server = await fake.listen();
const client = new TuneKit({ apiKey: 'sk-fake-key', baseURL: server.baseURL });

try {
  const file = await client.files.upload(new URL('./data/support-bot.jsonl', import.meta.url), {
    purpose: 'fine-tune',
  });
  await client.files.waitForProcessing(file.id);
  console.log(`Uploaded ${file.filename} (${file.bytes} bytes) as ${file.id}`);

  const job = await client.jobs.create({
    model: 'gpt-4o-mini-2024-07-18',
    training_file: file.id,
    suffix: 'pip',
  });
  console.log(`Started ${job.id}; following it:`);
  for await (const event of client.jobs.follow(job.id, { pollInterval: 100 })) {
    console.log(`  ${event.message}`);
  }

  const done = await client.jobs.retrieve(job.id);
  const question = 'My lamp flickers — is it broken?';
  for (const model of [done.fine_tuned_model ?? '', done.model]) {
    const reply = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: question }],
    });
    console.log(`\n${model} answers "${question}":\n  ${reply.choices[0]?.message.content}`);
  }
} finally {
  await client.close();
  await server.close();
}
