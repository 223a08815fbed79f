/**
 * Where msw handlers answer by default: OpenAI's API and Azure OpenAI / AI Foundry resources.
 * Requests to any other host pass through the fake's handlers to the consumer's own.
 */
export const DEFAULT_ORIGINS: readonly string[] = [
  'https://api.openai.com',
  'https://*.openai.azure.com',
  'https://*.services.ai.azure.com',
  'https://*.cognitiveservices.azure.com',
];

/** Where msw handlers answer for a Together-flavoured fake: Together's API, both of its hosts. */
export const TOGETHER_ORIGINS: readonly string[] = [
  'https://api.together.ai',
  'https://api.together.xyz',
];

/**
 * A pattern for request URLs under one of the origins (`*` standing for one host label) and
 * one of the fake's base paths, `/v1` or `/openai/v1`.
 */
export function urlPattern(origins: readonly string[]): RegExp {
  const alternatives = origins.map((origin) =>
    origin
      .replace(/\/+$/, '')
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^./]+'),
  );
  return new RegExp(`^(?:${alternatives.join('|')})/(?:openai/)?v1(?:[/?#]|$)`, 'i');
}
