import { z } from 'zod';

/**
 * The body of an error response: `{"error": {"message", "type", "param", "code"}}` at OpenAI,
 * `{"error": {"code", "message", "target"?, "innererror"?}}` at Azure. Every member may be missing or
 * null, and `code` is a number at some gateways.
 */
export const APIErrorBody = z.looseObject({
  error: z.union([
    z.looseObject({
      message: z.string().nullish(),
      type: z.string().nullish(),
      param: z.string().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
      // Azure's shape names the offending parameter `target` (Microsoft REST guidelines).
      target: z.string().nullish(),
    }),
    // Some gateways send the message as a bare string.
    z.string(),
  ]),
});
export type APIErrorBody = z.infer<typeof APIErrorBody>;
