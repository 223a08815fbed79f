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

  it('fails on a missing doc comment or class example, and on any missing example when asked', () => {
    const summary = summarize(collectApi(root));
    expect(failures(summary)).toEqual([
      'no doc comment: tunekit: bare',
      'no @example: tunekit: Client',
    ]);
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

  it('exits 1 from the command line when an exported class has no example, 0 once it has', () => {
    const dir = join(root, 'class-example');
    const writeIn = (path: string, text: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    const classDoc = (example: string) =>
      `/**\n * A documented class.${example}\n */\nexport class Plain {}\n/** A function without an example. */\nexport function helper(): void {}\n`;
    writeIn('src/data/index.ts', 'export const nothing = 1;\n');
    writeIn('src/testing/index.ts', 'export const nothing = 1;\n');
    const script = resolve('scripts/api-doc-coverage.ts');

    writeIn('src/index.ts', classDoc(''));
    const missing = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
    expect(missing.status, missing.stderr).toBe(1);
    expect(missing.stderr).toContain('1 public API item(s) fail the documentation check');
    expect(missing.stderr).toContain('no @example: tunekit: Plain');
    expect(missing.stdout).toContain('classes: 1, without a doc comment: 0, without @example: 1');

    writeIn('src/index.ts', classDoc('\n *\n * @example\n * new Plain();'));
    const present = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
    expect(present.status, present.stderr).toBe(0);
    expect(present.stdout).toContain('no example  tunekit: helper'); // reported, not failed
  });
});
