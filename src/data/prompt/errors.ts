/**
 * A line of a file of examples or requests that tunekit cannot use, and where: the source, the
 * 1-based line and, when it applies, the JSON path inside the line (`messages[1].content`).
 *
 * @example
 * if (error instanceof ExampleLineError) console.error(`${error.source}:${error.line}`, error.path, error.reason);
 */
export class ExampleLineError extends Error {
  override readonly name = 'ExampleLineError';
  readonly source: string;
  readonly line: number;
  readonly path: string | undefined;
  /** The reason alone, without the file and line (it names the JSON path when there is one). */
  readonly reason: string;

  constructor(source: string, line: number, reason: string, path?: string) {
    super(`${source}:${line}: ${reason}`);
    this.source = source;
    this.line = line;
    this.path = path;
    this.reason = reason;
  }
}

/**
 * A prompt variant file (`--model m=prompt.json`, `--base-prompt`) that cannot be read or does
 * not have the shape of a prompt variant. `file` is the file; the message says what is wrong.
 *
 * @example
 * const prompt = await loadPromptVariant('prompts/long.json').catch((error) => {
 *   if (error instanceof PromptVariantError) console.error(error.file, error.message); // names the field
 *   throw error;
 * });
 */
export class PromptVariantError extends Error {
  override readonly name = 'PromptVariantError';
  readonly file: string;

  constructor(file: string, reason: string, options?: ErrorOptions) {
    super(`${file}: ${reason}`, options);
    this.file = file;
  }
}
