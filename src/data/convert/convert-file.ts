import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ChatExample } from '../formats/chat.ts';
import { CompletionExample } from '../formats/completion.ts';
import { detectLineFormat } from '../formats/detect.ts';
import { formatPath } from '../problems.ts';
import { readLines } from '../reader/lines.ts';
import type { TrainingSource } from '../reader/source.ts';
import { type Converted, chatToBedrockClaude, chatToBedrockConverse } from './bedrock.ts';
import { completionToChat } from './completion-to-chat.ts';
import { type ConvertTarget, TARGETS } from './targets.ts';
import { chatToTogether } from './together.ts';

/** Options of {@link convertTrainingFile}. */
export interface ConvertFileOptions {
  to: ConvertTarget;
  /** Where to write the converted file. Needed unless the target takes the input as it is. */
  outPath?: string | undefined;
  /** Prompt/completion input: a system message to put first in every example. */
  systemPrompt?: string | undefined;
  /** Prompt/completion input: the separator that ends each prompt (removed). */
  promptSeparator?: string | undefined;
  /** Prompt/completion input: the stop sequence that ends each completion (removed). */
  completionStop?: string | undefined;
}

/** A line left out of the converted file, and why. */
export interface SkippedLine {
  line: number;
  reason: string;
}

/** What converting did: nothing (the target takes the file as it is), or wrote `outPath`. */
export type ConvertFileResult =
  | {
      kind: 'as-is';
      format: 'chat' | 'completion';
      to: ConvertTarget;
      /** What the target's documentation says it takes. */
      note: string;
      source: string;
    }
  | {
      kind: 'converted';
      format: 'chat' | 'completion';
      to: ConvertTarget;
      outPath: string;
      /** Examples written. */
      converted: number;
      /** Lines that could not be converted, each with its reason; the rest were written. */
      skipped: SkippedLine[];
      source: string;
    };

/**
 * The input cannot be converted at all (its format, the output path); nothing was written.
 * Single lines that cannot be converted do not throw: they are listed in `skipped`.
 *
 * @example
 * await convertTrainingFile('train.jsonl', { to: 'bedrock-converse', outPath: 'train.jsonl' }).catch((error) => {
 *   if (error instanceof ConvertError) console.error(error.message); // the output is the input file
 *   throw error;
 * });
 */
export class ConvertError extends Error {
  override readonly name = 'ConvertError';
}

/** The format of the first example of a source, reading as little as it needs. */
async function inputFormat(source: TrainingSource): Promise<'chat' | 'completion'> {
  for await (const line of readLines(source)) {
    if (line.text === undefined || line.blank) continue;
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const format = detectLineFormat(value as Record<string, unknown>);
    if (format === 'chat' || format === 'completion') return format;
    if (format) {
      throw new ConvertError(
        `The file holds ${format} examples (line ${line.number}); only chat and prompt/completion files can be converted.`,
      );
    }
  }
  throw new ConvertError('The file holds no chat or prompt/completion example to convert.');
}

function firstIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }) {
  const issue = error.issues[0];
  return issue ? `${formatPath(issue.path) || 'the example'}: ${issue.message}` : 'invalid';
}

/** One parsed line of `format` converted for `to`. */
function convertValue(
  value: unknown,
  format: 'chat' | 'completion',
  options: ConvertFileOptions,
): Converted {
  let chat: ChatExample;
  if (format === 'completion') {
    const parsed = CompletionExample.safeParse(value);
    if (!parsed.success)
      return { ok: false, reason: `not a prompt/completion example (${firstIssue(parsed.error)})` };
    chat = completionToChat(parsed.data, {
      ...(options.systemPrompt !== undefined ? { systemPrompt: options.systemPrompt } : {}),
      ...(options.promptSeparator !== undefined
        ? { promptSeparator: options.promptSeparator }
        : {}),
      ...(options.completionStop !== undefined ? { completionStop: options.completionStop } : {}),
    });
  } else {
    const parsed = ChatExample.safeParse(value);
    if (!parsed.success)
      return { ok: false, reason: `not a chat example (${firstIssue(parsed.error)})` };
    chat = parsed.data;
  }
  const handling = TARGETS[options.to][format];
  if (handling.kind !== 'convert') return { ok: false, reason: 'nothing to convert' };
  if (handling.to === 'bedrock-converse') return chatToBedrockConverse(chat);
  if (handling.to === 'bedrock-claude') return chatToBedrockClaude(chat);
  if (handling.to === 'together') return chatToTogether(chat);
  return { ok: true, value: chat };
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * Converts a training file for another provider, streaming line by line: legacy
 * prompt/completion files to OpenAI's chat format, and chat files to the formats of providers
 * that really differ (Amazon Bedrock), and chat files to Together AI's stricter conversational
 * format. Where the target takes the input as it is (Fireworks, NeMo and Azure take OpenAI's
 * chat format, Together prompt/completion lines), nothing is written and the result says
 * so. A line that cannot be expressed in the target format is left out and listed with its
 * reason; the output is written to a temporary file and renamed when complete.
 *
 * @example
 * const result = await convertTrainingFile('train.jsonl', { to: 'bedrock-converse', outPath: 'train.bedrock.jsonl' });
 * if (result.kind === 'converted') console.log(result.converted, 'examples;', result.skipped.length, 'left out');
 */
export async function convertTrainingFile(
  source: TrainingSource,
  options: ConvertFileOptions,
): Promise<ConvertFileResult> {
  const target = TARGETS[options.to];
  if (!target) throw new ConvertError(`Unknown target ${JSON.stringify(options.to)}.`);
  const format = await inputFormat(source);
  const handling = target[format];
  if (handling.kind === 'as-is') {
    return { kind: 'as-is', format, to: options.to, note: handling.note, source: target.source };
  }
  const outPath = options.outPath;
  if (!outPath) throw new ConvertError('Converting needs an output path.');
  if (typeof source === 'string' && resolve(source) === resolve(outPath)) {
    throw new ConvertError(`The output ${outPath} is the input file: choose another path.`);
  }

  const partial = `${outPath}.partial`;
  const out = createWriteStream(partial);
  const skipped: SkippedLine[] = [];
  let converted = 0;
  try {
    for await (const line of readLines(source)) {
      if (line.blank) continue;
      if (line.text === undefined) {
        skipped.push({ line: line.number, reason: line.problems[0]?.message ?? 'unreadable' });
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(line.text);
      } catch (error) {
        skipped.push({ line: line.number, reason: `not valid JSON (${(error as Error).message})` });
        continue;
      }
      const result = convertValue(value, format, options);
      if (!result.ok) {
        skipped.push({ line: line.number, reason: result.reason });
        continue;
      }
      await write(out, `${JSON.stringify(result.value)}\n`);
      converted += 1;
    }
    out.end();
    await once(out, 'finish');
    await rename(partial, outPath);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  return {
    kind: 'converted',
    format,
    to: options.to,
    outPath,
    converted,
    skipped,
    source: target.source,
  };
}
