/**
 * `runEval` loads its implementation and Ajv lazily (dynamic imports): prove the published
 * builds find them. The library entries are built with the project's tsup config and loaded
 * the way consumers load them — `import` of the ESM build, `require` of the CJS build — from a
 * directory outside this repository that holds only tunekit and its dependencies.
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tsupConfig from '../../../tsup.config.ts';
import { heldOutJsonl } from '../../support/eval.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');

let consumer: string;

beforeAll(async () => {
  consumer = mkdtempSync(join(tmpdir(), 'tunekit-eval-build-'));
  const installed = join(consumer, 'node_modules', 'tunekit');
  mkdirSync(installed, { recursive: true });
  const [library] = (Array.isArray(tsupConfig) ? tsupConfig : [tsupConfig]) as Options[];
  await build({
    ...library,
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    outDir: join(installed, 'dist'),
    dts: false,
    sourcemap: false,
    silent: true,
  });
  cpSync(join(ROOT, 'package.json'), join(installed, 'package.json'));
  writeFileSync(join(consumer, 'package.json'), '{"type": "commonjs"}');
  const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const name of Object.keys(dependencies)) {
    symlinkSync(join(ROOT, 'node_modules', name), join(consumer, 'node_modules', name), 'dir');
  }
  writeFileSync(join(consumer, 'held-out.jsonl'), heldOutJsonl());
}, 60_000);

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

const BODY = `
  const fake = createFakeOpenAI();
  fake.scriptAnswers('gpt-4o-mini', () => '{"capital": "Paris"}');
  const server = await fake.listen();
  const client = new TuneKit({ apiKey: 'sk-consumer-0001', baseURL: server.baseURL });
  const report = await runEval(client, {
    examples: 'held-out.jsonl',
    candidates: [{ model: 'gpt-4o-mini' }],
    scorers: [scorers.jsonSchema({ type: 'object', required: ['capital'] }), scorers.exactMatch()],
  });
  await server.close();
  console.log(JSON.stringify(report.candidates[0].scores));
`;

describe('runEval from the published builds', () => {
  for (const format of ['esm', 'cjs'] as const) {
    it(`${format}: loads the evaluation and Ajv on first use`, async () => {
      const load =
        format === 'esm'
          ? `const { TuneKit, runEval, scorers } = await import('tunekit'); const { createFakeOpenAI } = await import('tunekit/testing');`
          : `const { TuneKit, runEval, scorers } = require('tunekit'); const { createFakeOpenAI } = require('tunekit/testing');`;
      const file = join(consumer, `consumer-${format}.cjs`);
      writeFileSync(
        file,
        `(async () => { ${load} ${BODY} })().catch((e) => { console.error(e); process.exit(1); });`,
      );
      const { stdout } = await run(process.execPath, [file], { cwd: consumer });
      const scores = JSON.parse(stdout.trim());
      expect(scores['json-schema']).toMatchObject({ mean: 1, n: 10 });
      expect(scores.exact).toMatchObject({ mean: 0, n: 10 });
    });
  }
});
