import { createInterface } from 'node:readline/promises';
import { TuneKitError } from '../../core/errors/tunekit-error.ts';
import type { ChatMessageParam } from '../../schemas/chat-params.ts';
import { paint } from '../output/color.ts';
import { LiveStatus } from '../output/live-status.ts';
import { writeJson, writeOut } from '../output/streams.ts';
import type { ApiContext } from '../runner/run-api-command.ts';
import { UsageError } from '../usage-error.ts';

/** Flags of `tunekit chat`. */
export interface ChatFlags {
  system?: string;
  maxTokens?: number;
  temperature?: number;
  /** `--response-schema FILE`: answer in JSON that matches this schema. */
  responseSchema?: string;
  /** `--stream` (with `--response-schema`): show the answer's object as it grows. */
  stream?: boolean;
}

/** The sampling flags as request params. */
function samplingOf(flags: ChatFlags) {
  return {
    ...(flags.maxTokens ? { max_completion_tokens: flags.maxTokens } : {}),
    ...(flags.temperature !== undefined ? { temperature: flags.temperature } : {}),
  };
}

/** Compact JSON clipped to the terminal from the left: the growing end stays in view. */
function tailOf(value: unknown, columns: number): string {
  const text = JSON.stringify(value);
  const room = Math.max(10, columns - 4);
  return text.length > room ? `…${text.slice(-(room - 1))}` : text;
}

/**
 * One question answered in the JSON of `--response-schema`: the parsed answer, pretty, on
 * stdout (`--json`: the whole completion). With `--stream` the object is shown as it grows — on
 * a terminal, live on stderr; with `--json`, as `{"type": "partial", "value"}` lines, then
 * `{"type": "result", "completion"}`. An answer that is not JSON or fails the schema, a cut
 * answer and a refusal are errors (exit 1); with `--json` (not streamed) the completion is
 * printed first.
 */
async function structuredAnswer(
  context: ApiContext,
  model: string,
  messages: ChatMessageParam[],
  flags: ChatFlags & { responseSchema: string },
): Promise<void> {
  const { responseFormatFromFile, parsedAnswer } = await import('./structured.ts');
  const params = {
    model,
    messages,
    ...samplingOf(flags),
    response_format: await responseFormatFromFile(flags.responseSchema),
  };
  if (!flags.stream) {
    const completion = await context.client.chat.completions
      .parse(params, { signal: context.signal })
      .catch((error: unknown) => {
        // The answer did not parse: with --json the completion is still the output (the error
        // follows on stderr), as it is for a refusal.
        if (context.json && error instanceof TuneKitError && 'completion' in error) {
          writeJson(error.completion);
        }
        throw error;
      });
    if (context.json) writeJson(completion);
    const answer = parsedAnswer(completion);
    if (!context.json) writeJson(answer);
    return;
  }
  const stream = context.client.chat.completions.stream(params, { signal: context.signal });
  const live = context.json ? undefined : new LiveStatus(process.stderr);
  try {
    for await (const partial of stream.partials()) {
      if (context.json) writeOut(JSON.stringify({ type: 'partial', value: partial }));
      else live?.status(tailOf(partial, process.stderr.columns || 80));
    }
  } finally {
    live?.stop();
  }
  const completion = await stream.finalChatCompletion();
  if (context.json) writeOut(JSON.stringify({ type: 'result', completion }));
  const answer = parsedAnswer(completion);
  if (!context.json) writeJson(answer);
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
    { model, messages, ...samplingOf(flags) },
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
 * `--response-schema FILE` asks for JSON matching the schema (see {@link structuredAnswer}).
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
  if (flags.stream && !flags.responseSchema) {
    throw new UsageError(
      '--stream shows the object of --response-schema as it grows; plain answers stream without it',
    );
  }
  const question = message ?? (process.stdin.isTTY ? undefined : await readStdin());
  if (question === undefined && flags.responseSchema) {
    throw new UsageError(
      '--response-schema answers one question: give it as an argument or on stdin',
    );
  }

  if (question !== undefined) {
    const messages: ChatMessageParam[] = [...history, { role: 'user', content: question }];
    if (flags.responseSchema) {
      await structuredAnswer(context, model, messages, {
        ...flags,
        responseSchema: flags.responseSchema,
      });
      return;
    }
    if (context.json) {
      writeJson(
        await context.client.chat.completions.create(
          { model, messages, ...samplingOf(flags) },
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
