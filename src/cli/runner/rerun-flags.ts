import type { GlobalOptions } from './global-options.ts';

/** The connection flags a printed command must repeat to reach the same API; never the key. */
const REPEATED: ReadonlyArray<[keyof GlobalOptions, string]> = [
  ['provider', '--provider'],
  ['baseUrl', '--base-url'],
  ['endpoint', '--endpoint'],
  ['apiVersion', '--api-version'],
  ['authHeader', '--auth-header'],
  ['authScheme', '--auth-scheme'],
  ['organization', '--organization'],
  ['project', '--project'],
];

/**
 * The connection flags given on this command line, ready to append to a command tunekit prints
 * as a hint (`tunekit jobs follow ftjob-1 --provider together`), so the hint reaches the same
 * API when pasted. Flags set through environment variables are left out: the same shell still
 * has them. The API key is never repeated — a hint is printed, and may be logged or shared.
 *
 * @example
 * rerunFlags({ provider: 'together', apiKey: 'sk-…' }); // ' --provider together'
 */
export function rerunFlags(options: GlobalOptions): string {
  let flags = '';
  for (const [key, flag] of REPEATED) {
    const value = options[key];
    if (typeof value === 'string') flags += ` ${flag} ${shellWord(value)}`;
  }
  return flags;
}

/** A value as one shell word: quoted only when it has characters a shell would act on. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
