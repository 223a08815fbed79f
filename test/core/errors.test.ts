import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  TuneKitError,
  UnprocessableEntityError,
} from '../../src/index.ts';
import { testClient } from '../support/client.ts';
import { BASE_URL } from '../support/constants.ts';
import { useMockAPI } from '../support/mock-api.ts';

const api = useMockAPI();
const JOBS_URL = `${BASE_URL}/fine_tuning/jobs`;
const params = { model: 'gpt-4o-mini', training_file: 'file-1' };

async function failure(response: Response): Promise<unknown> {
  api.use(http.post(JOBS_URL, () => response));
  // Without the idempotency token: a 5xx would otherwise be followed by a lookup.
  return testClient({ maxRetries: 0 })
    .jobs.create(params, { idempotencyToken: false })
    .catch((e: unknown) => e);
}

describe('error mapping', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, APIError],
  ])('maps status %i to %o with every field of the API error', async (status, ErrorClass) => {
    const error = await failure(
      HttpResponse.json(
        {
          error: {
            message: 'Invalid value for suffix',
            type: 'invalid_request_error',
            param: 'suffix',
            code: 'invalid_value',
          },
        },
        { status, headers: { 'x-request-id': 'req_err_1' } },
      ),
    );

    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(TuneKitError);
    expect(error).toMatchObject({
      status,
      code: 'invalid_value',
      param: 'suffix',
      type: 'invalid_request_error',
      requestId: 'req_err_1',
      apiMessage: 'Invalid value for suffix',
      method: 'POST',
      url: JOBS_URL,
    });
    expect((error as APIError).headers['x-request-id']).toBe('req_err_1');
    expect((error as Error).message).toBe(
      `${status} Invalid value for suffix (param: suffix, code: invalid_value, request id: req_err_1)`,
    );
  });

  it('reads Azure’s error shape the same way', async () => {
    const error = await failure(
      HttpResponse.json(
        { error: { code: 'InvalidRequest', message: 'trainingType is invalid', innererror: {} } },
        { status: 400, headers: { 'apim-request-id': 'azure-req-9' } },
      ),
    );

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ code: 'InvalidRequest', requestId: 'azure-req-9', param: null });
  });

  it('quotes a readable excerpt of an HTML error page from a proxy', async () => {
    const error = await failure(
      new HttpResponse(
        '<html><head><style>body{}</style></head><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>',
        { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } },
      ),
    );

    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toBe('502 Bad Gateway: 502 Bad Gateway nginx');
    expect((error as APIError).code).toBeNull();
  });

  it('uses the status text when the error body is empty', async () => {
    const error = await failure(new HttpResponse(null, { status: 403, statusText: 'Forbidden' }));

    expect((error as Error).message).toBe('403 Forbidden');
  });

  it('accepts an error given as a bare string and a numeric code', async () => {
    const error = await failure(
      HttpResponse.json(
        { error: 'quota exceeded' },
        { status: 429, headers: { 'x-should-retry': 'false' } },
      ),
    );
    const numeric = await failure(
      HttpResponse.json({ error: { message: 'nope', code: 1234 } }, { status: 400 }),
    );

    expect((error as Error).message).toBe('429 quota exceeded');
    expect((numeric as APIError).code).toBe('1234');
  });

  it('reports a 200 that is not JSON as a ResponseValidationError, not an HTTP error', async () => {
    const error = await failure(
      new HttpResponse('<html>captive portal</html>', {
        status: 200,
        headers: { 'content-type': 'text/html', 'x-request-id': 'req_html' },
      }),
    );

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).not.toBeInstanceOf(APIError);
    expect(error).toMatchObject({ endpoint: 'POST /fine_tuning/jobs', requestId: 'req_html' });
    expect((error as Error).message).toContain('expected JSON, got text/html');
  });
});
