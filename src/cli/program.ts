import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.ts';
import { registerChatCommand } from './chat/register.ts';
import { registerCostCommand } from './cost/register.ts';
import { registerDataCommands } from './data/register.ts';
import { registerDemoCommand } from './demo/register.ts';
import { registerEvalCommand } from './eval/register.ts';
import { ExitCode } from './exit-codes.ts';
import { registerExportCommand } from './export/register.ts';
import { registerFakeServer } from './fake-server/register.ts';
import { registerFileCommands } from './files/register.ts';
import { registerJobCommands } from './jobs/register.ts';
import { registerModelCommands } from './models/register.ts';
import { addGlobalOptions } from './runner/global-options.ts';
import { reportError } from './runner/report-error.ts';
import { registerTrainCommand } from './train/register.ts';
import { registerUiCommand } from './ui/register.ts';

/**
 * A command group registers its sub-commands on the program. Groups import their
 * implementations lazily inside each action, so `tunekit --help` loads none of them.
 */
export type CommandGroup = (program: Command) => void;

/** Command groups, in the order `tunekit --help` lists them. */
const groups: CommandGroup[] = [
  registerDemoCommand,
  registerTrainCommand,
  registerDataCommands,
  registerFileCommands,
  registerJobCommands,
  registerModelCommands,
  registerChatCommand,
  registerEvalCommand,
  registerCostCommand,
  registerExportCommand,
  registerUiCommand,
  registerFakeServer,
];

/** Builds the `tunekit` program with every command group registered. */
export function buildProgram(): Command {
  const program = new Command('tunekit')
    .description('Fine-tuning for OpenAI-style APIs: check data, upload, train, follow, evaluate.')
    .version(VERSION, '-v, --version')
    .exitOverride();
  addGlobalOptions(program);
  for (const register of groups) register(program);
  return program;
}

/**
 * `tunekit jobs list | head -3`: when the reader of stdout goes away, stop without a stack
 * trace (Node reports EPIPE as an unhandled error otherwise).
 */
function endQuietlyWhenTheReaderLeaves(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? ExitCode.Ok);
  });
}

/** Every command of the program, the program first. */
function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

/** `tunekit jobs list`: the words that run a command. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/**
 * Whether the command line asks for `--json` (before a `--` that ends the options): then a
 * usage error commander finds is a JSON line too. Read from the raw arguments because
 * commander stops before it has parsed them all.
 */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/**
 * Runs the CLI with the given arguments (without `node` and the script path) and resolves to
 * the exit code. Usage errors — commander's own (unknown flag or command, missing argument, a
 * value outside the choices) and the commands' — exit with {@link ExitCode.Usage}, printed as
 * every error is (one JSON line with `--json`); `--help` and `--version` exit with 0.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  endQuietlyWhenTheReaderLeaves();
  const program = buildProgram();
  const json = wantsJson(argv);
  // Which command failed to parse, for the hint; commander prints nothing itself.
  let failed: Command = program;
  for (const command of everyCommand(program)) {
    command.configureOutput({
      outputError: () => {
        failed = command;
      },
      // The help commander shows when a group is run without a command: not with --json.
      ...(json ? { writeErr: () => {} } : {}),
    });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.Ok;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
      return ExitCode.Ok;
    }
    if (error.code === 'commander.help') {
      // A group run without one of its commands: the help went to stderr; nothing was done.
      if (!json) return ExitCode.Usage;
      failed = program.commands.find((c) => argv.includes(c.name())) ?? program;
    }
    const message =
      error.code === 'commander.help'
        ? `${commandPath(failed)} needs a command: one of ${failed.commands.map((c) => c.name()).join(', ')}`
        : error.message.replace(/^error: /, '');
    return reportError(
      {
        message,
        hint: `${commandPath(failed)} --help shows the usage.`,
        exitCode: ExitCode.Usage,
        fields: { type: 'UsageError', code: error.code, message },
      },
      { json },
    );
  }
}
