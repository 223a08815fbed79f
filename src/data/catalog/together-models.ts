import type { ModelEntryInput } from './entry.ts';

// Together AI's fine-tunable models: a dated selection from Together's own list. Sources, cited
// by every value below.
const SUPPORTED_MODELS =
  'https://github.com/togethercomputer/skills (skills/together-fine-tuning/references/supported-models.md, commit 644d382 of 2026-08-18): fine-tunable models and their SFT context, given in thousands of tokens';
const LLAMA3 =
  'https://github.com/meta-llama/llama3 (tokenizer.model: 128,000 BPE tokens + 256 special)';
const QWEN =
  'https://huggingface.co/Qwen/Qwen3-8B (tokenizer.json: byte-level BPE, 151,643 tokens)';
const GPT_OSS = 'https://github.com/openai/harmony (o200k_harmony: o200k_base plus special tokens)';

const recorded = '2026-11-22';
const listed = (tokens: number) => ({ value: tokens, source: SUPPORTED_MODELS, asOf: recorded });

/**
 * Together bills fine-tuning per token by model size, method (SFT or DPO) and LoRA or full
 * training, with no minimum; its rates page could not be read from here, and third-party
 * figures disagree by an order of magnitude. No number is better than a wrong one.
 */
const TRAINING_PRICE_NOTE =
  "Together AI's per-token training prices could not be confirmed (see docs/providers.md: Together bills tokens × epochs by model size and method, https://docs.together.ai/docs/fine-tuning/pricing); check together.ai/pricing";

const estimate = (tokenizer: string, note: string, source: string) => ({
  exact: false,
  tokenizer,
  note,
  source,
  asOf: recorded,
});

/**
 * Llama 3's tokenizer is tiktoken's cl100k_base with 28,000 more tokens (mostly other
 * languages) and the same split pattern: English text counts nearly the same, other scripts
 * fewer tokens than cl100k_base says (an overestimate). The chat template adds its own headers.
 */
const LLAMA_TOKENS = estimate(
  'Llama 3 (128,256-token BPE)',
  "counted with cl100k_base, whose 100,000 tokens Llama 3's tokenizer starts from: close for English, an overestimate for other scripts; the chat template's tokens are OpenAI's rule, not Llama's",
  LLAMA3,
);
const QWEN_TOKENS = estimate(
  'Qwen (151,643-token byte-level BPE)',
  'counted with cl100k_base: Qwen splits digits one by one and has more tokens for other scripts, so counts differ by a few per cent either way; the chat template is estimated',
  QWEN,
);
const SENTENCEPIECE_TOKENS = (family: string) =>
  estimate(
    `${family} (SentencePiece)`,
    'counted with cl100k_base: a SentencePiece vocabulary splits differently, so counts are a rough estimate (often 10–20 % under for English)',
    SUPPORTED_MODELS,
  );
const GPT_OSS_TOKENS = {
  exact: true,
  tokenizer: 'o200k_harmony',
  note: 'text counts are exact (o200k_harmony is o200k_base with special tokens added); the harmony chat format around each message is estimated',
  source: GPT_OSS,
  asOf: recorded,
};

/** What every Together entry shares: chat, instruction (prompt/completion) and DPO data, 1 epoch by default. */
const together: Omit<ModelEntryInput, 'id' | 'encoding' | 'maxTokensPerExample'> = {
  provider: 'together',
  fineTunable: true,
  formats: ['chat', 'completion', 'preference'],
  training: null,
  trainingPriceNote: TRAINING_PRICE_NOTE,
  defaultEpochs: 1,
};

/**
 * Together AI's fine-tunable models tunekit knows: one or two of each family (Llama 3.x, Qwen
 * 2.5/3, Mistral, Gemma 3, DeepSeek R1 distills, gpt-oss). `maxTokensPerExample` is the SFT
 * context Together lists (rounded to thousands there; the exact limit per model comes from
 * `GET /fine-tunes/models/limits`). Together announces no retirement dates for these models,
 * and publishes no confirmed per-token training prices: `training` is null, with the reason.
 */
export const TOGETHER_MODELS: readonly ModelEntryInput[] = [
  {
    id: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
    encoding: 'cl100k_base',
    tokenCounts: LLAMA_TOKENS,
    maxTokensPerExample: listed(131_072),
    ...together,
  },
  {
    id: 'meta-llama/Meta-Llama-3.1-70B-Instruct-Reference',
    encoding: 'cl100k_base',
    tokenCounts: LLAMA_TOKENS,
    maxTokensPerExample: listed(24_576),
    ...together,
  },
  {
    id: 'meta-llama/Llama-3.3-70B-Instruct-Reference',
    encoding: 'cl100k_base',
    tokenCounts: LLAMA_TOKENS,
    maxTokensPerExample: listed(24_576),
    ...together,
  },
  {
    id: 'meta-llama/Llama-3.2-3B-Instruct',
    encoding: 'cl100k_base',
    tokenCounts: LLAMA_TOKENS,
    maxTokensPerExample: listed(131_072),
    ...together,
  },
  {
    id: 'meta-llama/Llama-3.2-1B-Instruct',
    encoding: 'cl100k_base',
    tokenCounts: LLAMA_TOKENS,
    maxTokensPerExample: listed(131_072),
    ...together,
  },
  {
    id: 'deepseek-ai/DeepSeek-R1-Distill-Llama-70B',
    encoding: 'cl100k_base',
    tokenCounts: LLAMA_TOKENS,
    maxTokensPerExample: listed(24_576),
    ...together,
  },
  {
    id: 'Qwen/Qwen3-8B',
    encoding: 'cl100k_base',
    tokenCounts: QWEN_TOKENS,
    maxTokensPerExample: listed(40_960),
    ...together,
  },
  {
    id: 'Qwen/Qwen3-32B',
    encoding: 'cl100k_base',
    tokenCounts: QWEN_TOKENS,
    maxTokensPerExample: listed(40_960),
    ...together,
  },
  {
    id: 'Qwen/Qwen2.5-7B-Instruct',
    encoding: 'cl100k_base',
    tokenCounts: QWEN_TOKENS,
    maxTokensPerExample: listed(32_768),
    ...together,
  },
  {
    id: 'Qwen/Qwen2.5-72B-Instruct',
    encoding: 'cl100k_base',
    tokenCounts: QWEN_TOKENS,
    maxTokensPerExample: listed(24_576),
    ...together,
  },
  {
    id: 'mistralai/Mistral-7B-Instruct-v0.2',
    encoding: 'cl100k_base',
    tokenCounts: SENTENCEPIECE_TOKENS('Mistral 7B v0.2, 32,000 tokens'),
    maxTokensPerExample: listed(32_768),
    ...together,
  },
  {
    id: 'mistralai/Mixtral-8x7B-Instruct-v0.1',
    encoding: 'cl100k_base',
    tokenCounts: SENTENCEPIECE_TOKENS('Mixtral 8x7B, 32,000 tokens'),
    maxTokensPerExample: listed(32_768),
    ...together,
  },
  {
    id: 'google/gemma-3-12b-it',
    encoding: 'cl100k_base',
    tokenCounts: SENTENCEPIECE_TOKENS('Gemma 3, about 262,000 tokens'),
    maxTokensPerExample: listed(65_536),
    ...together,
  },
  {
    id: 'openai/gpt-oss-20b',
    encoding: 'o200k_base',
    tokenCounts: GPT_OSS_TOKENS,
    maxTokensPerExample: listed(24_576),
    ...together,
  },
];
