import OpenAI from 'openai';
import { forEachAdapter } from '../../support/adapters.ts';
import { TEST_API_KEY } from '../../support/fake-client.ts';
import { defineFidelityScenario } from '../../support/scenario/fidelity-scenario.ts';
import { openaiPort } from '../../support/scenario/openai-port.ts';

forEachAdapter(
  'the official openai client against the fake',
  (setup) =>
    defineFidelityScenario(() => {
      const { fake, baseURL } = setup();
      return { fake, port: openaiPort(new OpenAI({ apiKey: TEST_API_KEY, baseURL })) };
    }),
  { clock: 'manual' },
);
