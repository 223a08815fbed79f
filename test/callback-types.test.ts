import { describe, expectTypeOf, it } from 'vitest';
import type {
  FineTuneOptions,
  FineTuningJobEvent,
  UploadFileOptions,
  WaitForProcessingOptions,
  WaitOptions,
} from '../src/index.ts';

// Checked by `tsc` (npm run typecheck); at run time these are no-ops.
describe('option types', () => {
  it('accept callbacks that return anything (a promise is awaited, other values ignored)', () => {
    const events: string[] = [];
    const wait: WaitOptions = { onEvent: (e) => events.push(e.message) };
    const fineTune: FineTuneOptions = {
      trainingFile: 'train.jsonl',
      model: 'm',
      onEvent: (e: FineTuningJobEvent) => events.push(e.message),
      onStage: (stage) => stage.stage,
      onJob: (job) => job.status,
    };
    const upload: UploadFileOptions = {
      purpose: 'fine-tune',
      onState: (state) => state.uploadId,
      onProgress: (progress) => progress.bytesSent,
    };
    expectTypeOf(wait.onEvent).not.toBeUndefined();
    expectTypeOf(fineTune).toExtend<FineTuneOptions>();
    expectTypeOf(upload).toExtend<UploadFileOptions>();
  });

  it('name the total wait maxWait, apart from the per-attempt timeout', () => {
    expectTypeOf<WaitOptions['maxWait']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<FineTuneOptions['maxWait']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<WaitForProcessingOptions['maxWait']>().toEqualTypeOf<number | undefined>();
    // @ts-expect-error: the total wait is `maxWait`; `timeout` is the client's per attempt.
    const old: WaitOptions = { timeout: 1000 };
    expectTypeOf(old).toEqualTypeOf<WaitOptions>();
  });
});
