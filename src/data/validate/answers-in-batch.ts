import type { AnswerCheck } from '../answers/answer-check.ts';
import type { BatchResult } from '../check/batch.ts';
import type { TrainingFormat } from '../formats/format.ts';
import type { Problem } from '../problems.ts';
import type { LineBatch } from '../reader/line-batches.ts';

const decoder = new TextDecoder();

/**
 * The answer check's problems in one batch of lines. It runs on the reading thread, before the
 * batch goes to a worker (its bytes are moved there, not copied), because the schemas it
 * checks against — zod's among them — cannot cross to another thread. Blank lines and lines
 * too long to hold are the batch checks' to report.
 */
export function answerProblemsIn(
  batch: LineBatch,
  answers: AnswerCheck,
  format: TrainingFormat | undefined,
): Problem[] {
  const skipped = new Set(batch.tooLong.map(({ index }) => index));
  const found: Problem[] = [];
  let start = 0;
  for (let index = 0; index < batch.ends.length; index += 1) {
    const end = batch.ends[index] as number;
    const line = batch.firstLine + index;
    if (!skipped.has(index)) {
      let text = decoder.decode(batch.bytes.subarray(start, end));
      if (line === 1) text = text.replace(/^\uFEFF/, '');
      if (text.trim() !== '') found.push(...answers.check(text, line, format));
    }
    start = end;
  }
  return found;
}

/**
 * A batch's result with the answer check's problems of the same lines added: counted, and
 * listed in line order (a line's own problems first).
 */
export function withAnswerProblems(result: BatchResult, found: readonly Problem[]): BatchResult {
  if (found.length === 0) return result;
  const counts = { ...result.counts };
  for (const p of found) counts[p.code] = (counts[p.code] ?? 0) + 1;
  const problems = [...result.problems, ...found].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { ...result, counts, problems };
}
