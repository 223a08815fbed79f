import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvalReport } from '../../src/index.ts';
import { createFakeOpenAI } from '../../src/testing/index.ts';
import { HELD_OUT, heldOutJsonl, scriptRightFor, tempDir } from '../support/eval.ts';
import { TEST_API_KEY } from '../support/fake-client.ts';
import { useFakeServer } from '../support/fake-server.ts';
import { runCliAsync, runCliInTerminalAsync } from '../support/run-cli.ts';

const CLI = join(import.meta.dirname, '../../src/cli/index.ts');
const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[`);

const fake = createFakeOpenAI();
const server = useFakeServer(fake);

function setup() {
  fake.reset();
  fake.scriptAnswers('gpt-4o-mini', scriptRightFor(HELD_OUT.slice(0, 9).map(([c]) => c)));
  fake.scriptAnswers('gpt-4.1-mini', scriptRightFor(HELD_OUT.slice(0, 4).map(([c]) => c)));
  const dir = tempDir();
  const examples = join(dir, 'held-out.jsonl');
  writeFileSync(examples, heldOutJsonl());
  return { dir, examples };
}

const env = () => ({ OPENAI_BASE_URL: server().baseURL, OPENAI_API_KEY: TEST_API_KEY });
const eval_ = (args: string[]) => runCliAsync(['eval', ...args], env());

describe('tunekit eval', () => {
  it('prints a table, head to head and disagreements; no colour or progress off a terminal', async () => {
    const { examples } = setup();
    const { code, stdout, stderr } = await eval_([
      examples,
      '-m',
      'gpt-4o-mini',
      '-m',
      'gpt-4.1-mini',
      '-s',
      'exact',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/10 examples × 2 models, primary scorer exact/);
    expect(stdout).toMatch(/gpt-4o-mini\s+90% \[59\.6%–98\.2%\]\s+10\s/);
    expect(stdout).toMatch(/gpt-4\.1-mini\s+40% \[16\.8%–68\.7%\]\s+10\s/);
    expect(stdout).toContain(
      'gpt-4.1-mini vs gpt-4o-mini on exact: better on 0 examples, worse on 5, tied on 5 (sign test p = 0.0625)',
    );
    expect(stdout).toContain('disagreements on exact (5)');
    expect(stdout).toContain(
      '  line 5: "What is the capital of Norway?" expected "The capital of Norway is Oslo."',
    );
    expect(stdout).toContain('    ✗ gpt-4.1-mini: I am not sure.');
    expect(stdout).not.toMatch(ANSI);
    expect(stderr).toMatch(/^spent \$0\.\d+ on 20 requests \(0 answers reused\)\n$/);
  });

  it('prints the report as JSON with --json and writes the HTML report with --html', async () => {
    const { dir, examples } = setup();
    const html = join(dir, 'report.html');
    const { code, stdout } = await eval_([
      examples,
      '-m',
      'gpt-4o-mini',
      '-m',
      'gpt-4.1-mini',
      '--json',
      '--html',
      html,
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as EvalReport;
    expect(report.candidates.map((c) => c.scores.normalized?.mean)).toEqual([0.9, 0.4]);
    expect(report.run).toMatchObject({ total: 20, complete: true });
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page.match(/data-chart="/g)).toHaveLength(3);
    expect(page).not.toContain(TEST_API_KEY);
  });

  it('exits 7 at the request budget, then resumes from --results and exits 0', async () => {
    const { dir, examples } = setup();
    const results = join(dir, 'results.jsonl');
    const args = [examples, '-m', 'gpt-4o-mini', '-m', 'gpt-4.1-mini', '--results', results];
    const first = await eval_([...args, '--max-requests', '5']);
    expect(first.code).toBe(7);
    // Requests go out in example order: the first five are three of gpt-4o-mini, two of gpt-4.1-mini.
    expect(first.stdout).toMatch(/gpt-4o-mini .* 3 7 pending /);
    expect(first.stdout).toMatch(/gpt-4.1-mini .* 2 8 pending /);
    expect(first.stderr).toContain(
      `stopped early: the request budget of 5 is used up; 15 requests not sent — run the same command again to continue from ${results}`,
    );
    expect(readFileSync(results, 'utf8').trimEnd().split('\n')).toHaveLength(5);
    const second = await eval_(args);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/on 15 requests \(5 answers reused\); results in /);
    expect(fake.calls.filter((c) => c.route === 'chat.completions.create')).toHaveLength(20);
  });

  it('exits 1 when requests still fail after the retries, saying how to ask them again', async () => {
    const { examples } = setup();
    fake.inject({ route: 'chat.completions.create', status: 500, times: 2 });
    const { code, stderr } = await runCliAsync(
      [
        '--max-retries',
        '0',
        'eval',
        examples,
        '-m',
        'gpt-4o-mini',
        '--results',
        join(tempDir(), 'r.jsonl'),
      ],
      env(),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /2 requests failed after the retries — run the same command again to continue from .*\(failed ones are asked again\)/,
    );
  });

  it('exits 1 on an unknown model with the API’s message and a hint; 4 on a rejected key', async () => {
    const { examples } = setup();
    const unknown = await eval_([examples, '-m', 'gpt-99']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: 404 The model `gpt-99` does not exist/m);
    expect(unknown.stderr).toMatch(/^hint: /m);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const rejected = await runCliAsync(['eval', examples, '-m', 'gpt-4o-mini'], {
      ...env(),
      OPENAI_API_KEY: 'not a key',
    });
    expect(rejected.code).toBe(4);
    expect(rejected.stderr).not.toContain('not a key');
  });

  it('exits 1 naming file and line of a bad held-out example', async () => {
    const { dir } = setup();
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${heldOutJsonl().trimEnd()}\n{"messages": "nope"}\n`);
    const { code, stderr } = await eval_([bad, '-m', 'gpt-4o-mini']);
    expect(code).toBe(1);
    expect(stderr).toContain(`error: ${bad}:11: messages:`);
  });

  it.each([
    [['-s', 'exact'], /required option '-m, --model <model\[=prompt\]>' not specified/],
    [['-m', 'gpt-4o-mini', '-s', 'fuzzy'], /--scorer "fuzzy": expected exact, normalized, json/],
    [
      ['-m', 'gpt-4o-mini', '-s', 'json-schema=missing.json'],
      /cannot read --scorer json-schema=missing\.json: no such file/,
    ],
    [['-m', 'gpt-4o-mini', '--grader', 'gpt-4.1'], /--grader and --rubric go together/],
    [
      ['-m', 'gpt-4o-mini=no-such-prompt.json'],
      /cannot read --model gpt-4o-mini=no-such-prompt\.json: no such file/,
    ],
    [
      ['-m', 'gpt-4o-mini', '--max-cost', 'lots'],
      /option '--max-cost <usd>' argument 'lots' is invalid/,
    ],
  ])('exits 2 on usage error %j', async (args, message) => {
    const { examples } = setup();
    const { code, stderr } = await eval_([examples, ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('reads prompt variants, a JSON Schema and a scorer module from files', async () => {
    const { dir, examples } = setup();
    const prompt = join(dir, 'long.json');
    writeFileSync(
      prompt,
      JSON.stringify({ system: 'Answer with one sentence.', user: 'Q: {{input}}' }),
    );
    const schema = join(dir, 'schema.json');
    writeFileSync(schema, JSON.stringify({ type: 'object' }));
    const module = join(dir, 'first-three.mjs');
    writeFileSync(module, 'export default ({ example }) => example.line <= 3;\n');
    const { code, stdout } = await eval_([
      examples,
      '-m',
      `gpt-4o-mini=${prompt}`,
      '-s',
      `json-schema=${schema}`,
      '-s',
      `module=${module}`,
      '--json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as EvalReport;
    expect(report.candidates[0]).toMatchObject({ name: 'gpt-4o-mini (long)', prompt: 'long' });
    expect(report.scorers.map((s) => [s.name, s.kind])).toEqual([
      ['json-schema schema.json', 'format'],
      ['first-three', 'custom'],
    ]);
    // The module's function ran on every answer, with the example in its context.
    expect(report.candidates[0]?.scores['first-three']).toMatchObject({ passes: 3, n: 10 });
    const sent = fake.calls.find((c) => c.route === 'chat.completions.create')?.body as {
      messages: unknown[];
    };
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Answer with one sentence.' },
      { role: 'user', content: 'Q: What is the capital of France?' },
    ]);
  });

  it('draws a progress bar on stderr and colours on a terminal', async () => {
    const { examples } = setup();
    fake.inject({ route: 'chat.completions.create', delayMs: 60, times: 6 });
    const { code, screen } = await runCliInTerminalAsync(
      ['eval', examples, '-m', 'gpt-4o-mini', '--concurrency', '1'],
      env(),
    );
    expect(code).toBe(0);
    expect(screen).toMatch(/eval █*░+ \d+\/10/);
    expect(screen).toMatch(ANSI);
    expect(existsSync(examples)).toBe(true);
  });
});

describe('tunekit eval, interrupted', () => {
  it('exits 130 on Ctrl-C, says how to continue, and keeps the answers so far', async () => {
    const { dir, examples } = setup();
    fake.inject({
      route: 'chat.completions.create',
      delayMs: 150,
      times: Number.POSITIVE_INFINITY,
    });
    const results = join(dir, 'results.jsonl');
    const child = spawn(
      process.execPath,
      [CLI, 'eval', examples, '-m', 'gpt-4o-mini', '--concurrency', '1', '--results', results],
      { env: { ...process.env, ...env() }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    // Interrupt once two answers are saved.
    for (let i = 0; i < 400; i++) {
      const saved = existsSync(results) ? readFileSync(results, 'utf8').split('\n').length - 1 : 0;
      if (saved >= 2) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(130);
    expect(stderr).toContain(
      `Interrupted: answers so far are kept — run the same command again to continue from ${results}.`,
    );
    const lines = readFileSync(results, 'utf8');
    expect(lines.endsWith('\n')).toBe(true);
    const kept = lines.trimEnd().split('\n').length;
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(kept).toBeLessThan(10);
  });
});
