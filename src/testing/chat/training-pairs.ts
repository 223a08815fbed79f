import { contentText } from '../jobs/training-file.ts';
import { cosineSimilarity } from './similarity.ts';

/** A tool call a training example's reply made. */
export interface TrainedToolCall {
  name: string;
  arguments: string;
}

/** What a fine-tuned model "learned" from one example: a prompt and the reply to give. */
export interface TrainingPair {
  prompt: string;
  reply: string;
  toolCalls: TrainedToolCall[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messagesOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function toolCallsOf(message: Json | undefined): TrainedToolCall[] {
  if (!message || !Array.isArray(message.tool_calls)) return [];
  return message.tool_calls.filter(isObject).flatMap((call) => {
    const fn = call.function;
    if (!isObject(fn) || typeof fn.name !== 'string') return [];
    return [{ name: fn.name, arguments: typeof fn.arguments === 'string' ? fn.arguments : '{}' }];
  });
}

/** The prompt (last user message before the reply) and the reply (last assistant message). */
function pairFromConversation(prompt: Json[], replies: Json[]): TrainingPair | undefined {
  const replyIndex = replies.findLastIndex((m) => m.role === 'assistant');
  const reply = replies[replyIndex];
  const before = replies === prompt ? prompt.slice(0, replyIndex) : prompt;
  const question = before.findLast((m) => m.role === 'user');
  if (!reply || !question) return undefined;
  return {
    prompt: contentText(question.content),
    reply: contentText(reply.content),
    toolCalls: toolCallsOf(reply),
  };
}

function pairOf(example: Json): TrainingPair | undefined {
  if (typeof example.prompt === 'string' && typeof example.completion === 'string') {
    return { prompt: example.prompt, reply: example.completion, toolCalls: [] };
  }
  if (isObject(example.input)) {
    return pairFromConversation(
      messagesOf(example.input.messages),
      messagesOf(example.preferred_output),
    );
  }
  const messages = messagesOf(example.messages);
  return pairFromConversation(messages, messages);
}

/**
 * The prompt/reply pairs of a training file (chat, prompt/completion and preference examples;
 * reinforcement examples have no reply and give none). Lines that do not parse are skipped:
 * only files that passed validation get here.
 */
export function trainingPairs(content: Uint8Array): TrainingPair[] {
  const pairs: TrainingPair[] = [];
  for (const line of new TextDecoder().decode(content).split(/\r?\n/)) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line.replace(/^\uFEFF/, ''));
      const pair = isObject(value) ? pairOf(value) : undefined;
      if (pair) pairs.push(pair);
    } catch {
      // Not JSON: nothing to learn from this line.
    }
  }
  return pairs;
}

/**
 * The pair whose prompt is most similar to `question` ({@link cosineSimilarity}); the earliest
 * in the file wins a tie, and with no word in common the first pair answers.
 */
export function closestPair(
  pairs: readonly TrainingPair[],
  question: string,
): TrainingPair | undefined {
  let best: TrainingPair | undefined;
  let bestScore = -1;
  for (const pair of pairs) {
    const score = cosineSimilarity(question, pair.prompt);
    if (score > bestScore) {
      best = pair;
      bestScore = score;
    }
  }
  return best;
}
