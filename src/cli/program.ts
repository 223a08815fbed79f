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
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  addGlobalOptions(program);
  for (const register of groups) register(program);
  return program;
}

/**
 * Runs the CLI with the given arguments (without `node` and the script path) and resolves to
 * the exit code. Usage errors exit with {@link ExitCode.Usage}; `--help` and `--version` with 0.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
        return ExitCode.Ok;
      }
      if (error.code === 'commander.help') return ExitCode.Ok;
      return ExitCode.Usage;
    }
    throw error;
  }
}
