import { constants, readFileSync } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { UsageError } from './usage-error.ts';

/** Why an input file cannot be used. */
export type InputFileProblem = 'missing' | 'directory' | 'unreadable' | 'invalid';

/**
 * A file named on the command line cannot be used: it does not exist, is a directory, cannot
 * be read, or does not hold what the option needs (a schema file that is not JSON). A usage
 * error (exit 2), the same for every command; the message names the file and, for an option's
 * file, the option.
 */
export class InputFileError extends UsageError {
  override name = 'InputFileError';
  readonly path: string;
  readonly problem: InputFileProblem;

  constructor(
    path: string,
    problem: InputFileProblem,
    message: string,
    options: ErrorOptions & { hint?: string } = {},
  ) {
    super(message, options);
    this.path = path;
    this.problem = problem;
  }
}

/** Node's error codes for a file that cannot be opened, in words. */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file (a part of the path is not a directory)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory, not a file',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
};

/** The words for a Node file-system error code (`ENOENT` → `no such file`), or undefined. */
export function fileErrorReason(code: unknown): string | undefined {
  return typeof code === 'string' ? REASONS[code] : undefined;
}

function problemOf(code: unknown): InputFileProblem {
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
  if (code === 'EISDIR') return 'directory';
  return 'unreadable';
}

/**
 * The file as the command line named it: `train.jsonl`, `--response-schema schema.json`, or
 * `--scorer json-schema=answer.json` when `what` ends with `=` (or `@`, as in `--rubric @file`).
 */
function subject(path: string, what: string | undefined): string {
  if (!what) return path;
  return /[=@]$/.test(what) ? `${what}${path}` : `${what} ${path}`;
}

/** The {@link InputFileError} for a file system error met while reading `path`. */
function unreadable(path: string, what: string | undefined, error: unknown): InputFileError {
  const code = (error as NodeJS.ErrnoException).code;
  return new InputFileError(
    path,
    problemOf(code),
    `cannot read ${subject(path, what)}: ${fileErrorReason(code) ?? (error as Error).message}`,
    { cause: error },
  );
}

/**
 * Checks that `path` names a readable regular file before a command starts working with it;
 * throws {@link InputFileError} otherwise. `what` names where the path came from, for options
 * (`--validation-file`); arguments go without.
 *
 * @example
 * await checkInputFile('train.jsonl'); // InputFileError: cannot read train.jsonl: no such file
 */
export async function checkInputFile(path: string, what?: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
    await access(path, constants.R_OK);
  } catch (error) {
    throw unreadable(path, what, error);
  }
  if (!isFile) {
    throw new InputFileError(
      path,
      'directory',
      `cannot read ${subject(path, what)}: it is a directory, not a file`,
    );
  }
}

/** Checks every path that is given (undefined ones are options left out). */
export async function checkInputFiles(
  files: ReadonlyArray<readonly [path: string | undefined, what?: string]>,
): Promise<void> {
  for (const [path, what] of files) if (path !== undefined) await checkInputFile(path, what);
}

/** The text of an input file, or an {@link InputFileError} naming it. */
export async function readInputText(path: string, what?: string): Promise<string> {
  await checkInputFile(path, what);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable(path, what, error);
  }
}

/**
 * {@link readInputText} for code that cannot wait (a flag parsed in a synchronous function);
 * the same errors.
 */
export function readInputTextSync(path: string, what?: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadable(path, what, error);
  }
}

/** An input file's JSON, or an {@link InputFileError} saying where it is not JSON. */
export async function readInputJson(path: string, what?: string): Promise<unknown> {
  const text = await readInputText(path, what);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputFileError(
      path,
      'invalid',
      `${subject(path, what)} is not JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
