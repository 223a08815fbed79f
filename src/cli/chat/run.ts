import { createInterface } from 'node:readline/promises';
import type { ChatMessageParam } from '../../schemas/chat-params.ts';
import { paint } from '../output/color.ts';
import { writeJson } from '../output/streams.ts';
import type { ApiContext } from '../runner/run-api-command.ts';

/** Flags of `tunekit chat`. */
export interface ChatFlags {
  system?: string;
  maxTokens?: number;
  temperature?: number;
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.trim();
}

/** Streams one answer to stdout as it is written; returns the whole text. */
async function streamAnswer(
  context: ApiContext,
  model: string,
  messages: ChatMessageParam[],
  flags: ChatFlags,
): Promise<string> {
  const stream = context.client.chat.completions.stream(
    {
      model,
      messages,
      ...(flags.maxTokens ? { max_completion_tokens: flags.maxTokens } : {}),
      ...(flags.temperature !== undefined ? { temperature: flags.temperature } : {}),
    },
    { signal: context.signal },
  );
  for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? '');
  process.stdout.write('\n');
  return (await stream.finalContent()) ?? '';
}

/**
 * `tunekit chat <model> [message]`: one question (from the argument, or from stdin when it is
 * not a terminal) streamed to stdout; with no message on a terminal, a conversation that keeps
 * its history until an empty line, `/exit` or Ctrl-D. `--json` prints the whole completion.
 */
export async function chatCommand(
  context: ApiContext,
  model: string,
  message: string | undefined,
  flags: ChatFlags,
): Promise<void> {
  const history: ChatMessageParam[] = flags.system
    ? [{ role: 'system', content: flags.system }]
    : [];
  const question = message ?? (process.stdin.isTTY ? undefined : await readStdin());

  if (question !== undefined) {
    const messages: ChatMessageParam[] = [...history, { role: 'user', content: question }];
    if (context.json) {
      writeJson(
        await context.client.chat.completions.create(
          {
            model,
            messages,
            ...(flags.maxTokens ? { max_completion_tokens: flags.maxTokens } : {}),
            ...(flags.temperature !== undefined ? { temperature: flags.temperature } : {}),
          },
          { signal: context.signal },
        ),
      );
      return;
    }
    await streamAnswer(context, model, messages, flags);
    return;
  }

  process.stderr.write(
    `Chatting with ${model}. An empty line, /exit or Ctrl-D ends the conversation.\n`,
  );
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    for (;;) {
      let line: string;
      try {
        line = await prompt.question(paint(process.stderr, 'cyan', 'you> '), {
          signal: context.signal,
        });
      } catch {
        return; // Ctrl-D or Ctrl-C
      }
      if (line.trim() === '' || line.trim() === '/exit') return;
      history.push({ role: 'user', content: line });
      process.stdout.write(paint(process.stdout, 'green', `${model}> `));
      history.push({
        role: 'assistant',
        content: await streamAnswer(context, model, history, flags),
      });
    }
  } finally {
    prompt.close();
  }
}
