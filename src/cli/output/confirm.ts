import { createInterface } from 'node:readline/promises';

/**
 * Asks a yes/no question on the terminal; resolves true only for "y" or "yes". The caller
 * makes sure stdin is a terminal (scripts pass `--yes` instead).
 */
export async function confirm(question: string, signal?: AbortSignal): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${question} [y/N] `, { signal });
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    return false;
  } finally {
    prompt.close();
  }
}
