/**
 * A status line kept at the bottom of a terminal while lines are printed above it, with a
 * spinner. On a stream that is not a terminal it prints the lines and never a status.
 */
export class LiveStatus {
  readonly #stream: NodeJS.WriteStream;
  readonly #live: boolean;
  #status = '';
  #frame = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.#stream = stream;
    this.#live = stream.isTTY === true;
    if (this.#live) {
      this.#timer = setInterval(() => this.#draw(), 120);
      this.#timer.unref();
    }
  }

  /**
   * Prints a line above the status, on `target` (default: the status's own stream). Data for
   * stdout and a status on stderr share one terminal: the status is cleared first.
   */
  line(text: string, target: NodeJS.WritableStream = this.#stream): void {
    if (this.#live && this.#status) this.#stream.write('\r\x1b[2K');
    target.write(`${text}\n`);
    this.#draw();
  }

  /** Replaces the status text (shown with a spinner on a terminal); '' removes it. */
  status(text: string): void {
    if (this.#live && this.#status && !text) this.#stream.write('\r\x1b[2K');
    this.#status = text;
    this.#draw();
  }

  /** Removes the status line and stops the spinner. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#live && this.#status) this.#stream.write('\r\x1b[2K');
    this.#status = '';
  }

  #draw(): void {
    if (!this.#live || !this.#status) return;
    const spinner = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏'[this.#frame++ % 10];
    // A pseudo-terminal may report 0 columns: assume the classic 80 then.
    const columns = this.#stream.columns || 80;
    const text = `${spinner} ${this.#status}`;
    this.#stream.write(
      `\r\x1b[2K${text.length > columns - 1 ? `${text.slice(0, columns - 2)}…` : text}`,
    );
  }
}
