export * from './answer-validation-error.ts';
export * from './incomplete-answer-error.ts';
export * from './strict-schema-error.ts';
export * from './tool-loop-limit-error.ts';
