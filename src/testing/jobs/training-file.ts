/**
 * The fake's view of a training file: is it valid, how many examples and tokens does it hold.
 * It asks tunekit's own validator (`tunekit/data`), so a file the fake rejects is one
 * `tunekit data validate` rejects too, with the same line and reason, and `trained_tokens`
 * comes from exact token counts. Chat answers still estimate their `usage` from text length.
 */

import type { TrainingFormat } from '../../data/formats/names.ts';
import type { FineTuningMethodType } from '../models/catalog.ts';

/** What the check found: counts for a valid file, the first problem for an invalid one. */
export type TrainingFileCheck =
  | { valid: true; format: TrainingFormat; examples: number; tokens: number }
  | {
      valid: false;
      /** 1-based line of the problem; null when it is about the whole file. */
      line: number | null;
      /** What is wrong, as a sentence. */
      reason: string;
      code: 'invalid_file_format' | 'invalid_n_examples';
    };

/** Which file is checked: training files need 10 examples, validation files one. */
export type TrainingFileRole = 'training' | 'validation';

/** The formats each method trains on (supervised: chat, or prompt/completion for legacy models). */
const FORMATS_OF_METHOD: Record<FineTuningMethodType, readonly TrainingFormat[]> = {
  supervised: ['chat', 'completion'],
  dpo: ['preference'],
  reinforcement: ['reinforcement'],
};

/** Problems about the number of examples, which validation files are spared. */
const COUNT_CODES = new Set(['too_few_examples', 'few_examples', 'empty_file']);

/** A rough token count: about four characters a token, as OpenAI's rule of thumb says. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of a message's content: a string, or the text parts of an array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

/**
 * Checks a training (or validation) file for `method` with tunekit's validator, and reports
 * the first error with its line as the service does.
 */
export async function checkTrainingFile(
  content: Uint8Array,
  method: FineTuningMethodType,
  role: TrainingFileRole = 'training',
  options: { minExamples?: number } = {},
): Promise<TrainingFileCheck> {
  const minimum = options.minExamples ?? 10;
  const label = role === 'training' ? 'Training file' : 'Validation file';
  const accepted = FORMATS_OF_METHOD[method];
  // Loaded on the first job: a fake used only for files or chat never loads the tokenizer.
  const { validateTrainingFile } = await import('../../data/validate/validate.ts');
  const report = await validateTrainingFile(content, {
    // Preference and reinforcement files are read as such; supervised files are detected.
    ...(method === 'supervised' ? {} : { format: accepted[0] }),
    workers: 0,
  });
  // tunekit's validator asks for OpenAI's 10 examples; a provider that takes fewer (Together: 1)
  // is spared that error once the file has its minimum.
  const enough = report.stats.examples >= minimum;
  const error = report.problems.find(
    (problem) =>
      problem.severity === 'error' &&
      !((role === 'validation' || enough) && COUNT_CODES.has(problem.code)),
  );
  if (error?.code === 'too_few_examples' || error?.code === 'empty_file') {
    return {
      valid: false,
      line: null,
      reason: `${label} has ${report.stats.examples} example(s), but must have at least ${minimum} examples.`,
      code: 'invalid_n_examples',
    };
  }
  if (error) {
    const where = error.line ? `Line ${error.line}: ` : '';
    return {
      valid: false,
      line: error.line ?? null,
      reason: `${where}${error.message}`,
      code: 'invalid_file_format',
    };
  }
  if (report.format && !accepted.includes(report.format)) {
    return {
      valid: false,
      line: null,
      reason: `${label} holds ${report.format} examples, but a ${method} job trains on ${accepted.join(' or ')} examples.`,
      code: 'invalid_file_format',
    };
  }
  if (role === 'validation' && report.stats.examples === 0) {
    return {
      valid: false,
      line: null,
      reason: `${label} has no examples.`,
      code: 'invalid_n_examples',
    };
  }
  return {
    valid: true,
    format: report.format ?? accepted[0] ?? 'chat',
    examples: report.stats.examples,
    tokens: report.stats.billableTokensPerEpoch,
  };
}
