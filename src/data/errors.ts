/**
 * A model name the catalog does not know. Thrown for a wrong option, never for bad data:
 * add the model with a catalog override, or fix the name.
 *
 * @example
 * await validateTrainingFile('train.jsonl', { model: 'gpt-99' }); // throws; error.model is 'gpt-99'
 */
export class UnknownModelError extends Error {
  override readonly name = 'UnknownModelError';
  readonly model: string;

  constructor(model: string, known: readonly string[]) {
    super(`unknown model ${JSON.stringify(model)}; known models: ${known.join(', ')}`);
    this.model = model;
  }
}
