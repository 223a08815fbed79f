import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TuneKit } from '../../src/index.ts';
import type { FakeOpenAI } from '../../src/testing/index.ts';
import { TEST_API_KEY } from './fake-client.ts';
import { CAPITALS, capitalExample } from './training-data.ts';

/** Ten held-out questions and the answers the data expects (the first ten capitals). */
export const HELD_OUT: ReadonlyArray<[string, string]> = CAPITALS.slice(0, 10);

/** The held-out set as JSONL: line n asks for the capital of HELD_OUT[n − 1]. */
export function heldOutJsonl(pairs = HELD_OUT): string {
  return `${pairs.map(([country, capital]) => capitalExample(country, capital)).join('\n')}\n`;
}

export const question = (country: string) => `What is the capital of ${country}?`;
export const answer = (country: string, capital: string) =>
  `The capital of ${country} is ${capital}.`;

/**
 * A script answering the held-out questions: right for the countries in `right`, wrong
 * ("I am not sure.") for the others.
 */
export function scriptRightFor(right: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    HELD_OUT.map(([country, capital]) => [
      question(country),
      right.includes(country) ? answer(country, capital) : 'I am not sure.',
    ]),
  );
}

/** A fresh temporary directory for one test's files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tunekit-eval-'));
}

/** A tunekit client on the fake with retries that wait little (the fake asks for 10 ms). */
export function evalClient(fake: FakeOpenAI, maxRetries = 2): TuneKit {
  return new TuneKit({
    apiKey: TEST_API_KEY,
    baseURL: 'https://api.openai.com/v1',
    fetch: fake.fetch,
    maxRetries,
    logLevel: 'off',
  });
}
