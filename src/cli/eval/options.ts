import type { TRAINING_FORMATS } from '../../data/formats/names.ts';

/** Options of `tunekit eval`, as commander parses them. */
export interface EvalCommandOptions {
  model: string[];
  scorer?: string[];
  grader?: string;
  rubric?: string;
  concurrency: number;
  maxRequests?: number;
  maxCost?: string;
  maxOutputTokens: number;
  temperature: number;
  results?: string;
  html?: string;
  catalog?: string;
  format?: (typeof TRAINING_FORMATS)[number];
  json?: boolean;
}
