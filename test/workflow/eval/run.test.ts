import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { picoFromUsd } from '../../../src/data/money.ts';
import { EvalResult, runEval, scorers } from '../../../src/index.ts';
import { createFakeOpenAI } from '../../../src/testing/index.ts';
import {
  evalClient,
  HELD_OUT,
  heldOutJsonl,
  question,
  scriptRightFor,
  tempDir,
} from '../../support/eval.ts';
import { TEST_API_KEY } from '../../support/fake-client.ts';

const ALL_BUT_POLAND = HELD_OUT.slice(0, 9).map(([country]) => country);
const FIRST_FOUR = HELD_OUT.slice(0, 4).map(([country]) => country);

/** A fake whose gpt-4o-mini is right on 9 of 10 questions and gpt-4.1-mini on 4. */
function scriptedFake() {
  const fake = createFakeOpenAI();
  fake.scriptAnswers('gpt-4o-mini', scriptRightFor(ALL_BUT_POLAND));
  fake.scriptAnswers('gpt-4.1-mini', scriptRightFor(FIRST_FOUR));
  return fake;
}

function heldOutFile(): string {
  const file = join(tempDir(), 'held-out.jsonl');
  writeFileSync(file, heldOutJsonl());
  return file;
}

const candidates = [{ model: 'gpt-4o-mini' }, { model: 'gpt-4.1-mini' }];

describe('runEval against the fake with scripted answers', () => {
  it('scores every example of every model, with Wilson intervals, wins, losses and ties', async () => {
    const fake = scriptedFake();
    const report = await runEval(evalClient(fake), {
      examples: heldOutFile(),
      candidates,
      scorers: [scorers.exactMatch(), scorers.contains('capital')],
    });
    const [mini, nano] = report.candidates;
    expect(mini?.scores.exact).toMatchObject({ mean: 0.9, passes: 9, n: 10, unscored: 0 });
    expect(nano?.scores.exact).toMatchObject({ mean: 0.4, passes: 4, n: 10 });
    // Wilson 95 %: 9/10 → [0.5958, 0.9821], 4/10 → [0.1682, 0.6873].
    expect(mini?.scores.exact?.interval.method).toBe('wilson');
    expect(mini?.scores.exact?.interval.low).toBeCloseTo(0.5958, 4);
    expect(mini?.scores.exact?.interval.high).toBeCloseTo(0.9821, 4);
    expect(nano?.scores.exact?.interval.low).toBeCloseTo(0.1682, 4);
    expect(nano?.scores.exact?.interval.high).toBeCloseTo(0.6873, 4);
    // gpt-4o-mini alone is right on Norway … Vietnam (5); both right on 4, both wrong on Poland.
    expect(report.comparisons).toEqual([
      {
        a: 'gpt-4o-mini',
        b: 'gpt-4.1-mini',
        scorer: 'exact',
        aWins: 5,
        bWins: 0,
        ties: 5,
        pValue: 0.0625,
      },
    ]);
    expect(report.disagreements.map((d) => d.line)).toEqual([5, 6, 7, 8, 9]);
    expect(report.disagreements[0]).toMatchObject({
      question: question('Norway'),
      expected: 'The capital of Norway is Oslo.',
      answers: [
        { candidate: 'gpt-4o-mini', pass: true },
        { candidate: 'gpt-4.1-mini', pass: false, answer: 'I am not sure.' },
      ],
    });
    expect(report.run).toMatchObject({
      total: 20,
      sent: 20,
      reused: 0,
      pending: 0,
      complete: true,
    });
    // Every request went out exactly once.
    expect(fake.calls.filter((c) => c.route === 'chat.completions.create')).toHaveLength(20);
  });

  it('prices each answer exactly from its usage and the catalog, and sums the cost', async () => {
    const fake = scriptedFake();
    const file = join(tempDir(), 'results.jsonl');
    const report = await runEval(evalClient(fake), {
      examples: heldOutFile(),
      candidates,
      resultsFile: file,
    });
    const results = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => EvalResult.parse(JSON.parse(line)));
    expect(results).toHaveLength(20);
    let total = 0n;
    for (const result of results.filter((r) => r.model === 'gpt-4o-mini')) {
      const usage = result.usage as { promptTokens: number; completionTokens: number };
      // gpt-4o-mini: $0.15 in, $0.60 out per 1M tokens = 150,000 and 600,000 pico$ a token.
      const expected =
        BigInt(usage.promptTokens) * 150_000n + BigInt(usage.completionTokens) * 600_000n;
      expect(picoFromUsd(result.costUsd as string)).toBe(expected);
      total += expected;
    }
    const mini = report.candidates[0];
    expect(picoFromUsd(mini?.totalCostUsd as string)).toBe(total);
    expect(mini?.tokens?.prompt).toBeGreaterThan(0);
    expect(mini?.latencyMs?.values).toHaveLength(10);
    expect(mini?.latencyMs?.p95).toBeGreaterThanOrEqual(mini?.latencyMs?.p50 ?? 0);
    expect(picoFromUsd(report.run.spentUsd as string)).toBe(
      results.reduce((sum, r) => sum + picoFromUsd(r.costUsd as string), 0n),
    );
  });

  it('sends each candidate its own prompt variant and the shared settings', async () => {
    const fake = scriptedFake();
    await runEval(evalClient(fake), {
      examples: heldOutFile(),
      candidates: [
        {
          model: 'gpt-4o-mini',
          prompt: {
            name: 'long',
            system: 'You are a geography tutor. Answer with one sentence.',
            fewShot: [
              { role: 'user', content: 'What is the capital of Italy?' },
              { role: 'assistant', content: 'The capital of Italy is Rome.' },
            ],
            user: 'Question: {{input}}',
          },
        },
        { model: 'gpt-4.1-mini', prompt: { system: null } },
      ],
      maxOutputTokens: 64,
    });
    const bodies = fake.calls
      .filter((c) => c.route === 'chat.completions.create')
      .map((c) => c.body);
    expect(bodies[0]).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a geography tutor. Answer with one sentence.' },
        { role: 'user', content: 'What is the capital of Italy?' },
        { role: 'assistant', content: 'The capital of Italy is Rome.' },
        { role: 'user', content: 'Question: What is the capital of France?' },
      ],
      temperature: 0,
      max_completion_tokens: 64,
    });
    expect(bodies[1]).toMatchObject({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'What is the capital of France?' }],
    });
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const fake = scriptedFake();
    fake.inject({ route: 'chat.completions.create', delayMs: 30, times: Number.POSITIVE_INFINITY });
    let inFlight = 0;
    let most = 0;
    const client = evalClient(fake);
    const { TuneKit } = await import('../../../src/index.ts');
    const counting = new TuneKit({
      apiKey: TEST_API_KEY,
      baseURL: client.baseURL,
      logLevel: 'off',
      fetch: async (input, init) => {
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          return await fake.fetch(input, init);
        } finally {
          inFlight--;
        }
      },
    });
    await runEval(counting, { examples: heldOutFile(), candidates, concurrency: 3 });
    expect(most).toBe(3);
  });

  it('never writes the API key into the results file or the report', async () => {
    const fake = scriptedFake();
    fake.inject({
      route: 'chat.completions.create',
      status: 400,
      message: 'bad request',
      times: 2,
    });
    const file = join(tempDir(), 'results.jsonl');
    const report = await runEval(evalClient(fake, 0), {
      examples: heldOutFile(),
      candidates,
      resultsFile: file,
    });
    expect(report.candidates[0]?.errors).toBe(1);
    expect(readFileSync(file, 'utf8')).not.toContain(TEST_API_KEY);
    expect(JSON.stringify(report)).not.toContain(TEST_API_KEY);
  });
});

