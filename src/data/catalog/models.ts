import type { ModelEntryInput } from './entry.ts';
import { TOGETHER_MODELS } from './together-models.ts';

// Sources, cited by every value below.
const PRICING = 'https://openai.com/api/pricing';
const VISION = 'https://platform.openai.com/docs/guides/vision#calculating-costs';
const DEPRECATIONS = 'https://platform.openai.com/docs/deprecations';
const ISSUE = 'tunekit issue 3 (values from the OpenAI pricing page and fine-tuning guide)';

const recorded = '2026-11-22';
const fromIssue = { source: ISSUE, asOf: recorded };
const pricing = { source: PRICING, asOf: recorded };
const deprecation = (value: string) => ({ value, source: DEPRECATIONS, asOf: recorded });
/**
 * "Update to OpenAI's self-serve fine-tuning" (deprecations page): existing customers can
 * create new fine-tuning jobs until 2027-01-06; inference on fine-tuned models continues until
 * their base model shuts down.
 */
const selfServeFineTuningEnds = deprecation('2027-01-06');
const perToken = (usd: string) => ({ unit: '1M tokens' as const, usd, ...fromIssue });
const prices = (inputPer1M: string, outputPer1M: string) => ({
  inputPer1M,
  outputPer1M,
  ...pricing,
});

/**
 * The built-in model catalog: the models OpenAI lets you fine-tune, with what tunekit needs to
 * check data for them and price the training, then Together AI's (`TOGETHER_MODELS`). Override
 * or extend it with `models` options.
 */
export const BUILTIN_MODELS: readonly ModelEntryInput[] = [
  {
    id: 'gpt-4o-2024-08-06',
    aliases: ['gpt-4o'],
    encoding: 'o200k_base',
    fineTunable: true,
    trainingEndDate: selfServeFineTuningEnds,
    formats: ['chat', 'preference'],
    maxTokensPerExample: { value: 65_536, ...fromIssue },
    training: perToken('25'),
    inference: { base: prices('2.50', '10.00'), fineTuned: prices('3.75', '15.00') },
    imageTokens: { rule: 'tiles', base: 85, perTile: 170, source: VISION, asOf: recorded },
    shutdownDate: deprecation('2027-01-14'),
  },
  {
    id: 'gpt-4o-mini-2024-07-18',
    aliases: ['gpt-4o-mini'],
    encoding: 'o200k_base',
    fineTunable: true,
    trainingEndDate: selfServeFineTuningEnds,
    formats: ['chat', 'preference'],
    maxTokensPerExample: { value: 65_536, ...fromIssue },
    training: perToken('3'),
    inference: { base: prices('0.15', '0.60'), fineTuned: prices('0.30', '1.20') },
    shutdownDate: deprecation('2027-01-14'),
  },
  {
    id: 'gpt-4.1-2025-04-14',
    aliases: ['gpt-4.1'],
    encoding: 'o200k_base',
    fineTunable: true,
    trainingEndDate: selfServeFineTuningEnds,
    formats: ['chat', 'preference'],
    maxTokensPerExample: null,
    training: perToken('25'),
    inference: { base: prices('2.00', '8.00'), fineTuned: prices('3.00', '12.00') },
    shutdownDate: deprecation('2027-01-14'),
  },
  {
    id: 'gpt-4.1-mini-2025-04-14',
    aliases: ['gpt-4.1-mini'],
    encoding: 'o200k_base',
    fineTunable: true,
    trainingEndDate: selfServeFineTuningEnds,
    formats: ['chat', 'preference'],
    maxTokensPerExample: null,
    training: perToken('5'),
    inference: { base: prices('0.40', '1.60'), fineTuned: prices('0.80', '3.20') },
    shutdownDate: deprecation('2027-01-14'),
  },
  {
    id: 'gpt-4.1-nano-2025-04-14',
    aliases: ['gpt-4.1-nano'],
    encoding: 'o200k_base',
    fineTunable: true,
    trainingEndDate: selfServeFineTuningEnds,
    formats: ['chat', 'preference'],
    maxTokensPerExample: null,
    training: perToken('1.50'),
    inference: { base: prices('0.10', '0.40'), fineTuned: prices('0.20', '0.80') },
    shutdownDate: deprecation('2026-10-23'),
  },
  {
    id: 'o4-mini-2025-04-16',
    aliases: ['o4-mini'],
    encoding: 'o200k_base',
    fineTunable: true,
    trainingEndDate: selfServeFineTuningEnds,
    formats: ['reinforcement'],
    maxTokensPerExample: null,
    // Reinforcement fine-tuning is billed by the hour of training, not by the token.
    training: { unit: 'hour', usd: '100', ...pricing },
    inference: { base: prices('1.10', '4.40'), fineTuned: prices('4.00', '16.00') },
    shutdownDate: deprecation('2026-10-23'),
  },
  {
    id: 'gpt-3.5-turbo-0125',
    aliases: ['gpt-3.5-turbo'],
    encoding: 'cl100k_base',
    fineTunable: true,
    trainingEndDate: selfServeFineTuningEnds,
    maxTokensPerExample: { value: 16_385, ...fromIssue },
    training: perToken('8'),
    inference: { base: prices('0.50', '1.50'), fineTuned: prices('3.00', '6.00') },
    shutdownDate: deprecation('2026-10-23'),
  },
  {
    id: 'gpt-3.5-turbo-1106',
    encoding: 'cl100k_base',
    fineTunable: true,
    trainingEndDate: selfServeFineTuningEnds,
    maxTokensPerExample: { value: 16_385, ...fromIssue },
    training: perToken('8'),
    inference: { fineTuned: prices('3.00', '6.00') },
    shutdownDate: deprecation('2026-10-23'),
  },
  {
    id: 'gpt-3.5-turbo-0613',
    encoding: 'cl100k_base',
    fineTunable: true,
    trainingEndDate: selfServeFineTuningEnds,
    maxTokensPerExample: { value: 4_096, ...fromIssue },
    training: perToken('8'),
    inference: { fineTuned: prices('3.00', '6.00') },
    shutdownDate: deprecation('2026-10-23'),
  },
  {
    id: 'davinci-002',
    encoding: 'cl100k_base',
    fineTunable: true,
    trainingEndDate: selfServeFineTuningEnds,
    formats: ['completion'],
    maxTokensPerExample: null,
    training: perToken('6'),
    inference: { base: prices('2.00', '2.00'), fineTuned: prices('12.00', '12.00') },
  },
  {
    id: 'babbage-002',
    encoding: 'cl100k_base',
    fineTunable: true,
    trainingEndDate: selfServeFineTuningEnds,
    formats: ['completion'],
    maxTokensPerExample: null,
    training: perToken('0.40'),
    inference: { base: prices('0.40', '0.40'), fineTuned: prices('1.60', '1.60') },
  },
  ...TOGETHER_MODELS,
];
