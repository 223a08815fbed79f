import { TuneKitError } from '../../../core/errors/tunekit-error.ts';
import type { ChatCompletion } from '../../../schemas/chat-completion.ts';
import type { ChatMessageParam } from '../../../schemas/chat-params.ts';

/**
 * `runTools` sent `maxRounds` requests and the model still asked for tools. The conversation so
 * far (with every tool result) is in `messages`, the last completion in `completion`: continue
 * with a higher limit, or look at what the model keeps asking for.
 *
 * @example
 * if (error instanceof ToolLoopLimitError) await client.chat.completions.runTools({ ...params, messages: [...error.messages] });
 */
export class ToolLoopLimitError extends TuneKitError {
  override name = 'ToolLoopLimitError';
  readonly maxRounds: number;
  readonly messages: readonly ChatMessageParam[];
  readonly completion: ChatCompletion;

  constructor(
    maxRounds: number,
    messages: readonly ChatMessageParam[],
    completion: ChatCompletion,
  ) {
    const asked = (completion.choices[0]?.message.tool_calls ?? [])
      .map((call) => call.function?.name ?? '?')
      .join(', ');
    super(
      `The model still called tools (${asked}) after ${maxRounds} rounds, the limit of runTools: raise maxRounds or check why it keeps calling them.`,
    );
    this.maxRounds = maxRounds;
    this.messages = messages;
    this.completion = completion;
  }
}
