/**
 * Where CLI output goes: data (reports, JSON) to stdout, so it can be piped; diagnostics and
 * progress to stderr. Progress is drawn only when stderr is a terminal: a log file or a CI run
 * gets nothing.
 */

/** Writes a line of data to stdout. */
export function writeOut(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Writes a value as pretty JSON to stdout. */
export function writeJson(value: unknown): void {
  writeOut(JSON.stringify(value, null, 2));
}

/** Writes a diagnostic line to stderr. */
export function writeErr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A one-line progress indicator on stderr. */
export interface Progress {
  update(text: string): void;
  done(): void;
}

const silent: Progress = { update() {}, done() {} };

/**
 * A progress line redrawn in place at most every `intervalMs`, on stderr only when it is a
 * terminal; otherwise a no-op.
 *
 * @example
 * const progress = createProgress();
 * progress.update('reading 45%');
 * progress.done();
 */
export function createProgress(
  stream: NodeJS.WriteStream = process.stderr,
  intervalMs = 100,
): Progress {
  if (!stream.isTTY) return silent;
  let last = 0;
  let shown = false;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < intervalMs) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2K${text}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
