import type { TrainingFormat } from './formats/names.ts';

/**
 * A JSON object read without trusting its shape. Rules and token counting read lines that may
 * have failed their schema, so they go through these guards instead of the zod types.
 */
export type Loose = Record<string, unknown>;

/**
 * True for a plain JSON object (not null, not an array).
 *
 * @example
 * isObject({}); // true
 * isObject([]); // false
 */
export function isObject(value: unknown): value is Loose {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The prompt conversation of an example, with the JSON path of its array: `messages`, or
 * `input.messages` for preference examples; none for completion examples or when missing.
 *
 * @example
 * conversationOf({ input: { messages: [m] } }, 'preference'); // { path: 'input.messages', messages: [m] }
 */
export function conversationOf(
  value: Loose,
  format: TrainingFormat,
): { path: string; messages: unknown[] } | undefined {
  if (format === 'completion') return undefined;
  if (format === 'preference') {
    const input = isObject(value.input) ? value.input : {};
    return Array.isArray(input.messages)
      ? { path: 'input.messages', messages: input.messages }
      : undefined;
  }
  return Array.isArray(value.messages) ? { path: 'messages', messages: value.messages } : undefined;
}
