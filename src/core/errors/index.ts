export * from './ambiguous-result-error.ts';
export * from './api-error.ts';
export * from './configuration-error.ts';
export * from './connection-error.ts';
export * from './invalid-argument-error.ts';
export * from './response-validation-error.ts';
export * from './tunekit-error.ts';
export * from './user-abort-error.ts';
