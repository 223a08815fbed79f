import type { ImageTokenRule } from '../catalog/entry.ts';
import type { Prompt, ReferenceAnswer } from '../prompt/prompt.ts';
import type { PromptExample } from '../prompt/read-examples.ts';
import { applyPromptVariant, type PromptVariant } from '../prompt/variant.ts';
import type { TokenCounter } from '../tokens/counter.ts';
import { ExampleTokenCounter } from '../tokens/example-tokens.ts';

/** Tokens of one sample request, sent both ways. */
export interface RequestTokens {
  /** 1-based line of the sample request. */
  line: number;
  /** Prompt tokens of the request to the base model, with its long prompt. */
  baseInputTokens: number;
  /** Prompt tokens of the request to the fine-tuned model, with its short prompt. */
  fineTunedInputTokens: number;
  /** Tokens of the answer (the same for both). */
  outputTokens: number;
}

/** Token totals over a set of sample requests: what the break-even arithmetic works on. */
export interface RequestTokenTotals {
  /** How many requests the totals are over. */
  count: number;
  baseInputTokens: number;
  fineTunedInputTokens: number;
  outputTokens: number;
}

export interface CountRequestsOptions {
  /** The base model's prompt (system prompt, few-shot turns, context); default: as written. */
  base?: PromptVariant | undefined;
  /** The fine-tuned model's prompt; default: as written. */
  fineTuned?: PromptVariant | undefined;
  /** Output tokens of every request, instead of counting each example's answer. */
  outputTokens?: number | undefined;
  imageRule?: ImageTokenRule | null | undefined;
}

/** Prompt tokens as the API bills them: every message with its framing, tools, reply priming. */
function promptTokens(counter: ExampleTokenCounter, prompt: Prompt): number {
  return counter.count({ messages: prompt.messages, tools: prompt.tools }, 'chat').total;
}

/** Tokens of an answer: its text and tool calls, as counted for an assistant message. */
function answerTokens(counter: ExampleTokenCounter, answer: ReferenceAnswer): number {
  const message = {
    role: 'assistant',
    content: answer.content,
    tool_calls: answer.toolCalls.map((call) => ({ function: call })),
  };
  return counter.count({ messages: [message] }, 'chat').assistant;
}

/**
 * Counts, for every sample request, the prompt tokens sent to the base model with its prompt
 * variant and to the fine-tuned model with its own, and the answer's tokens (the example's
 * reference answer, or `outputTokens`). Counts are exact for the encoding of `counter`.
 *
 * @example
 * const counter = await createTokenCounter('o200k_base');
 * const examples = await readPromptExamples('sample-requests.jsonl');
 * const tokens = countRequestTokens(examples, counter, { base: await loadPromptVariant('long.json') });
 */
export function countRequestTokens(
  examples: readonly PromptExample[],
  counter: TokenCounter,
  options: CountRequestsOptions = {},
): RequestTokens[] {
  const tokens = new ExampleTokenCounter(counter, options.imageRule ?? null);
  return examples.map((example) => ({
    line: example.line,
    baseInputTokens: promptTokens(
      tokens,
      options.base ? applyPromptVariant(example.prompt, options.base) : example.prompt,
    ),
    fineTunedInputTokens: promptTokens(
      tokens,
      options.fineTuned ? applyPromptVariant(example.prompt, options.fineTuned) : example.prompt,
    ),
    outputTokens: options.outputTokens ?? answerTokens(tokens, example.reference),
  }));
}

/**
 * Adds up the tokens of sample requests.
 *
 * @example
 * totalRequestTokens([{ line: 1, baseInputTokens: 900, fineTunedInputTokens: 40, outputTokens: 12 }]);
 * // { count: 1, baseInputTokens: 900, fineTunedInputTokens: 40, outputTokens: 12 }
 */
export function totalRequestTokens(requests: readonly RequestTokens[]): RequestTokenTotals {
  const totals = { count: 0, baseInputTokens: 0, fineTunedInputTokens: 0, outputTokens: 0 };
  for (const request of requests) {
    totals.count++;
    totals.baseInputTokens += request.baseInputTokens;
    totals.fineTunedInputTokens += request.fineTunedInputTokens;
    totals.outputTokens += request.outputTokens;
  }
  return totals;
}
