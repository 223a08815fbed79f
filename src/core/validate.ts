import type { z } from 'zod';
import type { ResponseIssue } from './errors/response-validation-error.ts';

/** A zod issue path as people write it: `data[0].status`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** The issues of a failed parse, with readable paths. */
export function issuesOf(error: z.ZodError): ResponseIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}
