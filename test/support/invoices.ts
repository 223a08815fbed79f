import { z } from 'zod';
import type { TuneKit } from '../../src/index.ts';
import type { FakeOpenAI } from '../../src/testing/index.ts';
import { uploadTrainingFile } from './fake-client.ts';

/** What the invoice extractor answers: the shape tests parse, check and train on. */
export const Invoice = z.object({
  vendor: z.string(),
  total: z.number(),
  currency: z.enum(['EUR', 'USD']),
  due: z.iso.date().nullable(),
});
export type Invoice = z.infer<typeof Invoice>;

const VENDORS = ['ACME', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka'];

export const SYSTEM = 'Extract the invoice as JSON.';

/** The invoice of example `i`, and the text it was read from. */
export function invoiceAt(i: number): { text: string; invoice: Invoice } {
  const vendor = VENDORS[i % VENDORS.length] as string;
  const invoice: Invoice = {
    vendor,
    total: 100 + i * 10.5,
    currency: i % 2 === 0 ? 'EUR' : 'USD',
    due: i % 3 === 0 ? null : `2026-0${(i % 9) + 1}-15`,
  };
  const text = `Invoice from ${vendor} number ${i}: total ${invoice.total} ${invoice.currency}${invoice.due ? `, due ${invoice.due}` : ''}.`;
  return { text, invoice };
}

/** One training line: the invoice text asked, the JSON answered (a string answer as it is). */
export function invoiceExample(i: number, answer?: unknown): string {
  const { text, invoice } = invoiceAt(i);
  const content = typeof answer === 'string' ? answer : JSON.stringify(answer ?? invoice);
  return JSON.stringify({
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: text },
      { role: 'assistant', content },
    ],
  });
}

/** A training file of `count` invoice examples; `answers` replaces the answer of some lines. */
export function invoiceTrainingFile(count = 12, answers: Record<number, unknown> = {}): string {
  const lines = Array.from({ length: count }, (_, i) => invoiceExample(i, answers[i]));
  return `${lines.join('\n')}\n`;
}

/** Trains an invoice extractor on the fake (instant clock) and returns its model name. */
export async function trainInvoiceModel(fake: FakeOpenAI, client: TuneKit): Promise<string> {
  const trainingFile = await uploadTrainingFile(client, invoiceTrainingFile(12), 'invoices.jsonl');
  const created = await client.jobs.create({
    model: 'gpt-4.1-mini-2025-04-14',
    training_file: trainingFile,
    suffix: 'invoices',
  });
  const job = fake.runJob(created.id);
  if (!job.fine_tuned_model) throw new Error(`the fake's job ended ${job.status}`);
  return job.fine_tuned_model;
}
