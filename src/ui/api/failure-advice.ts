/** Why a job failed, with what to do about it. */
export interface FailureView {
  code: string | null;
  message: string | null;
  param: string | null;
  /** What to do next, in a sentence or two. */
  advice: string;
}

const FIX_FILE =
  'Check the file locally with `tunekit data validate <file> --model <model>`: it names the line and what is wrong. Fix it, then start a new job (`tunekit train <file>`): a failed job cannot be restarted.';

/**
 * Advice by error code. Codes are the service's; the advice is tunekit's and says what to run.
 * A code not listed gets the general advice.
 */
const ADVICE: Readonly<Record<string, string>> = {
  invalid_training_file: FIX_FILE,
  invalid_validation_file: FIX_FILE,
  invalid_file_format: FIX_FILE,
  invalid_n_examples:
    'The training file needs at least 10 examples (the validation file at least 1). Add examples — `tunekit data stats <file>` counts them — and start a new job.',
  exceeded_quota:
    'The account has no training quota or credit left: check billing and limits with the provider, then start the job again.',
  insufficient_quota:
    'The account has no credit left: check billing with the provider, then start the job again.',
  rate_limit_exceeded:
    'Too many jobs at once for this account: wait for a running job to finish, then start this one again.',
  model_not_available:
    'The base model cannot be fine-tuned here (any more): pick another with `tunekit models list`, or train at another provider (docs/providers.md).',
};

/**
 * What the page says about a failed job: its code, message and parameter as the service gave
 * them, and advice for the code.
 *
 * @example
 * failureOf({ code: 'invalid_n_examples', message: '…', param: 'training_file' })?.advice;
 */
export function failureOf(
  error:
    | { code?: string | null; message?: string | null; param?: string | null }
    | null
    | undefined,
): FailureView | null {
  if (!error || (!error.code && !error.message)) return null;
  const code = error.code ?? null;
  const general = error.param
    ? `The service points at \`${error.param}\`. Fix what the message names and start a new job; if it names no cause, quote the job id to the provider's support.`
    : "Fix what the message names and start a new job; if it names no cause, quote the job id to the provider's support.";
  return {
    code,
    message: error.message ?? null,
    param: error.param ?? null,
    advice: (code && ADVICE[code]) || general,
  };
}
