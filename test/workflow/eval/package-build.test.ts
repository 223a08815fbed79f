/**
 * `runEval` loads its implementation and Ajv lazily (dynamic imports): prove the published
 * builds find them. The library entries are built with the project's tsup config and loaded
 * the way consumers load them — `import` of the ESM build, `require` of the CJS build — from a
 * directory outside this repository that holds only tunekit and its dependencies.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heldOutJsonl } from '../../support/eval.ts';
import { buildEntries, installConsumer } from '../../support/package-consumer.ts';

const run = promisify(execFile);

let consumer: string;

beforeAll(async () => {
  consumer = mkdtempSync(join(tmpdir(), 'tunekit-eval-build-'));
  const dist = join(consumer, 'build');
  await buildEntries(dist, { index: 'src/index.ts', testing: 'src/testing/index.ts' });
  installConsumer(consumer, dist);
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
