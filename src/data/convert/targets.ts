/**
 * The formats `tunekit data convert` writes, from what each provider's documentation says its
 * fine-tuning files look like (checked 2026-11-22; the URLs say where). Where a provider takes
 * OpenAI's format as it is, nothing is converted: the file is uploaded unchanged.
 */
export const CONVERT_TARGETS = [
  'chat',
  'azure',
  'together',
  'fireworks',
  'nemo',
  'bedrock-converse',
  'bedrock-claude',
] as const;
export type ConvertTarget = (typeof CONVERT_TARGETS)[number];

/** What a target does with an input format: takes it unchanged, or needs it converted. */
export type Handling =
  | { kind: 'as-is'; note: string }
  | { kind: 'convert'; to: 'chat' | 'together' | 'bedrock-converse' | 'bedrock-claude' };

/** A target: its name for people, where its format is documented, and what it does with each input. */
export interface TargetSpec {
  label: string;
  source: string;
  chat: Handling;
  completion: Handling;
}

const OPENAI_CHAT = 'https://platform.openai.com/docs/guides/supervised-fine-tuning';
const AZURE = 'https://learn.microsoft.com/azure/ai-foundry/openai/how-to/fine-tuning';
const TOGETHER = 'https://docs.together.ai/docs/fine-tuning/data-preparation';
const FIREWORKS = 'https://docs.fireworks.ai/fine-tuning/fine-tuning-models';
const NEMO =
  'https://docs.nvidia.com/nemo/microservices/latest/fine-tune/tutorials/format-training-dataset.html';
const BEDROCK = 'https://docs.aws.amazon.com/bedrock/latest/userguide/preparing-text-data.html';

export const TARGETS: Record<ConvertTarget, TargetSpec> = {
  chat: {
    label: "OpenAI's chat format",
    source: OPENAI_CHAT,
    chat: { kind: 'as-is', note: 'The file is already in the chat format.' },
    completion: { kind: 'convert', to: 'chat' },
  },
  azure: {
    label: 'Azure AI Foundry',
    source: AZURE,
    chat: {
      kind: 'as-is',
      note: "Azure AI Foundry takes OpenAI's chat format as it is (JSONL, UTF-8; its guide also asks for a byte-order mark).",
    },
    completion: { kind: 'convert', to: 'chat' },
  },
  together: {
    label: 'Together AI',
    source: TOGETHER,
    // Its 'conversational' format is OpenAI's chat format without tools, images, tool and
    // developer messages, with string content and alternating roles (its client checks so).
    chat: { kind: 'convert', to: 'together' },
    completion: {
      kind: 'as-is',
      note: "Together AI takes prompt/completion lines as they are (its 'instruction' format).",
    },
  },
  fireworks: {
    label: 'Fireworks AI',
    source: FIREWORKS,
    chat: {
      kind: 'as-is',
      note: "Fireworks AI takes OpenAI's chat format as it is (a messages array with roles system, user and assistant; at least 3 examples).",
    },
    completion: { kind: 'convert', to: 'chat' },
  },
  nemo: {
    label: 'NVIDIA NeMo Customizer',
    source: NEMO,
    chat: {
      kind: 'as-is',
      note: "NeMo Customizer takes OpenAI's messages format as it is for chat models.",
    },
    completion: {
      kind: 'as-is',
      note: 'NeMo Customizer takes prompt/completion lines as they are for completion models.',
    },
  },
  'bedrock-converse': {
    label:
      "Amazon Bedrock's conversation format (bedrock-conversation-2024: Amazon Nova and the Converse API)",
    source: BEDROCK,
    chat: { kind: 'convert', to: 'bedrock-converse' },
    completion: { kind: 'convert', to: 'bedrock-converse' },
  },
  'bedrock-claude': {
    label: "Amazon Bedrock's format for Anthropic Claude 3 Haiku",
    source: BEDROCK,
    chat: { kind: 'convert', to: 'bedrock-claude' },
    completion: { kind: 'convert', to: 'bedrock-claude' },
  },
};
