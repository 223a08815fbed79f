import { custom } from './custom.ts';
import { jsonSchema, jsonValid, zodSchema } from './json.ts';
import { modelGraded } from './model-graded.ts';
import { contains, exactMatch, matchesRegex, normalizedMatch } from './text.ts';
import { toolCallMatch } from './tool-calls.ts';

/**
 * The built-in scorers.
 *
 * @example
 * import { runEval, scorers } from 'tunekit';
 * await runEval(client, { examples: 'held-out.jsonl', candidates, scorers: [scorers.exactMatch(), scorers.jsonValid()] });
 */
export const scorers = {
  exactMatch,
  normalizedMatch,
  jsonValid,
  jsonSchema,
  zodSchema,
  contains,
  regex: matchesRegex,
  toolCallMatch,
  custom,
  modelGraded,
} as const;
