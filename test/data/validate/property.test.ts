import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CATALOG } from '../../../src/data/problems.ts';
import type { ValidationReport } from '../../../src/data/validate/report.ts';
import { validateTrainingFile } from '../../../src/data/validate/validate.ts';
import { fixture } from '../../support/training-data.ts';

const valid = [
  'tool-calls.jsonl',
  'preference.jsonl',
  'reinforcement.jsonl',
  'completion.jsonl',
].flatMap((file) => readFileSync(fixture(file), 'utf8').trim().split('\n').slice(0, 3));

/** A valid line mutated: characters deleted, inserted or replaced at random places. */
const mutatedLine = fc
  .tuple(
    fc.constantFrom(...valid),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('delete', 'insert', 'replace'),
        fc.string({ minLength: 1, maxLength: 3, unit: 'binary' }),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([line, edits]) => {
    let text = line;
    for (const [at, kind, chars] of edits) {
      const i = at % (text.length + 1);
      if (kind === 'delete') text = text.slice(0, i) + text.slice(i + 1);
      else if (kind === 'insert') text = text.slice(0, i) + chars + text.slice(i);
      else text = text.slice(0, i) + chars + text.slice(i + chars.length);
    }
    return text.replace(/\n/g, ' ');
  });

const randomLine = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.json(), mutatedLine);

/** Lines of `text` as the validator numbers them: each \n ends one, and what follows the last is one more. */
function linesIn(text: string): number {
  let count = 1;
  for (const char of text) if (char === '\n') count++;
  return count;
}

function checkLocations(report: ValidationReport, lineCount: number): void {
  expect(report.valid).toBe(report.errors === 0);
  for (const p of report.problems) {
    // Every problem is located: problems of the whole file name no line, all others a line of
    // the input.
    if (PROBLEM_CATALOG[p.code].scope === 'file') {
      expect(p.line).toBeUndefined();
    } else {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.line).toBeLessThanOrEqual(lineCount);
    }
    if (p.code === 'invalid_json') expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.message.length).toBeGreaterThan(0);
  }
}

describe('the validator on random and mutated input (property)', () => {
  it('never throws and always locates its problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(randomLine, { minLength: 1, maxLength: 12 }), async (lines) => {
        const text = `${lines.join('\n')}\n`;
        // A generated line may itself hold newlines ("\n\n" is one): count the lines of the
        // text the validator reads, as it does (a line ends at \n only), not the array's length.
        const report = await validateTrainingFile(
          { text },
          { model: 'gpt-4o-mini', maxProblems: 1000 },
        );
        checkLocations(report, linesIn(text));
        const listed = report.problems.length;
        expect(Object.values(report.counts).reduce((n, c) => n + (c ?? 0), 0)).toBe(listed);
      }),
      // The counterexample that once failed this test (its line count was wrong), always run.
      { numRuns: 300, examples: [[['\n\n', '[]']]] },
    );
  });

  it('never throws on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const report = await validateTrainingFile(bytes);
        checkLocations(report, bytes.filter((b) => b === 0x0a).length + 1);
      }),
      { numRuns: 300 },
    );
  });
});
