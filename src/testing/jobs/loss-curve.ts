import { seededRandom } from '../../data/random.ts';

/** The metrics of one training step, as in a metrics event's `data`. */
export interface StepMetrics {
  step: number;
  train_loss: number;
  train_mean_token_accuracy: number;
  valid_loss?: number;
  valid_mean_token_accuracy?: number;
  full_valid_loss?: number;
  full_valid_mean_token_accuracy?: number;
}

const START_LOSS = 2.2;
const FLOOR_LOSS = 0.08;
/** How fast the loss falls: after the whole run it is within e^-4 of the floor. */
const DECAY = 4;

/** Accuracy that rises as loss falls, kept inside [0, 1]. */
function accuracyFor(loss: number): number {
  return Math.min(1, Math.max(0, 1 - loss / (START_LOSS * 1.6)));
}

/**
 * A plausible training run: the loss decays exponentially from about 2.2 towards 0.08 with
 * ±8 % noise, accuracy rises with it, and validation loss (when there is a validation file)
 * stays a little above training loss. The last step also carries the "full validation"
 * metrics, as the real service's last metrics event does.
 */
export function lossCurve(
  totalSteps: number,
  seed: number,
  withValidation: boolean,
): StepMetrics[] {
  // Seeded: the same job seed always gives the same curve.
  const random = seededRandom(seed);
  const steps: StepMetrics[] = [];
  for (let step = 1; step <= totalSteps; step += 1) {
    const progress = totalSteps === 1 ? 1 : (step - 1) / (totalSteps - 1);
    const ideal = FLOOR_LOSS + (START_LOSS - FLOOR_LOSS) * Math.exp(-DECAY * progress);
    const trainLoss = ideal * (1 + (random() - 0.5) * 0.16);
    const metrics: StepMetrics = {
      step,
      train_loss: trainLoss,
      train_mean_token_accuracy: accuracyFor(trainLoss),
    };
    if (withValidation) {
      const validLoss = ideal * (1.1 + (random() - 0.5) * 0.16);
      metrics.valid_loss = validLoss;
      metrics.valid_mean_token_accuracy = accuracyFor(validLoss);
      if (step === totalSteps) {
        metrics.full_valid_loss = ideal * 1.12;
        metrics.full_valid_mean_token_accuracy = accuracyFor(ideal * 1.12);
      }
    }
    steps.push(metrics);
  }
  return steps;
}
