import type { TrainingFormat } from './format.ts';

/** Top-level keys of a supervised chat line; any other key marks a reinforcement line. */
const CHAT_KEYS = new Set(['messages', 'tools', 'functions', 'parallel_tool_calls']);

/**
 * The format one parsed line looks like, from its top-level keys alone, or undefined when it
 * looks like none. A `messages` line with keys beyond the chat ones looks like reinforcement
 * (graders read extra keys); which of the two a file is, is decided by {@link sameFamily} rules.
 *
 * @example
 * detectLineFormat({ prompt: 'a', completion: 'b' }); // 'completion'
 * detectLineFormat({ messages: [], reference_answer: 4 }); // 'reinforcement'
 */
export function detectLineFormat(value: Record<string, unknown>): TrainingFormat | undefined {
  if ('messages' in value) {
    for (const key of Object.keys(value)) if (!CHAT_KEYS.has(key)) return 'reinforcement';
    return 'chat';
  }
  // Tools without messages: a chat example that lost its messages, not an unknown format.
  if ('tools' in value || 'functions' in value) return 'chat';
  if ('input' in value || 'preferred_output' in value || 'non_preferred_output' in value) {
    return 'preference';
  }
  if ('prompt' in value || 'completion' in value) return 'completion';
  return undefined;
}

/**
 * True when a line that looks like `line` belongs in a file of format `file`. Chat and
 * reinforcement lines share the `messages` shape: in a chat file an extra key is an unknown key,
 * not another format; in a reinforcement file a line without extra keys is still reinforcement.
 *
 * @example
 * sameFamily('chat', 'reinforcement'); // true
 * sameFamily('chat', 'completion'); // false
 */
export function sameFamily(file: TrainingFormat, line: TrainingFormat): boolean {
  const family = (format: TrainingFormat) => (format === 'reinforcement' ? 'chat' : format);
  return family(file) === family(line);
}
