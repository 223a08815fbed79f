import { type Command, Option } from 'commander';

/** The flags that shape the training method. */
export interface MethodFlags {
  method?: 'supervised' | 'dpo';
  epochs?: string;
  batchSize?: string;
  learningRateMultiplier?: string;
  beta?: string;
  /** A JSON method object (inline or `@file.json`), for full control (reinforcement graders). */
  methodJson?: string;
}

/** The flags that shape the training method, on `jobs create` and `train`. */
export function addMethodOptions(command: Command): Command {
  return command
    .addOption(new Option('--method <type>', 'training method').choices(['supervised', 'dpo']))
    .option('--epochs <n>', 'epochs, or "auto"')
    .option('--batch-size <n>', 'batch size, or "auto"')
    .option('--learning-rate-multiplier <x>', 'learning-rate multiplier, or "auto"')
    .option('--beta <x>', 'DPO beta, or "auto"')
    .option(
      '--method-json <json>',
      'the whole method object as JSON (or @file.json), e.g. for reinforcement',
    );
}
