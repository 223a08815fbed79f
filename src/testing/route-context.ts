import type { Dialect } from './dialects/dialect.ts';
import type { MultipartBody } from './http/multipart-body.ts';
import type { World } from './world.ts';

/**
 * Which API a request addressed: OpenAI's `/v1`, Azure AI Foundry's `/openai/v1`, or Together
 * AI's `/v1` (a fake created with `provider: 'together'` serves Together's API at `/v1`).
 */
export type Flavour = 'openai' | 'azure' | 'together';

/** What a route handler gets: the request, read once, and the fake's world. */
export interface RouteContext {
  request: Request;
  url: URL;
  /** Path parameters, decoded: `{ file_id: 'file-…' }`. */
  params: Record<string, string>;
  /** The request body's bytes (empty for GET and DELETE, and for multipart routes). */
  body: Uint8Array;
  /** The fields and files of a multipart route's body (undefined on other routes). */
  form: MultipartBody | undefined;
  flavour: Flavour;
  /** How this flavour's API writes objects and errors. */
  dialect: Dialect;
  world: World;
}

/** A path parameter a route declared (the router guarantees it is there). */
export function param(context: RouteContext, name: string): string {
  return context.params[name] ?? '';
}
