import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalReport } from '../../src/index.ts';
import { tempDir } from '../support/eval.ts';
import { runCli } from '../support/run-cli.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const node = `${root}node_modules/.bin/node`;

/** The commands of docs/evaluation.md, in order, against `tunekit fake-server` in its own process. */
describe('docs/evaluation.md: split → train → eval → cost from the command line', () => {
  let server: ChildProcess;
  let env: Record<string, string>;
  const dir = tempDir();
  const at = (name: string) => join(dir, name);

  beforeAll(async () => {
    server = spawn(node, [`${root}src/cli/index.ts`, 'fake-server', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    server.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    for (let i = 0; i < 200 && !/OPENAI_BASE_URL=\S+/.test(stdout); i++)
      await new Promise((r) => setTimeout(r, 25));
    const url = /OPENAI_BASE_URL=(\S+)/.exec(stdout)?.[1];
    if (!url) throw new Error(`fake-server did not start: ${stdout}`);
    env = { OPENAI_BASE_URL: url, OPENAI_API_KEY: 'sk-fake-key' };
  });
  afterAll(async () => {
    server.kill('SIGTERM');
    await once(server, 'exit');
  });

  it('runs every step and ends with a verdict', () => {
    const split = runCli([
      'data',
      'split',
      'examples/data/support-tickets.jsonl',
      '--validation-fraction',
      '0.25',
      '--train-out',
      at('train.jsonl'),
      '--validation-out',
      at('held-out.jsonl'),
    ]);
    expect(split.code).toBe(0);

    const train = runCli(
      ['train', at('train.jsonl'), '--model', 'gpt-4o-mini-2024-07-18', '--suffix', 'triage', '-y'],
      env,
    );
    expect(train.code).toBe(0);
    expect(train.stderr).toContain('The job has successfully completed');
    const model = train.stdout.trim();
    expect(model).toMatch(/^ft:gpt-4o-mini-2024-07-18:personal:triage:\w+$/);

    const evaluation = runCli(
      [
        'eval',
        at('held-out.jsonl'),
        '--model',
        'gpt-4o-mini=examples/data/long-prompt.json',
        '--model',
        model,
        '--scorer',
        'exact',
        '--scorer',
        'json-schema=examples/data/intent.schema.json',
        '--results',
        at('results.jsonl'),
        '--html',
        at('report.html'),
        '--json',
      ],
      env,
    );
    expect(evaluation.code).toBe(0);
    const report = JSON.parse(evaluation.stdout) as EvalReport;
    const [base, tuned] = report.candidates;
    expect(base?.name).toBe('gpt-4o-mini (long prompt)');
    expect(base?.scores.exact?.mean).toBe(0);
    expect(tuned?.scores.exact?.mean).toBeGreaterThan(0.5);
    expect(tuned?.scores['json-schema intent.schema.json']?.mean).toBe(1);
    expect(report.comparisons[0]?.pValue).toBeLessThan(0.05);
    expect(readFileSync(at('report.html'), 'utf8')).toContain('data-chart="latency"');

    const cost = runCli([
      'cost',
      '--model',
      'gpt-4o-mini',
      '--train',
      at('train.jsonl'),
      '--requests',
      at('held-out.jsonl'),
      '--base-prompt',
      'examples/data/long-prompt.json',
      '--volume',
      '100000/month',
    ]);
    expect(cost.code).toBe(0);
    expect(cost.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^✓ Fine-tuning pays off after [\d,]+ requests/,
    );
  });
});
