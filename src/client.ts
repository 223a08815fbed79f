import type { HeaderRecord } from './core/headers.ts';
import { HttpClient } from './core/http-client.ts';
import { createLogger } from './core/logger.ts';
import { type ClientOptions, resolveClientOptions } from './core/options.ts';
import { type ProviderInfo, providerInfo } from './core/providers/provider-info.ts';
import { Redactor, secretsOf } from './core/redact.ts';
import { createDefaultTransport, createFetchTransport, type Transport } from './core/transport.ts';
import { Chat } from './resources/chat/completions.ts';
import { Files } from './resources/files/files.ts';
import { Jobs } from './resources/jobs/jobs.ts';
import { Models } from './resources/models/models.ts';
import { Uploads } from './resources/uploads/uploads.ts';
import { VERSION } from './version.ts';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * The tunekit client: files, uploads, fine-tuning jobs, models and chat completions of an
 * OpenAI-style API, with retries, timeouts, typed errors and validated responses.
 *
 * The API key is held in a private field: it never appears in `util.inspect(client)`,
 * `JSON.stringify(client)`, an error or a log line.
 *
 * @example
 * import { TuneKit } from 'tunekit';
 * const client = new TuneKit(); // OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID
 * const azure = new TuneKit({ provider: 'azure' }); // AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY
 * const file = await client.files.create({ file: 'train.jsonl', purpose: 'fine-tune' });
 * const job = await client.jobs.create({ model: 'gpt-4.1-mini-2025-04-14', training_file: file.id });
 */
export class TuneKit {
  /** Files: upload (any size), list, retrieve, delete, download, wait for processing. */
  readonly files: Files;
  /** The Uploads API, and `uploadFile` for files up to 8 GB. */
  readonly uploads: Uploads;
  /** Fine-tuning jobs, their events and checkpoints; follow, wait, metrics. */
  readonly jobs: Jobs;
  /** Base and fine-tuned models. */
  readonly models: Models;
  /** Chat completions, plain and streamed. */
  readonly chat: Chat;

  /** The API's base URL, e.g. `https://api.openai.com/v1`. */
  readonly baseURL: string;
  /** Which provider the client talks to, and what it offers. */
  readonly provider: ProviderInfo;
  /** Milliseconds one attempt of a request may take. */
  readonly timeout: number;
  /** Retries after the first attempt for retryable failures. */
  readonly maxRetries: number;
  /** The organization sent with every request, if any. */
  readonly organization: string | undefined;
  /** The project sent with every request, if any. */
  readonly project: string | undefined;

  readonly #transport: Transport;

  constructor(options: ClientOptions = {}) {
    const resolved = resolveClientOptions(options);
    const { provider } = resolved;
    const redactor = new Redactor(secretsOf(resolved.apiKey, resolved.defaultHeaders), {
      headers: [provider.authHeader],
    });
    const logger = createLogger(resolved.logger, resolved.logLevel, redactor);
    this.#transport = resolved.fetch
      ? createFetchTransport(resolved.fetch)
      : createDefaultTransport();

    const baseHeaders: HeaderRecord = {
      ...provider.headers(resolved.apiKey),
      'user-agent': `tunekit/${VERSION} (node ${process.version}; ${process.platform} ${process.arch})`,
    };
    const http = new HttpClient({
      options: resolved,
      baseHeaders,
      transport: this.#transport,
      logger,
      redactor,
    });

    this.baseURL = resolved.baseURL;
    this.provider = providerInfo(provider);
    this.timeout = resolved.timeout;
    this.maxRetries = resolved.maxRetries;
    this.organization = resolved.organization;
    this.project = resolved.project;
    this.uploads = new Uploads(http);
    this.files = new Files(http, this.uploads);
    this.jobs = new Jobs(http, this.files);
    this.models = new Models(http);
    this.chat = new Chat(http, { validateResponses: resolved.validateResponses, redactor });
  }

  /**
   * Closes the client's idle connections. Optional: idle sockets do not keep Node running.
   *
   * @example
   * await using client = new TuneKit(); // closed at the end of the block
   */
  async close(): Promise<void> {
    await this.#transport.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * What `JSON.stringify(client)` shows: the settings that are not secret (provider, base URL,
   * timeout, retries), never the key, so a client can be logged as it is.
   *
   * @example
   * console.log(JSON.stringify(new TuneKit({ apiKey: 'sk-…' })));
   * // {"provider":"openai","baseURL":"https://api.openai.com/v1","timeout":600000,"maxRetries":2}
   */
  toJSON(): Record<string, unknown> {
    return {
      ...this.provider.describe(),
      baseURL: this.baseURL,
      timeout: this.timeout,
      maxRetries: this.maxRetries,
    };
  }

  [inspectSymbol](): string {
    return `TuneKit { provider: '${this.provider.name}', baseURL: '${this.baseURL}', timeout: ${this.timeout}, maxRetries: ${this.maxRetries} }`;
  }
}
