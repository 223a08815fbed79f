// @ts-check
/**
 * Talking to the tunekit ui server. Every address is relative: the page lives under
 * `/<token>/`, so every request carries the token without the script ever handling it.
 */

/** An error the server explained: the page shows its title, message and hint. */
export class ServerError extends Error {
  /**
   * @param {number} status
   * @param {{ kind?: string, title?: string, message?: string, hint?: string | null } | null} detail
   */
  constructor(status, detail) {
    super(detail?.message ?? `HTTP ${status}`);
    this.status = status;
    this.detail = detail;
  }
}

/** @param {Response} response */
async function parse(response) {
  /** @type {any} */
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: the status says enough.
  }
  if (!response.ok) throw new ServerError(response.status, body?.error ?? null);
  return body;
}

/**
 * GETs JSON.
 * @param {string} path
 * @param {AbortSignal} [signal]
 */
export async function getJson(path, signal) {
  return parse(await fetch(path, { signal, headers: { accept: 'application/json' } }));
}

/**
 * POSTs JSON (the server takes actions only as same-origin JSON).
 * @param {string} path
 * @param {unknown} body
 */
export async function postJson(path, body) {
  return parse(
    await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

/**
 * POSTs JSON and reads the answer as a stream of server-sent events (EventSource can only GET).
 * @param {string} path
 * @param {unknown} body
 * @param {(name: string, data: any) => void} onEvent
 * @param {AbortSignal} [signal]
 */
export async function postStream(path, body, onEvent, signal) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok || !response.body) await parse(response);
  const reader = /** @type {ReadableStream<BufferSource>} */ (response.body)
    .pipeThrough(new TextDecoderStream())
    .getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) name = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length > 0) onEvent(name, JSON.parse(data.join('\n')));
      end = buffer.indexOf('\n\n');
    }
  }
}
