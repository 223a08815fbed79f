import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { FakeOpenAI } from '../../../src/testing/index.ts';
import { chatTrainingFile } from '../training-data.ts';
import type { TogetherPort } from './together-port.ts';

/** The base model the scenario trains (in Together's catalog, and so in the fake's). */
export const TOGETHER_BASE = 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';

/** What a scenario run needs, fresh for each test. */
export interface TogetherScenarioSetup {
  /** A fake on the manual clock, so the scenario moves time itself. */
  fake: FakeOpenAI;
  port: TogetherPort;
  /** The same client with a key the fake refuses. */
  portWithWrongKey: TogetherPort;
}

const written: string[] = [];

function trainingFileOnDisk(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tunekit-together-'));
  written.push(dir);
  const path = join(dir, 'train.jsonl');
  writeFileSync(path, content);
  return path;
}

/** The HTTP status a rejected call carried (both clients' errors have `status`). */
async function statusOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => 'resolved',
    (error: { status?: unknown }) => error.status,
  );
}

/**
 * The scenario the issue names: upload, create, list, retrieve, events until done, cancel
 * another job, chat with the fine-tuned model (plain and streamed), and the errors 404 and 401.
 */
export function defineTogetherScenario(setup: () => TogetherScenarioSetup): void {
  afterAll(() => {
    for (const dir of written.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('uploads, trains, follows the events to the end, cancels another job, and chats with the model', async () => {
    const { fake, port } = setup();
    const training = chatTrainingFile(12);
    const file = await port.upload(trainingFileOnDisk(training));
    expect(file).toMatchObject({ filename: 'train.jsonl', bytes: Buffer.byteLength(training) });
    // The bytes went to the signed URL without the key, and arrived whole.
    const puts = fake.calls.filter((call) => call.route === 'files.put');
    expect(puts.map((call) => [call.status, call.auth])).toEqual([[200, null]]);

    const job = await port.createJob({
      model: TOGETHER_BASE,
      training_file: file.id,
      suffix: 'geo',
    });
    expect(job).toMatchObject({ status: 'pending' });
    expect(job.outputModel).toMatch(/^tunekit-fake\/Meta-Llama-3\.1-8B-Instruct-Reference-geo/);
    const other = await port.createJob({ model: 'Qwen/Qwen3-8B', training_file: file.id });
    expect((await port.listJobIds()).sort()).toEqual([job.id, other.id].sort());

    expect((await port.cancelJob(other.id)).status).toBe('cancel_requested');
    expect((await port.retrieveJob(other.id)).status).toBe('cancelled');

    // Events until done: a bounded loop, time moving ten seconds between reads.
    const seen: string[][] = [];
    let current = await port.retrieveJob(job.id);
    for (let round = 0; round < 100 && current.status !== 'completed'; round += 1) {
      fake.advance(10_000);
      seen.push(await port.eventMessages(job.id));
      current = await port.retrieveJob(job.id);
    }
    expect(current.status).toBe('completed');
    expect(seen.length).toBeGreaterThan(3);
    const events = await port.eventMessages(job.id);
    // The list only grows: every earlier read is a prefix of the final one.
    for (const read of seen) expect(events.slice(0, read.length)).toEqual(read);
    expect(events[0]).toBe(`Fine-tune request created for ${job.id}`);
    expect(events.at(-1)).toBe(`Job completed: ${job.outputModel} is ready`);

    const model = current.outputModel ?? '';
    expect(await port.chat(model, 'capital of Kenya?')).toEqual({
      content: 'The capital of Kenya is Nairobi.',
      finishReason: 'eos',
    });
    const streamed = await port.chatStream(model, 'Tell me the capital of Peru');
    expect(streamed).toMatchObject({
      content: 'The capital of Peru is Lima.',
      finishReason: 'eos',
    });
    expect(streamed.totalTokens).toBeGreaterThan(0);
  });

  it('answers 404 for what does not exist and 401 for a wrong key', async () => {
    const { port, portWithWrongKey } = setup();

    expect(await statusOf(port.retrieveJob('ft-00000000-0000-0000-0000-000000000000'))).toBe(404);
    expect(await statusOf(port.chat('nobody/no-such-model', 'hello'))).toBe(404);
    expect(await statusOf(portWithWrongKey.listJobIds())).toBe(401);
  });
}
