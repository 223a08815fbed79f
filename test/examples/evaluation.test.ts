import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/eval.ts';

const run = promisify(execFile);

describe('docs/evaluation.md, end to end against the fake', () => {
  it('splits, trains, evaluates and prices: the fine-tuned model beats its base and pays off', async () => {
    const out = tempDir();
    const { stdout } = await run(
      process.execPath,
      ['--import', './scripts/source-imports.ts', 'examples/evaluation.ts', out],
      { cwd: new URL('../..', import.meta.url), timeout: 60_000 },
    );
    expect(stdout).toContain('1. Split: 45 training and 15 held-out examples');
    expect(stdout).toMatch(
      /^2\. Trained ft:gpt-4o-mini-2024-07-18:personal:triage:\w+ \(\d+ trained tokens\)$/m,
    );
    const base = /gpt-4o-mini-2024-07-18 \(long prompt\): ([\d.]+)% \[([\d.]+)%–([\d.]+)%\]/.exec(
      stdout,
    );
    const tuned = /fine-tuned \(short prompt\): ([\d.]+)% \[([\d.]+)%–([\d.]+)%\]/.exec(stdout);
    expect(base?.[1]).toBe('0.0');
    expect(Number(tuned?.[1])).toBeGreaterThan(50);
    // Measurably better: the intervals do not even overlap.
    expect(Number(tuned?.[2])).toBeGreaterThan(Number(base?.[3]));
    expect(stdout).toMatch(
      /the fine-tuned model is better on \d+ examples, worse on 0, tied on \d+ \(sign test p = 0\.0\d+\)/,
    );
    expect(stdout).toMatch(
      /^4\. Training costs \$0\.\d+; Fine-tuning pays off after [\d,]+ requests/m,
    );
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(readFileSync(join(out, 'results.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(30);
  });
});
