import type { HttpClient } from '../core/http-client.ts';

/** Base of every resource: one method per endpoint, on top of the shared HTTP core. */
export abstract class APIResource {
  /** @internal The client's HTTP core, shared by its resources. */
  protected readonly _http: HttpClient;

  /** @internal Built by the client; user code reaches resources as `client.jobs` and so on. */
  constructor(http: HttpClient) {
    this._http = http;
  }
}
