import type { ChatExample } from '../formats/chat.ts';
import type { Converted } from './bedrock.ts';

type Message = ChatExample['messages'][number];

/** What Together's conversational format has room for in one message. */
interface TogetherMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  weight?: 0 | 1;
}

const fail = (reason: string): Converted => ({ ok: false, reason });

/** A message's text, or why Together's checker would refuse it. */
function textOf(message: Message, at: string): { text: string } | { reason: string } {
  if ('tool_calls' in message && message.tool_calls) {
    return { reason: `${at} calls tools, which Together's conversational format has no field for` };
  }
  if ('function_call' in message && message.function_call) {
    return {
      reason: `${at} calls a function, which Together's conversational format has no field for`,
    };
  }
  const { content } = message;
  if (typeof content === 'string') return { text: content };
  if (!Array.isArray(content)) return { reason: `${at} has no text content` };
  let text = '';
  for (const part of content) {
    if (part.type !== 'text') {
      return {
        reason: `${at} holds an image; Together trains on images only for its vision models, in a format tunekit does not convert to`,
      };
    }
    text += part.text;
  }
  return { text };
}

/**
 * A chat example as Together AI's client checks conversational files (`together-ai` 0.52,
 * `lib/check-file.ts`): only `messages`, each with a `system`, `user` or `assistant` role and
 * string content (text parts joined), no two in a row with the same role, at least one
 * assistant message, `weight` 0 or 1. A `developer` message becomes `system`. Tool calls, tool
 * definitions and images have no place there (Together's Python SDK takes tools; whether its
 * server does could not be confirmed): such lines are left out, each with its reason.
 *
 * @example
 * chatToTogether({ messages: [{ role: 'developer', content: 'Be brief.' }, …] });
 * // { ok: true, value: { messages: [{ role: 'system', content: 'Be brief.' }, …] } }
 */
export function chatToTogether(example: ChatExample): Converted {
  if (example.tools?.length || example.functions?.length) {
    return fail("the example defines tools, which Together's client refuses as an extra field");
  }
  const messages: TogetherMessage[] = [];
  for (const [index, message] of example.messages.entries()) {
    const at = `messages[${index}] (${message.role})`;
    const role = message.role === 'developer' ? 'system' : message.role;
    if (role !== 'system' && role !== 'user' && role !== 'assistant') {
      return fail(
        `${at}: Together's conversational format has system, user and assistant messages only`,
      );
    }
    const text = textOf(message, at);
    if ('reason' in text) return fail(text.reason);
    if (messages.at(-1)?.role === role) {
      return fail(`${at} follows another ${role} message; Together wants the roles to alternate`);
    }
    const converted: TogetherMessage = { role, content: text.text };
    if ('weight' in message && message.weight !== undefined) converted.weight = message.weight;
    messages.push(converted);
  }
  if (!messages.some((message) => message.role === 'assistant')) {
    return fail('there is no assistant message to learn from');
  }
  return { ok: true, value: { messages } };
}
