import { existsSync } from 'node:fs';
import { splitTrainingFile } from '../../data/split/split-file.ts';
import { ExitCode } from '../exit-codes.ts';
import { parseCount } from '../flags.ts';
import { writeErr, writeJson, writeOut } from '../output/streams.ts';
import { usage } from '../usage-error.ts';

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

/** `tunekit data split`: exit 0 with two files written, 1 when the input cannot be read. */
export async function runSplit(file: string, options: SplitCommandOptions): Promise<number> {
  const fraction = Number(options.validationFraction ?? '0.1');
  if (!(fraction >= 0 && fraction <= 1))
    return usage(`--validation-fraction must be within 0–1, got "${options.validationFraction}"`);
  const size =
    options.validationSize === undefined ? undefined : parseCount(options.validationSize);
  if (options.validationSize !== undefined && size === undefined)
    return usage(`--validation-size must be a whole number, got "${options.validationSize}"`);
  const seed = parseCount(options.seed ?? '42');
  if (seed === undefined) return usage(`--seed must be a whole number, got "${options.seed}"`);
  if (!existsSync(file)) {
    writeErr(`error: cannot read ${file}: no such file`);
    return ExitCode.Error;
  }
  const trainPath = options.trainOut ?? beside(file, 'train');
  const validationPath = options.validationOut ?? beside(file, 'validation');
  try {
    const result = await splitTrainingFile(file, {
      trainPath,
      validationPath,
      validationFraction: fraction,
      ...(size !== undefined ? { validationSize: size } : {}),
      seed,
    });
    if (options.json) writeJson(result);
    else {
      writeOut(
        `train       ${result.train.examples.toLocaleString('en-US')} examples → ${result.train.path}`,
      );
      writeOut(
        `validation  ${result.validation.examples.toLocaleString('en-US')} examples → ${result.validation.path}`,
      );
      if (result.skippedLines > 0)
        writeOut(`skipped     ${result.skippedLines} blank or undecodable lines`);
    }
    return ExitCode.Ok;
  } catch (error) {
    writeErr(`error: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.Error;
  }
}
