/**
 * The package as an npm user gets it: built and packed with `npm pack`, installed into consumer
 * projects outside the repository — ESM and CommonJS, strict `tsc` (skipLibCheck off) with
 * `nodenext` and with `bundler` resolution, with and without msw — where the README's examples
 * and the fake's ways in must type-check, compile and run (against the fake on a real port).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeOpenAI, type FakeServer } from '../../src/testing/index.ts';
import { installedModule, installPacked, packPackage, ROOT } from '../support/package-consumer.ts';
import { chatTrainingFile } from '../support/training-data.ts';

const run = promisify(execFile);
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** The ```ts blocks of the README, in order. */
function readmeExamples(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((match) => match[1] ?? '');
}

/** What each example prints, so a run can be checked (appended after the README's code). */
const OBSERVE = [
  'console.log(JSON.stringify({ model: done.fine_tuned_model, reply: reply.choices[0]?.message.content }));',
  'console.log(JSON.stringify({ valid: report.valid, examples: report.stats.examples }));',
];

/** The fake's ways in without msw: a real port and `fake.fetch`. */
const FAKE_WITHOUT_MSW = `
import { TuneKit } from 'tunekit';
import { createFakeOpenAI, type FakeServer } from 'tunekit/testing';

const fake = createFakeOpenAI();
const server: FakeServer = await fake.listen();
const overPort = new TuneKit({ apiKey: 'sk-consumer-0001', baseURL: server.baseURL });
const overFetch = new TuneKit({ apiKey: 'sk-consumer-0001', fetch: fake.fetch });
const models = await overPort.models.list();
const files = await overFetch.files.list();
await server.close();
console.log(JSON.stringify({ models: models.data.length > 0, files: files.data.length }));
`;

/** msw's handlers, typed as msw's own. */
const FAKE_WITH_MSW = `
import { setupServer } from 'msw/node';
import { createFakeOpenAI } from 'tunekit/testing';

const fake = createFakeOpenAI();
const server = setupServer(...fake.handlers);
server.listen();
const response = await fetch('https://api.openai.com/v1/models', {
  headers: { authorization: 'Bearer sk-consumer-0001' },
});
server.close();
console.log(JSON.stringify({ status: response.status, calls: fake.calls.length }));
`;

/** A callback that returns something (Array#push returns a number): accepted, issue 11. */
const ON_EVENT = `
import { TuneKit } from 'tunekit';
import { createFakeOpenAI } from 'tunekit/testing';

const fake = createFakeOpenAI();
const client = new TuneKit({ apiKey: 'sk-consumer-0001', fetch: fake.fetch });
const file = await client.files.create({
  file: new TextEncoder().encode(process.env.TRAINING_JSONL ?? ''),
  filename: 'train.jsonl',
  purpose: 'fine-tune',
});
const job = await client.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
const events: string[] = [];
await client.jobs.wait(job.id, { onEvent: (e) => events.push(e.message) });
console.log(JSON.stringify({ events: events.length }));
`;

type ModuleType = 'module' | 'commonjs';
type Resolution = 'nodenext' | 'bundler';

interface Consumer {
  name: string;
  type: ModuleType;
  resolution: Resolution;
  msw: boolean;
}

/**
 * A program as a file of the consumer: ESM keeps top-level await; CommonJS has none, so the
 * statements after the imports go into an async function.
 */
function program(source: string, type: ModuleType): string {
  if (type === 'module') return `${source}\nexport {};\n`;
  const lines = source.trim().split('\n');
  const imports = lines.filter((line) => line.startsWith('import '));
  const body = lines.filter((line) => !line.startsWith('import '));
  return [
    ...imports,
    'async function main(): Promise<void> {',
    ...body,
    '}',
    'main().catch((error) => { console.error(error); process.exitCode = 1; });',
    '',
  ].join('\n');
}

function tsconfig(resolution: Resolution, files: string[], msw: boolean): string {
  const modules =
    resolution === 'nodenext'
      ? { module: 'nodenext', moduleResolution: 'nodenext' }
      : { module: 'preserve', moduleResolution: 'bundler' };
  return JSON.stringify({
    compilerOptions: {
      ...modules,
      target: 'es2023',
      // msw's own declarations need the DOM library; tunekit's must not.
      lib: msw ? ['es2023', 'dom'] : ['es2023'],
      types: ['node'],
      strict: true,
      skipLibCheck: false,
      noEmitOnError: true,
      outDir: 'out',
      rootDir: '.',
    },
    files,
  });
}

