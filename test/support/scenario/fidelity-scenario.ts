import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  ChatCompletion,
  ChatCompletionChunk,
  FileDeleted,
  FileObject,
  FineTuningJob,
  FineTuningJobCheckpoint,
  FineTuningJobEvent,
  Upload,
  UploadPart,
} from '../../../src/schemas/index.ts';
import type { FakeOpenAI } from '../../../src/testing/index.ts';
import { chatTrainingFile } from '../training-data.ts';
import type { ClientPort } from './client-port.ts';

/** The value parsed by a response schema: the test fails with zod's report if it does not parse. */
function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(JSON.parse(JSON.stringify(value)));
  if (!result.success) throw new Error(`Response does not parse: ${result.error.message}`);
  return result.data;
}

/** Uploads the 12-example capitals training file from a stream and returns the parsed file. */
async function uploadTrainingFile(port: ClientPort) {
  const path = trainingFileOnDisk('train.jsonl', chatTrainingFile(12));
  return parsed(FileObject, await port.uploadFromStream(path, 'fine-tune'));
}

/** What differs between providers in what the scenario sees (defaults: OpenAI's answers). */
export interface ScenarioExpectations {
  /** The status of a job just created: `validating_files` at OpenAI, `pending` at Azure. */
  createdStatus: string;
  /** The name of the model a job trains from `base` with `suffix`. */
  fineTunedModel(base: string, suffix: string): RegExp;
  /** The `model` a chat request names to reach a fine-tuned model (Azure: its deployment). */
  servingName(model: string): string;
  /** Whether pause and resume exist; when not, the client must refuse them with a typed error. */
  pauseResume: boolean;
}

const OPENAI_EXPECTATIONS: ScenarioExpectations = {
  createdStatus: 'validating_files',
  fineTunedModel: (base, suffix) =>
    new RegExp(`^ft:${base.replaceAll('.', '\\.')}:personal:${suffix}:`),
  servingName: (model) => model,
  pauseResume: true,
};

/** What a scenario run needs, created fresh for each test. */
export interface ScenarioSetup {
  fake: FakeOpenAI;
  port: ClientPort;
  expectations?: Partial<ScenarioExpectations>;
}

/** Temporary directories of the files written for the current scenario, removed after it. */
const written: string[] = [];

