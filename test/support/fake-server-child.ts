/**
 * A fake API server in a process of its own, as `tunekit fake-server` runs it, that measures
 * its own memory: run with `fork()`. It sends `{ port }` once listening; on the message
 * `'rss'` it answers `{ baseline, peak }` (bytes; baseline after start-up and a garbage
 * collection, peak sampled every 5 ms since), then starts a new measurement.
 */
import { createFakeOpenAI } from '../../src/testing/index.ts';

const fake = createFakeOpenAI();
const server = await fake.listen();

global.gc?.();
let baseline = process.memoryUsage().rss;
let peak = baseline;
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5);

process.on('message', (message) => {
  if (message === 'rss') {
    peak = Math.max(peak, process.memoryUsage().rss);
    process.send?.({ baseline, peak });
    global.gc?.();
    baseline = process.memoryUsage().rss;
    peak = baseline;
  }
  if (message === 'stop') void server.close().then(() => process.exit(0));
});
process.send?.({ port: server.port });
