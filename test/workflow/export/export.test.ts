import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  APIUserAbortError,
  ExportManifest,
  type ExportProgress,
  exportAll,
  InvalidArgumentError,
  TuneKit,
} from '../../../src/index.ts';
import { createFakeOpenAI, type FakeOpenAI } from '../../../src/testing/index.ts';
import { clientFor, TEST_API_KEY, uploadTrainingFile } from '../../support/fake-client.ts';
import { forEachProvider } from '../../support/providers.ts';
import { brokenTrainingFile, chatTrainingFile } from '../../support/training-data.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function exportDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tunekit-export-'));
  dirs.push(dir);
  return dir;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Every file under `dir`, relative, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** Two finished jobs (one with a validation file), one failed, one unused upload, one deleted file. */
async function accountWithHistory(client: TuneKit, fake: FakeOpenAI, models: [string, string]) {
  const upload = async (name: string, content: string) => ({
    id: await uploadTrainingFile(client, content, name),
  });
  const train = await upload('train.jsonl', chatTrainingFile(12));
  const valid = await upload('valid.jsonl', chatTrainingFile(10));
  const broken = await upload('broken.jsonl', brokenTrainingFile());
  const unused = await upload('../../escape me.jsonl', chatTrainingFile(11));
  const gone = await upload('gone.jsonl', chatTrainingFile(13));
  const first = await client.jobs.create({
    model: models[0],
    training_file: train.id,
    validation_file: valid.id,
  });
  const second = await client.jobs.create({ model: models[1], training_file: gone.id });
  const failed = await client.jobs.create({ model: models[0], training_file: broken.id });
  for (const job of [first, second, failed]) fake.runJob(job.id);
  await client.files.delete(gone.id);
  return { train, valid, broken, unused, gone, first, second, failed };
}

/** The two base models each provider's account trained. */
const modelsOf = (provider: string): [string, string] =>
  provider === 'together'
    ? ['meta-llama/Meta-Llama-3.1-8B-Instruct-Reference', 'Qwen/Qwen3-8B']
    : ['gpt-4o-mini', 'gpt-4.1-mini'];

/**
 * How each provider's job story reads: first and last event, checkpoints of a 12-example job,
 * and whether metrics come from result files (Together keeps them behind an endpoint).
 */
const STORY = {
  openai: (jobId: string) => ({
    first: `Created fine-tuning job: ${jobId}`,
    last: /^The job has successfully completed$/,
    checkpoints: 3,
    resultFiles: true,
  }),
  together: (jobId: string) => ({
    first: `Fine-tune request created for ${jobId}`,
    last: /^Job completed: /,
    // One epoch by default, one checkpoint (the final one).
    checkpoints: 1,
    resultFiles: false,
  }),
};

