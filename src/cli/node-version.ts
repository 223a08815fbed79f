/**
 * The oldest Node.js the CLI runs on (package.json's `engines`). Older versions fail deep in
 * undici with a TypeError that looks like a network error, so the CLI says this first.
 */
export const MINIMUM_NODE = '22.19.0';

/** Whether `version` (`v22.19.0` or `22.19.0`) is at least `minimum`. */
export function isAtLeast(version: string, minimum: string): boolean {
  const have = version.replace(/^v/, '').split('.').map(Number);
  const need = minimum.split('.').map(Number);
  for (let i = 0; i < need.length; i += 1) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (Number.isNaN(a)) return false;
    if (a !== b) return a > b;
  }
  return true;
}

/** The message for a Node.js too old to run the CLI, or undefined when it is recent enough. */
export function unsupportedNode(version: string = process.version): string | undefined {
  if (isAtLeast(version, MINIMUM_NODE)) return undefined;
  return `tunekit needs Node.js ${MINIMUM_NODE} or later; this is Node.js ${version}. Install a newer Node.js and run the command again.`;
}
