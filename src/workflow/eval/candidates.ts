import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.ts';
import type { PromptExample } from '../../data/prompt/read-examples.ts';
import { applyPromptVariant, type PromptVariant } from '../../data/prompt/variant.ts';
import type { ChatCompletion } from '../../schemas/chat-completion.ts';
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatMessageParam,
} from '../../schemas/chat-params.ts';
import type { ModelOutput } from './scorers/scorer.ts';

/** A model to evaluate, with the prompt it gets. */
export interface EvalCandidate {
  /** Base or fine-tuned model (`ft:…`), or a deployment name. */
  model: string;
  /** How reports call it (default: the prompt's name after the model, or the model). */
  name?: string | undefined;
  /** How it is prompted (system prompt, few-shot turns, context); default: the example's own. */
  prompt?: PromptVariant | undefined;
  /** Request parameters of its own (`temperature`, `response_format`, `tools`…). */
  params?: Partial<Omit<ChatCompletionCreateParamsNonStreaming, 'model' | 'messages'>> | undefined;
}

/** A candidate with its final name. */
export interface ResolvedCandidate extends EvalCandidate {
  name: string;
}

/**
 * Names the candidates (the model, with the prompt's name when it has one) and checks the
 * names are unique: results and reports are keyed by them.
 */
export function resolveCandidates(candidates: readonly EvalCandidate[]): ResolvedCandidate[] {
  if (candidates.length === 0) {
    throw new InvalidArgumentError('give at least one model to evaluate', 'candidates');
  }
  const resolved = candidates.map((candidate) => ({
    ...candidate,
    name:
      candidate.name ??
      (candidate.prompt?.name ? `${candidate.model} (${candidate.prompt.name})` : candidate.model),
  }));
  const seen = new Set<string>();
  for (const { name } of resolved) {
    if (seen.has(name)) {
      throw new InvalidArgumentError(
        `two candidates are both called "${name}": give each its own name`,
        'candidates',
      );
    }
    seen.add(name);
  }
  return resolved;
}

/** The request settings every candidate shares unless its own `params` say otherwise. */
export interface RequestDefaults {
  temperature: number;
  maxOutputTokens: number;
}

/**
 * The chat request for one example and one candidate: the example's prompt through the
 * candidate's prompt variant (training-only keys such as `weight` dropped), its tools, and the
 * shared settings.
 */
export function buildRequest(
  candidate: ResolvedCandidate,
  example: PromptExample,
  defaults: RequestDefaults,
): ChatCompletionCreateParamsNonStreaming {
  const prompt = candidate.prompt
    ? applyPromptVariant(example.prompt, candidate.prompt)
    : example.prompt;
  const messages = prompt.messages.map((message) => {
    if (message.role !== 'assistant') return message;
    const { weight: _weight, ...sent } = message;
    return sent;
  }) as ChatMessageParam[];
  return {
    model: candidate.model,
    messages,
    ...(prompt.tools ? { tools: prompt.tools } : {}),
    temperature: defaults.temperature,
    max_completion_tokens: defaults.maxOutputTokens,
    ...candidate.params,
  };
}

/** A short, stable hash of a request: equal requests, equal fingerprints. */
export function fingerprint(request: ChatCompletionCreateParamsNonStreaming): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex').slice(0, 16);
}

/** What a completion answered: the first choice's text and tool calls. */
export function outputOf(completion: ChatCompletion): ModelOutput {
  const choice = completion.choices[0];
  const message = choice?.message;
  const toolCalls = (message?.tool_calls ?? []).flatMap((call) =>
    call.function ? [{ name: call.function.name, arguments: call.function.arguments }] : [],
  );
  if (message?.function_call) toolCalls.push({ ...message.function_call });
  return {
    content: message?.content ?? null,
    toolCalls,
    finishReason: choice?.finish_reason ?? null,
  };
}
