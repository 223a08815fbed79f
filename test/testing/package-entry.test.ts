/**
 * The published `tunekit/testing` entry, built by the project's own tsup config, loaded the
 * way consumers load it: `import` of the ESM build and `require` of the CJS build, with msw 3,
 * with msw 2, and with no msw at all. Each case runs in a child Node process inside a
 * directory outside this repository whose node_modules holds only what that consumer has.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntries, installConsumer, installedModule } from '../support/package-consumer.ts';

const run = promisify(execFile);
const modules = installedModule;

/** A consumer script: serve the fake through msw and fetch the model list. */
const MSW_SCRIPT = `
  const fake = createFakeOpenAI();
  const { setupServer } = await import('msw/node');
  const server = setupServer(...fake.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const response = await fetch('https://api.openai.com/v1/models', { headers: { authorization: 'Bearer sk-consumer-0001' } });
  const body = await response.json();
  server.close();
  console.log(JSON.stringify({ status: response.status, models: body.data.length, calls: fake.calls.length }));
`;

/** A consumer script without msw: the real port works, `handlers` explains what is missing. */
const PORT_SCRIPT = `
  const fake = createFakeOpenAI();
  const server = await fake.listen();
  const response = await fetch(server.baseURL + '/models', { headers: { authorization: 'Bearer sk-consumer-0001' } });
  await server.close();
  let handlersError = '';
  try { fake.handlers; } catch (error) { handlersError = error.message; }
  console.log(JSON.stringify({ status: response.status, handlersError }));
`;

function script(format: 'esm' | 'cjs', body: string): string {
  const load =
    format === 'esm'
      ? `const { createFakeOpenAI } = await import('tunekit/testing');`
      : `const { createFakeOpenAI } = require('tunekit/testing');`;
  return `(async () => { ${load} ${body} })().catch((error) => { console.error(error); process.exit(1); });`;
}

let workspace: string;
let dist: string;

/**
 * A consumer directory: tunekit installed in node_modules (this package.json and the build),
 * plus the given packages.
 */
function consumer(name: string, packages: Record<string, string>): string {
  return installConsumer(join(workspace, name), dist, packages);
}

async function runIn(dir: string, format: 'esm' | 'cjs', body: string) {
  const file = join(dir, `consumer-${format}.cjs`);
  writeFileSync(file, script(format, body));
  const { stdout } = await run(process.execPath, [file], { cwd: dir });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'tunekit-entry-'));
  dist = join(workspace, 'build');
  await buildEntries(dist, { testing: 'src/testing/index.ts' });
}, 60_000);

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('the tunekit/testing build', () => {
  for (const format of ['esm', 'cjs'] as const) {
    it(`${format}: serves msw 3 handlers`, async () => {
      const dir = consumer(`msw3-${format}`, { zod: modules('zod'), msw: modules('msw') });
      expect(await runIn(dir, format, MSW_SCRIPT)).toEqual({
        status: 200,
        models: expect.any(Number),
        calls: 1,
      });
    });

    it(`${format}: serves msw 2 handlers`, async () => {
      const dir = consumer(`msw2-${format}`, { zod: modules('zod'), msw: modules('msw2') });
      expect(await runIn(dir, format, MSW_SCRIPT)).toEqual({
        status: 200,
        models: expect.any(Number),
        calls: 1,
      });
    });

    it(`${format}: listens on a port without msw installed, and says what handlers need`, async () => {
      const dir = consumer(`no-msw-${format}`, { zod: modules('zod') });
      const result = await runIn(dir, format, PORT_SCRIPT);
      expect(result.status).toBe(200);
      expect(result.handlersError).toContain('fake.handlers needs msw');
    });
  }
});
