import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listReports, readReport } from '../../../src/ui/api/reports.ts';

const report = (title: string) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n<title>${title} — tunekit</title></head><body>…</body></html>\n`;

function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'tunekit-ui-reports-'));
  writeFileSync(join(dir, 'old.html'), report('Evaluation of 2 models on 10 examples'));
  writeFileSync(join(dir, 'new.html'), report('Evaluation of 1 model on 5 examples &amp; more'));
  writeFileSync(join(dir, 'notes.html'), '<html><title>My notes</title></html>');
  writeFileSync(join(dir, 'report.txt'), report('not html'));
  mkdirSync(join(dir, 'dir.html'));
  utimesSync(join(dir, 'old.html'), new Date('2026-01-01'), new Date('2026-01-01'));
  return dir;
}

describe('evaluation reports in a folder', () => {
  it('lists the reports tunekit made, newest first, with their titles', async () => {
    const reports = await listReports(folder());
    expect(reports.map((r) => [r.name, r.title])).toEqual([
      ['new.html', 'Evaluation of 1 model on 5 examples & more'],
      ['old.html', 'Evaluation of 2 models on 10 examples'],
    ]);
    expect(reports[0]?.bytes).toBeGreaterThan(50);
  });

  it('lists nothing for a folder that does not exist', async () => {
    expect(await listReports(join(tmpdir(), 'no-such-folder-tunekit'))).toEqual([]);
  });

  it('serves only names the listing shows: no other file, no path out of the folder', async () => {
    const dir = folder();
    expect((await readReport(dir, 'new.html'))?.toString()).toContain('5 examples');
    for (const name of ['notes.html', 'report.txt', '../new.html', 'dir.html', '/etc/passwd']) {
      expect(await readReport(dir, name), name).toBeUndefined();
    }
  });
});
