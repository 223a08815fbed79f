import type { ValidationProgress } from '../../data/validate/validate.ts';
import { formatBytes, formatDuration, progressBar } from './progress-bar.ts';

/** Cells of the bar. */
const BAR_WIDTH = 20;

/**
 * Turns the validator's progress reports into one terminal line: a bar, the share, the bytes,
 * the rates in bytes and examples per second, and the time left. Rates are measured from the
 * first checked batch (so the threads' start-up does not count as slowness), once there is
 * half a second to measure; before the first batch the line says it is starting.
 *
 * @example
 * const line = validationProgressLine('train.jsonl');
 * line({ bytesRead: 21e6, totalBytes: 50e6, lines: 9000, examples: 9000, elapsedMs: 2100 });
 * // 'validating train.jsonl ████████░░░░░░░░░░░░ 42% · 21.0 MB of 50.0 MB · …'
 */
export function validationProgressLine(name: string): (progress: ValidationProgress) => string {
  let first: ValidationProgress | undefined;
  return (progress) => {
    const { bytesRead, totalBytes } = progress;
    const parts = [`validating ${name}`];
    if (totalBytes) {
      const share = Math.min(1, bytesRead / totalBytes);
      parts[0] += ` ${progressBar(share, BAR_WIDTH)} ${Math.floor(share * 100)}%`;
      parts.push(`${formatBytes(bytesRead)} of ${formatBytes(totalBytes)}`);
    } else {
      parts.push(formatBytes(bytesRead));
    }
    if (bytesRead === 0) return [...parts, 'starting…'].join(' · ');
    first ??= progress;
    const seconds = (progress.elapsedMs - first.elapsedMs) / 1000;
    // Half a second of checking before rates mean anything (the threads may still be starting).
    if (seconds >= 0.5) {
      const bytesPerSecond = (bytesRead - first.bytesRead) / seconds;
      const examplesPerSecond = (progress.examples - first.examples) / seconds;
      parts.push(
        `${formatBytes(Math.round(bytesPerSecond))}/s`,
        `${Math.round(examplesPerSecond).toLocaleString('en-US')} examples/s`,
      );
      if (totalBytes && bytesPerSecond > 0 && bytesRead < totalBytes) {
        parts.push(`ETA ${formatDuration(((totalBytes - bytesRead) / bytesPerSecond) * 1000)}`);
      }
    }
    return parts.join(' · ');
  };
}