const CONSUMERS: Consumer[] = [
  { name: 'esm-nodenext-msw', type: 'module', resolution: 'nodenext', msw: true },
  { name: 'esm-nodenext', type: 'module', resolution: 'nodenext', msw: false },
  { name: 'cjs-nodenext-msw', type: 'commonjs', resolution: 'nodenext', msw: true },
  { name: 'cjs-nodenext', type: 'commonjs', resolution: 'nodenext', msw: false },
  { name: 'esm-bundler-msw', type: 'module', resolution: 'bundler', msw: true },
  { name: 'esm-bundler', type: 'module', resolution: 'bundler', msw: false },
];

let workspace: string;
let tarball: string;
let fake: ReturnType<typeof createFakeOpenAI>;
let server: FakeServer;

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'tunekit-consumer-'));
  tarball = await packPackage(join(workspace, 'package'));
  fake = createFakeOpenAI();
  server = await fake.listen();
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

/** Writes the consumer's programs and tsconfig; returns the compiled files to run. */
function setUp(
  consumer: Consumer,
  sources: Record<string, string>,
): { dir: string; run: string[] } {
  const dir = installPacked(
    join(workspace, consumer.name),
    tarball,
    consumer.type,
    consumer.msw ? { msw: installedModule(consumer.type === 'module' ? 'msw' : 'msw2') } : {},
  );
  for (const [name, source] of Object.entries(sources)) {
    writeFileSync(join(dir, `${name}.ts`), program(source, consumer.type));
  }
  const names = Object.keys(sources);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    tsconfig(
      consumer.resolution,
      names.map((n) => `${n}.ts`),
      consumer.msw,
    ),
  );
  writeFileSync(join(dir, 'train.jsonl'), chatTrainingFile(12));
  return { dir, run: names.map((name) => `out/${name}.js`) };
}

/** Type-checks and compiles; the compiler's messages when it fails. */
async function compile(dir: string): Promise<string> {
  try {
    await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: dir });
    return '';
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    return `${stdout}${stderr}`.trim() || String(error);
  }
}

/** Runs a compiled program against the fake's port; its last line of output, parsed. */
async function execute(dir: string, file: string): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [file], {
    cwd: dir,
    env: {
      ...process.env,
      OPENAI_API_KEY: 'sk-consumer-0001',
      OPENAI_BASE_URL: server.baseURL,
      TRAINING_JSONL: chatTrainingFile(12),
    },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
}

describe('the packed package in consumer projects', () => {
  const examples = readmeExamples();

  it('finds the README examples it runs', () => {
    expect(examples).toHaveLength(OBSERVE.length);
  });

  for (const consumer of CONSUMERS) {
    it(`${consumer.name}: the README's examples and the fake type-check strictly and run`, async () => {
      const sources: Record<string, string> = {
        'readme-1': `${examples[0]}${OBSERVE[0]}`,
        'readme-2': `${examples[1]}${OBSERVE[1]}`,
        'fake-port-fetch': FAKE_WITHOUT_MSW,
      };
      if (consumer.msw) sources['fake-msw'] = FAKE_WITH_MSW;
      const { dir, run: files } = setUp(consumer, sources);
      expect(await compile(dir)).toBe('');

      const [quickstart, validation, ways, msw] = await Promise.all(
        files.map((file) => execute(dir, file)),
      );
      expect(quickstart).toMatchObject({
        model: expect.stringMatching(/^ft:gpt-4\.1-mini-2025-04-14:/),
      });
      expect(quickstart?.reply).toEqual(expect.any(String));
      expect(validation).toEqual({ valid: true, examples: 12 });
      expect(ways).toEqual({ models: true, files: 0 });
      if (consumer.msw) expect(msw).toEqual({ status: 200, calls: 1 });
    }, 120_000);
  }

  it('accepts a job-event callback that returns a value (onEvent: (e) => events.push(…))', async () => {
    const { dir, run: files } = setUp(
      { name: 'esm-nodenext-on-event', type: 'module', resolution: 'nodenext', msw: false },
      { 'on-event': ON_EVENT },
    );
    expect(await compile(dir)).toBe('');
    const result = await execute(dir, files[0] ?? '');
    expect(result.events).toBeGreaterThan(10);
  }, 120_000);
});
