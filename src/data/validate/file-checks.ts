import { type Problem, problem } from '../problems.ts';

/** Files API and Uploads API limits. */
export const FILES_API_MAX_BYTES = 512 * 1024 * 1024;
export const UPLOADS_API_MAX_BYTES = 8 * 1024 * 1024 * 1024;
/** Example counts: the API's minimum, and the fine-tuning guide's advice. */
export const MIN_EXAMPLES = 10;
export const RECOMMENDED_EXAMPLES = 50;

/**
 * Problems of the file's size: over 512 MB it needs the Uploads API, over 8 GB it cannot be
 * uploaded at all.
 *
 * @example
 * fileSizeProblems(600 * 2 ** 20); // [{ code: 'needs_uploads_api', … }]
 */
export function fileSizeProblems(bytes: number): Problem[] {
  if (bytes > UPLOADS_API_MAX_BYTES) {
    return [
      problem(
        'file_too_large',
        `the file is ${(bytes / 2 ** 30).toFixed(1)} GB; uploads stop at 8 GB: split it`,
      ),
    ];
  }
  if (bytes > FILES_API_MAX_BYTES) {
    return [
      problem(
        'needs_uploads_api',
        `the file is ${(bytes / 2 ** 20).toFixed(0)} MB; the Files API takes 512 MB, use the Uploads API`,
      ),
    ];
  }
  return [];
}

/**
 * Problems of the number of examples: none at all, fewer than the API's minimum of 10, or
 * fewer than the 50 the guide recommends.
 *
 * @example
 * exampleCountProblems(3, 3); // [{ code: 'too_few_examples', … }]
 */
export function exampleCountProblems(examples: number, lines: number): Problem[] {
  if (examples === 0) {
    return [
      problem(
        'empty_file',
        lines === 0 ? 'the file is empty' : 'the file has no example of a training format',
      ),
    ];
  }
  if (examples < MIN_EXAMPLES) {
    return [
      problem(
        'too_few_examples',
        `${examples} examples; fine-tuning needs at least ${MIN_EXAMPLES}`,
      ),
    ];
  }
  if (examples < RECOMMENDED_EXAMPLES) {
    return [
      problem('few_examples', `${examples} examples; OpenAI sees clear improvements from 50–100`),
    ];
  }
  return [];
}
