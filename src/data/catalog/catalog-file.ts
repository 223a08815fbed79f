import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createModelCatalog, type ModelCatalog } from './catalog.ts';
import { ModelEntry } from './entry.ts';

/**
 * A catalog file (`--catalog prices.json`) that cannot be read or holds an invalid entry.
 *
 * @example
 * const catalog = await loadCatalogFile('prices.json').catch((error) => {
 *   if (!(error instanceof CatalogFileError)) throw error;
 *   console.error(error.file, error.message); // the message names the field at fault
 *   return defaultCatalog;
 * });
 */
export class CatalogFileError extends Error {
  override readonly name = 'CatalogFileError';
  readonly file: string;

  constructor(file: string, reason: string, options?: ErrorOptions) {
    super(`${file}: ${reason}`, options);
    this.file = file;
  }
}

/**
 * Reads catalog overrides from a JSON file — an array of model entries (or one entry) in the
 * shape of `BUILTIN_MODELS` — and builds a catalog of the built-in entries plus them. Problems
 * throw a {@link CatalogFileError} naming the file and the field (`[0].inference.base.inputPer1M`).
 *
 * @example
 * const catalog = await loadCatalogFile('prices-2023.json');
 * catalog.find('gpt-3.5-turbo-0613')?.inference.fineTuned?.inputPer1M; // '12.00'
 */
export async function loadCatalogFile(file: string): Promise<ModelCatalog> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CatalogFileError(file, code === 'ENOENT' ? 'no such file' : String(error), {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CatalogFileError(file, `not valid JSON: ${(error as Error).message}`);
  }
  const parsed = z.array(ModelEntry).safeParse(Array.isArray(json) ? json : [json]);
  if (!parsed.success) {
    throw new CatalogFileError(
      file,
      `not a list of model entries:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return createModelCatalog(parsed.data);
}
