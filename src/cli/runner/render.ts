import { paint } from '../output/color.ts';
import { writeJson, writeOut } from '../output/streams.ts';
import { renderTable } from '../output/table.ts';
import type { ApiContext } from './run-api-command.ts';

/** A column of a list: its heading and how to show an item in it. */
export interface Column<T> {
  heading: string;
  cell: (item: T) => string;
}

/**
 * Prints a list: with `--json` the items as a JSON array, otherwise a table with a dimmed
 * heading row (or a note when the list is empty, on stderr so stdout stays data).
 */
export function printList<T>(
  context: ApiContext,
  items: readonly T[],
  columns: Column<T>[],
  empty: string,
): void {
  if (context.json) {
    writeJson(items);
    return;
  }
  if (items.length === 0) {
    process.stderr.write(`${empty}\n`);
    return;
  }
  const heading = columns.map((column) => paint(process.stdout, 'dim', column.heading));
  writeOut(
    renderTable([heading, ...items.map((item) => columns.map((column) => column.cell(item)))]),
  );
}

/** Fields that hold a Unix time in seconds (`created_at`, `finished_at`, `created`, …). */
const TIME_FIELD = /(^|_)(at|created|finish)$/;

/** A field for people: times as dates (`--json` keeps the numbers), objects as JSON. */
function showField(key: string, value: unknown): string {
  if (typeof value === 'number' && TIME_FIELD.test(key)) return showTime(value);
  return showValue(value);
}

/**
 * Prints one object: JSON with `--json`, else `key  value` lines, times as UTC dates.
 */
export function printObject(context: ApiContext, value: Record<string, unknown>): void {
  if (context.json) {
    writeJson(value);
    return;
  }
  const rows = Object.entries(value)
    .filter(([, field]) => field !== undefined)
    .map(([key, field]) => [paint(process.stdout, 'dim', key), showField(key, field)]);
  writeOut(renderTable(rows));
}

function showValue(value: unknown): string {
  if (value === null) return '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A Unix time in seconds as an ISO date-time in UTC, minutes precision. */
export function showTime(seconds: number | null | undefined): string {
  if (seconds == null) return '-';
  return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ')}Z`;
}
