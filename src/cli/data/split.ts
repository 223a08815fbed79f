import { splitTrainingFile } from '../../data/split/split-file.ts';
import { ExitCode } from '../exit-codes.ts';
import { parseCount } from '../flags.ts';
import { checkInputFile } from '../input-file.ts';
import { writeJson, writeOut } from '../output/streams.ts';
import { plural } from '../output/table.ts';
import { UsageError } from '../usage-error.ts';

interface SplitCommandOptions {
  validationFraction?: string;
  validationSize?: string;
  seed?: string;
  trainOut?: string;
  validationOut?: string;
  json?: boolean;
}

/** `<dir>/data.jsonl` → `<dir>/data.train.jsonl`. */
const beside = (file: string, part: string) => file.replace(/(\.jsonl)?$/, `.${part}.jsonl`);

/**
 * `tunekit data split`: exit 0 with two files written, 2 when the input cannot be read or on a
 * usage error, 1 when the split itself fails (an output that cannot be written).
 */
export async function runSplit(file: string, options: SplitCommandOptions): Promise<number> {
  const fraction = Number(options.validationFraction ?? '0.1');
  if (!(fraction >= 0 && fraction <= 1))
    throw new UsageError(
      `--validation-fraction must be within 0–1, got "${options.validationFraction}"`,
    );
  const size =
    options.validationSize === undefined ? undefined : parseCount(options.validationSize);
  if (options.validationSize !== undefined && size === undefined)
    throw new UsageError(
      `--validation-size must be a whole number, got "${options.validationSize}"`,
    );
  const seed = parseCount(options.seed ?? '42');
  if (seed === undefined)
    throw new UsageError(`--seed must be a whole number, got "${options.seed}"`);
  await checkInputFile(file);
  const trainPath = options.trainOut ?? beside(file, 'train');
  const validationPath = options.validationOut ?? beside(file, 'validation');
  const result = await splitTrainingFile(file, {
    trainPath,
    validationPath,
    validationFraction: fraction,
    ...(size !== undefined ? { validationSize: size } : {}),
    seed,
  });
  if (options.json) writeJson(result);
  else {
    writeOut(`train       ${plural(result.train.examples, 'example')} → ${result.train.path}`);
    writeOut(
      `validation  ${plural(result.validation.examples, 'example')} → ${result.validation.path}`,
    );
    if (result.skippedLines > 0) {
      writeOut(
        `skipped     ${plural(result.skippedLines, 'line')} (blank, or not decodable as JSON)`,
      );
    }
  }
  return ExitCode.Ok;
}
