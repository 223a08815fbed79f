/** The members of an error body, as the API sends them: every one present, unknown ones null. */
export interface RouteErrorFields {
  message: string;
  type?: string | null | undefined;
  param?: string | null | undefined;
  code?: string | null | undefined;
}

/**
 * A failure a route reports: thrown anywhere below the router and turned into the API's error
 * body (`{"error": {"message", "type", "param", "code"}}`) with this status.
 */
export class RouteError extends Error {
  override name = 'RouteError';
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
  readonly headers: Record<string, string>;

  constructor(status: number, fields: RouteErrorFields, headers: Record<string, string> = {}) {
    super(fields.message);
    this.status = status;
    this.type = fields.type ?? defaultType(status);
    this.param = fields.param ?? null;
    this.code = fields.code ?? null;
    this.headers = headers;
  }

  /** The JSON body of the error response. */
  body(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return {
      error: { message: this.message, type: this.type, param: this.param, code: this.code },
    };
  }
}

/** The `type` the real service gives each kind of status. */
function defaultType(status: number): string {
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** 400 about one parameter. */
export function invalidRequest(message: string, param: string | null = null, code?: string) {
  return new RouteError(400, { message, param, code: code ?? null });
}

/** 400 for a required parameter that was not sent, in the real service's words. */
export function missingParameter(param: string) {
  return new RouteError(400, {
    message: `Missing required parameter: '${param}'.`,
    param,
    code: 'missing_required_parameter',
  });
}

/** 404 for a missing object, in the real service's words: "No such File object: file-…". */
export function noSuchObject(kind: string, id: string, param = 'id') {
  return new RouteError(404, { message: `No such ${kind} object: ${id}`, param });
}

/** 404 for a model that does not exist (or that the account may not use). */
export function modelNotFound(model: string, param: string | null = null) {
  return new RouteError(404, {
    message: `The model \`${model}\` does not exist or you do not have access to it.`,
    param,
    code: 'model_not_found',
  });
}
