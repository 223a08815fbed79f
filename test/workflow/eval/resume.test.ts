import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { picoFromUsd } from '../../../src/data/money.ts';
import { EvalResult, runEval, scorers } from '../../../src/index.ts';
import { createFakeOpenAI } from '../../../src/testing/index.ts';
import { evalClient, HELD_OUT, heldOutJsonl, scriptRightFor, tempDir } from '../../support/eval.ts';

const candidates = [{ model: 'gpt-4o-mini' }, { model: 'gpt-4.1-mini' }];
const chatCalls = (fake: ReturnType<typeof createFakeOpenAI>) =>
  fake.calls.filter((c) => c.route === 'chat.completions.create');

function setup() {
  const fake = createFakeOpenAI();
  fake.scriptAnswers('gpt-4o-mini', scriptRightFor(HELD_OUT.map(([c]) => c)));
  const dir = tempDir();
  const examples = join(dir, 'held-out.jsonl');
  writeFileSync(examples, heldOutJsonl());
  return { fake, examples, results: join(dir, 'results.jsonl') };
}

const readResults = (file: string) =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => EvalResult.parse(JSON.parse(line)));

describe('failures mid-run', () => {
  it('rides out 429s and a dropped connection with the client’s retries', async () => {
    const { fake, examples } = setup();
    fake.inject({
      route: 'chat.completions.create',
      status: 429,
      retryAfter: 0.01,
      times: 2,
      skip: 3,
    });
    fake.inject({ route: 'chat.completions.create', dropConnection: true, skip: 7 });
    const report = await runEval(evalClient(fake), { examples, candidates, concurrency: 2 });
    expect(report.candidates.map((c) => [c.answered, c.errors])).toEqual([
      [10, 0],
      [10, 0],
    ]);
    const statuses = chatCalls(fake).map((c) => c.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect(statuses.filter((s) => s === 'network-error')).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(report.candidates[0]?.scores.normalized?.mean).toBe(1);
  });

  it('records requests that fail after the retries, and asks them again on the next run', async () => {
    const { fake, examples, results } = setup();
    // Every request for Peru (line 4) fails: 500 for both candidates, with no retries.
    const fault = fake.inject({
      route: 'chat.completions.create',
      status: 500,
      times: 2,
      skip: 6,
    });
    const first = await runEval(evalClient(fake, 0), {
      examples,
      candidates,
      resultsFile: results,
      concurrency: 1,
    });
    expect(fault.hits).toBe(2);
    expect(first.candidates.map((c) => c.errors)).toEqual([1, 1]);
    expect(first.candidates[0]?.failures[0]).toMatchObject({ line: 4 });
    expect(first.candidates[0]?.failures[0]?.message).toMatch(/^500 The server had an error/);
    expect(first.run.complete).toBe(true);
    const stored = readResults(results);
    expect(stored.filter((r) => r.error !== null).map((r) => [r.line, r.error?.status])).toEqual([
      [4, 500],
      [4, 500],
    ]);

    const before = chatCalls(fake).length;
    const second = await runEval(evalClient(fake, 0), {
      examples,
      candidates,
      resultsFile: results,
    });
    // Only the two failed requests were sent again.
    expect(chatCalls(fake).length - before).toBe(2);
    expect(second.run).toMatchObject({ reused: 18, sent: 2 });
    expect(second.candidates.map((c) => [c.answered, c.errors])).toEqual([
      [10, 0],
      [10, 0],
    ]);
    // Last line wins: the new answers follow the failures in the file.
    expect(readResults(results)).toHaveLength(22);
  });
});

describe('resuming from the results file', () => {
  it('stops at the request budget, then finishes on the next run without asking anything twice', async () => {
    const { fake, examples, results } = setup();
    const first = await runEval(evalClient(fake), {
      examples,
      candidates,
      resultsFile: results,
      maxRequests: 7,
    });
    expect(first.run).toMatchObject({
      sent: 7,
      pending: 13,
      complete: false,
      stoppedBy: 'requests',
    });
    expect(first.run.stopReason).toBe('the request budget of 7 is used up');
    expect(chatCalls(fake)).toHaveLength(7);
    expect(readResults(results)).toHaveLength(7);

    const second = await runEval(evalClient(fake), { examples, candidates, resultsFile: results });
    expect(second.run).toMatchObject({
      reused: 7,
      sent: 13,
      pending: 0,
      complete: true,
      stoppedBy: null,
    });
    expect(chatCalls(fake)).toHaveLength(20);
    const asked = chatCalls(fake).map((c) => JSON.stringify(c.body));
    expect(new Set(asked).size).toBe(20);
    expect(second.candidates[0]?.scores.normalized?.n).toBe(10);
  });

  it('tolerates a torn last line (a crash mid-write): it is cut off and asked again', async () => {
    const { fake, examples, results } = setup();
    await runEval(evalClient(fake), { examples, candidates, resultsFile: results, maxRequests: 4 });
    const whole = readFileSync(results, 'utf8');
    appendFileSync(results, '{"v":1,"line":3,"candidate":"gpt-4o-mi');
    const report = await runEval(evalClient(fake), { examples, candidates, resultsFile: results });
    expect(report.run).toMatchObject({ reused: 4, sent: 16, complete: true });
    const after = readFileSync(results, 'utf8');
    expect(after.startsWith(whole)).toBe(true);
    expect(after).not.toContain('"gpt-4o-mi"');
    expect(after).not.toContain('gpt-4o-mi{');
    expect(readResults(results)).toHaveLength(20);
  });

  it('refuses a results file with a broken line in the middle, naming the line', async () => {
    const { fake, examples, results } = setup();
    await runEval(evalClient(fake), { examples, candidates, resultsFile: results, maxRequests: 3 });
    const lines = readFileSync(results, 'utf8').split('\n');
    lines[1] = '{"not": "a result"}';
    writeFileSync(results, lines.join('\n'));
    await expect(
      runEval(evalClient(fake), { examples, candidates, resultsFile: results }),
    ).rejects.toThrow(`${results}:2: not an evaluation result (v: Invalid input: expected 1)`);
  });

  it('asks again when the request changed (another prompt), reusing nothing stale', async () => {
    const { fake, examples, results } = setup();
    await runEval(evalClient(fake), { examples, candidates, resultsFile: results });
    const changed = [
      { model: 'gpt-4o-mini', name: 'gpt-4o-mini', prompt: { system: 'Be brief.' } },
      candidates[1],
    ];
    const report = await runEval(evalClient(fake), {
      examples,
      candidates: changed as typeof candidates,
      resultsFile: results,
    });
    expect(report.run).toMatchObject({ reused: 10, sent: 10 });
  });
});

describe('stopping mid-run', () => {
  it('rejects with the abort when the signal fires, keeping every answer so far as whole lines', async () => {
    const { fake, examples, results } = setup();
    fake.inject({ route: 'chat.completions.create', delayMs: 40, times: Number.POSITIVE_INFINITY });
    const controller = new AbortController();
    const run = runEval(evalClient(fake), {
      examples,
      candidates,
      resultsFile: results,
      concurrency: 2,
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'APIUserAbortError' });
    const saved = readFileSync(results, 'utf8');
    expect(saved.endsWith('\n')).toBe(true);
    const kept = readResults(results);
    expect(kept.length).toBeGreaterThanOrEqual(3);
    expect(kept.length).toBeLessThan(20);
    // The next run asks only what is missing.
    fake.reset();
    fake.scriptAnswers('gpt-4o-mini', scriptRightFor(HELD_OUT.map(([c]) => c)));
    const rest = await runEval(evalClient(fake), { examples, candidates, resultsFile: results });
    expect(rest.run).toMatchObject({ reused: kept.length, sent: 20 - kept.length, complete: true });
  });
});

describe('the cost cap', () => {
  it('stops before a request could pass the cap, and never spends more than it', async () => {
    const { fake, examples, results } = setup();
    // Each request may cost up to ~(prompt × 1.1 + 10) × $0.40/1M + 100 × $1.60/1M ≈ $0.00018: a $0.0003 cap leaves room for a few only.
    const report = await runEval(evalClient(fake), {
      examples,
      candidates,
      resultsFile: results,
      maxCostUsd: '0.0003',
      maxOutputTokens: 100,
      concurrency: 3,
    });
    expect(report.run.stoppedBy).toBe('cost');
    expect(report.run.stopReason).toMatch(/would pass the cost cap of \$0\.0003/);
    expect(report.run.complete).toBe(false);
    expect(report.run.sent).toBeGreaterThan(0);
    expect(chatCalls(fake)).toHaveLength(report.run.sent);
    expect(picoFromUsd(report.run.spentUsd as string)).toBeLessThanOrEqual(picoFromUsd('0.0003'));
    expect(readResults(results)).toHaveLength(report.run.sent);
  });

  it('spends less than the cap where an uncapped run spends more', async () => {
    const uncapped = await runEval(evalClient(setup().fake), {
      examples: setup().examples,
      candidates: [{ model: 'gpt-4o-mini' }],
      maxOutputTokens: 20,
    });
    const cap = '0.00006';
    expect(picoFromUsd(uncapped.run.spentUsd as string)).toBeGreaterThan(picoFromUsd(cap));
    const { fake, examples } = setup();
    const capped = await runEval(evalClient(fake), {
      examples,
      candidates: [{ model: 'gpt-4o-mini' }],
      maxOutputTokens: 20,
      maxCostUsd: cap,
      concurrency: 1,
    });
    expect(capped.run.stoppedBy).toBe('cost');
    expect(capped.run.sent).toBeGreaterThanOrEqual(3);
    expect(capped.run.sent).toBeLessThan(10);
    expect(picoFromUsd(capped.run.spentUsd as string)).toBeLessThanOrEqual(picoFromUsd(cap));
  });
});

describe('a model-graded scorer', () => {
  it('grades through the budget, is marked model-graded, and its grades are reused on resume', async () => {
    const { fake, examples, results } = setup();
    // The grader passes an answer when it names the capital the reference names.
    fake.scriptAnswers('gpt-4.1', (_q, request) => {
      const prompt = String(request.messages.at(-1)?.content);
      const reference = /Reference answer:\n.* is (\w+)\./.exec(prompt)?.[1];
      const graded = /Answer to grade:\n([\s\S]*)$/.exec(prompt)?.[1] ?? '';
      const pass = reference !== undefined && graded.includes(reference);
      return JSON.stringify({ reason: pass ? 'names the capital' : 'does not name it', pass });
    });
    const grader = scorers.modelGraded({
      model: 'gpt-4.1',
      rubric: 'Passes when the answer names the right capital.',
    });
    const first = await runEval(evalClient(fake), {
      examples,
      candidates,
      scorers: [grader],
      resultsFile: results,
    });
    expect(first.scorers[0]).toMatchObject({
      kind: 'model-graded',
      grader: 'gpt-4.1',
      name: 'graded by gpt-4.1',
    });
    expect(first.candidates.map((c) => c.scores['graded by gpt-4.1']?.mean)).toEqual([1, 0]);
    expect(first.run.gradingRequests).toBe(20);
    expect(first.candidates[0]?.grading.requests).toBe(10);
    expect(picoFromUsd(first.candidates[0]?.grading.costUsd as string)).toBeGreaterThan(0n);
    const graderCalls = () =>
      fake.calls.filter((c) => (c.body as { model?: string }).model === 'gpt-4.1');
    expect(graderCalls()).toHaveLength(20);

    const again = await runEval(evalClient(fake), {
      examples,
      candidates,
      scorers: [grader],
      resultsFile: results,
    });
    expect(graderCalls()).toHaveLength(20);
    expect(again.candidates.map((c) => c.scores['graded by gpt-4.1']?.mean)).toEqual([1, 0]);
  });

  it('bounds the grader’s requests too, so a cost cap works with model-graded scorers', async () => {
    const { fake, examples } = setup();
    fake.scriptAnswers('gpt-4.1', () => JSON.stringify({ reason: 'ok', pass: true }));
    const report = await runEval(evalClient(fake), {
      examples,
      candidates: [candidates[0] as { model: string }],
      scorers: [scorers.modelGraded({ model: 'gpt-4.1', rubric: 'Right capital?' })],
      maxCostUsd: '1',
      maxOutputTokens: 50,
    });
    expect(report.run).toMatchObject({ complete: true, gradingRequests: 10 });
    expect(report.candidates[0]?.scores['graded by gpt-4.1']).toMatchObject({ passes: 10, n: 10 });
    const grading = fake.calls.filter((c) => (c.body as { model?: string }).model === 'gpt-4.1');
    expect(
      grading.map((c) => (c.body as { max_completion_tokens?: number }).max_completion_tokens),
    ).toEqual(Array(10).fill(50));
  });

  it('counts an unreadable grade as not scored, not as a failure', async () => {
    const { fake, examples } = setup();
    fake.scriptAnswers('gpt-4.1', () => 'PASS, I think');
    const report = await runEval(evalClient(fake), {
      examples,
      candidates: [candidates[0] as { model: string }],
      scorers: [scorers.modelGraded({ model: 'gpt-4.1', rubric: 'Right capital?' })],
    });
    expect(report.candidates[0]?.scores['graded by gpt-4.1']).toMatchObject({ n: 0, unscored: 10 });
  });
});
