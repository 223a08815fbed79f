import { fileURLToPath } from 'node:url';

/** Capitals used to make small, distinct training examples. */
export const CAPITALS: ReadonlyArray<[string, string]> = [
  ['France', 'Paris'],
  ['Japan', 'Tokyo'],
  ['Kenya', 'Nairobi'],
  ['Peru', 'Lima'],
  ['Norway', 'Oslo'],
  ['Egypt', 'Cairo'],
  ['Canada', 'Ottawa'],
  ['Chile', 'Santiago'],
  ['Vietnam', 'Hanoi'],
  ['Poland', 'Warsaw'],
  ['Ghana', 'Accra'],
  ['Nepal', 'Kathmandu'],
];

/** One chat example: a user asks for a country's capital, the assistant answers. */
export function capitalExample(country: string, capital: string): string {
  return JSON.stringify({
    messages: [
      { role: 'system', content: 'You answer geography questions in one sentence.' },
      { role: 'user', content: `What is the capital of ${country}?` },
      { role: 'assistant', content: `The capital of ${country} is ${capital}.` },
    ],
  });
}

/** A valid chat training file of `count` examples (at most 12 distinct ones, then repeats). */
export function chatTrainingFile(count = 12): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const [country, capital] = CAPITALS[i % CAPITALS.length] as [string, string];
    lines.push(capitalExample(country, capital));
  }
  return `${lines.join('\n')}\n`;
}

/** A chat training file whose third line is not valid JSON. */
export function brokenTrainingFile(): string {
  const lines = chatTrainingFile(12).trimEnd().split('\n');
  lines[2] = '{"messages": [{"role": "user", "content": "unterminated"';
  return `${lines.join('\n')}\n`;
}

/** A valid DPO (preference) training file of `count` examples. */
export function preferenceTrainingFile(count = 10): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const [country, capital] = CAPITALS[i % CAPITALS.length] as [string, string];
    lines.push(
      JSON.stringify({
        input: { messages: [{ role: 'user', content: `Capital of ${country}?` }] },
        preferred_output: [{ role: 'assistant', content: `${capital}.` }],
        non_preferred_output: [{ role: 'assistant', content: 'I do not know.' }],
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

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
