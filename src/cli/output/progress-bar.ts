/**
 * A progress bar of `width` cells for a share from 0 to 1.
 *
 * @example
 * progressBar(0.5, 10); // '█████░░░░░'
 */
export function progressBar(share: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, share)) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/**
 * A byte count for people: `812 B`, `9.7 KB`, `1.3 GB` (powers of 1000, as file managers show).
 *
 * @example
 * formatBytes(9965); // '10.0 KB'
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * A duration for people: `45 s`, `3m 05s`, `2h 10m`.
 *
 * @example
 * formatDuration(185_000); // '3m 05s'
 */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}