describe('runEval: bad input and fatal errors', () => {
  it('stops with the API error for an unknown model, before scoring anything', async () => {
    const fake = scriptedFake();
    await expect(
      runEval(evalClient(fake), { examples: heldOutFile(), candidates: [{ model: 'gpt-99' }] }),
    ).rejects.toMatchObject({ name: 'NotFoundError', status: 404 });
  });

  it('stops on a rejected key with an AuthenticationError that does not repeat the key', async () => {
    const fake = createFakeOpenAI({ apiKeys: ['sk-the-only-accepted-key-000'] });
    const error = await runEval(evalClient(fake), {
      examples: heldOutFile(),
      candidates,
    }).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ name: 'AuthenticationError', status: 401 });
    expect(String(error)).not.toContain(TEST_API_KEY);
  });

  it.each([
    [{ candidates: [] }, /give at least one model/],
    [{ candidates: [{ model: 'a' }, { model: 'a' }] }, /two candidates are both called "a"/],
    [{ concurrency: 0 }, /concurrency must be a whole number ≥ 1, got 0/],
    [{ maxCostUsd: '1e3' }, /maxCostUsd must be a dollar amount/],
    [
      { candidates: [{ model: 'my-deployment' }], maxCostUsd: '1' },
      /the catalog has none for my-deployment/,
    ],
    [
      { scorers: [scorers.exactMatch(), scorers.exactMatch()] },
      /two scorers are both called "exact"/,
    ],
  ])('rejects bad options %#', async (overrides, message) => {
    const fake = scriptedFake();
    await expect(
      runEval(evalClient(fake), { examples: heldOutFile(), candidates, ...overrides }),
    ).rejects.toThrow(message);
    expect(fake.calls).toHaveLength(0);
  });

  it('stops with a ScorerError naming the scorer and the line when a scorer throws, keeping the paid answer', async () => {
    const file = join(tempDir(), 'results.jsonl');
    const buggy = scorers.custom('buggy', ({ example }) => {
      if (example.line === 3) throw new TypeError('cannot read properties of undefined');
      return true;
    });
    await expect(
      runEval(evalClient(scriptedFake()), {
        examples: heldOutFile(),
        candidates: [{ model: 'gpt-4o-mini' }],
        scorers: [buggy],
        resultsFile: file,
        concurrency: 1,
      }),
    ).rejects.toMatchObject({
      name: 'ScorerError',
      scorer: 'buggy',
      line: 3,
      message: 'scorer "buggy" failed on example line 3: cannot read properties of undefined',
    });
    const saved = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(saved).toHaveLength(3);
    expect(JSON.parse(saved[2] as string)).toMatchObject({ line: 3, scores: { buggy: null } });
  });

  it('names the file, line and field of a bad held-out example', async () => {
    const file = join(tempDir(), 'held-out.jsonl');
    writeFileSync(
      file,
      `${heldOutJsonl().trimEnd()}\n{"messages": [{"role": "bot", "content": "hi"}, {"role": "assistant", "content": "x"}]}\n`,
    );
    await expect(
      runEval(evalClient(scriptedFake()), { examples: file, candidates }),
    ).rejects.toThrow(`${file}:11: messages[0].role: unknown role "bot"`);
  });

  it('refuses an example without an answer to compare with', async () => {
    const file = join(tempDir(), 'held-out.jsonl');
    writeFileSync(file, '{"messages": [{"role": "user", "content": "hi"}]}\n');
    await expect(
      runEval(evalClient(scriptedFake()), { examples: file, candidates }),
    ).rejects.toThrow(`${file}:1: no assistant message: nothing to compare an answer with`);
  });
});
