/**
 * `tunekit/testing`: a faithful, stateful fake of the fine-tuning API for tests (msw), for a
 * real port, and for demos.
 */
export type { FakeFetch } from './adapters/fetch.ts';
export type { FakeServer, ListenOptions } from './adapters/node-server.ts';
export { DEFAULT_ORIGINS, TOGETHER_ORIGINS } from './adapters/origins.ts';
export type { AuthScheme, RecordedCall } from './call-log.ts';
export { BASE_MODEL_ANSWER } from './chat/answer.ts';
export type { AnswerScript, ScriptedReply, ScriptHandle } from './chat/scripted-answers.ts';
export type { ClockMode } from './clock.ts';
export { createFakeOpenAI, type FakeOpenAI } from './create-fake.ts';
export type { FakeHandler } from './dispatch.ts';
export type { FaultHandle, FaultSpec } from './faults/fault.ts';
export type { RunUntil } from './jobs/engine.ts';
export { DEFAULT_TIMINGS, type JobTimings } from './jobs/plan.ts';
export { RESULT_COLUMNS } from './jobs/results-csv.ts';
export {
  type CatalogModel,
  DEFAULT_CATALOG,
  type FineTuningMethodType,
  TOGETHER_CATALOG,
} from './models/catalog.ts';
export type { FakeOpenAIOptions } from './options.ts';
export type { Flavour } from './route-context.ts';
export type { FakeOrganization } from './world.ts';
