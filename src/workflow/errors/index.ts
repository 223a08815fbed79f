export * from './file-processing-error.ts';
export * from './job-unsuccessful-error.ts';
export * from './training-data-error.ts';
export * from './wait-timeout-error.ts';
