import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectApi, failures, summarize } from '../../scripts/api-doc-coverage.ts';

const root = mkdtempSync(join(tmpdir(), 'tunekit-api-coverage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('the API documentation count', () => {
  it('finds exported functions and classes, their public methods and the resources behind properties', () => {
    write(
      'src/index.ts',
      `
/**
 * Documented, with an example.
 *
 * @example
 * documented();
 */
export function documented(): void {}
export function bare(): void {}
class Resource {
  /** Lists things. */
  list(): void {}
  #hidden(): void {}
}
/** The client. */
export class Client {
  readonly things = new Resource();
  /**
   * Closes.
   *
   * @example
   * client.close();
   */
  close(): void {}
  private secret(): void {}
}
`,
    );
    write('src/data/index.ts', 'export const nothing = 1;\n');
    write('src/testing/index.ts', '/** A fake. */\nexport function fake(): void {}\n');

    const summary = summarize(collectApi(root));
    expect(summary.function).toEqual({
      total: 3,
      undocumented: ['tunekit: bare'],
      withoutExample: ['tunekit: bare', 'tunekit/testing: fake'],
    });
    expect(summary.class).toEqual({
      total: 1,
      undocumented: [],
      withoutExample: ['tunekit: Client'],
    });
    expect(summary.method).toEqual({
      total: 2,
      undocumented: [],
      withoutExample: ['tunekit: Client.things.list'],
    });
  });

  it('fails on a missing doc comment, and on a missing example only when asked', () => {
    const summary = summarize(collectApi(root));
    expect(failures(summary)).toEqual(['no doc comment: tunekit: bare']);
    expect(failures(summary, { requireExamples: true })).toEqual([
      'no doc comment: tunekit: bare',
      'no @example: tunekit: bare',
      'no @example: tunekit/testing: fake',
      'no @example: tunekit: Client',
      'no @example: tunekit: Client.things.list',
    ]);
  });

  it('exits 1 from the command line when a doc comment is missing (what CI runs)', () => {
    const script = resolve('scripts/api-doc-coverage.ts');
    const run = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain('no doc comment: tunekit: bare');
    expect(run.stdout).toContain('functions: 3, without a doc comment: 1');
  });
});
