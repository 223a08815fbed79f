import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.ts';
import { NO_PROVIDER_ENV, runCliAsync } from '../support/run-cli.ts';
import { chatTrainingFile } from '../support/training-data.ts';

// One CLI contract (docs/cli.md, "Output" and "Exit codes"), checked through the real CLI
// process for every command and every kind of error: a usage error exits 2, an input file that
// cannot be used exits 2 for every command that reads one, a missing key exits 4; with --json
// each is one JSON line on stderr and nothing on stdout. The commands come from the program
// itself, so a command added later is in the table without anyone listing it.

const dir = mkdtempSync(join(tmpdir(), 'tunekit-contract-'));
const TRAIN = join(dir, 'train.jsonl');
writeFileSync(TRAIN, chatTrainingFile(12));
const SCHEMA = join(dir, 'schema.json');
writeFileSync(
  SCHEMA,
  JSON.stringify({
    type: 'object',
    properties: { a: { type: 'string' } },
    required: ['a'],
    additionalProperties: false,
  }),
);
const NOPE = join(dir, 'nope.json');

/** A key and an address where nothing listens: input checks must come before any request. */
const KEYED_ENV = {
  ...NO_PROVIDER_ENV,
  OPENAI_API_KEY: 'sk-contract-test-0123456789',
  OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
};

const program = buildProgram();

/** Every command that runs something (not a group), with the words that run it. */
function leaves(command: Command, path: string[] = []): { path: string[]; command: Command }[] {
  return command.commands.flatMap((sub) => {
    const at = [...path, sub.name()];
    return sub.commands.length > 0 ? leaves(sub, at) : [{ path: at, command: sub }];
  });
}
const commands = leaves(program).filter(({ path }) => path[0] !== 'help');

/** Arguments and mandatory options a command needs to get past commander. */
function requiredInputs(command: Command): string[] {
  const args = command.registeredArguments
    .filter((argument) => argument.required)
    .map((argument) => (/file|examples|path/.test(argument.name()) ? TRAIN : 'x'));
  const options = command.options
    .filter((option) => option.mandatory)
    .flatMap((option) => [option.long as string, option.argChoices?.[0] ?? 'gpt-4o-mini']);
  return [...args, ...options];
}

/** Commands that never call the API (the demo calls the fake inside itself). */
const LOCAL = new Set(['data', 'cost', 'demo', 'fake-server', 'ui']);
const apiCommands = commands.filter(({ path }) => !LOCAL.has(path[0] as string));

/** The one JSON error line of a --json run, with nothing else on stderr or stdout. */
function jsonError(result: { stdout: string; stderr: string }): Record<string, unknown> {
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  const parsed = JSON.parse(lines[0] as string) as { error: Record<string, unknown> };
  expect(parsed.error.message).toEqual(expect.any(String));
  return parsed.error;
}

it('finds every command of the program', () => {
  const names = commands.map(({ path }) => path.join(' '));
  expect(names).toEqual(
    expect.arrayContaining(['train', 'data validate', 'files upload', 'jobs follow', 'eval']),
  );
  expect(names.length).toBeGreaterThan(30);
});

describe.concurrent('an unknown flag', () => {
  it.each(commands.map(({ path, command }) => [path.join(' '), path, command] as const))(
    '%s --json: a usage error as one JSON line, exit 2',
    async (_name, path, command) => {
      const result = await runCliAsync(
        [...path, ...requiredInputs(command), '--no-such-flag', '--json'],
        KEYED_ENV,
      );
      expect(result.code).toBe(2);
      const error = jsonError(result);
      expect(error).toMatchObject({
        type: 'UsageError',
        code: 'commander.unknownOption',
        message: expect.stringMatching(/'--no-such-flag'/),
        hint: `tunekit ${path.join(' ')} --help shows the usage.`,
      });
    },
  );

  it.each([
    ['jobs', 'list'],
    ['data', 'validate', TRAIN],
    ['chat', 'gpt-4o-mini', 'hi'],
  ])('%s … without --json: error and hint lines, exit 2', async (...args) => {
    const result = await runCliAsync([...args, '--no-such-flag'], KEYED_ENV);
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `error: unknown option '--no-such-flag'\nhint: tunekit ${args.filter((a) => /^[a-z]+$/.test(a) && a !== 'hi').join(' ')} --help shows the usage.\n`,
    });
  });
});

