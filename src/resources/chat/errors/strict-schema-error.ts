import { InvalidArgumentError } from '../../../core/errors/invalid-argument-error.ts';
import type { StrictSchemaProblem } from '../../../data/answers/strict-schema.ts';

/**
 * A zod schema given to `zodResponseFormat` or `zodFunction` cannot be sent in strict mode
 * (`strict: true`), and tunekit cannot rewrite it without changing what it accepts: an
 * `.optional()` field without null, a record or tuple, a value of any type, a `z.date()`.
 * Raised when the format or tool is built, before anything is sent; each problem names where in
 * the answer it is (`items[].note`) and how to fix it.
 *
 * @example
 * zodResponseFormat(z.object({ note: z.string().optional() }), 'a'); // throws: problems[0].valuePath 'note'
 */
export class StrictSchemaError extends InvalidArgumentError {
  override name = 'StrictSchemaError';
  readonly problems: readonly StrictSchemaProblem[];

  constructor(subject: string, argument: string, problems: readonly StrictSchemaProblem[]) {
    const listed = problems
      .slice(0, 5)
      .map((p) => `${p.valuePath}: ${p.message}`)
      .join('; ');
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    super(`${subject} cannot be used in strict mode: ${listed}${more}`, argument);
    this.problems = problems;
  }
}
