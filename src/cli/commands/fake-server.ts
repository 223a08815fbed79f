import { type Command, InvalidArgumentError } from 'commander';

/** A TCP port: 0 (any free one) to 65535. */
function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  }
  return port;
}

/** A positive speed factor for the simulated clock. */
function parseSpeed(value: string): number {
  const speed = Number(value);
  if (!(Number.isFinite(speed) && speed > 0)) {
    throw new InvalidArgumentError(
      'expected a positive number, e.g. 60 for a simulated minute per second.',
    );
  }
  return speed;
}

/** `tunekit fake-server`: the fake fine-tuning API on a local port. */
export function registerFakeServer(program: Command): void {
  program
    .command('fake-server')
    .description('Serve a fake of the fine-tuning API on 127.0.0.1 (no key or network needed).')
    .option('-p, --port <port>', 'port to listen on (0: any free port)', parsePort, 4010)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--speed <factor>',
      'run jobs in real time, this many times faster (default: jobs finish on the next request)',
      parseSpeed,
    )
    .action(async (options: { port: number; host: string; speed?: number }) => {
      const { runFakeServer } = await import('../fake-server/run.ts');
      process.exitCode = await runFakeServer(options);
    });
}
