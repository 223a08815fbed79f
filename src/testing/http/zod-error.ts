import type { z } from 'zod';
import { formatPath, valueAtPath } from '../../schemas/issue-path.ts';
import { missingParameter, RouteError } from './route-error.ts';

type Issue = z.core.$ZodIssue;

/** What kind of value a JSON value is, in the API's words ("an integer", "a string", …). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * The most telling issue: inside a union ("auto" or 1–50) the branch that got furthest — a
 * range or format complaint — says more than "expected 'auto'".
 */
function mostSpecific(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const candidates = issue.errors
    .flat()
    .map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as Issue)
    .map(mostSpecific);
  const rank = (candidate: Issue) =>
    candidate.path.length * 10 +
    (candidate.code === 'invalid_type' || candidate.code === 'invalid_value' ? 0 : 5);
  return candidates.reduce((best, next) => (rank(next) > rank(best) ? next : best));
}

/**
 * Turns the first problem zod found in a request body into the 400 the API sends: `param` in
 * the API's style (`method.supervised.hyperparameters.n_epochs`, `messages[0].role`), a
 * message that names it and what was wrong, and the API's codes for the common cases.
 */
export function requestErrorFromZod(error: z.ZodError, input: unknown): RouteError {
  const first = error.issues[0];
  if (!first) return new RouteError(400, { message: 'The request body is invalid.' });
  const issue = mostSpecific(first);
  const param = formatPath(issue.path) || null;
  const sent = valueAtPath(input, issue.path);
  const name = param ?? 'body';

  if (issue.code === 'invalid_type' && sent === undefined) return missingParameter(name);
  if (issue.code === 'invalid_type') {
    return new RouteError(400, {
      message: `Invalid type for '${name}': expected ${issue.expected}, but got ${describe(sent)} instead.`,
      param,
      code: 'invalid_type',
    });
  }
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const where = param ? `${param}.${key}` : key;
    return new RouteError(400, {
      message: `Unrecognized request argument supplied: ${where}`,
      param: where,
    });
  }
  return new RouteError(400, {
    message: `Invalid value for '${name}': ${issue.message}. Got ${JSON.stringify(sent) ?? 'nothing'}.`,
    param,
    code: 'invalid_value',
  });
}
