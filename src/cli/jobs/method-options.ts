import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.ts';
import { FineTuningMethod } from '../../schemas/fine-tuning-method.ts';
import { readInputTextSync } from '../input-file.ts';
import type { MethodFlags } from './method-flags.ts';

export type { MethodFlags } from './method-flags.ts';

function hyperparameter(flag: string, value: string | undefined, integer: boolean) {
  if (value === undefined || value === 'auto') return value;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || (integer && !Number.isInteger(number))) {
    throw new InvalidArgumentError(
      `--${flag} must be "auto" or a positive ${integer ? 'whole ' : ''}number, got "${value}".`,
      flag,
    );
  }
  return number;
}

/**
 * The `method` of a job from the CLI flags, checked with the same schema as the API's (so a
 * bad value fails here with the flag's name, not minutes later). Undefined when no flag asks
 * for anything: the API's default (supervised, auto) applies.
 */
export function methodFromFlags(flags: MethodFlags): FineTuningMethod | undefined {
  if (flags.methodJson) {
    const text = flags.methodJson.startsWith('@')
      ? readInputTextSync(flags.methodJson.slice(1), '--method-json @')
      : flags.methodJson;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new InvalidArgumentError(
        `--method-json is not valid JSON: ${(error as Error).message}`,
        'method-json',
      );
    }
    const parsed = FineTuningMethod.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidArgumentError(
        `--method-json: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
        'method-json',
      );
    }
    return parsed.data;
  }
  const hyperparameters = Object.fromEntries(
    Object.entries({
      n_epochs: hyperparameter('epochs', flags.epochs, true),
      batch_size: hyperparameter('batch-size', flags.batchSize, true),
      learning_rate_multiplier: hyperparameter(
        'learning-rate-multiplier',
        flags.learningRateMultiplier,
        false,
      ),
      ...(flags.method === 'dpo' ? { beta: hyperparameter('beta', flags.beta, false) } : {}),
    }).filter(([, value]) => value !== undefined),
  );
  if (!flags.method && Object.keys(hyperparameters).length === 0) return undefined;
  const type = flags.method ?? 'supervised';
  const method = { type, [type]: { hyperparameters } };
  const parsed = FineTuningMethod.safeParse(method);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidArgumentError(
      `${issue?.path.at(-1)?.toString() ?? 'method'}: ${issue?.message}`,
      'method',
    );
  }
  return parsed.data;
}