describe.concurrent('a missing argument or mandatory option', () => {
  const needing = commands.filter(({ command }) => requiredInputs(command).length > 0);
  it.each(needing.map(({ path }) => [path.join(' '), path] as const))(
    '%s --json: a usage error as one JSON line, exit 2',
    async (_name, path) => {
      const result = await runCliAsync([...path, '--json'], KEYED_ENV);
      expect(result.code).toBe(2);
      expect(jsonError(result)).toMatchObject({
        type: 'UsageError',
        code: expect.stringMatching(/^commander\.(missingArgument|missingMandatoryOptionValue)$/),
      });
    },
  );

  it('a group without its command: exit 2, as JSON with --json', async () => {
    const plain = await runCliAsync(['jobs'], KEYED_ENV);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('Usage: tunekit jobs');
    const json = await runCliAsync(['jobs', '--json'], KEYED_ENV);
    expect(json.code).toBe(2);
    expect(jsonError(json)).toMatchObject({
      type: 'UsageError',
      hint: 'tunekit jobs --help shows the usage.',
    });
  });
});

/** Every way a command reads a file, with the words that name the file in the message. */
const FILE_INPUTS: ReadonlyArray<[args: string[], named: string]> = [
  [['files', 'upload', NOPE], NOPE],
  [['train', NOPE, '--model', 'gpt-4o-mini'], NOPE],
  [
    ['train', TRAIN, '--model', 'gpt-4o-mini', '--validation-file', NOPE],
    `--validation-file ${NOPE}`,
  ],
  [['eval', NOPE, '-m', 'gpt-4o-mini'], NOPE],
  [['eval', TRAIN, '-m', `gpt-4o-mini=${NOPE}`], `--model gpt-4o-mini=${NOPE}`],
  [
    ['eval', TRAIN, '-m', 'gpt-4o-mini', '-s', `json-schema=${NOPE}`],
    `--scorer json-schema=${NOPE}`,
  ],
  [['eval', TRAIN, '-m', 'gpt-4o-mini', '-s', `module=${NOPE}`], `--scorer module=${NOPE}`],
  [
    ['eval', TRAIN, '-m', 'gpt-4o-mini', '--grader', 'gpt-4.1', '--rubric', `@${NOPE}`],
    `--rubric @${NOPE}`,
  ],
  [['eval', TRAIN, '-m', 'gpt-4o-mini', '--catalog', NOPE], `--catalog ${NOPE}`],
  [['data', 'validate', NOPE], NOPE],
  [['data', 'validate', TRAIN, '--response-schema', NOPE], `--response-schema ${NOPE}`],
  [['data', 'validate', TRAIN, '--tool-schemas', NOPE], `--tool-schemas ${NOPE}`],
  [['data', 'stats', NOPE], NOPE],
  [['data', 'cost', NOPE, '--model', 'gpt-4o-mini'], NOPE],
  [['data', 'split', NOPE], NOPE],
  [['data', 'convert', NOPE, '--to', 'chat'], NOPE],
  [['cost', '--model', 'gpt-4o-mini', '--train', NOPE, '--requests', TRAIN], `--train ${NOPE}`],
  [
    ['cost', '--model', 'gpt-4o-mini', '--training-cost', '1', '--requests', NOPE],
    `--requests ${NOPE}`,
  ],
  [
    [
      'cost',
      '--model',
      'gpt-4o-mini',
      '--training-cost',
      '1',
      '--requests',
      TRAIN,
      '--base-prompt',
      NOPE,
    ],
    `--base-prompt ${NOPE}`,
  ],
  [
    [
      'jobs',
      'create',
      '--model',
      'gpt-4o-mini',
      '--training-file',
      'file-x',
      '--method-json',
      `@${NOPE}`,
    ],
    `--method-json @${NOPE}`,
  ],
  [['chat', 'gpt-4o-mini', 'hi', '--response-schema', NOPE], `--response-schema ${NOPE}`],
];

