import { describe, expect, it } from 'vitest';
import { validationProgressLine } from '../../src/cli/output/validation-progress.ts';
import { runCliInTerminal } from '../support/run-cli.ts';
import { fixture } from '../support/training-data.ts';

const progress = (bytesRead: number, examples: number, elapsedMs: number, totalBytes?: number) => ({
  bytesRead,
  totalBytes,
  lines: examples,
  examples,
  elapsedMs,
});

describe('the validation progress line', () => {
  it('starts at once, then shows a bar, rates and the time left', () => {
    const line = validationProgressLine('train.jsonl');
    expect(line(progress(0, 0, 40, 50e6))).toBe(
      'validating train.jsonl ░░░░░░░░░░░░░░░░░░░░ 0% · 0 B of 50.0 MB · starting…',
    );
    // Rates count from the first checked batch: 20 MB and 4,000 examples in the next 2 s.
    line(progress(1e6, 200, 900, 50e6));
    expect(line(progress(21e6, 4200, 2900, 50e6))).toBe(
      'validating train.jsonl ████████░░░░░░░░░░░░ 42% · 21.0 MB of 50.0 MB · 10.0 MB/s · 2,000 examples/s · ETA 3 s',
    );
    expect(line(progress(50e6, 10_000, 5000, 50e6))).toMatch(
      /100% · 50\.0 MB of 50\.0 MB · \d+\.\d MB\/s · [\d,]+ examples\/s$/,
    );
  });

  it('leaves out the bar and the time left when the size is unknown', () => {
    const line = validationProgressLine('<stream>');
    line(progress(1e6, 100, 500));
    expect(line(progress(3e6, 300, 1500))).toBe(
      'validating <stream> · 3.0 MB · 2.0 MB/s · 200 examples/s',
    );
  });
});

describe('tunekit data validate on a terminal', () => {
  it('draws nothing extra with --json', () => {
    const { code, screen } = runCliInTerminal([
      'data',
      'validate',
      fixture('tool-calls.jsonl'),
      '--json',
    ]);
    expect(code).toBe(0);
    expect(screen).not.toMatch(/validating/);
    expect(JSON.parse(screen).valid).toBe(true);
  });
});
