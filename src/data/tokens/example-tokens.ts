import type { ImageTokenRule } from '../catalog/entry.ts';
import type { TrainingFormat } from '../formats/format.ts';
import { isObject, type Loose } from '../loose.ts';
import type { TokenCounter } from './counter.ts';
import { dataUrlDimensions, imageTokens } from './images.ts';

/**
 * Chat framing from OpenAI's token-counting guide: every message costs 3 tokens of framing,
 * a `name` one more, and the reply is primed with 3.
 */
const PER_MESSAGE = 3;
const PER_NAME = 1;
const REPLY_PRIMING = 3;
/** tunekit's estimate of the framing around one tool call (the API does not publish it). */
const PER_TOOL_CALL = 3;

/** Tool-definition constants of the cookbook's rule, by encoding (gpt-4o family vs gpt-3.5/4). */
const TOOL_RULE = {
  o200k_base: { funcInit: 7, propInit: 3, propKey: 3, enumInit: -3, enumItem: 3, funcEnd: 12 },
  cl100k_base: { funcInit: 10, propInit: 3, propKey: 3, enumInit: -3, enumItem: 3, funcEnd: 12 },
} as const;

/** Token counts of one example. */
export interface ExampleTokens {
  /** Every token of the example: what training bills before truncation. */
  total: number;
  /** Tokens the model learns to produce: assistant messages with weight ≠ 0, or the completion. */
  assistant: number;
  images: number;
  /** Images whose tokens are not in `total` (https URLs, unreadable data, no rule for the model). */
  imagesNotCounted: number;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const stripPeriod = (text: string) => (text.endsWith('.') ? text.slice(0, -1) : text);

/**
 * Counts an example; the caller passes a value its schema accepted (loose reads stay safe).
 *
 * @example
 * const tokens = new ExampleTokenCounter(await createTokenCounter('o200k_base'), null);
 */
export class ExampleTokenCounter {
  readonly #counter: TokenCounter;
  readonly #imageRule: ImageTokenRule | null;
  readonly #toolsMemo = new Map<string, number>();

  constructor(counter: TokenCounter, imageRule: ImageTokenRule | null) {
    this.#counter = counter;
    this.#imageRule = imageRule;
  }

  /**
   * Counts the tokens of one example of `format`: a parsed JSON line, read without trusting
   * its shape (a field of the wrong type counts as empty).
   *
   * @example
   * const tokens = new ExampleTokenCounter(await createTokenCounter('o200k_base'), null);
   * tokens.count({ messages: [{ role: 'user', content: 'Hi' }] }, 'chat').total; // 8
   */
  count(example: Record<string, unknown>, format: TrainingFormat): ExampleTokens {
    const result: ExampleTokens = { total: 0, assistant: 0, images: 0, imagesNotCounted: 0 };
    if (format === 'completion') {
      const completion = this.#counter.count(str(example.completion));
      result.total = this.#counter.count(str(example.prompt)) + completion;
      result.assistant = completion;
      return result;
    }
    if (format === 'preference') {
      const input = isObject(example.input) ? example.input : {};
      result.total =
        this.#conversation(input.messages, result) + this.#tools(input.tools) + REPLY_PRIMING;
      const before = result.assistant;
      result.total += this.#conversation(example.preferred_output, result);
      const preferred = result.assistant - before;
      result.total += this.#conversation(example.non_preferred_output, result);
      // Only the preferred answer is what the model should learn to produce.
      result.assistant = before + preferred;
      return result;
    }
    result.total =
      this.#conversation(example.messages, result) +
      this.#tools(example.tools) +
      this.#functions(example.functions) +
      REPLY_PRIMING;
    return result;
  }

  #conversation(messages: unknown, result: ExampleTokens): number {
    if (!Array.isArray(messages)) return 0;
    let total = 0;
    for (const message of messages) {
      if (!isObject(message)) continue;
      let tokens = PER_MESSAGE + this.#counter.count(str(message.role));
      if (typeof message.name === 'string') tokens += this.#counter.count(message.name) + PER_NAME;
      let learned = this.#content(message.content, result);
      if (Array.isArray(message.tool_calls)) {
        for (const call of message.tool_calls) {
          const fn = isObject(call) && isObject(call.function) ? call.function : {};
          learned +=
            PER_TOOL_CALL +
            this.#counter.count(str(fn.name)) +
            this.#counter.count(str(fn.arguments));
        }
      }
      if (isObject(message.function_call)) {
        const fn = message.function_call;
        learned +=
          PER_TOOL_CALL +
          this.#counter.count(str(fn.name)) +
          this.#counter.count(str(fn.arguments));
      }
      tokens += learned;
      if (message.role === 'assistant' && message.weight !== 0) result.assistant += learned;
      total += tokens;
    }
    return total;
  }

  #content(content: unknown, result: ExampleTokens): number {
    if (typeof content === 'string') return this.#counter.count(content);
    if (!Array.isArray(content)) return 0;
    let total = 0;
    for (const part of content) {
      if (!isObject(part)) continue;
      if (part.type === 'text') total += this.#counter.count(str(part.text));
      else if (part.type === 'image_url' && isObject(part.image_url)) {
        result.images++;
        const size = this.#imageRule ? dataUrlDimensions(str(part.image_url.url)) : undefined;
        if (size && this.#imageRule) {
          total += imageTokens(size, part.image_url.detail as 'low' | undefined, this.#imageRule);
        } else {
          result.imagesNotCounted++;
        }
      }
    }
    return total;
  }

  /** Tool definitions, by the rule of OpenAI's cookbook, memoized: files repeat them per line. */
  #tools(tools: unknown): number {
    if (!Array.isArray(tools) || tools.length === 0) return 0;
    const functions = tools.map((tool) => (isObject(tool) ? tool.function : undefined));
    return this.#functions(functions);
  }

  #functions(functions: unknown): number {
    if (!Array.isArray(functions) || functions.length === 0) return 0;
    const key = JSON.stringify(functions);
    const known = this.#toolsMemo.get(key);
    if (known !== undefined) return known;
    const rule = TOOL_RULE[this.#counter.encoding];
    let total = rule.funcEnd;
    for (const fn of functions) {
      if (!isObject(fn)) continue;
      total +=
        rule.funcInit + this.#counter.count(`${str(fn.name)}:${stripPeriod(str(fn.description))}`);
      total += this.#properties(isObject(fn.parameters) ? fn.parameters.properties : undefined);
    }
    if (this.#toolsMemo.size > 1000) this.#toolsMemo.clear();
    this.#toolsMemo.set(key, total);
    return total;
  }

  /** Properties per the cookbook rule; tunekit also descends into nested objects and arrays. */
  #properties(properties: unknown): number {
    if (!isObject(properties)) return 0;
    const keys = Object.keys(properties);
    if (keys.length === 0) return 0;
    const rule = TOOL_RULE[this.#counter.encoding];
    let total = rule.propInit;
    for (const key of keys) {
      const property = isObject(properties[key]) ? (properties[key] as Loose) : {};
      total += rule.propKey;
      if (Array.isArray(property.enum)) {
        total += rule.enumInit;
        for (const item of property.enum)
          total += rule.enumItem + this.#counter.count(String(item));
      }
      const type = Array.isArray(property.type) ? property.type.join('|') : str(property.type);
      total += this.#counter.count(`${key}:${type}:${stripPeriod(str(property.description))}`);
      total += this.#properties(property.properties);
      if (isObject(property.items)) total += this.#properties(property.items.properties);
    }
    return total;
  }
}
