import { describe, expect, it } from 'vitest';
import { DuplicateFinder } from '../../../src/data/validate/duplicates.ts';
import { validateTrainingFile } from '../../../src/data/validate/validate.ts';

describe('DuplicateFinder', () => {
  it('answers with the first line of a hash, across growth of its table', () => {
    const finder = new DuplicateFinder();
    for (let line = 1; line <= 20_000; line++)
      expect(finder.check(Math.imul(line, 0x9e3779b1) >>> 0, line, line)).toBeUndefined();
    for (let line = 1; line <= 20_000; line += 997)
      expect(finder.check(Math.imul(line, 0x9e3779b1) >>> 0, line, 99_999)).toBe(line);
    // Same low half, other high half: another example.
    expect(finder.check(Math.imul(7, 0x9e3779b1) >>> 0, 8, 100_000)).toBeUndefined();
    expect(finder.full).toBe(false);
  });
});

describe('duplicate examples in a file', () => {
  it('are the same JSON whatever the whitespace between tokens, not inside strings', async () => {
    const a =
      '{"messages":[{"role":"user","content":"Hi there"},{"role":"assistant","content":"Hello"}]}';
    const spaced =
      '{ "messages" : [ {"role": "user", "content": "Hi there"} ,\t{"role":"assistant","content":"Hello"} ] }\r';
    const other =
      '{"messages":[{"role":"user","content":"Hi  there"},{"role":"assistant","content":"Hello"}]}';
    const report = await validateTrainingFile({ text: `${a}\n${spaced}\n${other}\n${a}\n` });
    expect(report.problems.filter((p) => p.code === 'duplicate_example')).toEqual([
      expect.objectContaining({ line: 2, message: 'same example as line 1' }),
      expect.objectContaining({ line: 4, message: 'same example as line 1' }),
    ]);
  });
});
