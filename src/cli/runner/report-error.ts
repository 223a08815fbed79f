import { paint } from '../output/color.ts';
import { writeErr } from '../output/streams.ts';
import type { ErrorReport } from './describe-error.ts';

/**
 * Prints an error the one way every command does: with `--json`, one JSON line on stderr
 * (`{"error": {"type", "message", …, "hint"}}`, the fields that apply); otherwise `error: …`
 * and `hint: …` lines, and with `--debug` the stack. Returns the exit code to end with.
 */
export function reportError(
  report: ErrorReport,
  options: { json: boolean; debug?: boolean; stack?: string | undefined },
): number {
  if (options.json) {
    writeErr(JSON.stringify({ error: { ...report.fields, hint: report.hint } }));
    return report.exitCode;
  }
  writeErr(`${paint(process.stderr, 'red', 'error:')} ${report.message}`);
  if (report.hint) writeErr(`${paint(process.stderr, 'dim', 'hint:')} ${report.hint}`);
  if (options.debug && options.stack) writeErr(options.stack);
  return report.exitCode;
}
