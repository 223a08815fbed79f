import type { TuneKit } from '../client.ts';
import { redactor } from './api/page-error.ts';
import { createUiApp, type UiAppOptions } from './app.ts';
import { loadAssets, pageDirectory } from './server/assets.ts';
import { serve, type UiServer } from './server/http-server.ts';

/** Options of {@link startUi}. */
export interface StartUiOptions extends Omit<UiAppOptions, 'assets' | 'client'> {
  /** The client to show jobs of, or why there is none (the page then says so). */
  client: TuneKit | { problem: unknown };
  /** Default `127.0.0.1`. */
  host?: string | undefined;
  /** Default 0: any free port. */
  port?: number | undefined;
  /** Default: a fresh random one. */
  token?: string | undefined;
  /** Values that must never reach the page (the API key): redacted from every answer. */
  secrets?: readonly (string | undefined)[] | undefined;
  /** Told about failures of the server itself (bugs), e.g. to log them. */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * Starts the dashboard server and resolves once it listens. `server.url` is the address to
 * open, token included; `close()` stops it (the client stays open: close it yourself).
 *
 * @example
 * const server = await startUi({ client: new TuneKit() });
 * console.log(server.url);
 * process.once('SIGINT', () => server.close());
 */
export async function startUi(options: StartUiOptions): Promise<UiServer> {
  const assets = await loadAssets(pageDirectory());
  const app = createUiApp({ ...options, assets });
  try {
    const server = await serve({
      host: options.host,
      port: options.port,
      token: options.token,
      routes: app.routes,
      redact: redactor(options.secrets ?? []),
      onError: options.onError,
    });
    return {
      ...server,
      async close() {
        app.close();
        await server.close();
      },
    };
  } catch (error) {
    app.close();
    throw error;
  }
}
