import type { Flavour } from '../route-context.ts';
import { invalidRequest, RouteError } from './route-error.ts';

const KEYS_PAGE = 'You can find your API key at https://platform.openai.com/account/api-keys.';

/** Azure's words for a missing or wrong key. */
const AZURE_DENIED =
  'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.';

/** Together's words for a missing or wrong key (plausible: not published). */
const TOGETHER_DENIED =
  'Invalid API key provided. You can find your API key at https://api.together.ai/settings/api-keys.';

/** The key a request carries, however it carries it; undefined when there is none. */
export function presentedKey(request: Request): string | undefined {
  const apiKey = request.headers.get('api-key')?.trim();
  if (apiKey) return apiKey;
  const match = /^bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
}

function unauthorized(message: string, code: string | null): RouteError {
  return new RouteError(401, { message, type: 'invalid_request_error', code });
}

/**
 * Checks a request's credentials: `Authorization: Bearer KEY` at OpenAI and Together (`/v1`);
 * the `api-key` header (or a Bearer token, as Entra ID gives) at Azure (`/openai/v1`). With `acceptedKeys`
 * set, the key must be one of them. Error messages never repeat the key.
 */
export function authenticate(
  request: Request,
  flavour: Flavour,
  acceptedKeys: readonly string[] | undefined,
): string {
  const authorization = request.headers.get('authorization');
  const apiKeyHeader = request.headers.get('api-key');
  let key: string | undefined;
  if (flavour === 'azure') {
    key = presentedKey(request);
    if (!key) throw unauthorized(AZURE_DENIED, '401');
  } else if (flavour === 'together') {
    key = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!key) throw unauthorized(TOGETHER_DENIED, 'invalid_api_key');
  } else {
    if (!authorization) {
      const hint = apiKeyHeader
        ? " (an 'api-key' header was sent: that is how Azure authenticates; OpenAI's /v1 wants Authorization: Bearer)"
        : '';
      throw unauthorized(
        `You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)${hint}. ${KEYS_PAGE}`,
        null,
      );
    }
    key = /^bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (!key) {
      throw unauthorized(
        `Malformed Authorization header: expected 'Bearer YOUR_KEY'. ${KEYS_PAGE}`,
        'invalid_api_key',
      );
    }
  }
  if (acceptedKeys && !acceptedKeys.includes(key)) {
    if (flavour === 'together') throw unauthorized(TOGETHER_DENIED, 'invalid_api_key');
    throw flavour === 'azure'
      ? unauthorized(AZURE_DENIED, '401')
      : unauthorized(`Incorrect API key provided. ${KEYS_PAGE}`, 'invalid_api_key');
  }
  return key;
}

/** Azure's `api-version` query: optional; `v1`, `preview`, `latest` or a dated version. */
export function checkApiVersion(url: URL): void {
  const version = url.searchParams.get('api-version');
  if (version === null) return;
  if (!/^(v1|preview|latest|\d{4}-\d{2}-\d{2}(-preview)?)$/.test(version)) {
    throw invalidRequest(
      `API version not supported: ${JSON.stringify(version)}. Use 'v1' or 'preview' with the /openai/v1 API.`,
      'api-version',
      'unsupported_api_version',
    );
  }
}
