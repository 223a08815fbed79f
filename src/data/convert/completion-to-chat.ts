import type { ChatExample } from '../formats/chat.ts';
import type { CompletionExample } from '../formats/completion.ts';

/** Options of {@link completionToChat}: how the legacy example is marked up. */
export interface CompletionToChatOptions {
  /** A system message to put first in every converted example. */
  systemPrompt?: string;
  /**
   * Strip the separators legacy data used to mark the end of a prompt and of a completion
   * (for example `"\n\n###\n\n"` and `" END"`); chat turns need no such markers.
   */
  promptSeparator?: string;
  completionStop?: string;
}

/**
 * Converts a legacy prompt/completion example to the chat format: the prompt becomes the user
 * message, the completion the assistant's (leading space of the legacy convention removed).
 *
 * @example
 * completionToChat({ prompt: 'Capital of France?\n\n###\n\n', completion: ' Paris END' },
 *   { promptSeparator: '\n\n###\n\n', completionStop: ' END', systemPrompt: 'Answer briefly.' });
 * // { messages: [{ role: 'system', … }, { role: 'user', content: 'Capital of France?' },
 * //              { role: 'assistant', content: 'Paris' }] }
 */
export function completionToChat(
  example: CompletionExample,
  options: CompletionToChatOptions = {},
): ChatExample {
  let prompt = example.prompt;
  let completion = example.completion;
  if (options.promptSeparator && prompt.endsWith(options.promptSeparator)) {
    prompt = prompt.slice(0, -options.promptSeparator.length);
  }
  if (options.completionStop && completion.endsWith(options.completionStop)) {
    completion = completion.slice(0, -options.completionStop.length);
  }
  // The legacy guide asked for a leading space on completions; a chat answer has none.
  if (completion.startsWith(' ')) completion = completion.slice(1);
  const messages: ChatExample['messages'] = [];
  if (options.systemPrompt !== undefined)
    messages.push({ role: 'system', content: options.systemPrompt });
  messages.push({ role: 'user', content: prompt }, { role: 'assistant', content: completion });
  return { messages };
}
