import { parseJsonLine } from '../check/parse-json.ts';
import { schemaProblems } from '../check/schema-problems.ts';
import { detectLineFormat, sameFamily } from '../formats/detect.ts';
import { EXAMPLE_SCHEMAS, type TrainingExample, type TrainingFormat } from '../formats/format.ts';
import { isObject } from '../loose.ts';
import { readLines } from '../reader/lines.ts';
import { describeSource, type TrainingSource } from '../reader/source.ts';
import { ExampleLineError } from './errors.ts';
import { type PromptWithReference, promptAndReference } from './prompt.ts';

/** One usable line of a file of examples: where it is, what it holds, what it asks and expects. */
export interface PromptExample extends PromptWithReference {
  /** 1-based line number in the source. */
  line: number;
  format: TrainingFormat;
  /** The parsed line, for scorers that read more than the reference (extra keys, tools). */
  example: TrainingExample;
}

export interface ReadPromptExamplesOptions {
  /** Force the format instead of detecting it from the first line. */
  format?: TrainingFormat | undefined;
}

/**
 * Reads a JSONL file in a training format (chat, preference or prompt/completion) into prompts
 * and the answers they expect — a held-out set to evaluate on, or sample requests to price.
 * Blank lines are skipped. The first line that cannot be used throws an
 * {@link ExampleLineError} naming the file, the line and the JSON path; a file that cannot be
 * read throws its read error.
 *
 * @example
 * for (const { line, prompt, reference } of await readPromptExamples('held-out.jsonl')) {
 *   console.log(line, prompt.messages.at(-1), reference.content);
 * }
 */
export async function readPromptExamples(
  source: TrainingSource,
  options: ReadPromptExamplesOptions = {},
): Promise<PromptExample[]> {
  const name = describeSource(source);
  let format = options.format;
  const examples: PromptExample[] = [];
  for await (const line of readLines(source)) {
    if (line.text === undefined) {
      throw new ExampleLineError(name, line.number, line.problems[0]?.message ?? 'unreadable');
    }
    if (line.blank) continue;
    const parsed = parseJsonLine(line.text.replace(/^\uFEFF/, ''), line.number);
    if (!parsed.ok) throw new ExampleLineError(name, line.number, parsed.problem.message);
    if (!isObject(parsed.value)) {
      throw new ExampleLineError(name, line.number, 'expected a JSON object');
    }
    const looksLike = detectLineFormat(parsed.value);
    if (!looksLike) {
      throw new ExampleLineError(
        name,
        line.number,
        'not an example: expected `messages`, `input` with `preferred_output`, or `prompt` with `completion`',
      );
    }
    format ??= looksLike;
    if (!sameFamily(format, looksLike)) {
      throw new ExampleLineError(
        name,
        line.number,
        `a ${looksLike} example in a ${format} file: one file holds one format`,
      );
    }
    const checked = EXAMPLE_SCHEMAS[format].safeParse(parsed.value);
    if (!checked.success) {
      const first = schemaProblems(checked.error.issues, parsed.value, line.number)[0];
      throw new ExampleLineError(name, line.number, first?.message ?? 'invalid', first?.path);
    }
    const example = checked.data as TrainingExample;
    const split = promptAndReference(example, format);
    if (typeof split === 'string') throw new ExampleLineError(name, line.number, split);
    examples.push({ line: line.number, format, example, ...split });
  }
  if (examples.length === 0) throw new ExampleLineError(name, 1, 'the file holds no examples');
  return examples;
}
