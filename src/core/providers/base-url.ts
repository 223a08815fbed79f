import { ConfigurationError } from '../errors/configuration-error.ts';

/**
 * A base URL checked and without trailing slashes, or a `ConfigurationError` naming the option
 * and the variable it came from.
 */
export function checkedBaseURL(
  value: string,
  option: string,
  envVariable: string | undefined,
  example: string,
): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  if (!URL.canParse(trimmed) || !/^https?:$/.test(new URL(trimmed).protocol)) {
    throw new ConfigurationError(
      `Invalid ${option} ${JSON.stringify(value)}: expected an http(s) URL such as ${example}.`,
      option,
      envVariable,
    );
  }
  return trimmed;
}
