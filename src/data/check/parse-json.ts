import { type ParseError, parse as parseLenient } from 'jsonc-parser';
import { type Problem, problem } from '../problems.ts';

/** V8 names a position for some syntax errors ("… at position 17"), not for all. */
const POSITION = /position (\d+)/;

/**
 * Where in `text` JSON syntax first breaks (0-based, in UTF-16 code units). V8's own message
 * often leaves the position out ("Unexpected token '}'"), so a strict run of jsonc-parser
 * locates it; it runs only for lines JSON.parse already rejected.
 */
function errorOffset(text: string, reason: string): number {
  const errors: ParseError[] = [];
  try {
    parseLenient(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
  } catch {
    // jsonc-parser recurses: nesting deep enough overflows the stack. V8's position will do.
  }
  const first = errors[0]?.offset;
  if (first !== undefined) return first;
  const match = POSITION.exec(reason);
  return match ? Number(match[1]) : text.length;
}

/**
 * Parses one JSONL line. A syntax error becomes an `invalid_json` problem with the 1-based
 * column of the offending character.
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
    const column = errorOffset(text, reason) + 1;
    // V8 quotes a slice of the input and a position in its message; keep only the reason.
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
