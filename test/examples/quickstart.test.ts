import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('examples/quickstart.ts (npm run example)', () => {
  it('runs the quickstart: uploads, trains, follows and the fine-tuned model answers from its data', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', './scripts/source-imports.ts', 'examples/quickstart.ts'],
      { cwd: new URL('../..', import.meta.url), timeout: 60_000 },
    );

    expect(stdout).toMatch(/^Uploaded support-bot\.jsonl \(\d+ bytes\) as file-/m);
    expect(stdout).toContain('Fine-tuning job started');
    expect(stdout).toContain('The job has successfully completed');
    // The fine-tuned model answers with the training reply; the base model does not.
    expect(stdout).toMatch(
      /ft:gpt-4o-mini-2024-07-18:[^ ]+ answers "My lamp flickers — is it broken\?":\n {2}Flickering is usually a loose or non-dimmable bulb/,
    );
    expect(stdout).toMatch(
      /\ngpt-4o-mini-2024-07-18 answers "My lamp flickers — is it broken\?":\n {2}This is a placeholder answer/,
    );
  });
});
