import { type Command, Option } from 'commander';
import { positiveInteger } from '../flags.ts';
import { apiAction } from '../runner/api-action.ts';

const PURPOSES = [
  'fine-tune',
  'fine-tune-results',
  'batch',
  'assistants',
  'vision',
  'user_data',
  'evals',
];

/** `tunekit files upload|list|get|delete|download`. */
export function registerFileCommands(program: Command): void {
  const files = program.command('files').description('uploaded files');

  files
    .command('upload')
    .description('upload a file (streamed; above 100 MiB in resumable parts)')
    .argument('<path>', 'file to upload')
    .addOption(
      new Option('--purpose <purpose>', 'what the file is for')
        .choices(PURPOSES)
        .default('fine-tune'),
    )
    .option('--json', 'print JSON')
    .action(
      apiAction(async (path: string, options) => {
        const [{ uploadFileCommand }, { checkInputFile }] = await Promise.all([
          import('./run.ts'),
          import('../input-file.ts'),
        ]);
        await checkInputFile(path);
        return (context) => uploadFileCommand(context, path, options);
      }),
    );

  files
    .command('list')
    .description('list files, newest first')
    .addOption(new Option('--purpose <purpose>', 'only files with this purpose').choices(PURPOSES))
    .option('--limit <n>', 'how many', positiveInteger)
    .option('--json', 'print JSON')
    .action(
      apiAction(async (options) => {
        const { listFiles } = await import('./run.ts');
        return (context) => listFiles(context, options);
      }),
    );

  files
    .command('get')
    .description('show a file')
    .argument('<file>', 'file id')
    .option('--json', 'print JSON')
    .action(
      apiAction(async (id: string, _options) => {
        const { getFile } = await import('./run.ts');
        return (context) => getFile(context, id);
      }),
    );

  files
    .command('delete')
    .description('delete a file')
    .argument('<file>', 'file id')
    .option('--json', 'print JSON')
    .action(
      apiAction(async (id: string, _options) => {
        const { deleteFile } = await import('./run.ts');
        return (context) => deleteFile(context, id);
      }),
    );

  files
    .command('download')
    .description('download a file’s content (to stdout unless --output)')
    .argument('<file>', 'file id')
    .option('-o, --output <path>', 'write to this file')
    .option('--json', 'print JSON (with --output)')
    .action(
      apiAction(async (id: string, options: { output?: string }) => {
        const { downloadFile } = await import('./run.ts');
        return (context) => downloadFile(context, id, options);
      }),
    );
}
