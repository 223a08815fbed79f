import type { ConvertTarget } from '../../data/convert/targets.ts';
import { ExitCode } from '../exit-codes.ts';
import { checkInputFile } from '../input-file.ts';
import { writeErr, writeJson, writeOut } from '../output/streams.ts';
import { plural } from '../output/table.ts';

interface ConvertCommandOptions {
  to: ConvertTarget;
  out?: string;
  system?: string;
  promptSeparator?: string;
  completionStop?: string;
  json?: boolean;
}

/** Skipped lines listed before "and N more". */
const LISTED = 20;

/** `\n`, `\t` and `\\` in an option, as a shell passes them literally. */
function withEscapes(value: string | undefined): string | undefined {
  return value?.replace(/\\([nt\\])/g, (_, c: string) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : '\\',
  );
}

/** `data.jsonl` → `data.bedrock-converse.jsonl`. */
const beside = (file: string, to: string) => file.replace(/(\.jsonl)?$/, `.${to}.jsonl`);

/**
 * `tunekit data convert <file> --to <target>`: exit 0 when every line was converted, or when
 * the target takes the file as it is (nothing written); 1 when some lines had to be left out
 * (the rest are written) or the file cannot be converted; 2 when it cannot be read.
 */
export async function runConvert(file: string, options: ConvertCommandOptions): Promise<number> {
  await checkInputFile(file);
  const out = options.out ?? beside(file, options.to);
  const { convertTrainingFile } = await import('../../data/convert/convert-file.ts');
  // A file that cannot be converted (its format, the output path) throws: exit 1 with why.
  const result = await convertTrainingFile(file, {
    to: options.to,
    outPath: out,
    systemPrompt: withEscapes(options.system),
    promptSeparator: withEscapes(options.promptSeparator),
    completionStop: withEscapes(options.completionStop),
  });

  if (options.json) writeJson(result);
  if (result.kind === 'as-is') {
    if (!options.json) {
      writeOut(`${result.note} Upload ${file} unchanged: nothing was converted.`);
      writeOut(`Source: ${result.source}`);
    }
    return ExitCode.Ok;
  }
  if (!options.json) {
    writeOut(
      `Converted ${plural(result.converted, 'example')} (${result.format}) → ${result.outPath}`,
    );
    writeOut(`Format: ${result.source}`);
  }
  for (const skipped of result.skipped.slice(0, LISTED)) {
    writeErr(`${file}:${skipped.line}  left out: ${skipped.reason}`);
  }
  if (result.skipped.length > LISTED) writeErr(`… and ${result.skipped.length - LISTED} more`);
  if (result.skipped.length > 0) {
    const count = result.skipped.length;
    writeErr(
      `${plural(count, 'line')} could not be converted and ${count === 1 ? 'was' : 'were'} left out.`,
    );
    return ExitCode.Error;
  }
  return ExitCode.Ok;
}
