import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Every variable that configures a provider, emptied: a CLI run sees only what its test sets,
 * never the developer's own keys or endpoints.
 */
export const NO_PROVIDER_ENV: Readonly<Record<string, string>> = {
  OPENAI_API_KEY: '',
  OPENAI_BASE_URL: '',
  AZURE_OPENAI_API_KEY: '',
  AZURE_OPENAI_ENDPOINT: '',
  OPENAI_API_VERSION: '',
  TOGETHER_API_KEY: '',
  TOGETHER_BASE_URL: '',
  TUNEKIT_PROVIDER: '',
};

function withoutColorVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...rest } = env;
  return rest;
}

/** Runs the CLI from source as a subprocess, as a user would, without a terminal. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(`${root}node_modules/.bin/node`, [`${root}src/cli/index.ts`, ...args], {
    cwd: root,
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
    // The test runner may force colour; the CLI must decide for itself unless a test says.
    env: { ...withoutColorVariables(process.env), ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI inside a pseudo-terminal (util-linux `script`), so stdout and stderr are TTYs;
 * returns everything the terminal showed.
 */
export function runCliInTerminal(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): { code: number | null; screen: string } {
  const command = [`${root}node_modules/.bin/node`, `${root}src/cli/index.ts`, ...args]
    .map((a) => `'${a}'`)
    .join(' ');
  const { CI: _ci, ...rest } = withoutColorVariables(process.env);
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: root,
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
    // A user's terminal: TERM set (CI runs have none, and Node then assumes no colours).
    env: { ...rest, TERM: 'xterm-256color', ...env },
  });
  return { code: result.status, screen: result.stdout };
}

/**
 * Runs the CLI from source as a subprocess without blocking this process, so a fake served
 * from the test itself can answer it. Resolves with the exit code and the output.
 */
export function runCliAsync(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(`${root}node_modules/.bin/node`, [`${root}src/cli/index.ts`, ...args], {
      cwd: root,
      env: { ...withoutColorVariables(process.env), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** {@link runCliInTerminal} without blocking this process (for a fake served by the test). */
export function runCliInTerminalAsync(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; screen: string }> {
  const command = [`${root}node_modules/.bin/node`, `${root}src/cli/index.ts`, ...args]
    .map((a) => `'${a}'`)
    .join(' ');
  const { CI: _ci, ...rest } = withoutColorVariables(process.env);
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: root,
      env: { ...rest, TERM: 'xterm-256color', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.on('data', (chunk) => {
      screen += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

/** The ids of every job the API at `env` knows, as `tunekit jobs list --all` reports them. */
export function jobIds(env: Record<string, string>): string[] {
  const jobs = JSON.parse(runCli(['jobs', 'list', '--all', '--json'], env).stdout) as Array<{
    id: string;
  }>;
  return jobs.map((job) => job.id);
}
