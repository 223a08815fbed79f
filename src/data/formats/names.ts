/**
 * The training file formats, by the name `--format` and the report use. Kept apart from the
 * schemas so the CLI can offer the names without loading zod.
 */
export const TRAINING_FORMATS = ['chat', 'preference', 'reinforcement', 'completion'] as const;
export type TrainingFormat = (typeof TRAINING_FORMATS)[number];