forEachProvider(
  'exportAll',
  (setup) => {
    it('backs up every job and file with a manifest of paths and sha256 sums', async () => {
      const { client, fake, provider } = setup();
      const api = client();
      const history = await accountWithHistory(api, fake, modelsOf(provider));
      const story = (provider === 'together' ? STORY.together : STORY.openai)(history.first.id);
      const dir = await exportDir();

      const result = await exportAll(api, dir);

      const manifest = ExportManifest.parse(
        JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')),
      );
      expect(manifest).toEqual(JSON.parse(JSON.stringify(result.manifest)));
      expect(Object.keys(manifest.jobs).sort()).toEqual(
        [history.first.id, history.second.id, history.failed.id].sort(),
      );
      // Every copy on disk is what the manifest says, byte for byte.
      for (const copy of Object.values(manifest.files)) {
        const content = await readFile(join(dir, copy.path));
        expect(sha256(content)).toBe(copy.sha256);
        expect(content.length).toBe(copy.bytes);
      }
      expect(manifest.files[history.train.id]).toMatchObject({
        filename: 'train.jsonl',
        roles: ['training'],
        jobs: [history.first.id],
        sha256: sha256(chatTrainingFile(12)),
      });
      expect(manifest.files[history.valid.id]?.roles).toEqual(['validation']);
      // A file no job used is kept too, under a name that stays inside the export.
      expect(manifest.files[history.unused.id]?.path).toBe(
        `files/${history.unused.id}/escape_me.jsonl`,
      );

      const job = manifest.jobs[history.first.id];
      expect(job).toMatchObject({ status: 'succeeded', files: { validation: history.valid.id } });
      if (story.resultFiles) {
        const resultFile = job?.files.results[0] ?? '';
        expect(manifest.files[resultFile]?.roles).toEqual(['result']);
      } else {
        expect(job?.files.results).toEqual([]);
      }
      const events = (await readFile(join(dir, job?.events?.path ?? ''), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { message: string });
      expect(events).toHaveLength(job?.events?.count ?? -1);
      expect(events[0]?.message).toBe(story.first);
      expect(events.at(-1)?.message).toMatch(story.last);
      expect(job?.checkpoints?.count).toBe(story.checkpoints);
      const rows = JSON.parse(await readFile(join(dir, job?.metrics?.path ?? ''), 'utf8'));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows).toEqual(await api.jobs.metrics(history.first.id));

      expect(manifest.jobs[history.failed.id]).toMatchObject({ status: 'failed', metrics: null });
      expect(result.problems).toEqual([
        {
          id: history.gone.id,
          what: 'file',
          message: expect.stringContaining(
            `training file of job ${history.second.id} no longer exists`,
          ),
        },
      ]);
      expect((await filesUnder(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    });

    it('resumes: skips what is intact, downloads again what changed or vanished on disk', async () => {
      const { client, fake, provider } = setup();
      const api = client();
      const history = await accountWithHistory(api, fake, modelsOf(provider));
      const dir = await exportDir();
      const first = await exportAll(api, dir);
      const count = (route: string) => fake.calls.filter((c) => c.route === route).length;
      const before = {
        content: count('files.content'),
        events: count('jobs.events'),
        metrics: count('jobs.metrics'),
      };

      const second = await exportAll(api, dir);

      expect(second.jobs).toEqual({ total: 3, refreshed: 0, skipped: 3 });
      expect(second.files).toMatchObject({ downloaded: 0, skipped: first.files.total });
      // Nothing of a finished, intact job or file was fetched again.
      expect({
        content: count('files.content'),
        events: count('jobs.events'),
        metrics: count('jobs.metrics'),
      }).toEqual(before);

      const train = first.manifest.files[history.train.id];
      const valid = first.manifest.files[history.valid.id];
      await appendFile(join(dir, train?.path ?? ''), 'tampered');
      await rm(join(dir, valid?.path ?? ''));
      const progress: ExportProgress[] = [];

      const third = await exportAll(api, dir, { onProgress: (p) => progress.push(p) });

      expect(third.files.downloaded).toBe(2);
      expect(sha256(await readFile(join(dir, train?.path ?? '')))).toBe(
        sha256(chatTrainingFile(12)),
      );
      expect(sha256(await readFile(join(dir, valid?.path ?? '')))).toBe(
        sha256(chatTrainingFile(10)),
      );
      const downloaded = progress.filter((p) => p.phase === 'files' && !p.skipped).map((p) => p.id);
      expect(downloaded.sort()).toEqual([history.train.id, history.valid.id].sort());
      expect(progress.at(-1)).toEqual({ phase: 'done', done: 1, total: 1 });
    });
  },
  { adapters: ['port'] },
);

describe('exportAll, when things go wrong', () => {
  it('downloads a file again when its body is cut short', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const fileId = await uploadTrainingFile(client, chatTrainingFile(40));
    fake.inject({ route: 'files.content', truncateStream: 100 });
    const dir = await exportDir();

    const result = await exportAll(client, dir);

    const copy = result.manifest.files[fileId];
    expect(copy?.sha256).toBe(sha256(chatTrainingFile(40)));
    expect(fake.calls.filter((c) => c.route === 'files.content')).toHaveLength(2);
  });

  it('stops when aborted, keeps what it finished, and the next run completes', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    for (const n of [10, 11, 12]) {
      await uploadTrainingFile(client, chatTrainingFile(n), `f${n}.jsonl`);
    }
    const dir = await exportDir();
    const controller = new AbortController();

    const error = await exportAll(client, dir, {
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'files' && p.done === 1) controller.abort();
      },
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(APIUserAbortError);
    const partial = ExportManifest.parse(
      JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')),
    );
    expect(Object.keys(partial.files)).toHaveLength(1);

    const resumed = await exportAll(client, dir);
    expect(resumed.files).toMatchObject({ total: 3, skipped: 1, downloaded: 2 });
    expect((await filesUnder(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('sets an unreadable manifest aside instead of trusting or deleting it', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    await uploadTrainingFile(client, chatTrainingFile(10));
    const dir = await exportDir();
    await writeFile(join(dir, 'manifest.json'), '{ half a manif');

    const result = await exportAll(client, dir);

    expect(result.setAside).toMatch(/manifest\.json\.unreadable-/);
    expect(await readFile(result.setAside ?? '', 'utf8')).toBe('{ half a manif');
    expect(result.files.downloaded).toBe(1);
  });

  it('does not follow a manifest whose paths lead out of the export', async () => {
    const fake = createFakeOpenAI();
    const client = clientFor(fake);
    const fileId = await uploadTrainingFile(client, chatTrainingFile(10));
    const dir = await exportDir();
    const first = await exportAll(client, dir);
    const manifest = JSON.parse(JSON.stringify(first.manifest));
    manifest.files[fileId].path = '../../etc/passwd';
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));

    const second = await exportAll(client, dir);

    expect(second.setAside).toMatch(/manifest\.json\.unreadable-/);
    expect(second.manifest.files[fileId]?.path).toBe(`files/${fileId}/train.jsonl`);
  });

  it('refuses to mix two accounts in one directory, and a bad directory', async () => {
    const fake = createFakeOpenAI();
    const dir = await exportDir();
    await exportAll(clientFor(fake), dir);
    const azure = new TuneKit({
      provider: 'azure',
      apiKey: TEST_API_KEY,
      endpoint: 'https://r.openai.azure.com',
      fetch: fake.fetch,
      logLevel: 'off',
    });

    await expect(exportAll(azure, dir)).rejects.toThrow(/holds an export of openai/);
    const aFile = join(dir, 'manifest.json');
    await expect(exportAll(azure, join(aFile, 'sub'))).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(exportAll(azure, '')).rejects.toThrow(/dir must be a directory path/);
  });
});
