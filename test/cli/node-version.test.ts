import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAtLeast, MINIMUM_NODE, unsupportedNode } from '../../src/cli/node-version.ts';

describe('the Node.js version check', () => {
  it('asks for the version package.json promises', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.engines.node).toBe(`>=${MINIMUM_NODE}`);
  });

  it('compares versions part by part, not as text', () => {
    expect(isAtLeast('v22.19.0', '22.19.0')).toBe(true);
    expect(isAtLeast('v22.100.0', '22.19.0')).toBe(true);
    expect(isAtLeast('v23.0.0', '22.19.0')).toBe(true);
    expect(isAtLeast('v22.18.9', '22.19.0')).toBe(false);
    expect(isAtLeast('v20.20.2', '22.19.0')).toBe(false);
    expect(isAtLeast('v100.0.0', '22.19.0')).toBe(true);
  });

  it('says what is needed and what this is, and nothing when the version is recent enough', () => {
    expect(unsupportedNode('v20.20.2')).toBe(
      'tunekit needs Node.js 22.19.0 or later; this is Node.js v20.20.2. Install a newer Node.js and run the command again.',
    );
    expect(unsupportedNode('v22.19.0')).toBeUndefined();
    expect(unsupportedNode()).toBeUndefined(); // the tests themselves run on a supported Node
  });
});
