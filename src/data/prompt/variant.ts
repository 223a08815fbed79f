import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { z } from 'zod';
import { ChatMessage } from '../formats/messages.ts';
import { PromptVariantError } from './errors.ts';
import type { Prompt } from './prompt.ts';

/** What stands for the text of the example's last user message in a `user` template. */
export const INPUT_PLACEHOLDER = '{{input}}';

/**
 * How one model is prompted, applied to every example: the base model today typically gets a
 * long system prompt, few-shot turns and context; the fine-tuned model the bare question. An
 * empty variant sends the example's own prompt unchanged.
 */
export const PromptVariant = z.strictObject({
  /** A label for reports (default: the file name, or the model). */
  name: z.string().min(1).optional(),
  /** Replaces the example's system and developer messages; `null` removes them. */
  system: z.string().nullable().optional(),
  /** Example turns placed after the system message, before the conversation. */
  fewShot: z.array(ChatMessage).optional(),
  /** Rewrites the last user message: `{{input}}` stands for its text (add context around it). */
  user: z
    .string()
    .refine((text) => text.includes(INPUT_PLACEHOLDER), {
      message: `must contain ${INPUT_PLACEHOLDER}, where the example's question goes`,
    })
    .optional(),
});
export type PromptVariant = z.infer<typeof PromptVariant>;

const isInstruction = (message: ChatMessage) =>
  message.role === 'system' || message.role === 'developer';

/**
 * Applies a prompt variant to a prompt and returns the new prompt (the input is not changed).
 *
 * @example
 * applyPromptVariant(
 *   { messages: [{ role: 'user', content: 'Refund?' }] },
 *   { system: 'You are a support agent. Answer in JSON.', user: 'Ticket: {{input}}' },
 * ).messages;
 * // [{ role: 'system', content: 'You are a support agent. Answer in JSON.' },
 * //  { role: 'user', content: 'Ticket: Refund?' }]
 */
export function applyPromptVariant(prompt: Prompt, variant: PromptVariant): Prompt {
  let messages = [...prompt.messages];
  if (variant.system !== undefined) {
    messages = messages.filter((message) => !isInstruction(message));
    if (variant.system !== null) messages.unshift({ role: 'system', content: variant.system });
  }
  if (variant.fewShot && variant.fewShot.length > 0) {
    const at = messages.findIndex((message) => !isInstruction(message));
    messages.splice(at < 0 ? messages.length : at, 0, ...variant.fewShot);
  }
  if (variant.user !== undefined) {
    const at = messages.findLastIndex((message) => message.role === 'user');
    const last = messages[at];
    if (last?.role === 'user') {
      const template = variant.user;
      const fill = (text: string) => template.replaceAll(INPUT_PLACEHOLDER, text);
      const content =
        typeof last.content === 'string'
          ? fill(last.content)
          : [
              { type: 'text' as const, text: fill(textOf(last.content)) },
              ...last.content.filter((part) => part.type !== 'text'),
            ];
      messages[at] = { ...last, content };
    }
  }
  return { ...prompt, messages };
}

function textOf(parts: readonly { type: string; text?: string }[]): string {
  return parts.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
}

/**
 * Reads a prompt variant from a file: a `.json` file holds a {@link PromptVariant} object; any
 * other file is the system prompt as plain text. The variant is named after the file unless it
 * names itself. Problems throw a {@link PromptVariantError} naming the file and the field.
 *
 * @example
 * const longPrompt = await loadPromptVariant('prompts/long.json');
 * const systemOnly = await loadPromptVariant('prompts/system.txt'); // { name: 'system', system: '…' }
 */
export async function loadPromptVariant(file: string): Promise<PromptVariant> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new PromptVariantError(file, `cannot read the prompt file: ${reason}`, { cause: error });
  }
  const name = basename(file, extname(file));
  if (extname(file).toLowerCase() !== '.json') return { name, system: text.trimEnd() };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PromptVariantError(file, `not valid JSON: ${(error as Error).message}`);
  }
  const parsed = PromptVariant.safeParse(json);
  if (!parsed.success) {
    throw new PromptVariantError(
      file,
      `not a prompt variant ({ system?, fewShot?, user?, name? }):\n${z.prettifyError(parsed.error)}`,
    );
  }
  return { name, ...parsed.data };
}
