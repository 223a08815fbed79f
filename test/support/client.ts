import type { ClientOptions } from '../../src/index.ts';
import { TuneKit } from '../../src/index.ts';
import { BASE_URL, TEST_KEY } from './constants.ts';

/** A client pointed at the mock API, with a silent logger unless the test passes one. */
export function testClient(options: ClientOptions = {}): TuneKit {
  return new TuneKit({
    apiKey: TEST_KEY,
    baseURL: BASE_URL,
    logLevel: 'off',
    ...options,
  });
}

/** A logger that keeps every line, to assert on what was logged. */
export function memoryLogger() {
  const lines: Array<{ level: string; message: string; details: unknown[] }> = [];
  const at =
    (level: string) =>
    (message: string, ...details: unknown[]) =>
      lines.push({ level, message, details });
  return {
    lines,
    logger: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') },
  };
}
