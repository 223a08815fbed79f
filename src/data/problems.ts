/**
 * Every problem the validator can report. An `error` makes the API reject the file (or the job
 * fail), or fails a check the caller asked for (answers against a schema); a `warning` does not
 * block an upload but costs money or quality. A `line` problem
 * always names its line; a `file` problem is about the file as a whole and names none.
 */
export const PROBLEM_CATALOG = {
  read_error: { severity: 'error', summary: 'The source could not be read.', scope: 'file' },
  empty_file: { severity: 'error', summary: 'The file has no examples.', scope: 'file' },
  unsupported_encoding: {
    severity: 'error',
    summary: 'The file is UTF-16 or UTF-32, not UTF-8.',
    scope: 'file',
  },
  bom: {
    severity: 'warning',
    summary: 'The file starts with a UTF-8 byte order mark.',
    scope: 'line',
  },
  invalid_utf8: { severity: 'error', summary: 'The line is not valid UTF-8.', scope: 'line' },
  blank_line: { severity: 'warning', summary: 'The line is blank.', scope: 'line' },
  line_too_long: {
    severity: 'error',
    summary: 'The line is longer than the reader accepts.',
    scope: 'line',
  },
  invalid_json: { severity: 'error', summary: 'The line is not valid JSON.', scope: 'line' },
  too_deeply_nested: {
    severity: 'error',
    summary: 'The line nests arrays or objects more than 100 levels deep.',
    scope: 'line',
  },
  line_too_complex: {
    severity: 'error',
    summary: 'The line holds more JSON values than the validator reads (1,000,000).',
    scope: 'line',
  },
  not_an_object: {
    severity: 'error',
    summary: 'The line is JSON but not an object.',
    scope: 'line',
  },
  unknown_format: {
    severity: 'error',
    summary: 'The line matches no training format.',
    scope: 'line',
  },
  mixed_formats: {
    severity: 'error',
    summary: 'The line has another format than the file.',
    scope: 'line',
  },
  format_not_supported: {
    severity: 'error',
    summary: 'The model does not train on files of this format.',
    scope: 'file',
  },
  missing_messages: {
    severity: 'error',
    summary: 'The example has no `messages` array.',
    scope: 'line',
  },
  empty_messages: { severity: 'error', summary: 'The `messages` array is empty.', scope: 'line' },
  unknown_role: {
    severity: 'error',
    summary: 'A message has a role the format does not know.',
    scope: 'line',
  },
  unknown_key: {
    severity: 'error',
    summary: 'An object has a key the format does not know.',
    scope: 'line',
  },
  missing_content: { severity: 'error', summary: 'A message has no content.', scope: 'line' },
  missing_field: { severity: 'error', summary: 'A required field is missing.', scope: 'line' },
  invalid_field: {
    severity: 'error',
    summary: 'A field has the wrong type or value.',
    scope: 'line',
  },
  no_assistant_message: {
    severity: 'error',
    summary: 'The example has no assistant message.',
    scope: 'line',
  },
  missing_preference_output: {
    severity: 'error',
    summary: 'A preference example lacks `preferred_output` or `non_preferred_output`.',
    scope: 'line',
  },
  invalid_weight: { severity: 'error', summary: 'A `weight` is not 0 or 1.', scope: 'line' },
  weight_on_non_assistant: {
    severity: 'error',
    summary: 'A `weight` is set on a message that is not from the assistant.',
    scope: 'line',
  },
  tool_call_without_response: {
    severity: 'error',
    summary: 'A tool call is followed by more messages but no tool response with its id.',
    scope: 'line',
  },
  tool_response_without_call: {
    severity: 'error',
    summary: 'A tool message answers no earlier tool call.',
    scope: 'line',
  },
  image_not_in_user_message: {
    severity: 'error',
    summary: 'An image is in a message that is not from the user.',
    scope: 'line',
  },
  invalid_image_url: {
    severity: 'error',
    summary: 'An image URL is neither https nor a JPEG/PNG/WEBP base64 data URL.',
    scope: 'line',
  },
  too_many_images: {
    severity: 'error',
    summary: 'The example has more than 10 images.',
    scope: 'line',
  },
  image_too_large: {
    severity: 'error',
    summary: 'An inline image is larger than 10 MB.',
    scope: 'line',
  },
  special_token: {
    severity: 'error',
    summary: "A text holds a special token of the model's encoding, such as <|endoftext|>.",
    scope: 'line',
  },
  duplicate_example: {
    severity: 'warning',
    summary: 'The example repeats an earlier line.',
    scope: 'line',
  },
  too_few_examples: {
    severity: 'error',
    summary: 'The file has fewer than 10 examples.',
    scope: 'file',
  },
  few_examples: {
    severity: 'warning',
    summary: 'The file has fewer than 50 examples.',
    scope: 'file',
  },
  example_too_long: {
    severity: 'warning',
    summary: "The example exceeds the model's token limit and will be truncated.",
    scope: 'line',
  },
  approximate_token_count: {
    severity: 'warning',
    summary: 'A long unbroken run of characters was counted in chunks: the count is approximate.',
    scope: 'line',
  },
  needs_uploads_api: {
    severity: 'warning',
    summary: 'The file is over 512 MB: upload it with the Uploads API.',
    scope: 'file',
  },
  file_too_large: {
    severity: 'error',
    summary: 'The file is over 8 GB, the largest upload.',
    scope: 'file',
  },
  answer_not_json: {
    severity: 'error',
    summary: 'An assistant answer checked against a response schema is not JSON.',
    scope: 'line',
  },
  answer_schema_mismatch: {
    severity: 'error',
    summary: 'An assistant answer does not match the response schema.',
    scope: 'line',
  },
  tool_arguments_not_json: {
    severity: 'error',
    summary: "A tool call's arguments are not JSON.",
    scope: 'line',
  },
  tool_arguments_schema_mismatch: {
    severity: 'error',
    summary: "A tool call's arguments do not match the function's parameters.",
    scope: 'line',
  },
  unknown_tool: {
    severity: 'error',
    summary: 'A tool call names a function that no tool declares.',
    scope: 'line',
  },
  invalid_answer_schema: {
    severity: 'error',
    summary: 'A response format or tool parameters carried by the example is not a JSON Schema.',
    scope: 'line',
  },
} as const satisfies Record<
  string,
  { severity: Severity; summary: string; scope: 'file' | 'line' }
