import { describe, expect, it } from 'vitest';
import { resumeHint } from '../../src/cli/jobs/finish.ts';
import { rerunFlags } from '../../src/cli/runner/rerun-flags.ts';
import { trainInterruptHint } from '../../src/cli/train/run.ts';

describe('what Ctrl-C says about a job: only what is known', () => {
  it('a job never reached: its state is unknown, nothing about it running', () => {
    const hint = resumeHint('ftjob-1', undefined, { reached: false });
    expect(hint).toContain('Stopped before reaching ftjob-1: the API never answered about it');
    expect(hint).not.toContain('keeps running');
  });

  it('a running job keeps running; a paused one stays paused; an ended one has ended', () => {
    expect(resumeHint('ftjob-1', 'ftevent-9', { reached: true, status: 'running' })).toBe(
      [
        'Stopped following ftjob-1; the job keeps running.',
        '  Follow it again: tunekit jobs follow ftjob-1 --since ftevent-9',
        '  Cancel it:       tunekit jobs cancel ftjob-1',
      ].join('\n'),
    );
    expect(resumeHint('ftjob-1', undefined, { reached: true, status: 'paused' })).toContain(
      'the job stays paused until it is resumed',
    );
    expect(resumeHint('ftjob-1', undefined, { reached: true, status: 'succeeded' })).toMatch(
      /^Stopped following ftjob-1, which has ended \(succeeded\)\./,
    );
  });

  it('train: before any job, while creating (with the token to look for), and after', () => {
    expect(trainInterruptHint({ jobId: undefined, lastEventId: undefined })).toBe(
      'Stopped before any job was created: nothing was spent.',
    );
    const creating = trainInterruptHint({
      jobId: undefined,
      lastEventId: undefined,
      creating: { token: 'tk-abc' },
    });
    expect(creating).toContain('Stopped while the job was being created: it may exist now.');
    expect(creating).toContain('Or look for it: tunekit jobs list --client-token tk-abc');
    expect(
      trainInterruptHint({ jobId: 'ftjob-2', lastEventId: undefined, jobStatus: 'queued' }),
    ).toMatch(/^Stopped following ftjob-2; the job keeps running\./);
  });

  it('every printed command carries the connection flags of the interrupted one', () => {
    const flags = ' --provider together';
    expect(resumeHint('ft-1', 'ev-2', { reached: true, status: 'running' }, flags)).toBe(
      [
        'Stopped following ft-1; the job keeps running.',
        '  Follow it again: tunekit jobs follow ft-1 --since ev-2 --provider together',
        '  Cancel it:       tunekit jobs cancel ft-1 --provider together',
      ].join('\n'),
    );
    expect(resumeHint('ft-1', undefined, { reached: true, status: 'paused' }, flags)).toContain(
      '(tunekit jobs resume ft-1 --provider together)',
    );
    expect(
      trainInterruptHint(
        { jobId: undefined, lastEventId: undefined, creating: { token: 'tk-1' } },
        flags,
      ),
    ).toContain('tunekit jobs list --client-token tk-1 --provider together');
  });
});

describe('rerunFlags: the connection flags a printed command repeats', () => {
  it('repeats where the API is, quoted for a shell, and never the key', () => {
    const flags = rerunFlags({
      provider: 'compatible',
      baseUrl: 'http://127.0.0.1:8080/v1',
      authHeader: 'x-api-key',
      authScheme: "it's",
      apiKey: 'sk-secret-0123456789',
      timeout: 5000,
    });

    expect(flags).toBe(
      " --provider compatible --base-url http://127.0.0.1:8080/v1 --auth-header x-api-key --auth-scheme 'it'\\''s'",
    );
    expect(flags).not.toContain('sk-secret');
    expect(rerunFlags({})).toBe('');
  });
});
