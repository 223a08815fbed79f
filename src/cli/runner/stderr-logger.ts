import type { Logger } from '../../core/logger.ts';
import { paint } from '../output/color.ts';
import { writeErr } from '../output/streams.ts';

/**
 * The client's log lines on stderr, where they do not mix with the command's data. Details
 * (headers, request ids) are shown only at debug level.
 */
export function stderrLogger(): Logger {
  const line =
    (label: string, style: Parameters<typeof paint>[1]) =>
    (message: string, ...details: unknown[]) => {
      const extra =
        details.length > 0 && label === 'debug'
          ? ` ${JSON.stringify(details.length === 1 ? details[0] : details)}`
          : '';
      writeErr(`${paint(process.stderr, style, `tunekit ${label}:`)} ${message}${extra}`);
    };
  return {
    error: line('error', 'red'),
    warn: line('warning', 'yellow'),
    info: line('info', 'cyan'),
    debug: line('debug', 'gray'),
  };
}
