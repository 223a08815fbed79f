/**
 * Run by test/core/upload-memory.test.ts in a fresh Node process: uploads `warm` once (so the
 * code paths are loaded and compiled), then `path`, and prints how far RSS rose above where
 * it stood before the second upload — at its peak (`maxRSS`, exact, never sampled).
 *
 *   node test/support/upload-rss-child.ts <baseURL> <warm file> <file>
 */
import { TuneKit } from '../../src/index.ts';

const [baseURL = '', warm = '', path = ''] = process.argv.slice(2);
const client = new TuneKit({ apiKey: 'sk-test-upload-rss-0123456789', baseURL, logLevel: 'off' });
await client.files.create({ file: warm, purpose: 'fine-tune' });
const before = process.memoryUsage().rss;
const started = performance.now();
const file = await client.files.create({ file: path, purpose: 'fine-tune' });
const growth = process.resourceUsage().maxRSS * 1024 - before;
process.stdout.write(
  JSON.stringify({ bytes: file.bytes, growth, seconds: (performance.now() - started) / 1000 }),
);
