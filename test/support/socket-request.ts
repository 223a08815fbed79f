import { connect } from 'node:net';

/** What a client streaming a large body over a raw socket saw. */
export interface StreamedRequestResult {
  /** The status line's code, or undefined when no answer arrived. */
  status: number | undefined;
  /** The answer's head and body as received (possibly cut by the server's close). */
  answer: string;
  /** Body bytes the client wrote before the server stopped taking them. */
  sent: number;
}

/**
 * Sends `head` (request line and headers, without the blank line) over a raw socket to
 * 127.0.0.1:`port`, then streams zeros up to `bodyBytes` (in 1 MiB writes, waiting for drain),
 * (chunk-encoded with `chunked`), and stops sending as soon as an answer arrives or the socket
 * closes. Ends after `timeoutMs` at the latest.
 */
export function streamRequest(
  port: number,
  head: string,
  bodyBytes: number,
  options: { chunked?: boolean; timeoutMs?: number } = {},
): Promise<StreamedRequestResult> {
  const { chunked = false, timeoutMs = 30_000 } = options;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunk = Buffer.alloc(1024 ** 2);
    let sent = 0;
    let answer = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      resolve({ status: status ? Number(status) : undefined, answer, sent });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (data) => {
      answer += data.toString('latin1');
      // The whole answer is in once its body (JSON) closes: stop sending.
      if (/\r\n\r\n[\s\S]*\}\s*$/.test(answer)) setTimeout(finish, 50);
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.once('connect', async () => {
      socket.write(`${head}\r\n\r\n`);
      while (!done && sent < bodyBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.byteLength, bodyBytes - sent));
        sent += piece.byteLength;
        if (chunked) socket.write(`${piece.byteLength.toString(16)}\r\n`);
        if (!socket.write(chunked ? Buffer.concat([piece, Buffer.from('\r\n')]) : piece)) {
          await new Promise<void>((next) => {
            socket.once('drain', next);
            socket.once('close', next);
          });
        }
      }
      if (!done && chunked) socket.write('0\r\n\r\n');
    });
  });
}
