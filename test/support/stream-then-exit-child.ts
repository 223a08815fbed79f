/**
 * Streams one chat completion from the server at argv[2], prints its text and returns without
 * calling process.exit: the process must end on its own, with nothing left holding it open.
 *
 *   node test/support/stream-then-exit-child.ts <baseURL>
 */
import { TuneKit } from '../../src/index.ts';

const client = new TuneKit({ apiKey: 'sk-test', baseURL: process.argv[2], maxRetries: 0 });
const stream = client.chat.completions.stream({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'hi' }],
});
let text = '';
for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
process.stdout.write(text);
