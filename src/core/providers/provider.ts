import type { HeaderRecord } from '../headers.ts';
import type { QueryInit } from '../query.ts';
import type { TransportDialect } from './dialect.ts';
import type { ProviderFeature, ProviderName } from './features.ts';
import type { JobTagging } from './job-tagging.ts';

/** The JSON body of `POST /fine_tuning/jobs` as the client built it. */
export type JobCreateBody = { [key: string]: unknown; trainingType?: unknown };

/**
 * Everything that differs between the APIs tunekit talks to, in one object per provider: where
 * requests go, how they authenticate, what the endpoint offers and the few places where the
 * request dialect differs. Resources ask this object; they never ask which provider it is.
 */
export interface Provider {
  readonly name: ProviderName;
  /** How messages name the provider: "OpenAI", "Azure AI Foundry (https://…)". */
  readonly label: string;
  /** Where requests go, without a trailing slash: `https://api.openai.com/v1`. */
  readonly baseURL: string;
  /** The header that carries the key, lower case; null when the endpoint takes none. */
  readonly authHeader: string | null;
  /** The headers that authenticate and identify every request. */
  headers(apiKey: string | undefined): HeaderRecord;
  /** Query parameters of every request (Azure's `api-version`). */
  readonly query: QueryInit;
  /** Why the provider lacks `feature` (and where that is documented), or undefined if it has it. */
  whyNot(feature: ProviderFeature): string | undefined;
  /**
   * Whether an answer that says "no such route" (405, 501, or a 404 that is not in the API's
   * error shape) means the endpoint lacks the feature. True for gateways, whose coverage of the
   * API varies; OpenAI's and Azure's 404s always mean a missing object.
   */
  readonly detectsMissingRoutes: boolean;
  /** The job request in this provider's dialect (Azure spells the training tier its own way). */
  jobCreateBody(body: JobCreateBody): JobCreateBody;
  /**
   * How a job carries the client token of an idempotent create, and how a listed job is
   * recognised by it (metadata by default; a provider without metadata uses another field).
   */
  readonly jobTagging: JobTagging;
  /** The `model` to send for chat completions (Azure: the deployment that serves it). */
  chatModel(model: string): string;
  /**
   * How a file is uploaded: `multipart` (one `POST /files` carrying the bytes, OpenAI's way) or
   * `signed-url` (Together AI: `POST /files` answers with a redirect to a signed URL, and the
   * bytes go there in a `PUT` that carries no credential).
   */
  readonly fileUpload: 'multipart' | 'signed-url';
  /**
   * Where a job's metrics come from: its result files (OpenAI's CSV) or a metrics endpoint
   * (Together AI's `/fine-tunes/{id}/metrics`).
   */
  readonly jobMetrics: 'result-files' | 'endpoint';
  /** Requests in this provider's API, answers in tunekit's shapes (see {@link TransportDialect}). */
  readonly translate: TransportDialect;
  /** The `provider` of the model catalog entries whose dates apply here. */
  readonly catalogProvider: string;
  /** The settings that are not secret, for `util.inspect` and `JSON.stringify` of the client. */
  describe(): Record<string, unknown>;
}
