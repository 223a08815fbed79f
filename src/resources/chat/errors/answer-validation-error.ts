import { TuneKitError } from '../../../core/errors/tunekit-error.ts';
import type { ChatCompletion } from '../../../schemas/chat-completion.ts';
import { excerpt } from './excerpt.ts';

/** One place where the answer does not match its schema. */
export interface AnswerIssue {
  /** Where in the answer, as people write it: `items[0].qty`; empty for the answer itself. */
  path: string;
  /** The path as zod gives it: `['items', 0, 'qty']`. */
  pathKeys: readonly PropertyKey[];
  message: string;
  /** zod's issue code (`invalid_type`, `too_small`…), or `invalid_json`. */
  code: string;
}

/** What went wrong: not JSON, JSON the schema refuses, no answer, or a tool that was not offered. */
export type AnswerProblem = 'not_json' | 'schema_mismatch' | 'no_answer' | 'unknown_tool';

/**
 * The model answered, but not with what the schema describes: its text is not JSON, the JSON
 * fails the zod schema (each issue with its path), the answer is missing, or it called a tool
 * that was not offered. `raw` holds the text (with any secret redacted); `cause` holds zod's
 * own error when there is one.
 *
 * @example
 * if (error instanceof AnswerValidationError) for (const i of error.issues) console.error(i.path, i.message, error.raw);
 */
export class AnswerValidationError extends TuneKitError {
  override name = 'AnswerValidationError';
  readonly problem: AnswerProblem;
  /** What was checked: the message content, or a tool call's arguments. */
  readonly target: 'content' | 'tool_arguments';
  readonly raw: string | null;
  readonly issues: readonly AnswerIssue[];
  readonly choiceIndex: number;
  /** The tool call whose arguments failed, when `target` is `tool_arguments`. */
  readonly toolCall: { id: string; name: string } | undefined;
  readonly requestId: string | undefined;
  /** The completion as received (secrets redacted). */
  readonly completion: ChatCompletion;

  constructor(
    fields: {
      problem: AnswerProblem;
      target: 'content' | 'tool_arguments';
      raw: string | null;
      issues: readonly AnswerIssue[];
      choiceIndex: number;
      toolCall?: { id: string; name: string } | undefined;
      requestId: string | undefined;
      completion: ChatCompletion;
    },
    options?: ErrorOptions,
  ) {
    const what =
      fields.target === 'content'
        ? `The answer of choice ${fields.choiceIndex}`
        : `The arguments of tool call ${fields.toolCall?.id ?? ''} (${fields.toolCall?.name ?? ''}) in choice ${fields.choiceIndex}`;
    const listed = fields.issues
      .slice(0, 5)
      .map((issue) => `${issue.path || '(root)'}: ${issue.message}`)
      .join('; ');
    const more = fields.issues.length > 5 ? ` (and ${fields.issues.length - 5} more)` : '';
    const id = fields.requestId ? ` (request id ${fields.requestId})` : '';
    super(
      `${what} ${verb(fields.problem)}${id}: ${listed}${more}; got ${excerpt(fields.raw)}`,
      options,
    );
    this.problem = fields.problem;
    this.target = fields.target;
    this.raw = fields.raw;
    this.issues = fields.issues;
    this.choiceIndex = fields.choiceIndex;
    this.toolCall = fields.toolCall;
    this.requestId = fields.requestId;
    this.completion = fields.completion;
  }
}

function verb(problem: AnswerProblem): string {
  switch (problem) {
    case 'not_json':
      return 'is not JSON';
    case 'schema_mismatch':
      return 'does not match the schema';
    case 'no_answer':
      return 'is missing';
    case 'unknown_tool':
      return 'name a tool that was not offered';
  }
}
