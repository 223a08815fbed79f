import type { ClockMode } from './clock.ts';
import type { JobTimings } from './jobs/plan.ts';
import type { CatalogModel } from './models/catalog.ts';
import type { FakeOrganization } from './world.ts';

/** Options of {@link createFakeOpenAI}. Every one has a default. */
export interface FakeOpenAIOptions {
  /**
   * Which API the fake serves at `/v1`: `openai` (the default, with Azure's at `/openai/v1`)
   * or `together` — Together AI's API (`/fine-tunes`, its signed-URL upload, bare `/models`,
   * `finish_reason: "eos"`), with Together's models, for `new TuneKit({ provider: 'together' })`
   * and Together's own `together-ai` client.
   */
  provider?: 'openai' | 'together' | undefined;
  /**
   * How time moves: `instant` (default: real time, jobs finish on the next request), `manual`
   * (time stands still until `advance`), or `{ speed }` (real time, faster). See {@link ClockMode}.
   */
  clock?: ClockMode | undefined;
  /** Where simulated time starts. Default: now. */
  startTime?: Date | number | undefined;
  /**
   * How long job phases take (simulated ms): on the instant clock, the times their events are
   * stamped with; on the others, how long they run. Default `DEFAULT_TIMINGS`.
   */
  timings?: Partial<JobTimings> | undefined;
  /** The account's organization: `id` for jobs, `name` inside fine-tuned model names. */
  organization?: Partial<FakeOrganization> | undefined;
  /** Keys the fake accepts. Default: any well-formed key. */
  apiKeys?: readonly string[] | undefined;
  /** Base models to serve instead of the default catalog (OpenAI's, or Together's for `provider: 'together'`). */
  models?: readonly CatalogModel[] | undefined;
  /** Simulated ms a new file stays `uploaded` before it is `processed`. Default 0. */
  fileProcessingMs?: number | undefined;
  /**
   * Origins the msw handlers answer for (`*` matches one host label). Default: OpenAI's API and
   * Azure resources (`https://api.openai.com`, `https://*.openai.azure.com`, …); Together's
   * (`https://api.together.ai`, `https://api.together.xyz`) for `provider: 'together'`.
   */
  origins?: readonly string[] | undefined;
}
