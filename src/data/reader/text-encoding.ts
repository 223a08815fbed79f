/**
 * Tells a UTF-16 or UTF-32 file from UTF-8 by its first bytes: a byte order mark, or the NUL
 * bytes an ASCII first character (`{`) leaves beside it. UTF-8 JSON never holds a NUL byte, so
 * the pattern is not ambiguous. Windows PowerShell 5 writes UTF-16 LE with `>` and `Out-File`:
 * that is where such files come from.
 */

export type ForeignEncoding = 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE';

export interface ForeignEncodingGuess {
  encoding: ForeignEncoding;
  /** What gave it away: `'byte order mark FF FE'`, or `'NUL bytes'`. */
  evidence: string;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** Code units checked at the start of the file. */
const UNITS = 8;

/**
 * True when the first code units (up to {@link UNITS}) of `width` bytes each are ASCII
 * characters other than NUL, with the character's byte at `at` and zeros around it.
 */
function asciiUnits(head: Uint8Array, width: number, at: number): boolean {
  const units = Math.min(UNITS, Math.floor(head.length / width));
  if (units === 0) return false;
  for (let unit = 0; unit < units; unit++) {
    for (let i = 0; i < width; i++) {
      const byte = head[unit * width + i] as number;
      if (i === at ? byte === 0 || byte >= 0x80 : byte !== 0) return false;
    }
  }
  return true;
}

/**
 * The file's encoding when it is UTF-16 or UTF-32, from its first bytes; undefined for UTF-8
 * (or anything else: a binary file is left to the line checks).
 *
 * @example
 * detectForeignEncoding(Buffer.from('\uFEFF{"a":1}', 'utf16le')); // { encoding: 'UTF-16LE', evidence: 'byte order mark FF FE' }
 */
export function detectForeignEncoding(head: Uint8Array): ForeignEncodingGuess | undefined {
  if (startsWith(head, [0xff, 0xfe, 0, 0]))
    return { encoding: 'UTF-32LE', evidence: 'byte order mark FF FE 00 00' };
  if (startsWith(head, [0, 0, 0xfe, 0xff]))
    return { encoding: 'UTF-32BE', evidence: 'byte order mark 00 00 FE FF' };
  if (startsWith(head, [0xff, 0xfe]))
    return { encoding: 'UTF-16LE', evidence: 'byte order mark FF FE' };
  if (startsWith(head, [0xfe, 0xff]))
    return { encoding: 'UTF-16BE', evidence: 'byte order mark FE FF' };
  // Without a mark: a JSONL file starts with ASCII (`{"messages":`…), and the NUL bytes beside
  // those characters say how wide and in which order the code units are.
  const evidence = 'NUL bytes';
  if (asciiUnits(head, 4, 0)) return { encoding: 'UTF-32LE', evidence };
  if (asciiUnits(head, 4, 3)) return { encoding: 'UTF-32BE', evidence };
  if (asciiUnits(head, 2, 0)) return { encoding: 'UTF-16LE', evidence };
  if (asciiUnits(head, 2, 1)) return { encoding: 'UTF-16BE', evidence };
  return undefined;
}

/**
 * The report's one sentence about such a file: what it is and how to convert it.
 *
 * @example
 * describeForeignEncoding({ encoding: 'UTF-16LE', evidence: 'NUL bytes' });
 */
export function describeForeignEncoding(guess: ForeignEncodingGuess): string {
  const names: Record<ForeignEncoding, string> = {
    'UTF-16LE': 'UTF-16 little-endian',
    'UTF-16BE': 'UTF-16 big-endian',
    'UTF-32LE': 'UTF-32 little-endian',
    'UTF-32BE': 'UTF-32 big-endian',
  };
  return (
    `the file is ${names[guess.encoding]} (${guess.evidence}), not UTF-8, which the API requires; ` +
    `convert it: \`iconv -f ${guess.encoding} -t UTF-8 in.jsonl > out.jsonl\`, or in PowerShell ` +
    '`Get-Content in.jsonl | Set-Content -Encoding utf8NoBOM out.jsonl` (PowerShell 7); ' +
    'nothing else was checked'
  );
}
