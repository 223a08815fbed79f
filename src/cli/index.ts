#!/usr/bin/env node
import { unsupportedNode } from './node-version.ts';

// Checked before the program (and undici behind it) is loaded: on an old Node.js the first
// request would fail with a TypeError that reads like a network error.
const tooOld = unsupportedNode();
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exitCode = 1;
} else {
  const { runCli } = await import('./program.ts');
  process.exitCode = await runCli(process.argv.slice(2));
}