describe.concurrent('an input file that does not exist', () => {
  it.each(FILE_INPUTS.map(([args, named]) => [args.slice(0, 2).join(' '), args, named] as const))(
    '%s …: exit 2 naming it, the same words everywhere, JSON with --json',
    async (_name, args, named) => {
      const plain = await runCliAsync(args, KEYED_ENV);
      expect(plain).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `error: cannot read ${named}: no such file\n`,
      });
      const json = await runCliAsync([...args, '--json'], KEYED_ENV);
      expect(json.code).toBe(2);
      expect(jsonError(json)).toEqual({
        type: 'InputFileError',
        message: `cannot read ${named}: no such file`,
        path: NOPE,
        code: 'missing',
      });
    },
  );

  it('a directory instead of a file: exit 2, said so', async () => {
    const result = await runCliAsync(['data', 'validate', dir], KEYED_ENV);
    expect(result).toMatchObject({
      code: 2,
      stderr: `error: cannot read ${dir}: it is a directory, not a file\n`,
    });
  });
});

describe.concurrent('an unknown model', () => {
  it.each([
    [['data', 'validate', TRAIN, '--model', 'gpt-99']],
    [['data', 'stats', TRAIN, '--model', 'gpt-99']],
    [['data', 'cost', TRAIN, '--model', 'gpt-99']],
    [['cost', '--model', 'gpt-99', '--training-cost', '1', '--requests', TRAIN]],
  ])('%j: exit 2, JSON with --json', async (args) => {
    const result = await runCliAsync([...args, '--json'], KEYED_ENV);
    expect(result.code).toBe(2);
    expect(jsonError(result)).toMatchObject({
      type: 'UsageError',
      message: expect.stringMatching(/unknown model "gpt-99"/),
    });
  });
});

describe.concurrent('no API key', () => {
  it.each(apiCommands.map(({ path, command }) => [path.join(' '), path, command] as const))(
    '%s --json: exit 4, the variable and the flag named',
    async (_name, path, command) => {
      const result = await runCliAsync(
        [...path, ...requiredInputs(command), '--json'],
        NO_PROVIDER_ENV,
      );
      expect(result.code).toBe(4);
      expect(jsonError(result)).toEqual({
        type: 'ConfigurationError',
        message: 'No API key: set OPENAI_API_KEY, or pass --api-key.',
        param: 'apiKey',
        hint: 'Prefer the variable: a key given as a flag stays in shell history and process listings.',
      });
    },
  );

  it('speaks to a shell user, not to a programmer', async () => {
    const result = await runCliAsync(['models', 'list'], NO_PROVIDER_ENV);
    expect(result.code).toBe(4);
    expect(result.stderr).toBe(
      'error: No API key: set OPENAI_API_KEY, or pass --api-key.\nhint: Prefer the variable: a key given as a flag stays in shell history and process listings.\n',
    );
    expect(result.stderr).not.toMatch(/TuneKit\(|`apiKey`/);
  });
});

describe.concurrent('connection settings in the words of the command line', () => {
  it.each([
    [
      ['--base-url', 'ftp://x'],
      {},
      'error: Invalid --base-url "ftp://x": expected an http(s) URL such as https://api.openai.com/v1.\n',
    ],
    [
      [],
      { OPENAI_BASE_URL: 'ftp://y' },
      'error: Invalid OPENAI_BASE_URL "ftp://y": expected an http(s) URL such as https://api.openai.com/v1.\n',
    ],
    [
      ['--endpoint', 'https://r.openai.azure.com'],
      {},
      "error: The option --endpoint applies to provider 'azure', but this command uses provider 'openai'. Pass --provider azure to use it, or leave it out.\n",
    ],
    [
      ['--provider', 'azure'],
      { AZURE_OPENAI_API_KEY: 'az-key' },
      'error: No Azure endpoint: pass --endpoint, or set AZURE_OPENAI_ENDPOINT (e.g. https://my-resource.openai.azure.com).\n',
    ],
  ])('%j %j', async (flags, env, stderr) => {
    const result = await runCliAsync(['models', 'list', ...flags], {
      ...KEYED_ENV,
      ...env,
    });
    expect(result).toMatchObject({ code: 2, stdout: '', stderr });
    expect(result.stderr).not.toMatch(/base-u-r-l|baseURL|new TuneKit/);
  });

  it('a missing OpenAI key with Azure variables set says how to choose Azure', async () => {
    const result = await runCliAsync(['models', 'list'], {
      ...NO_PROVIDER_ENV,
      AZURE_OPENAI_API_KEY: 'az-key',
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      'AZURE_OPENAI_API_KEY is set: to use Azure, add --provider azure (or set TUNEKIT_PROVIDER=azure)',
    );
  });
});
