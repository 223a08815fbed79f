/**
 * The BPE encodings of the models that can be fine-tuned. A module of its own, with no
 * tokenizer behind it, so the model catalog can name encodings without loading one.
 */
export const ENCODINGS = ['o200k_base', 'cl100k_base'] as const;
export type EncodingName = (typeof ENCODINGS)[number];
