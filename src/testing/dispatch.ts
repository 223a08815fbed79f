import { setTimeout as sleep } from 'node:timers/promises';
import { type ReadBody, type RecordedCall, recordBody, recordCall } from './call-log.ts';
import { azureDialect } from './dialects/azure.ts';
import type { Dialect } from './dialects/dialect.ts';
import { openaiDialect } from './dialects/openai.ts';
import { togetherDialect } from './dialects/together.ts';
import type { FaultPlan } from './faults/fault-plan.ts';
import { faultError } from './faults/fault-response.ts';
import { truncateBody } from './faults/truncate.ts';
import { authenticate, checkApiVersion, presentedKey } from './http/auth.ts';
import { readMultipartBody } from './http/multipart-body.ts';
import { ClientGoneError, DEFAULT_MAX_BODY_BYTES, readBodyBytes } from './http/request-body.ts';
import { RouteError } from './http/route-error.ts';
import type { Route, Router } from './http/router.ts';
import { newId } from './ids.ts';
import type { Flavour, RouteContext } from './route-context.ts';
import type { World } from './world.ts';

/** The fake API: a web-standard request in, a response out. */
export type FakeHandler = (request: Request) => Promise<Response>;

/** What the core works with besides the world. */
export interface DispatcherDeps {
  world: World;
  router: Router;
  faults: FaultPlan;
  calls: RecordedCall[];
  acceptedKeys: readonly string[] | undefined;
  /** The base paths served, each with its API: `/openai/v1` and `/v1` by default. */
  bases?: ReadonlyArray<readonly [string, Flavour]> | undefined;
}

/** How each flavour writes objects and errors. */
const DIALECTS: Record<Flavour, Dialect> = {
  openai: openaiDialect,
  azure: azureDialect,
  together: togetherDialect,
};

/** The base path of each flavour of the default fake: Azure's, then OpenAI's. */
export const OPENAI_BASES: ReadonlyArray<readonly [string, Flavour]> = [
  ['/openai/v1', 'azure'],
  ['/v1', 'openai'],
];

function splitBase(
  pathname: string,
  bases: ReadonlyArray<readonly [string, Flavour]>,
): { flavour: Flavour; path: string } | undefined {
  for (const [base, flavour] of bases) {
    if (pathname === base || pathname.startsWith(`${base}/`)) {
      return { flavour, path: pathname.slice(base.length) || '/' };
    }
  }
  return undefined;
}

/** The real service's answer to a URL it does not serve. */
function invalidUrl(method: string, pathname: string): RouteError {
  return new RouteError(404, { message: `Invalid URL (${method} ${pathname})` });
}

/** Any failure turned into a response: API errors as they are, bugs as a 500 in the API's shape. */
function failureResponse(error: unknown, request: Request, url: URL, dialect: Dialect): Response {
  if (error instanceof RouteError) return dialect.errorResponse(error);
  const reason = error instanceof Error ? error.message : String(error);
  return dialect.errorResponse(
    new RouteError(500, {
      message: `The fake API failed while handling ${request.method} ${url.pathname}: ${reason}`,
    }),
  );
}

/**
 * Builds the core: brings jobs up to date, records the call, authenticates, routes, applies an
 * injected fault, runs the route, and stamps the response with a request id. Whatever happens,
 * the answer is a response in the API's error shape — never a thrown error or a stack trace —
 * or `Response.error()` for a dropped connection, which each adapter turns into a network
 * failure.
 */
export function createDispatcher(deps: DispatcherDeps): FakeHandler {
  const { world, router, faults, calls } = deps;

  return async (request) => {
    const url = new URL(request.url);
    const base = splitBase(url.pathname, deps.bases ?? OPENAI_BASES);
    const match = base ? router.match(request.method, base.path) : undefined;
    const route = match?.kind === 'found' ? match.route : undefined;
    const key = presentedKey(request);
    const secrets = key ? [key] : [];
    const call = recordCall(request, url, {
      route: route?.name ?? null,
      flavour: base?.flavour ?? null,
      at: world.clock.now(),
      secrets,
    });
    calls.push(call);

    const dialect = DIALECTS[base?.flavour ?? deps.bases?.at(-1)?.[1] ?? 'openai'];
    const response = await respond();
    call.status = response.type === 'error' ? 'network-error' : response.status;
    if (response.type !== 'error') {
      const requestId = newId.request();
      response.headers.set('x-request-id', requestId);
      if (base?.flavour !== 'together') response.headers.set('openai-version', '2020-10-01');
      if (base?.flavour === 'azure') response.headers.set('apim-request-id', requestId);
    }
    return response;

    async function respond(): Promise<Response> {
      try {
        world.jobs.tick();
        // Everything that can refuse a request without its body comes first: a request to no
        // route or without a valid key never has its body read, whatever its size.
        if (!base) throw invalidUrl(request.method, url.pathname);
        // A signed URL is its own authorisation: no key is asked for (or looked at) there.
        if (!route?.signed) authenticate(request, base.flavour, deps.acceptedKeys);
        if (base.flavour === 'azure') checkApiVersion(url);
        if (!route || match?.kind !== 'found') throw invalidUrl(request.method, url.pathname);

        const read = await readBody(request, route);
        recordBody(call, read, secrets);

        const fault = faults.take(route);
        if (fault?.delayMs) await sleep(fault.delayMs, undefined, { signal: request.signal });
        if (fault?.dropConnection === true || fault?.dropConnection === 'before') {
          return Response.error();
        }
        if (fault?.status !== undefined) {
          return dialect.errorResponse(faultError({ ...fault, status: fault.status }));
        }

        const context: RouteContext = {
          request,
          url,
          params: match.params,
          body: read.kind === 'bytes' ? read.bytes : new Uint8Array(0),
          form: read.kind === 'multipart' ? read.form : undefined,
          flavour: base.flavour,
          dialect,
          world,
        };
        const response = await route.handle(context);
        if (fault?.dropConnection === 'after') {
          await response.body?.cancel();
          return Response.error();
        }
        if (fault?.truncateStream) return truncateBody(response, fault.truncateStream);
        return response;
      } catch (error) {
        // The client went away while sending: there is nobody to answer.
        if (error instanceof ClientGoneError || request.signal.aborted) return Response.error();
        return failureResponse(error, request, url, dialect);
      }
    }
  };
}

/** A routed request's body, read as its route declares (GET and DELETE bodies are ignored). */
async function readBody(request: Request, route: Route): Promise<ReadBody> {
  if (request.method === 'GET' || request.method === 'DELETE') {
    return { kind: 'bytes', bytes: new Uint8Array(0) };
  }
  const spec = route.body ?? { kind: 'json' };
  if (spec.kind === 'multipart') {
    return { kind: 'multipart', form: await readMultipartBody(request, spec.limits) };
  }
  return {
    kind: 'bytes',
    bytes: await readBodyBytes(request, spec.maxBytes ?? DEFAULT_MAX_BODY_BYTES),
  };
}
