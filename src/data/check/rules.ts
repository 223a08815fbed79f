import type { TrainingFormat } from '../formats/format.ts';
import { conversationOf, isObject, type Loose } from '../loose.ts';
import { formatPath, type Problem, problem } from '../problems.ts';

/** Limits of vision fine-tuning, from OpenAI's vision fine-tuning guide. */
export const MAX_IMAGES_PER_EXAMPLE = 10;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * Pairs tool calls with tool responses. A call must be answered before the conversation goes
 * on; a call in the last message is the training target and needs no answer.
 */
function checkToolPairing(path: string, messages: unknown[], line: number): Problem[] {
  const problems: Problem[] = [];
  const open = new Map<string, string>();
  const seen = new Set<string>();
  messages.forEach((message, index) => {
    if (!isObject(message)) return;
    const at = formatPath([path, index]);
    if (message.role === 'tool') {
      const id = message.tool_call_id;
      if (typeof id === 'string' && !seen.has(id)) {
        problems.push(
          problem(
            'tool_response_without_call',
            `${at}: tool_call_id ${JSON.stringify(id)} answers no earlier tool call`,
            { line, path: `${at}.tool_call_id` },
          ),
        );
      }
      if (typeof id === 'string') open.delete(id);
      return;
    }
    // Any other message after a call closes the window in which the call could be answered.
    for (const [id, callPath] of open) {
      problems.push(
        problem(
          'tool_call_without_response',
          `${callPath}: tool call ${JSON.stringify(id)} has no tool response before ${at}`,
          { line, path: callPath },
        ),
      );
    }
    open.clear();
    if (message.role === 'assistant' && Array.isArray(message.tool_calls)) {
      message.tool_calls.forEach((call, callIndex) => {
        if (isObject(call) && typeof call.id === 'string') {
          open.set(call.id, `${at}.tool_calls[${callIndex}]`);
          seen.add(call.id);
        }
      });
    }
  });
  return problems;
}

/** Counts the images of a conversation and checks the size of inline ones. */
function checkImages(
  path: string,
  messages: unknown[],
  line: number,
): { images: number; problems: Problem[] } {
  const problems: Problem[] = [];
  let images = 0;
  messages.forEach((message, index) => {
    if (!isObject(message) || !Array.isArray(message.content)) return;
    message.content.forEach((part, partIndex) => {
      if (!isObject(part) || part.type !== 'image_url' || !isObject(part.image_url)) return;
      images++;
      const url = part.image_url.url;
      if (typeof url === 'string' && url.startsWith('data:')) {
        const comma = url.indexOf(',');
        // Base64 carries 3 bytes in every 4 characters.
        const bytes = Math.floor(((url.length - comma - 1) * 3) / 4);
        if (bytes > MAX_IMAGE_BYTES) {
          const at = formatPath([path, index, 'content', partIndex]);
          problems.push(
            problem(
              'image_too_large',
              `${at}: inline image is ${(bytes / 1048576).toFixed(1)} MB; the limit is 10 MB`,
              { line, path: at },
            ),
          );
        }
      }
    });
  });
  return { images, problems };
}

/**
 * The checks that look across fields and that a schema cannot express: an assistant message
 * to learn from, tool calls paired with their responses, the number and size of images. They
 * read the raw value defensively, so they report even when the schema also failed.
 */
export function ruleProblems(value: Loose, format: TrainingFormat, line: number): Problem[] {
  const problems: Problem[] = [];
  let images = 0;
  const conversation = conversationOf(value, format);
  if (conversation) {
    const { path, messages } = conversation;
    problems.push(...checkToolPairing(path, messages, line));
    const imageCheck = checkImages(path, messages, line);
    images += imageCheck.images;
    problems.push(...imageCheck.problems);
    if (
      format === 'chat' &&
      messages.length > 0 &&
      !messages.some((message) => isObject(message) && message.role === 'assistant')
    ) {
      problems.push(
        problem('no_assistant_message', `${path}: no assistant message to learn from`, {
          line,
          path,
        }),
      );
    }
  }
  if (images > MAX_IMAGES_PER_EXAMPLE) {
    problems.push(
      problem(
        'too_many_images',
        `the example has ${images} images; the limit is ${MAX_IMAGES_PER_EXAMPLE}`,
        { line },
      ),
    );
  }
  return problems;
}
