import { TuneKitError } from '../../core/errors/tunekit-error.ts';
import type { TrainingCostEstimate } from '../../data/cost.ts';
import { FineTuneDeclinedError } from '../../workflow/fine-tune/errors.ts';
import { paint } from '../output/color.ts';
import { confirm } from '../output/confirm.ts';
import { plural } from '../output/table.ts';

/** A paid action was asked for where nobody can confirm it (no terminal) and without --yes. */
export class ConfirmationRequiredError extends TuneKitError {
  override name = 'ConfirmationRequiredError';
}

/** The estimate as a sentence: tokens × epochs, price and total. */
export function describeCost(cost: TrainingCostEstimate | null, model: string): string {
  if (!cost)
    return `The cost could not be estimated: tunekit's catalog has no training price for ${model}.`;
  const epochs = `${plural(cost.epochs, 'epoch')}${cost.autoEpochs ? ' (auto)' : ''}`;
  const tokens = `${plural(cost.tokensPerEpoch, 'token')} × ${epochs} = ${plural(cost.trainedTokens, 'training token')}`;
  if (cost.usd === null) {
    return `Estimated cost of ${cost.model}: ${tokens}${cost.note ? `; ${withoutStop(cost.note)}` : ''}.`;
  }
  return `Estimated cost of ${cost.model}: ${tokens} at $${cost.usdPer1M}/1M ≈ $${cost.usd}.`;
}

/** A sentence without its full stop, to go on inside another. */
const withoutStop = (text: string) => text.trim().replace(/[.;]+$/, '');

/** Text as a sentence: ends with a full stop (or other closing mark). */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/**
 * Before anything that spends money: shows what it will cost and asks. `--yes` skips the
 * question; without a terminal to ask on, it refuses (a script must say `--yes`) with the
 * question it would have asked, the estimate and the warning, as sentences. Resolves when
 * confirmed; throws `FineTuneDeclinedError` when declined.
 */
export async function confirmSpending(options: {
  /** The question, without its question mark: `Start a paid fine-tuning job on gpt-4o-mini`. */
  action: string;
  /** {@link describeCost}'s sentence. */
  estimate: string;
  /** A reason to think twice (the model retires soon, or is closed to training). */
  warning?: string | undefined;
  yes: boolean;
  json: boolean;
  signal: AbortSignal;
}): Promise<void> {
  if (options.warning && !options.json) {
    process.stderr.write(`${paint(process.stderr, 'yellow', 'warning:')} ${options.warning}\n`);
  }
  if (options.yes) return;
  if (!process.stdin.isTTY || options.json) {
    const parts = [
      `${options.action}? Nothing was started: this costs money, and stdin is not a terminal to confirm on.`,
      sentence(options.estimate),
      // Printed on its own line just above, except with --json (where nothing else is).
      ...(options.warning && options.json ? [`Warning: ${sentence(options.warning)}`] : []),
      'Pass --yes (-y) to go ahead.',
    ];
    throw new ConfirmationRequiredError(parts.join(' '));
  }
  process.stderr.write(`${options.estimate}\n`);
  if (!(await confirm(`${options.action}?`, options.signal))) throw new FineTuneDeclinedError();
}
