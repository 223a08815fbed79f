import { isUtf8 } from 'node:buffer';
import { type Problem, problem } from '../problems.ts';
import { byteChunks, type TrainingSource } from './source.ts';
import { firstInvalidUtf8 } from './utf8.ts';

/** One line of a JSONL source. */
export interface SourceLine {
  /** 1-based line number. */
  number: number;
  /** The decoded text without line ending; undefined when the line could not be decoded. */
  text: string | undefined;
  /** Bytes of the line as read, line ending included. */
  bytes: number;
  /** The line holds only whitespace. */
  blank: boolean;
  /** What kept the line from being read cleanly (BOM, invalid UTF-8, too long). */
  problems: Problem[];
}

export interface ReadLinesOptions {
  /** Lines longer than this are skipped with `line_too_long` instead of buffered. Default 64 MiB. */
  maxLineBytes?: number;
}

/** The default longest line: ten 10 MB base64 images fit, a runaway file does not fill RAM. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

const BOM = [0xef, 0xbb, 0xbf];
const isBlank = (text: string) => text.trim() === '';

/**
 * Reads a JSONL source line by line in bounded memory: at most one chunk plus the current line
 * is held, and a line past `maxLineBytes` is skipped rather than buffered. Handles a leading
 * BOM, CRLF endings, invalid UTF-8 and a last line without a newline. Read errors (a missing
 * file, a failing stream) are thrown to the caller.
 *
 * @example
 * for await (const line of readLines({ text: '{"a":1}\r\n\n' })) console.log(line.number, line.text);
 * // 1 '{"a":1}'
 * // 2 ''
 */
export async function* readLines(
  source: TrainingSource,
  options: ReadLinesOptions = {},
): AsyncGenerator<SourceLine> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let parts: Buffer[] = [];
  let partBytes = 0;
  let tooLong = false;
  let number = 0;

  const finish = (tail: Buffer, ending: number): SourceLine => {
    number++;
    const total = partBytes + tail.length;
    if (tooLong || total > maxLineBytes) {
      const line: SourceLine = {
        number,
        text: undefined,
        bytes: total + ending,
        blank: false,
        problems: [
          problem('line_too_long', `line is ${total} bytes; the reader stops at ${maxLineBytes}`, {
            line: number,
          }),
        ],
      };
      parts = [];
      partBytes = 0;
      tooLong = false;
      return line;
    }
    let bytes = parts.length === 0 ? tail : Buffer.concat([...parts, tail], total);
    parts = [];
    partBytes = 0;
    const problems: Problem[] = [];
    if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    if (number === 1 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) {
      bytes = bytes.subarray(3);
      problems.push(
        problem(
          'bom',
          'the file starts with a UTF-8 byte order mark (EF BB BF); tunekit skipped it, the API may not',
          { line: 1, column: 1 },
        ),
      );
    }
    if (!isUtf8(bytes)) {
      const offset = firstInvalidUtf8(bytes);
      problems.push(
        problem(
          'invalid_utf8',
          `invalid UTF-8 byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at byte ${offset + 1}`,
          { line: number, column: offset + 1 },
        ),
      );
      return { number, text: undefined, bytes: total + ending, blank: false, problems };
    }
    const text = bytes.toString('utf8');
    return { number, text, bytes: total + ending, blank: isBlank(text), problems };
  };

  let pendingEmpty = true;
  for await (const raw of byteChunks(source)) {
    const chunk = Buffer.isBuffer(raw)
      ? raw
      : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    let start = 0;
    for (let newline = chunk.indexOf(10, start); newline >= 0; newline = chunk.indexOf(10, start)) {
      yield finish(chunk.subarray(start, newline), 1);
      start = newline + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      partBytes += rest.length;
      if (partBytes > maxLineBytes) {
        // Keep counting, stop holding: the line will be reported, never parsed.
        tooLong = true;
        parts = [];
      } else {
        // Copy: the stream may reuse its chunk buffers.
        parts.push(Buffer.from(rest));
      }
    }
    pendingEmpty = partBytes === 0 && !tooLong;
  }
  // A last line without a trailing newline is still a line; an empty tail is not.
  if (!pendingEmpty) yield finish(Buffer.alloc(0), 0);
}
