import { describe } from 'vitest';
import {
  createFakeOpenAI,
  type FakeOpenAI,
  type FakeOpenAIOptions,
} from '../../src/testing/index.ts';
import { useFakeServer } from './fake-server.ts';
import { useMswServer } from './msw-server.ts';

/** What a test gets from {@link forEachAdapter}: a fresh fake and the base URL reaching it. */
export type AdapterSetup = () => { fake: FakeOpenAI; baseURL: string };

/**
 * Defines the same tests twice: with the fake behind msw (clients call OpenAI's URL, or
 * Together's for `provider: 'together'`) and behind
 * a real port on 127.0.0.1. `setup()`, called inside a test, resets the fake and says where to
 * send requests.
 */
export function forEachAdapter(
  label: string,
  define: (setup: AdapterSetup) => void,
  options?: FakeOpenAIOptions,
): void {
  describe(`${label}, through msw`, () => {
    const fake = createFakeOpenAI(options);
    useMswServer(() => fake.handlers);
    define(() => {
      fake.reset();
      const origin =
        options?.provider === 'together' ? 'https://api.together.ai' : 'https://api.openai.com';
      return { fake, baseURL: `${origin}/v1` };
    });
  });

  describe(`${label}, through a real port`, () => {
    const fake = createFakeOpenAI(options);
    const server = useFakeServer(fake);
    define(() => {
      fake.reset();
      return { fake, baseURL: server().baseURL };
    });
  });
}
