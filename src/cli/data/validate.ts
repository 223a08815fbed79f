import type { AnswerSchemas } from '../../data/answers/answer-check.ts';
import { ExitCode } from '../exit-codes.ts';
import { parseCount } from '../flags.ts';
import { checkInputFile } from '../input-file.ts';
import { writeJson, writeOut } from '../output/streams.ts';
import { readResponseSchema, readToolSchemas } from '../schema-files.ts';
import { UsageError } from '../usage-error.ts';
import { checkModel, type FileCommandOptions, loadReport } from './load-report.ts';
import { renderReport } from './render.ts';

/** Flags of `tunekit data validate`. */
export interface ValidateCommandOptions extends FileCommandOptions {
  responseSchema?: string;
  toolSchemas?: string;
  checkAnswers?: boolean;
  json?: boolean;
}

/**
 * The answer check the flags ask for: `--response-schema` and `--tool-schemas` files (read and
 * compiled here, so a bad one stops the command before the data is read), `--check-answers`
 * for the schemas the examples carry; undefined when none is given.
 */
export async function answersFrom(
  options: ValidateCommandOptions,
): Promise<AnswerSchemas | undefined> {
  if (!options.responseSchema && !options.toolSchemas && !options.checkAnswers) return undefined;
  const answers: AnswerSchemas = {};
  if (options.responseSchema) {
    answers.response = (
      await readResponseSchema(options.responseSchema, '--response-schema')
    ).schema;
  }
  if (options.toolSchemas) {
    answers.tools = await readToolSchemas(options.toolSchemas, '--tool-schemas');
  }
  return answers;
}

/** `tunekit data validate`: exit 0 when the file is valid, 1 when not, 2 on a usage error. */
export async function runValidate(file: string, options: ValidateCommandOptions): Promise<number> {
  const maxProblems = parseCount(options.maxProblems ?? '50');
  if (maxProblems === undefined)
    throw new UsageError(`--max-problems must be a whole number, got "${options.maxProblems}"`);
  checkModel(options.model);
  await checkInputFile(file);
  const answers = await answersFrom(options);
  const report = await loadReport(file, options, maxProblems, answers);
  if (options.json) writeJson(report);
  else writeOut(renderReport(file, report));
  return report.valid ? ExitCode.Ok : ExitCode.Error;
}
