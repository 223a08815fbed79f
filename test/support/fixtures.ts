import { fileURLToPath } from 'node:url';

/** Absolute path of a file under test/fixtures/data. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/data/${name}`, import.meta.url));
}

/** A JSONL string of `count` distinct valid chat examples. */
export function chatLines(count: number, offset = 0): string {
  let text = '';
  for (let i = offset; i < offset + count; i++) {
    text += `${JSON.stringify({
      messages: [
        { role: 'user', content: `Question ${i}?` },
        { role: 'assistant', content: `Answer ${i}.` },
      ],
    })}\n`;
  }
  return text;
}
