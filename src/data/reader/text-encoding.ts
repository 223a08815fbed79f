/**
 * Tells a UTF-16 or UTF-32 file from UTF-8 by its first bytes: a byte order mark, or the NUL
 * bytes that ASCII characters (all of JSON's syntax) leave in every second or every fourth
 * byte. UTF-8 JSON never holds a NUL byte, so the pattern is not ambiguous. Windows PowerShell
 * 5 writes UTF-16 LE with `>` and `Out-File`: that is where such files come from.
 */

export type ForeignEncoding = 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE';

export interface ForeignEncodingGuess {
  encoding: ForeignEncoding;
  /** What gave it away: `'byte order mark FF FE'`, or `'NUL bytes'`. */
  evidence: string;
}

/** Bytes looked at for the NUL pattern. */
const SNIFF_BYTES = 4096;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** The share of zero bytes at each position modulo 4. */
function zeroShares(bytes: Uint8Array): [number, number, number, number] {
  const length = Math.min(bytes.length, SNIFF_BYTES) & ~3;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < length; i++) if (bytes[i] === 0) zeros[i & 3] = (zeros[i & 3] as number) + 1;
  const per = length / 4;
  return zeros.map((count) => count / per) as [number, number, number, number];
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
  if (head.length < 4) return undefined;
  const [z0, z1, z2, z3] = zeroShares(head);
  const evidence = 'NUL bytes';
  // Characters below U+10000 leave two zero bytes of four in UTF-32, and ASCII a third.
  if (z2 > 0.9 && z3 > 0.9 && z0 < 0.1) return { encoding: 'UTF-32LE', evidence };
  if (z0 > 0.9 && z1 > 0.9 && z3 < 0.1) return { encoding: 'UTF-32BE', evidence };
  // ASCII leaves a zero in every second byte of UTF-16; CJK text does not, so ask for a share.
  const even = (z0 + z2) / 2;
  const odd = (z1 + z3) / 2;
  if (odd > 0.1 && even < odd / 10) return { encoding: 'UTF-16LE', evidence };
  if (even > 0.1 && odd < even / 10) return { encoding: 'UTF-16BE', evidence };
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
