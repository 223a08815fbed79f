import { isDeepStrictEqual } from 'node:util';
import type { ToolCallAnswer } from '../../../data/prompt/prompt.ts';
import { passFail, type Scorer } from './scorer.ts';

/** Arguments as parsed JSON, so key order and spacing do not matter; raw text if not JSON. */
function argumentsOf(call: ToolCallAnswer): unknown {
  try {
    return JSON.parse(call.arguments);
  } catch {
    return call.arguments;
  }
}

const show = (call: ToolCallAnswer) => `${call.name}(${call.arguments})`;

/**
 * Passes when the model made the expected tool calls: the same functions with the same
 * arguments, compared as JSON values (key order and spacing do not matter), in any order.
 * An example that expects no call passes when the model made none.
 *
 * @example
 * const scorer = toolCallMatch();
 */
export function toolCallMatch(): Scorer {
  return {
    name: 'tool-calls',
    kind: 'reference',
    description: 'the same tool calls as expected (name and arguments as JSON), in any order',
    score({ output, reference }) {
      const expected = reference.toolCalls;
      const unused = [...output.toolCalls];
      for (const call of expected) {
        const at = unused.findIndex(
          (made) =>
            made.name === call.name && isDeepStrictEqual(argumentsOf(made), argumentsOf(call)),
        );
        if (at < 0) {
          const sameName = unused.find((made) => made.name === call.name);
          return passFail(
            false,
            sameName
              ? `expected ${show(call)}, got ${show(sameName)}`
              : `expected ${show(call)}, got ${output.toolCalls.length ? output.toolCalls.map(show).join(', ') : 'no call'}`,
          );
        }
        unused.splice(at, 1);
      }
      if (unused.length > 0) return passFail(false, `unexpected ${unused.map(show).join(', ')}`);
      return passFail(true);
    },
  };
}
