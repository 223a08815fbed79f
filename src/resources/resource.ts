import type { HttpClient } from '../core/http-client.ts';

/** Base of every resource: one method per endpoint, on top of the shared HTTP core. */
export abstract class APIResource {
  protected readonly _http: HttpClient;

  constructor(http: HttpClient) {
    this._http = http;
  }
}
