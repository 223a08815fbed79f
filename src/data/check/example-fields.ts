/**
 * The numbers kept per example in `BatchResult.examples`, in this order: a module of its own so
 * the reading thread can read results without loading the checks.
 */
export const EXAMPLE_FIELDS = 6;
export const LINE = 0;
export const TOKENS = 1;
export const ASSISTANT_TOKENS = 2;
export const MESSAGES = 3;
export const HASH_LOW = 4;
export const HASH_HIGH = 5;
