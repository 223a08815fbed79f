import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('docs/providers.md’s migration recipe to Together AI', () => {
  it('runs against two fakes: lifecycle, export, conversion, costs, retrain on Together, same answer', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', './scripts/source-imports.ts', 'examples/migrate-to-together.ts'],
      {
        cwd: new URL('../..', import.meta.url),
        timeout: 60_000,
        env: { ...process.env, EXAMPLE_TODAY: '2026-11-22' },
      },
    );

    expect(stdout).toMatch(
      /^1\. ft:gpt-4o-mini-2024-07-18:personal:pip:\w+: retiring, shuts down 2027-01-14 \(53 days\)\.$/m,
    );
    expect(stdout).toMatch(/^2\. Exported 1 job and 2 files\.$/m);
    expect(stdout).toMatch(
      /^3\. Converted for Together: .*train\.together\.jsonl \(0 lines left out\)\.$/m,
    );
    // OpenAI's price is known; Together's is not, and the line says so instead of guessing.
    expect(stdout).toMatch(
      /^4\. gpt-4o-mini-2024-07-18: \d+ training tokens for 3 epochs, \$\d+\.\d+\.$/m,
    );
    expect(stdout).toMatch(
      /^4\. meta-llama\/Meta-Llama-3\.1-8B-Instruct-Reference: \d+ training tokens for 3 epochs, no price \(.*could not be confirmed.*token counts are estimates/m,
    );
    expect(stdout).toMatch(
      /^5\. Retrained at Together: tunekit-fake\/Meta-Llama-3\.1-8B-Instruct-Reference-pip-tk[0-9a-f]{32}-[0-9a-f]{8} \(job ft-[0-9a-f-]+, succeeded\)\.$/m,
    );
    const answers = [...stdout.matchAll(/^ {5}(.+)$/gm)].map((m) => m[1]);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toBe(answers[1]);
    expect(answers[0]).toMatch(/^Yes — any lamp can come back within 30 days/);
  });
});
