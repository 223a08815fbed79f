import { writeOut } from '../output/streams.ts';
import { printList, printObject, showTime } from '../runner/render.ts';
import type { ApiContext } from '../runner/run-api-command.ts';

/** `tunekit models list [--fine-tuned]`. */
export async function listModels(
  context: ApiContext,
  options: { fineTuned?: boolean },
): Promise<void> {
  const page = await context.client.models.list({ signal: context.signal });
  const models = options.fineTuned
    ? page.data.filter((model) => model.id.startsWith('ft:'))
    : page.data;
  printList(
    context,
    models,
    [
      { heading: 'id', cell: (model) => model.id },
      { heading: 'owned by', cell: (model) => model.owned_by ?? '-' },
      { heading: 'created', cell: (model) => showTime(model.created) },
      { heading: 'shuts down', cell: (model) => model.shutdown_date ?? '-' },
    ],
    options.fineTuned ? 'No fine-tuned models.' : 'No models.',
  );
}

/** `tunekit models get <model>`. */
export async function getModel(context: ApiContext, id: string): Promise<void> {
  printObject(context, await context.client.models.retrieve(id, { signal: context.signal }));
}

/** `tunekit models delete <model>`. */
export async function deleteModel(context: ApiContext, id: string): Promise<void> {
  const result = await context.client.models.delete(id, { signal: context.signal });
  if (context.json) printObject(context, result);
  else writeOut(result.deleted ? `Deleted ${result.id}` : `${result.id} was not deleted`);
}
