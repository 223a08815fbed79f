import type { z } from 'zod';
import { formatPath } from '../schemas/issue-path.ts';
import type { ResponseIssue } from './errors/response-validation-error.ts';

export { formatPath };

/** The issues of a failed parse, with readable paths. */
export function issuesOf(error: z.ZodError): ResponseIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}
