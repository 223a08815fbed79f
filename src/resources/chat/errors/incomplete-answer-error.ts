import { TuneKitError } from '../../../core/errors/tunekit-error.ts';
import type { ChatCompletion } from '../../../schemas/chat-completion.ts';
import { excerpt } from './excerpt.ts';

/** Why the model stopped before its answer was whole. */
export type IncompleteReason = 'length' | 'content_filter';

/**
 * The model stopped before its structured answer was whole: `finish_reason: 'length'` (the
 * token limit, `max_completion_tokens`, or the context window) or `'content_filter'`. The text
 * it wrote so far is in `raw` (with any secret redacted) — never parsed, never a silent null.
 *
 * @example
 * if (error instanceof IncompleteAnswerError && error.finishReason === 'length') params.max_completion_tokens = 4_000;
 */
export class IncompleteAnswerError extends TuneKitError {
  override name = 'IncompleteAnswerError';
  readonly finishReason: IncompleteReason;
  /** What the model wrote before it stopped: the content, or the tool call's arguments. */
  readonly raw: string | null;
  readonly choiceIndex: number;
  readonly requestId: string | undefined;
  /** The completion as received (secrets redacted). */
  readonly completion: ChatCompletion;

  constructor(fields: {
    finishReason: IncompleteReason;
    raw: string | null;
    choiceIndex: number;
    requestId: string | undefined;
    completion: ChatCompletion;
    maxTokens: number | null | undefined;
  }) {
    const why =
      fields.finishReason === 'length'
        ? `was cut off at the token limit (finish_reason 'length'${typeof fields.maxTokens === 'number' ? `, max_completion_tokens ${fields.maxTokens}` : ''}): raise the limit or ask for less`
        : "was stopped by the content filter (finish_reason 'content_filter')";
    const id = fields.requestId ? ` (request id ${fields.requestId})` : '';
    super(
      `The answer of choice ${fields.choiceIndex} ${why}${id}; ${fields.raw?.length ?? 0} characters arrived: ${excerpt(fields.raw)}`,
    );
    this.finishReason = fields.finishReason;
    this.raw = fields.raw;
    this.choiceIndex = fields.choiceIndex;
    this.requestId = fields.requestId;
    this.completion = fields.completion;
  }
}