>;

export type Severity = 'error' | 'warning';
export type ProblemCode = keyof typeof PROBLEM_CATALOG;

/** Every problem code, in catalog order. */
export const PROBLEM_CODES = Object.keys(PROBLEM_CATALOG) as ProblemCode[];

/** One thing wrong with a training file, and where. */
export interface Problem {
  code: ProblemCode;
  severity: Severity;
  message: string;
  /** 1-based line number; absent for problems of the whole file. */
  line?: number;
  /** JSON path inside the line, like `messages[2].content`. */
  path?: string;
  /**
   * 1-based column in the line: of a JSON syntax error or a special token (in UTF-16 code
   * units, as editors count), or of an invalid UTF-8 byte (in bytes).
   */
  column?: number;
  /**
   * Inside a JSON answer (the content at `path`, or a tool call's arguments), where it does not
   * match its schema: `items[0].qty`; empty for the answer itself.
   */
  answerPath?: string;
}

/**
 * Builds a problem with the catalog's severity.
 *
 * @example
 * problem('blank_line', 'line 3 is blank', { line: 3 });
 * // { code: 'blank_line', severity: 'warning', message: 'line 3 is blank', line: 3 }
 */
export function problem(
  code: ProblemCode,
  message: string,
  where: { line?: number; path?: string; column?: number; answerPath?: string } = {},
): Problem {
  return { code, severity: PROBLEM_CATALOG[code].severity, message, ...where };
}

export { formatPath } from '../schemas/issue-path.ts';
