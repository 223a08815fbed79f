import { forEachProvider, OPENAI_STYLE } from '../../support/providers.ts';
import {
  defineFidelityScenario,
  type ScenarioExpectations,
} from '../../support/scenario/fidelity-scenario.ts';
import { tunekitPort } from '../../support/scenario/tunekit-port.ts';

/** What the scenario sees differently at Azure (see docs/testing.md, "The Azure flavour"). */
const AZURE: Partial<ScenarioExpectations> = {
  createdStatus: 'pending',
  fineTunedModel: (base) => new RegExp(`^${base.replaceAll('.', '\\.')}\\.ft-[0-9a-f]{32}$`),
};

forEachProvider(
  "tunekit's own client against the fake",
  (setup) =>
    defineFidelityScenario(() => {
      const { fake, provider, client, servingName } = setup();
      return {
        fake,
        port: tunekitPort(client({ maxRetries: 2 })),
        expectations: {
          ...(provider === 'azure' ? AZURE : {}),
          servingName,
          pauseResume: provider !== 'compatible',
        },
      };
    }),
  // Together AI's API differs in shape: its own scenario (together-scenario.ts) covers it.
  { fake: { clock: 'manual' }, providers: OPENAI_STYLE },
);
