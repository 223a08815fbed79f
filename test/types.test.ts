import { describe, expectTypeOf, it } from 'vitest';
import type {
  APIPromise,
  ChatCompletion,
  ChatCompletionStream,
  CursorPage,
  FineTuningJob,
  FineTuningJobStatus,
  JobCreateParams,
  PagePromise,
  TuneKit,
} from '../src/index.ts';

// These assertions are checked by `tsc` (npm run typecheck); at run time they are no-ops.
describe('public types', () => {
  it('keep open enums open while naming the known values', () => {
    expectTypeOf<'paused'>().toExtend<FineTuningJobStatus>();
    expectTypeOf<'a-status-from-the-future'>().toExtend<FineTuningJobStatus>();
    expectTypeOf<FineTuningJobStatus>().toExtend<string>();
  });

  it('type each method’s result, with its request id', () => {
    expectTypeOf<TuneKit['jobs']['retrieve']>().returns.toEqualTypeOf<
      APIPromise<FineTuningJob & { readonly _request_id?: string | undefined }>
    >();
    expectTypeOf<TuneKit['jobs']['list']>().returns.toEqualTypeOf<PagePromise<FineTuningJob>>();
    expectTypeOf<Awaited<ReturnType<TuneKit['jobs']['list']>>>().toEqualTypeOf<
      CursorPage<FineTuningJob>
    >();
  });

  it('choose the chat result from `stream`', () => {
    // Never called: the calls exist only for the type checker.
    const calls = (client: TuneKit) => {
      const messages = [{ role: 'user' as const, content: 'hi' }];
      expectTypeOf(client.chat.completions.create({ model: 'm', messages })).toExtend<
        APIPromise<ChatCompletion>
      >();
      expectTypeOf(
        client.chat.completions.create({ model: 'm', messages, stream: true }),
      ).toEqualTypeOf<APIPromise<ChatCompletionStream>>();
      expectTypeOf(
        client.chat.completions.stream({ model: 'm', messages }),
      ).toEqualTypeOf<ChatCompletionStream>();
    };
    expectTypeOf(calls).toBeFunction();
  });

  it('reject misspelled create params', () => {
    // @ts-expect-error: `training_files` is not a parameter (typo of training_file).
    const wrong: JobCreateParams = { model: 'm', training_files: 'file-1' };
    expectTypeOf(wrong).toEqualTypeOf<JobCreateParams>();
  });
});
