import type { QueryInit } from '../query.ts';
import type { HttpMethod, RequestBody } from '../request-spec.ts';

/** A request as a resource asks for it, in OpenAI's API (paths, query, JSON body). */
export interface WireRequest {
  method: HttpMethod;
  /** Path below the base URL, ids already encoded: `/fine_tuning/jobs/ftjob-1/events`. */
  path: string;
  /** The resource's query parameters (not the client's `defaultQuery` or a request's extras). */
  query: QueryInit | undefined;
  body: RequestBody | undefined;
}

/** What a JSON answer's mapping may need besides the body. */
export interface AnswerContext {
  /**
   * The typed 404 for an object the answer does not contain (a model looked up in a list),
   * with the answer's request id and headers.
   */
  notFound(message: string): Error;
}

/** A request in the provider's own API, and how its JSON answer reads in tunekit's shapes. */
export interface Translation {
  request: WireRequest;
  /** Maps the parsed JSON answer before it is validated; absent: the answer is used as it is. */
  answer?: ((json: unknown, context: AnswerContext) => unknown) | undefined;
}

/**
 * How a provider whose API has its own shape (Together AI's `/fine-tunes`) takes tunekit's
 * requests and gives its answers back as tunekit's objects. Resources keep asking in OpenAI's
 * terms; the dialect is the only place that knows the other API. It may refuse a request with
 * a typed error (`NotSupportedByProviderError`, `InvalidArgumentError`) before anything is sent.
 */
export type TransportDialect = (request: WireRequest) => Translation;

/** OpenAI's own API, and APIs that speak it: nothing to translate. */
export const SAME_API: TransportDialect = (request) => ({ request });
