import type { ScriptedAnswers } from './chat/scripted-answers.ts';
import type { Clock } from './clock.ts';
import type { JobEngine } from './jobs/engine.ts';
import type { JobTimings } from './jobs/plan.ts';
import type { ModelCatalog } from './models/catalog.ts';
import type { FakeState } from './state.ts';

/** The organization the fake's account belongs to. */
export interface FakeOrganization {
  /** `organization_id` of jobs, e.g. `org-…`. */
  id: string;
  /** The name inside fine-tuned model names (`ft:{base}:{name}:{suffix}:{id}`), `personal` by default. */
  name: string;
}

/** Everything a route works with: the state and the services around it. */
export interface World {
  state: FakeState;
  clock: Clock;
  catalog: ModelCatalog;
  jobs: JobEngine;
  organization: FakeOrganization;
  timings: JobTimings;
  /** Simulated milliseconds a new file stays `uploaded` before it is `processed`. */
  fileProcessingMs: number;
  /** Answers scripted per model with `fake.scriptAnswers`. */
  scripts: ScriptedAnswers;
}
