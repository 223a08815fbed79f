import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('docs/providers.md’s migration recipe', () => {
  it('runs against two fakes: lifecycle, export, data check, retrain on Azure, same answer', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', './scripts/source-imports.ts', 'examples/migrate-to-azure.ts'],
      {
        cwd: new URL('../..', import.meta.url),
        timeout: 60_000,
        env: { ...process.env, EXAMPLE_TODAY: '2026-11-22' },
      },
    );

    expect(stdout).toMatch(
      /^1\. ft:gpt-4o-mini-2024-07-18:personal:pip:\w+: retiring, shuts down 2027-01-14 \(53 days\)\.$/m,
    );
    expect(stdout).toContain('New fine-tuning jobs are accepted until 2027-01-06 (in 45 days).');
    expect(stdout).toMatch(/^2\. Exported 1 job and 2 files \(sha256 in .*manifest\.json\)\.$/m);
    expect(stdout).toContain("3. Azure AI Foundry takes OpenAI's chat format as it is");
    expect(stdout).toMatch(
      /^4\. Retrained on Azure: gpt-4o-mini-2024-07-18\.ft-[0-9a-f]{32} \(job ftjob-\w+, succeeded\)\.$/m,
    );
    // The model retrained on Azure answers like the one trained at OpenAI.
    const answers = [...stdout.matchAll(/^ {5}(.+)$/gm)].map((m) => m[1]);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toBe(answers[1]);
    expect(answers[0]).toMatch(/^Yes — any lamp can come back within 30 days/);
    // Training at OpenAI on 2026-11-22 was worth a warning; training at Azure (no dates known) not.
    expect(stderr.match(/Fine-tuning gpt-4o-mini-2024-07-18: /g)).toHaveLength(1);
  });
});
