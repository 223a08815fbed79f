import { afterAll, beforeAll } from 'vitest';
import { TuneKit } from '../../../src/index.ts';
import { forEachAdapter } from '../../support/adapters.ts';
import { TEST_API_KEY } from '../../support/fake-client.ts';
import { officialPort } from '../../support/scenario/together-official-port.ts';
import { defineTogetherScenario } from '../../support/scenario/together-scenario.ts';
import { tunekitPort } from '../../support/scenario/together-tunekit-port.ts';
import { loadTogether, withDuplex } from '../../support/together-client.ts';

// The same scenario through Together's official client and through tunekit's, against the
// fake's Together flavour, through msw and a real port.

const FAKE = { provider: 'together', clock: 'manual', apiKeys: [TEST_API_KEY] } as const;
const WRONG_KEY = 'tk-wrong-key-0123456789abcdef';

forEachAdapter(
  'the official together-ai client against the Together fake',
  (setup) => {
    // Installed after msw (its hooks run first), removed before msw closes.
    let undo: (() => void) | undefined;
    beforeAll(() => {
      undo = withDuplex();
    });
    afterAll(() => {
      undo?.();
      delete process.env.TOGETHER_API_BASE_URL;
    });
    defineTogetherScenario(() => {
      const { fake, baseURL } = setup();
      const Together = loadTogether(baseURL);
      return {
        fake,
        port: officialPort(Together, { apiKey: TEST_API_KEY, baseURL }),
        portWithWrongKey: officialPort(Together, { apiKey: WRONG_KEY, baseURL }),
      };
    });
  },
  FAKE,
);

forEachAdapter(
  "tunekit's client (provider: 'together') against the Together fake",
  (setup) =>
    defineTogetherScenario(() => {
      const { fake, baseURL } = setup();
      const client = (apiKey: string) =>
        new TuneKit({ provider: 'together', apiKey, baseURL, maxRetries: 0, logLevel: 'off' });
      return {
        fake,
        port: tunekitPort(client(TEST_API_KEY)),
        portWithWrongKey: tunekitPort(client(WRONG_KEY)),
      };
    }),
  FAKE,
);