function trainingFileOnDisk(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tunekit-fidelity-'));
  written.push(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/**
 * The fidelity scenario: files, uploads, fine-tuning and chat, every call through a real
 * client, every response checked against tunekit's schemas. `setup` gives a fresh fake (with
 * the manual clock) and a client port for each test.
 */
export function defineFidelityScenario(setup: () => ScenarioSetup): void {
  afterAll(() => {
    for (const dir of written.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('files: create from a stream, list with auto-pagination, retrieve, content, delete', async () => {
    const { port } = setup();
    const training = chatTrainingFile(12);
    const first = parsed(
      FileObject,
      await port.uploadFromStream(trainingFileOnDisk('train.jsonl', training), 'fine-tune'),
    );
    const second = parsed(
      FileObject,
      await port.uploadFromStream(
        trainingFileOnDisk('valid.jsonl', chatTrainingFile(10)),
        'fine-tune',
      ),
    );
    expect(first).toMatchObject({
      filename: 'train.jsonl',
      purpose: 'fine-tune',
      bytes: Buffer.byteLength(training),
      status: 'processed',
    });

    const listed = (await port.listAllFiles(1)).map((file) => parsed(FileObject, file).id);
    expect(listed).toEqual([second.id, first.id]);

    expect(parsed(FileObject, await port.retrieveFile(first.id)).id).toBe(first.id);
    expect(await port.fileText(first.id)).toBe(training);
    expect(parsed(FileDeleted, await port.deleteFile(second.id))).toMatchObject({
      id: second.id,
      deleted: true,
    });
    expect((await port.listAllFiles(10)).map((file) => parsed(FileObject, file).id)).toEqual([
      first.id,
    ]);
  });

  it('uploads: create, add parts, complete into a normal file', async () => {
    const { port } = setup();
    const content = chatTrainingFile(12);
    const bytes = new TextEncoder().encode(content);
    const cut = Math.floor(bytes.byteLength / 2);
    const upload = parsed(
      Upload,
      await port.createUpload({
        filename: 'big.jsonl',
        bytes: bytes.byteLength,
        mime_type: 'text/jsonl',
      }),
    );
    expect(upload.status).toBe('pending');
    // Parts sent out of order, assembled in the order of part_ids.
    const tail = parsed(UploadPart, await port.addUploadPart(upload.id, bytes.slice(cut)));
    const head = parsed(UploadPart, await port.addUploadPart(upload.id, bytes.slice(0, cut)));
    const md5 = createHash('md5').update(bytes).digest('hex');
    const done = parsed(Upload, await port.completeUpload(upload.id, [head.id, tail.id], md5));
    expect(done.status).toBe('completed');
    expect(done.file).toMatchObject({
      filename: 'big.jsonl',
      bytes: bytes.byteLength,
      purpose: 'fine-tune',
    });
    expect(await port.fileText(done.file?.id ?? '')).toBe(content);
  });

  it('fine-tuning: create, list, retrieve, events, checkpoints, pause, resume, cancel', async () => {
    const { port, fake, expectations } = setup();
    const expected = { ...OPENAI_EXPECTATIONS, ...expectations };
    const file = await uploadTrainingFile(port);
    const job = parsed(
      FineTuningJob,
      await port.createJob({
        model: 'gpt-4o-mini',
        training_file: file.id,
        suffix: 'geo',
        metadata: { run: 'a' },
      }),
    );
    expect(job.status).toBe(expected.createdStatus);
    const other = parsed(
      FineTuningJob,
      await port.createJob({ model: 'gpt-4.1-mini', training_file: file.id }),
    );

    const jobs = (await port.listAllJobs()).map((j) => parsed(FineTuningJob, j).id);
    expect(jobs).toEqual([other.id, job.id]);

    fake.runJob(job.id);
    const finished = parsed(FineTuningJob, await port.retrieveJob(job.id));
    expect(finished.status).toBe('succeeded');
    expect(finished.fine_tuned_model).toMatch(
      expected.fineTunedModel('gpt-4o-mini-2024-07-18', 'geo'),
    );

    const page = await port.listEvents(job.id, 5);
    expect(page.data).toHaveLength(5);
    expect(page.has_more).toBe(true);
    expect(parsed(FineTuningJobEvent, page.data[0]).message).toBe(
      'The job has successfully completed',
    );
    const events = (await port.listAllEvents(job.id)).map((e) => parsed(FineTuningJobEvent, e));
    expect(events.at(-1)?.message).toBe(`Created fine-tuning job: ${job.id}`);
    expect(events.some((e) => e.type === 'metrics')).toBe(true);

    const checkpoints = (await port.listCheckpoints(job.id)).map((c) =>
      parsed(FineTuningJobCheckpoint, c),
    );
    expect(checkpoints.map((c) => c.step_number)).toEqual([108, 96, 84]);
    expect(checkpoints[0]?.fine_tuned_model_checkpoint).toBe(finished.fine_tuned_model);

    fake.runJob(other.id, { until: 'running' });
    if (expected.pauseResume) {
      expect(parsed(FineTuningJob, await port.pauseJob(other.id)).status).toBe('paused');
      expect(parsed(FineTuningJob, await port.resumeJob(other.id)).status).toBe('running');
    } else {
      await expect(port.pauseJob(other.id)).rejects.toMatchObject({
        name: 'NotSupportedByProviderError',
        feature: 'jobs.pause',
      });
      await expect(port.resumeJob(other.id)).rejects.toMatchObject({ feature: 'jobs.resume' });
    }
    expect(parsed(FineTuningJob, await port.cancelJob(other.id)).status).toBe('cancelled');
  });

  it('chat: create and stream against a model the fake trained', async () => {
    const { port, fake, expectations } = setup();
    const expected = { ...OPENAI_EXPECTATIONS, ...expectations };
    const file = await uploadTrainingFile(port);
    const job = parsed(
      FineTuningJob,
      await port.createJob({ model: 'gpt-4o-mini', training_file: file.id }),
    );
    const model = expected.servingName(fake.runJob(job.id).fine_tuned_model ?? '');

    const completion = parsed(ChatCompletion, await port.chat(model, 'capital of Kenya?'));
    expect(completion.choices[0]?.message.content).toBe('The capital of Kenya is Nairobi.');

    const chunks = (await port.chatStream(model, 'Tell me the capital of Peru')).map((c) =>
      parsed(ChatCompletionChunk, c),
    );
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('The capital of Peru is Lima.');
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
  });
}
