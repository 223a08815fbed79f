import { TuneKitError } from '../../core/errors/tunekit-error.ts';
import type { TrainingCostEstimate } from '../../data/cost.ts';
import { FineTuneDeclinedError } from '../../workflow/fine-tune/errors.ts';
import { paint } from '../output/color.ts';
import { confirm } from '../output/confirm.ts';
import { formatCount } from '../output/table.ts';

/** A paid action was asked for where nobody can confirm it (no terminal) and without --yes. */
export class ConfirmationRequiredError extends TuneKitError {
  override name = 'ConfirmationRequiredError';
}

/** The estimate as a sentence: tokens × epochs, price and total. */
export function describeCost(cost: TrainingCostEstimate | null, model: string): string {
  if (!cost)
    return `The cost could not be estimated: tunekit's catalog has no training price for ${model}.`;
  const epochs = `${cost.epochs} epoch${cost.epochs === 1 ? '' : 's'}${cost.autoEpochs ? ' (auto)' : ''}`;
  const tokens = `${formatCount(cost.tokensPerEpoch)} tokens × ${epochs} = ${formatCount(cost.trainedTokens)} training tokens`;
  if (cost.usd === null) return `${cost.model}: ${tokens}${cost.note ? `; ${cost.note}` : ''}.`;
  return `${cost.model}: ${tokens} at $${cost.usdPer1M}/1M ≈ $${cost.usd}.`;
}

/**
 * Before anything that spends money: shows what it will cost and asks. `--yes` skips the
 * question; without a terminal to ask on, it refuses (a script must say `--yes`). Resolves
 * when confirmed; throws `FineTuneDeclinedError` when declined.
 */
export async function confirmSpending(options: {
  action: string;
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
    throw new ConfirmationRequiredError(
      `${options.action} costs money (${options.estimate})${options.warning ? ` and ${options.warning}` : ''}; stdin is not a terminal to confirm on: pass --yes (-y) to go ahead.`,
    );
  }
  process.stderr.write(`${options.estimate}\n`);
  if (!(await confirm(`${options.action}?`, options.signal))) throw new FineTuneDeclinedError();
}
