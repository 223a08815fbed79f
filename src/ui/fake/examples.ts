/**
 * Training data for the dashboard's `--fake` mode: a support bot of a small shop, generated
 * from templates so that jobs have enough steps to draw curves. Deterministic.
 */

const SYSTEM =
  'You are Pip, the support assistant of Lantern & Leaf, a small online shop for reading lamps and houseplants. Answer in one or two friendly sentences.';

const PRODUCTS = [
  'the brass reading lamp',
  'the linen shade',
  'the monstera',
  'the snake plant',
  'the clip-on lamp',
  'the terracotta pot',
  'the fern',
  'the desk lamp',
  'the olive tree',
  'the bulb pack',
];

const QUESTIONS: Array<[string, (product: string) => string]> = [
  ['Is {p} in stock?', (p) => `Yes, ${p} is in stock and ships within two working days.`],
  [
    'How do I return {p}?',
    (p) => `Send ${p} back within 30 days in its box; the return label is in your order email.`,
  ],
  [
    'What does {p} cost to ship?',
    (p) => `Shipping ${p} is free over £40, otherwise £4.50 within the UK.`,
  ],
  [
    'Can I gift-wrap {p}?',
    (p) => `Of course: tick "gift wrap" at checkout and we wrap ${p} in recycled paper.`,
  ],
  [
    'How do I care for {p}?',
    (p) => `Keep ${p} out of direct sun and dust it gently every few weeks.`,
  ],
  [
    'Is {p} covered by a guarantee?',
    (p) =>
      `${p[0]?.toUpperCase()}${p.slice(1)} has a two-year guarantee; write to us if anything goes wrong.`,
  ],
  [
    'When will {p} be back?',
    (p) => `We expect ${p} back within three weeks; press "notify me" to hear first.`,
  ],
  ['Do you ship {p} abroad?', (p) => `We ship ${p} across Europe; duties are shown at checkout.`],
];

function example(question: string, answer: string): string {
  return JSON.stringify({
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: question },
      { role: 'assistant', content: answer },
    ],
  });
}

/**
 * `count` chat examples as JSONL (at most 80 distinct ones, repeated beyond), from `offset`.
 *
 * @example
 * const jsonl = supportBotExamples(40);
 */
export function supportBotExamples(count: number, offset = 0): string {
  const lines: string[] = [];
  for (let i = offset; i < offset + count; i += 1) {
    const [question, answer] = QUESTIONS[i % QUESTIONS.length] as [string, (p: string) => string];
    const product = PRODUCTS[Math.floor(i / QUESTIONS.length) % PRODUCTS.length] as string;
    lines.push(example(question.replace('{p}', product), answer(product)));
  }
  return `${lines.join('\n')}\n`;
}
