import { forEachAdapter } from '../../support/adapters.ts';
import { tunekitClient } from '../../support/fake-client.ts';
import { defineFidelityScenario } from '../../support/scenario/fidelity-scenario.ts';
import { tunekitPort } from '../../support/scenario/tunekit-port.ts';

forEachAdapter(
  "tunekit's own client against the fake",
  (setup) =>
    defineFidelityScenario(() => {
      const { fake, baseURL } = setup();
      return { fake, port: tunekitPort(tunekitClient(baseURL, 2)) };
    }),
  { clock: 'manual' },
);
