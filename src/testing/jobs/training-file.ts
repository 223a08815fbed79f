/**
 * The fake's view of a training file: is it valid, how many examples and tokens does it hold,
 * how many epochs does `auto` mean. Everything the fake needs to know about training data goes
 * through this one module, so tunekit's own validator and tokenizer (`tunekit/data`) can
 * replace this minimal check without touching the rest of the fake.
 *
 * The check here is deliberately small: each non-blank line is a JSON object of the shape the
 * method expects, every line has the same shape, and there are at least
 * {@link MIN_TRAINING_EXAMPLES} examples. Token counts are estimates (about 4 characters a
 * token, plus a few tokens a message), not a real tokenizer's.
 */

import type { FineTuningMethodType } from '../models/catalog.ts';

/** The shapes of training example the API accepts. */
export type TrainingFormat = 'chat' | 'prompt-completion' | 'preference' | 'reinforcement';

/** What the check found: counts for a valid file, the first problem for an invalid one. */
export type TrainingFileCheck =
  | { valid: true; format: TrainingFormat; examples: number; tokens: number }
  | {
      valid: false;
      /** 1-based line of the problem; null when it is about the whole file. */
      line: number | null;
      /** What is wrong, as a sentence. */
      reason: string;
      code: 'invalid_file_format' | 'invalid_n_examples';
    };

/** The API refuses training files with fewer examples. */
export const MIN_TRAINING_EXAMPLES = 10;

/** Tokens added per message (role and separators) on top of its text. */
const TOKENS_PER_MESSAGE = 4;

/** A rough token count: about four characters a token, as OpenAI's rule of thumb says. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * How many epochs `n_epochs: "auto"` means for a file of `examples` examples, by OpenAI's
 * documented heuristic: 3 epochs, raised so the job sees at least 100 examples in all and
 * lowered so it sees at most 25,000, always between 1 and 25.
 */
export function autoEpochs(examples: number): number {
  const TARGET = 3;
  const MIN_PASSES = 100;
  const MAX_PASSES = 25_000;
  if (examples <= 0) return TARGET;
  let epochs = TARGET;
  if (examples * TARGET < MIN_PASSES) epochs = Math.ceil(MIN_PASSES / examples);
  else if (examples * TARGET > MAX_PASSES) epochs = Math.floor(MAX_PASSES / examples);
  return Math.min(25, Math.max(1, epochs));
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of a message's content: a string, or the text parts of an array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

/** Checks a message list; returns the problem or the token count. */
function checkMessages(messages: unknown, where: string): string | number {
  if (!Array.isArray(messages) || messages.length === 0) {
    return `${where} must be a non-empty array of messages`;
  }
  let tokens = 0;
  for (const [index, message] of messages.entries()) {
    if (!isObject(message) || typeof message.role !== 'string' || !ROLES.has(message.role)) {
      return `${where}[${index}] must be a message with a role of ${[...ROLES].join(', ')}`;
    }
    const hasToolCalls = Array.isArray(message.tool_calls) || isObject(message.function_call);
    if (message.content === undefined && !hasToolCalls) {
      return `${where}[${index}] has no content`;
    }
    const calls = JSON.stringify(message.tool_calls ?? message.function_call ?? '');
    tokens += TOKENS_PER_MESSAGE + estimateTokens(contentText(message.content) + calls);
  }
  return tokens;
}

function hasRole(messages: unknown, role: string): boolean {
  return Array.isArray(messages) && messages.some((m) => isObject(m) && m.role === role);
}

/** The format of one example and its tokens, or why it fits no accepted format. */
function checkExample(
  example: Json,
  method: FineTuningMethodType,
): { format: TrainingFormat; tokens: number } | string {
  if (method === 'dpo') {
    if (!isObject(example.input)) return 'a preference example needs an "input" object';
    const input = checkMessages(example.input.messages, '"input.messages"');
    if (typeof input === 'string') return input;
    const preferred = checkMessages(example.preferred_output, '"preferred_output"');
    if (typeof preferred === 'string') return preferred;
    const other = checkMessages(example.non_preferred_output, '"non_preferred_output"');
    if (typeof other === 'string') return other;
    if (!hasRole(example.preferred_output, 'assistant')) {
      return '"preferred_output" needs an assistant message';
    }
    return { format: 'preference', tokens: input + preferred + other };
  }
  if (method === 'reinforcement') {
    const tokens = checkMessages(example.messages, '"messages"');
    if (typeof tokens === 'string') return tokens;
    if (!hasRole(example.messages, 'user')) return '"messages" needs a user message';
    return { format: 'reinforcement', tokens };
  }
  if (typeof example.prompt === 'string' && typeof example.completion === 'string') {
    return {
      format: 'prompt-completion',
      tokens: estimateTokens(example.prompt) + estimateTokens(example.completion),
    };
  }
  if (!('messages' in example)) {
    return 'expected a "messages" array (or "prompt" and "completion" strings)';
  }
  const tokens = checkMessages(example.messages, '"messages"');
  if (typeof tokens === 'string') return tokens;
  if (!hasRole(example.messages, 'assistant')) return '"messages" has no assistant message';
  return { format: 'chat', tokens };
}

/** Which file is checked: training files need {@link MIN_TRAINING_EXAMPLES}, validation one. */
export type TrainingFileRole = 'training' | 'validation';

/**
 * Checks a training (or validation) file for `method`. Stops at the first problem, which is
 * reported with its line.
 */
export function checkTrainingFile(
  content: Uint8Array,
  method: FineTuningMethodType,
  role: TrainingFileRole = 'training',
): TrainingFileCheck {
  const minExamples = role === 'training' ? MIN_TRAINING_EXAMPLES : 1;
  const label = role === 'training' ? 'Training file' : 'Validation file';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    return {
      valid: false,
      line: null,
      reason: 'The file is not UTF-8 text.',
      code: 'invalid_file_format',
    };
  }
  let format: TrainingFormat | undefined;
  let examples = 0;
  let tokens = 0;
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const number = index + 1;
    const fail = (reason: string): TrainingFileCheck => ({
      valid: false,
      line: number,
      reason: `Line ${number}: ${reason}.`,
      code: 'invalid_file_format',
    });
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return fail('not valid JSON');
    }
    if (!isObject(value)) return fail('expected a JSON object');
    const example = checkExample(value, method);
    if (typeof example === 'string') return fail(example);
    if (format !== undefined && example.format !== format) {
      return fail(`a ${example.format} example in a file of ${format} examples`);
    }
    format = example.format;
    examples += 1;
    tokens += example.tokens;
  }
  if (format === undefined || examples < minExamples) {
    return {
      valid: false,
      line: null,
      reason: `${label} has ${examples} example(s), but must have at least ${minExamples} examples.`,
      code: 'invalid_n_examples',
    };
  }
  return { valid: true, format, examples, tokens };
}
