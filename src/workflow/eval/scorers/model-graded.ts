import { z } from 'zod';
import { contentText } from '../../../data/prompt/prompt.ts';
import { isFatalEvalError } from '../fatal.ts';
import { ScoreUnavailableError } from './errors.ts';
import { type ModelOutput, passFail, type Scorer } from './scorer.ts';

/** The grader's reply: a reason first (it judges better having written it), then the verdict. */
const Grade = z.object({ reason: z.string(), pass: z.boolean() });

const GRADE_FORMAT = {
  type: 'json_schema' as const,
  json_schema: {
    name: 'grade',
    strict: true,
    schema: {
      type: 'object',
      properties: { reason: { type: 'string' }, pass: { type: 'boolean' } },
      required: ['reason', 'pass'],
      additionalProperties: false,
    },
  },
};

const INSTRUCTIONS =
  'You grade the answer of an AI assistant against a rubric. Judge only what the rubric asks; ' +
  'the reference answer shows what a good answer looks like, not the only acceptable wording. ' +
  'Reply with a JSON object: {"reason": "<one sentence>", "pass": true or false}.';

function show(answer: Pick<ModelOutput, 'content' | 'toolCalls'>): string {
  const calls = answer.toolCalls.map((call) => `call ${call.name}(${call.arguments})`);
  return [answer.content ?? '', ...calls].filter(Boolean).join('\n') || '(empty)';
}

/**
 * A model-graded scorer: another model judges each answer against your rubric and says pass
 * or fail with a reason. Its grading requests count against the evaluation's budget and cost
 * cap. Reports mark it as model-graded — a model's opinion, not a check — and a grade the
 * model does not give (an error, an unreadable reply) counts as not scored.
 *
 * @example
 * const scorer = modelGraded({
 *   model: 'gpt-4.1',
 *   rubric: 'Passes when the answer names the right intent and nothing else.',
 * });
 */
export function modelGraded(options: { model: string; rubric: string; name?: string }): Scorer {
  if (options.rubric.trim() === '') throw new RangeError('modelGraded(): the rubric is empty');
  return {
    name: options.name ?? `graded by ${options.model}`,
    kind: 'model-graded',
    description: `${options.model} judges the answer against the rubric: ${options.rubric}`,
    grader: options.model,
    async score({ output, reference, example, complete }) {
      const question = contentText(
        example.prompt.messages.findLast((m) => m.role === 'user')?.content,
      );
      let reply: string | null | undefined;
      try {
        const completion = await complete({
          model: options.model,
          temperature: 0,
          response_format: GRADE_FORMAT,
          messages: [
            { role: 'system', content: INSTRUCTIONS },
            {
              role: 'user',
              content: `Rubric:\n${options.rubric}\n\nQuestion:\n${question}\n\nReference answer:\n${show(reference)}\n\nAnswer to grade:\n${show(output)}`,
            },
          ],
        });
        reply = completion.choices[0]?.message.content;
      } catch (error) {
        if (isFatalEvalError(error)) throw error;
        throw new ScoreUnavailableError(`the grader failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      let grade: z.infer<typeof Grade>;
      try {
        grade = Grade.parse(JSON.parse(reply ?? ''));
      } catch {
        throw new ScoreUnavailableError(
          `the grader's reply is not {"reason", "pass"}: ${JSON.stringify((reply ?? '').slice(0, 80))}`,
        );
      }
      return passFail(grade.pass, grade.reason);
    },
  };
}
