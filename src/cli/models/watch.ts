import { utcDay } from '../../data/catalog/days.ts';
import { ExitCode } from '../exit-codes.ts';
import { paint } from '../output/color.ts';
import { docPath } from '../output/doc-path.ts';
import { writeErr, writeJson, writeOut } from '../output/streams.ts';
import { plural, renderTable } from '../output/table.ts';
import type { ApiContext } from '../runner/run-api-command.ts';
import { type WatchRow, watchRows } from './watch-rows.ts';

/** Options of `tunekit models watch`. */
export interface WatchOptions {
  /** Days: a shutdown this close (or past) makes the command exit 6. */
  within: number;
  /** The day to judge from, `YYYY-MM-DD` (default: today, UTC). */
  at?: string | undefined;
}

function daysCell(row: WatchRow, within: number): string {
  if (row.daysLeft === null) return '-';
  const text = String(row.daysLeft);
  if (row.daysLeft <= 0) return paint(process.stdout, 'red', text);
  return row.daysLeft <= within ? paint(process.stdout, 'yellow', text) : text;
}

/** The day training closes, said once, when the rows know it (OpenAI's 2027-01-06). */
function trainingNote(rows: readonly WatchRow[]): string | undefined {
  const row = rows.find((r) => r.trainingEndDate !== null && r.trainingDaysLeft !== null);
  if (!row?.trainingEndDate || row.trainingDaysLeft === null) return undefined;
  return row.trainingDaysLeft > 0
    ? `New fine-tuning jobs stop on ${row.trainingEndDate} (in ${plural(row.trainingDaysLeft, 'day')}).`
    : `New fine-tuning jobs stopped on ${row.trainingEndDate}.`;
}

/**
 * `tunekit models watch [--within <days>] [--json]`: the account's fine-tuned models and their
 * base models with the days left before each shuts down, most urgent first. Exits 6 when
 * something shuts down within `--within` days (default 90), for cron and CI; 0 otherwise.
 */
export async function watchModels(context: ApiContext, options: WatchOptions): Promise<number> {
  const now = options.at ? new Date(`${options.at}T00:00:00Z`) : new Date();
  const page = await context.client.models.list({ signal: context.signal });
  const rows = watchRows(page.data, {
    now,
    provider: context.client.provider.catalogProvider,
    within: options.within,
  });
  const soon = rows.filter((row) => row.soon).length;
  const exitCode = soon > 0 ? ExitCode.ShutdownSoon : ExitCode.Ok;

  if (context.json) {
    writeJson({
      at: utcDay(now),
      within: options.within,
      provider: context.client.provider.name,
      soon,
      models: rows,
    });
    return exitCode;
  }
  if (rows.length === 0) {
    writeErr('No fine-tuned models.');
    return exitCode;
  }
  const heading = ['model', 'kind', 'shuts down', 'days left', 'source'].map((h) =>
    paint(process.stdout, 'dim', h),
  );
  writeOut(
    renderTable([
      heading,
      ...rows.map((row) => [
        row.model,
        row.kind,
        row.shutdownDate ?? 'not announced',
        daysCell(row, options.within),
        row.source ?? '-',
      ]),
    ]),
  );
  const note = trainingNote(rows);
  if (note) writeErr(note);
  writeErr(
    soon > 0
      ? `${plural(soon, 'model')} shut${soon === 1 ? 's' : ''} down within ${plural(options.within, 'day')}: export ${soon === 1 ? 'it' : 'them'} (tunekit export <dir>) and retrain elsewhere; how: ${docPath('providers.md', 'Migrating before 2027-01-06')}.`
      : `Nothing shuts down within ${plural(options.within, 'day')}.`,
  );
  return exitCode;
}
