/**
 * A model name the catalog does not know. Thrown for a wrong option, never for bad data:
 * add the model with a catalog override, or fix the name.
 *
 * @example
 * const report = await validateTrainingFile('train.jsonl', { model: 'gpt-99' }).catch((error) => {
 *   if (error instanceof UnknownModelError) console.error(error.model, error.message); // lists the known ones
 *   throw error;
 * });
 */
export class UnknownModelError extends Error {
  override readonly name = 'UnknownModelError';
  readonly model: string;

  constructor(model: string, known: readonly string[]) {
    super(`unknown model ${JSON.stringify(model)}; known models: ${known.join(', ')}`);
    this.model = model;
  }
}
