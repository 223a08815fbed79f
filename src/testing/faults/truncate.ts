/** The error a cut body ends with, as a client reading it sees it. */
function cutError(): TypeError {
  return new TypeError(
    'terminated: the fake API dropped the connection (injected truncateStream fault)',
  );
}

/**
 * The response with its body cut short: after `limit` server-sent events when the body is an
 * event stream (`true`: after the first), else after `limit` bytes (`true`: half the body). The
 * body then fails as a dropped connection does; the node adapter destroys the socket.
 */
export function truncateBody(response: Response, limit: true | number): Response {
  const source = response.body;
  if (!source) return response;
  const isEventStream = (response.headers.get('content-type') ?? '').includes('text/event-stream');
  const body = isEventStream
    ? cutAfterEvents(source, limit === true ? 1 : limit)
    : cutAfterBytes(response, limit);
  return new Response(body, { status: response.status, headers: response.headers });
}

function cutAfterEvents(
  source: ReadableStream<Uint8Array>,
  events: number,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let buffered = '';
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Hand out whole events until the limit, then fail.
      for (;;) {
        const end = buffered.indexOf('\n\n');
        if (end >= 0) {
          if (sent >= events) {
            await reader.cancel();
            controller.error(cutError());
            return;
          }
          controller.enqueue(encoder.encode(buffered.slice(0, end + 2)));
          buffered = buffered.slice(end + 2);
          sent += 1;
          return;
        }
        const { done, value } = await reader.read();
        if (done) {
          controller.error(cutError());
          return;
        }
        buffered += decoder.decode(value, { stream: true });
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

function cutAfterBytes(response: Response, limit: true | number): ReadableStream<Uint8Array> {
  let bytes: Uint8Array | undefined;
  let sent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      bytes ??= new Uint8Array(await response.arrayBuffer());
      const keep =
        limit === true ? Math.floor(bytes.byteLength / 2) : Math.min(limit, bytes.byteLength);
      if (!sent && keep > 0) {
        sent = true;
        controller.enqueue(bytes.slice(0, keep));
        return;
      }
      controller.error(cutError());
    },
  });
}
