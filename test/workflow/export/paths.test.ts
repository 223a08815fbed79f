import { describe, expect, it } from 'vitest';
import { filePath, idSegment, jobPaths } from '../../../src/workflow/export/paths.ts';

describe('export paths', () => {
  it('keeps ids that are already safe as they are', () => {
    expect(jobPaths('ftjob-AbC123').record).toBe('jobs/ftjob-AbC123/job.json');
    expect(filePath('file-xyz', 'train.jsonl')).toBe('files/file-xyz/train.jsonl');
  });

  it('gives ids that clean up alike different directories', () => {
    const ids = ['file-a/b', 'file-a_b', 'file-a:b', 'file-a b', 'file-a\\b'];
    const dirs = ids.map((id) => filePath(id, 'same.jsonl'));
    expect(new Set(dirs).size).toBe(ids.length);
    expect(filePath('file-a_b', 'same.jsonl')).toBe('files/file-a_b/same.jsonl');
    expect(filePath('file-a/b', 'same.jsonl')).toMatch(
      /^files\/file-a_b~[0-9a-f]{12}\/same\.jsonl$/,
    );
  });

  it('never lets an id leave its folder, and dots are not a name', () => {
    for (const id of ['..', '.', '', '../../etc', 'a/../../b']) {
      const [top, segment, name, ...rest] = jobPaths(id).record.split('/');
      expect([top, name, rest]).toEqual(['jobs', 'job.json', []]);
      expect(segment).not.toMatch(/^\.*$/);
    }
    expect(idSegment('..', 'job')).not.toBe(idSegment('.', 'job'));
  });

  it('keeps long ids apart when shortening would make them equal', () => {
    const stem = 'x'.repeat(300);
    expect(idSegment(`${stem}1`, 'job')).not.toBe(idSegment(`${stem}2`, 'job'));
    expect(idSegment(`${stem}1`, 'job').length).toBeLessThan(200);
  });
});
