/**
 * Writes a realistic chat fine-tuning dataset of about `megabytes` MB: a system prompt from a
 * small set repeated in every example (as production datasets do), multi-turn conversations,
 * tool definitions and calls in about a third of them, and English mixed with Chinese, German,
 * code and emoji. Deterministic for a seed.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mixedParagraph, seededRandom } from './corpus.ts';

const tools = [
  {
    type: 'function',
    function: {
      name: 'lookup_order',
      description: 'Find an order by its number and return its status, items and tracking.',
      parameters: {
        type: 'object',
        properties: {
          order_number: { type: 'string', description: 'The order number, e.g. A-12345.' },
          include_items: { type: 'boolean', description: 'Whether to include line items.' },
        },
        required: ['order_number'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'issue_refund',
      description: 'Refund part or all of an order to the original payment method.',
      parameters: {
        type: 'object',
        properties: {
          order_number: { type: 'string', description: 'The order to refund.' },
          amount_cents: { type: 'integer', description: 'Amount in cents.' },
          reason: {
            type: 'string',
            enum: ['damaged', 'late', 'wrong_item', 'other'],
            description: 'Why.',
          },
        },
        required: ['order_number', 'amount_cents', 'reason'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'schedule_callback',
      description: 'Schedule a phone call from a human agent.',
      parameters: {
        type: 'object',
        properties: {
          phone: { type: 'string', description: 'E.164 phone number.' },
          window: {
            type: 'string',
            enum: ['morning', 'afternoon', 'evening'],
            description: 'Preferred time.',
          },
        },
        required: ['phone'],
      },
    },
  },
];

export async function writeDataset(
  path: string,
  megabytes: number,
  seed = 1,
): Promise<{ examples: number; bytes: number }> {
  const random = seededRandom(seed);
  const systemPrompts = [0, 1, 2].map(
    (i) =>
      `You are the support assistant of Acme Shop (variant ${i}). ${mixedParagraph(seededRandom(100 + i), 40)}`,
  );
  const out = createWriteStream(path);
  let bytes = 0;
  let examples = 0;
  while (bytes < megabytes * 1e6) {
    const messages: unknown[] = [
      { role: 'system', content: systemPrompts[Math.floor(random() * 3)] },
    ];
    const turns = 1 + Math.floor(random() * 4);
    const withTools = random() < 0.33;
    for (let t = 0; t < turns; t++) {
      messages.push({
        role: 'user',
        content: mixedParagraph(random, 2 + Math.floor(random() * 6)),
      });
      if (withTools && t === 0) {
        const id = `call_${examples}_${t}`;
        messages.push({
          role: 'assistant',
          tool_calls: [
            {
              id,
              type: 'function',
              function: {
                name: 'lookup_order',
                arguments: JSON.stringify({
                  order_number: `A-${Math.floor(random() * 99999)}`,
                  include_items: random() < 0.5,
                }),
              },
            },
          ],
        });
        messages.push({
          role: 'tool',
          tool_call_id: id,
          content: JSON.stringify({
            status: 'shipped',
            carrier: 'DHL',
            eta_days: Math.floor(random() * 9),
            note: mixedParagraph(random, 1),
          }),
        });
      }
      messages.push({
        role: 'assistant',
        content: mixedParagraph(random, 3 + Math.floor(random() * 8)),
      });
    }
    const line = `${JSON.stringify(withTools ? { messages, tools } : { messages })}\n`;
    bytes += Buffer.byteLength(line);
    examples++;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { examples, bytes };
}
