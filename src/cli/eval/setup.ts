import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModelCatalog } from '../../data/catalog/catalog.ts';
import { loadCatalogFile } from '../../data/catalog/catalog-file.ts';
import { loadPromptVariant } from '../../data/prompt/variant.ts';
import type { EvalCandidate } from '../../workflow/eval/candidates.ts';
import { custom } from '../../workflow/eval/scorers/custom.ts';
import { scorers } from '../../workflow/eval/scorers/index.ts';
import type { Scorer } from '../../workflow/eval/scorers/scorer.ts';
import { checkInputFile, readInputText } from '../input-file.ts';
import { UsageError } from '../usage-error.ts';
import type { EvalCommandOptions } from './options.ts';

/** A command-line option that cannot be used: the message says which and why (exit 2). */
export class EvalUsageError extends UsageError {
  override name = 'EvalUsageError';
}

/** `gpt-4o-mini=prompts/long.json` → the model and its prompt variant. */
async function candidateOf(spec: string): Promise<EvalCandidate> {
  // `ft:` names hold colons, never `=`: the first `=` separates the prompt file.
  const at = spec.indexOf('=');
  const model = at < 0 ? spec : spec.slice(0, at);
  if (model === '') throw new EvalUsageError(`--model "${spec}": the model name is missing`);
  if (at < 0) return { model };
  const prompt = spec.slice(at + 1);
  await checkInputFile(prompt, `--model ${model}=`);
  return { model, prompt: await loadPromptVariant(prompt) };
}

async function jsonFile(path: string, what: string): Promise<Record<string, unknown>> {
  const text = await readInputText(path, what);
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new EvalUsageError(`${what}${path} is not a JSON object (${(error as Error).message})`);
  }
}

/** A scorer module's default export: a Scorer, or a function of the score context. */
async function moduleScorer(path: string): Promise<Scorer> {
  await checkInputFile(path, '--scorer module=');
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(resolve(path)).href)) as { default?: unknown };
  } catch (error) {
    throw new EvalUsageError(
      `--scorer module=${path}: cannot load it (${(error as Error).message})`,
    );
  }
  const exported = loaded.default;
  if (typeof exported === 'function') {
    return custom(basename(path, extname(path)), exported as Parameters<typeof custom>[1]);
  }
  if (
    exported &&
    typeof (exported as Scorer).score === 'function' &&
    typeof (exported as Scorer).name === 'string'
  ) {
    return exported as Scorer;
  }
  throw new EvalUsageError(
    `--scorer module=${path}: its default export must be a function (context) => boolean | number | score, or a scorer`,
  );
}

async function scorerOf(spec: string): Promise<Scorer> {
  const at = spec.indexOf('=');
  const kind = at < 0 ? spec : spec.slice(0, at);
  const value = at < 0 ? undefined : spec.slice(at + 1);
  const need = () => {
    if (!value) throw new EvalUsageError(`--scorer ${kind} needs a value: ${kind}=…`);
    return value;
  };
  switch (kind) {
    case 'exact':
      return scorers.exactMatch();
    case 'normalized':
      return scorers.normalizedMatch();
    case 'json':
      return scorers.jsonValid();
    case 'tool-calls':
      return scorers.toolCallMatch();
    case 'contains':
      return scorers.contains(need());
    case 'regex':
      try {
        return scorers.regex(new RegExp(need()));
      } catch (error) {
        if (error instanceof EvalUsageError) throw error;
        throw new EvalUsageError(`--scorer regex: ${(error as Error).message}`);
      }
    case 'json-schema': {
      const file = need();
      const scorer = scorers.jsonSchema(await jsonFile(file, '--scorer json-schema='), {
        name: `json-schema ${basename(file)}`,
      });
      try {
        await scorer.prepare();
      } catch (error) {
        throw new EvalUsageError(`--scorer json-schema=${file}: ${(error as Error).message}`);
      }
      return scorer;
    }
    case 'module':
      return moduleScorer(need());
    default:
      throw new EvalUsageError(
        `--scorer "${spec}": expected exact, normalized, json, json-schema=<file>, contains=<text>, regex=<pattern>, tool-calls or module=<file>`,
      );
  }
}

/** Everything `tunekit eval` resolved from its options before it talks to the API. */
export interface EvalSetup {
  candidates: EvalCandidate[];
  scorers: Scorer[];
  catalog: ModelCatalog | undefined;
}

/**
 * Reads the files the options name (prompt variants, schemas, scorer modules, a catalog, a
 * rubric) and builds candidates and scorers. Problems throw {@link EvalUsageError} or the
 * data module's file errors, each naming the option and the file.
 */
export async function evalSetup(options: EvalCommandOptions): Promise<EvalSetup> {
  const candidates = await Promise.all(options.model.map(candidateOf));
  const list = await Promise.all((options.scorer ?? []).map(scorerOf));
  if (options.grader !== undefined || options.rubric !== undefined) {
    if (!options.grader || !options.rubric) {
      throw new EvalUsageError(
        '--grader and --rubric go together: a model-graded scorer needs both',
      );
    }
    const rubric = options.rubric.startsWith('@')
      ? await readInputText(options.rubric.slice(1), '--rubric @')
      : options.rubric;
    if (list.length === 0) list.push(scorers.normalizedMatch());
    list.push(scorers.modelGraded({ model: options.grader, rubric: rubric.trim() }));
  }
  if (options.catalog) await checkInputFile(options.catalog, '--catalog');
  const catalog = options.catalog ? await loadCatalogFile(options.catalog) : undefined;
  return { candidates, scorers: list, catalog };
}
