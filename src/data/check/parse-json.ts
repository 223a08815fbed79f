import { type Problem, problem } from '../problems.ts';

/** V8's syntax errors name the offending position: "... at position 17 (line 1 column 18)". */
const POSITION = /position (\d+)/;

/**
 * Parses one JSONL line. A syntax error becomes an `invalid_json` problem with the 1-based
 * column of the offending character (the end of the line when the text stops early).
 *
 * @example
 * parseJsonLine('{"a": 1,}', 4);
 * // { ok: false, problem: { code: 'invalid_json', line: 4, column: 9, … } }
 */
export function parseJsonLine(
  text: string,
  line: number,
): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const match = POSITION.exec(reason);
    const column = match ? Number(match[1]) + 1 : text.length + 1;
    // V8 quotes a slice of the input in its message; keep only the reason itself.
    const short = reason.replace(/, ".*$/s, '').replace(/ (in JSON )?at position \d+.*$/s, '');
    return {
      ok: false,
      problem: problem('invalid_json', `invalid JSON at column ${column}: ${short}`, {
        line,
        column,
      }),
    };
  }
}
