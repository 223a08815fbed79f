/**
 * The naive validator the benchmark compares against: what a script usually does — read the
 * whole file, split lines, JSON.parse, check with zod, count each message with gpt-tokenizer,
 * all on one thread.
 */
import { readFileSync } from 'node:fs';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { ChatExample } from '../src/data/formats/chat.ts';

export function naiveValidate(path: string): { examples: number; invalid: number; tokens: number } {
  const lines = readFileSync(path, 'utf8').split('\n');
  let examples = 0;
  let invalid = 0;
  let tokens = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    examples++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      invalid++;
      continue;
    }
    const result = ChatExample.safeParse(value);
    if (!result.success) {
      invalid++;
      continue;
    }
    for (const message of result.data.messages) {
      tokens += 3;
      if (typeof message.content === 'string') tokens += countTokens(message.content);
      if (message.role === 'assistant' && message.tool_calls) {
        for (const call of message.tool_calls) tokens += countTokens(call.function.arguments);
      }
    }
    tokens += 3;
  }
  return { examples, invalid, tokens };
}
