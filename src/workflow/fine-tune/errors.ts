import { TuneKitError } from '../../core/errors/tunekit-error.ts';
import type { ValidationReport } from '../../data/validate/report.ts';

/**
 * A training (or validation) file has errors the API would reject it for, so nothing was
 * uploaded or spent. `report` is the full validation report (every problem with its line).
 *
 * @example
 * if (error instanceof TrainingDataError) for (const p of error.report.problems) console.error(error.path, p.line, p.message);
 */
export class TrainingDataError extends TuneKitError {
  override name = 'TrainingDataError';
  readonly path: string;
  readonly report: ValidationReport;

  constructor(path: string, report: ValidationReport) {
    const listed = report.problems
      .filter((problem) => problem.severity === 'error')
      .slice(0, 3)
      .map((problem) => `${problem.line ? `line ${problem.line}: ` : ''}${problem.message}`)
      .join('; ');
    const more = report.errors > 3 ? ` (and ${report.errors - 3} more)` : '';
    super(`${path} has ${report.errors} error${report.errors === 1 ? '' : 's'}: ${listed}${more}`);
    this.path = path;
    this.report = report;
  }
}

/**
 * The `confirm` callback of `fineTune` said no: nothing was uploaded or spent.
 *
 * @example
 * await fineTune(client, { ...options, confirm: (plan) => Number(plan.cost?.usd) < 5 }); // else this error
 */
export class FineTuneDeclinedError extends TuneKitError {
  override name = 'FineTuneDeclinedError';

  constructor() {
    super('Fine-tuning was not started: nothing was uploaded or spent.');
  }
}
