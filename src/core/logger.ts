import type { Redactor } from './redact.ts';

/** How much the client logs: nothing, or errors and up to debug detail. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Where log lines go. `console` fits; so do pino, winston and most loggers. */
export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
}

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** Whether a string is a log level name. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && value in RANK;
}

/**
 * The logger the client uses: drops lines above `level` and passes every line and detail
 * through the redactor, so a key echoed by a server never reaches the log.
 */
export function createLogger(target: Logger, level: LogLevel, redactor: Redactor): Logger {
  const make =
    (method: keyof Logger) =>
    (message: string, ...details: unknown[]) => {
      if (RANK[method] > RANK[level]) return;
      target[method](redactor.text(message), ...details.map((d) => redactor.deep(d)));
    };
  return { error: make('error'), warn: make('warn'), info: make('info'), debug: make('debug') };
}
