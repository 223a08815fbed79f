import type { ChatCompletionCreateParams } from '../../schemas/chat-params.ts';
import { newId } from '../ids.ts';
import { type Answer, lastUserText } from './answer.ts';

/**
 * What a scripted model says: a text, or content and tool calls (`arguments` as JSON text), or
 * a refusal; `finishReason` forces why it stopped (`length` for an answer cut at the token
 * limit, `content_filter`).
 */
export type ScriptedReply =
  | string
  | {
      content?: string | null | undefined;
      toolCalls?: ReadonlyArray<{ name: string; arguments: string }> | undefined;
      refusal?: string | undefined;
      finishReason?: 'stop' | 'length' | 'content_filter' | 'tool_calls' | undefined;
    };

/**
 * A model's script: replies by question (the text of the last user message, trimmed), or a
 * function of the question and the whole request. No reply (a question not in the map, a
 * function returning undefined) leaves the answer to the fake's usual rules.
 */
export type AnswerScript =
  | Readonly<Record<string, ScriptedReply>>
  | ((question: string, request: ChatCompletionCreateParams) => ScriptedReply | undefined);

/** A script in force; `remove()` takes it back. */
export interface ScriptHandle {
  /** Requests it has answered so far. */
  readonly hits: number;
  remove(): void;
}

interface ActiveScript {
  model: string;
  script: AnswerScript;
  hits: number;
}

function toAnswer(reply: ScriptedReply): Answer {
  const written = typeof reply === 'string' ? { content: reply } : reply;
  const { content = null, toolCalls = [], refusal } = written;
  const calls = toolCalls.map((call) => ({ id: newId.toolCall(), ...call }));
  const answered = calls.length > 0 || refusal !== undefined;
  return {
    content: answered ? (content ?? null) : (content ?? ''),
    refusal: refusal ?? null,
    toolCalls: calls,
    finishReason: written.finishReason ?? (calls.length > 0 ? 'tool_calls' : 'stop'),
  };
}

/**
 * Scripted answers per model, for tests that need to know what a model will say (an
 * evaluation's expected wins and losses, a grader's verdict). The latest script for a model
 * that has a reply wins; scripted replies are returned as written.
 */
export class ScriptedAnswers {
  #scripts: ActiveScript[] = [];

  add(model: string, script: AnswerScript): ScriptHandle {
    const active: ActiveScript = { model, script, hits: 0 };
    this.#scripts.push(active);
    return {
      get hits() {
        return active.hits;
      },
      remove: () => {
        this.#scripts = this.#scripts.filter((s) => s !== active);
      },
    };
  }

  /** The scripted answer for a request to a model known by any of `names`, if there is one. */
  answer(params: ChatCompletionCreateParams, names: readonly string[]): Answer | undefined {
    const question = lastUserText(params).trim();
    for (const active of this.#scripts.toReversed()) {
      if (!names.includes(active.model)) continue;
      const reply =
        typeof active.script === 'function'
          ? active.script(question, params)
          : Object.hasOwn(active.script, question)
            ? active.script[question]
            : undefined;
      if (reply === undefined) continue;
      active.hits++;
      return toAnswer(reply);
    }
    return undefined;
  }

  clear(): void {
    this.#scripts = [];
  }
}
