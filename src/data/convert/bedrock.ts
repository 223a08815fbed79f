import type { ChatExample } from '../formats/chat.ts';

/** A line converted, or why it cannot be. */
export type Converted =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; reason: string };

type Message = ChatExample['messages'][number];
const fail = (reason: string): Converted => ({ ok: false, reason });

/** The text of a message, or why it has none that Bedrock could take. */
function textOf(message: Message, index: number): { text: string } | { reason: string } {
  const at = `messages[${index}] (${message.role})`;
  if ('tool_calls' in message && message.tool_calls) {
    return { reason: `${at} calls tools, which Bedrock's fine-tuning formats cannot express` };
  }
  if ('function_call' in message && message.function_call) {
    return { reason: `${at} calls a function, which Bedrock's fine-tuning formats cannot express` };
  }
  const { content } = message;
  if (typeof content === 'string') return { text: content };
  if (!Array.isArray(content)) return { reason: `${at} has no text content` };
  let text = '';
  for (const part of content) {
    if (part.type !== 'text') {
      return {
        reason: `${at} holds an image; Bedrock takes images only as S3 locations, which a URL cannot be converted to`,
      };
    }
    text += part.text;
  }
  return { text };
}

/**
 * The conversation as Bedrock wants it: leading system (and developer) messages apart, then
 * user and assistant turns alternating from a user turn to an assistant turn, text only, no
 * per-message weight.
 */
function turns(
  example: ChatExample,
): { system: string[]; turns: Array<{ role: 'user' | 'assistant'; text: string }> } | string {
  if (example.tools?.length || example.functions?.length) {
    return "the example defines tools, which Bedrock's fine-tuning formats cannot express";
  }
  const system: string[] = [];
  const out: Array<{ role: 'user' | 'assistant'; text: string }> = [];
  for (const [index, message] of example.messages.entries()) {
    const text = textOf(message, index);
    if ('reason' in text) return text.reason;
    if (message.role === 'system' || message.role === 'developer') {
      if (out.length > 0)
        return `messages[${index}] is a ${message.role} message after the conversation started; Bedrock takes system text only before it`;
      system.push(text.text);
      continue;
    }
    if (message.role !== 'user' && message.role !== 'assistant') {
      return `messages[${index}] has role ${message.role}; Bedrock's formats have user and assistant turns only`;
    }
    if ('weight' in message && message.weight === 0) {
      return `messages[${index}] has weight 0; Bedrock's formats cannot leave an assistant turn out of training`;
    }
    const expected = out.length % 2 === 0 ? 'user' : 'assistant';
    if (message.role !== expected) {
      return `messages[${index}] is a ${message.role} turn where Bedrock needs a ${expected} turn (turns alternate, starting with user)`;
    }
    out.push({ role: message.role, text: text.text });
  }
  if (out.length < 2 || out.at(-1)?.role !== 'assistant') {
    return 'Bedrock needs at least one user turn followed by an assistant turn, ending with the assistant';
  }
  return { system, turns: out };
}

/**
 * A chat example in Bedrock's conversation format (`bedrock-conversation-2024`, used by
 * Amazon Nova and the Converse API): system text as `system: [{ text }]`, each turn's content
 * as `[{ text }]`.
 *
 * @example
 * chatToBedrockConverse({ messages: [
 *   { role: 'system', content: 'Be brief.' },
 *   { role: 'user', content: 'Capital of France?' },
 *   { role: 'assistant', content: 'Paris.' },
 * ] });
 * // { ok: true, value: { schemaVersion: 'bedrock-conversation-2024', system: [{ text: 'Be brief.' }],
 * //   messages: [{ role: 'user', content: [{ text: 'Capital of France?' }] }, …] } }
 */
export function chatToBedrockConverse(example: ChatExample): Converted {
  const parsed = turns(example);
  if (typeof parsed === 'string') return fail(parsed);
  const value: Record<string, unknown> = { schemaVersion: 'bedrock-conversation-2024' };
  if (parsed.system.length > 0) value.system = parsed.system.map((text) => ({ text }));
  value.messages = parsed.turns.map((turn) => ({
    role: turn.role,
    content: [{ text: turn.text }],
  }));
  return { ok: true, value };
}

/**
 * A chat example in Bedrock's format for Anthropic Claude 3 Haiku: an optional `system`
 * string and `messages` of plain-text user and assistant turns, alternating, first user, last
 * assistant, no other keys.
 *
 * @example
 * chatToBedrockClaude({ messages: [
 *   { role: 'user', content: 'Capital of France?' },
 *   { role: 'assistant', content: 'Paris.' },
 * ] });
 * // { ok: true, value: { messages: [{ role: 'user', content: 'Capital of France?' },
 * //   { role: 'assistant', content: 'Paris.' }] } }
 */
export function chatToBedrockClaude(example: ChatExample): Converted {
  const parsed = turns(example);
  if (typeof parsed === 'string') return fail(parsed);
  const value: Record<string, unknown> = {};
  if (parsed.system.length > 0) value.system = parsed.system.join('\n\n');
  value.messages = parsed.turns.map((turn) => ({ role: turn.role, content: turn.text }));
  return { ok: true, value };
}
