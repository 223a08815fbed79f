import type { ValidationReport } from '../../data/validate/report.ts';
import type { FineTuningMethod } from '../../schemas/fine-tuning-method.ts';
import { TrainingDataError } from './errors.ts';
import type { FileRole, FineTuneOptions } from './types.ts';

/** A file the flow works on, and what it is for. */
export interface RoleFile {
  role: FileRole;
  path: string;
}

/** The catalog entry to check data for: the model itself, or the base of a fine-tuned model. */
export async function catalogModel(model: string): Promise<string | undefined> {
  const { baseModelOf, defaultCatalog } = await import('../../data/catalog/catalog.ts');
  const base = baseModelOf(model) ?? model;
  return defaultCatalog.find(base) ? base : undefined;
}

/** The format a method trains on, when it is not the default (chat). */
function formatFor(method: FineTuningMethod | undefined) {
  if (method?.type === 'dpo') return 'preference' as const;
  if (method?.type === 'reinforcement') return 'reinforcement' as const;
  return undefined;
}

/** The errors that refuse a file. A validation file may be small: only a training file needs 10 examples. */
function refusing(role: FileRole, report: ValidationReport) {
  return report.problems.filter(
    (problem) =>
      problem.severity === 'error' &&
      !(role === 'validation' && problem.code === 'too_few_examples'),
  );
}

/**
 * Validates each file locally for the model (or its catalog base) and the method's format,
 * announcing each report; throws `TrainingDataError` for the first file the API would refuse,
 * before anything is uploaded or spent.
 */
export async function checkFiles(
  files: readonly RoleFile[],
  checkedFor: string | undefined,
  options: Pick<FineTuneOptions, 'method' | 'onStage' | 'validate'>,
): Promise<Map<FileRole, ValidationReport>> {
  const { validateTrainingFile } = await import('../../data/validate/validate.ts');
  const format = formatFor(options.method);
  const answers = typeof options.validate === 'object' ? options.validate.answers : undefined;
  const reports = new Map<FileRole, ValidationReport>();
  for (const { role, path } of files) {
    const report = await validateTrainingFile(path, {
      ...(checkedFor ? { model: checkedFor } : {}),
      ...(format ? { format } : {}),
      ...(answers ? { answers } : {}),
    });
    await options.onStage?.({ stage: 'validated', role, path, report });
    if (refusing(role, report).length > 0 || (role === 'training' && !report.valid))
      throw new TrainingDataError(path, report);
    reports.set(role, report);
  }
  return reports;
}
