export * from './incomplete-download-error.ts';
export * from './training-data-error.ts';
