export { TuneKit } from './client.ts';
export { APIPromise, type APIResponse } from './core/api-promise.ts';
export * from './core/errors/index.ts';
export type { RequestOptions } from './core/http-client.ts';
export type { Logger, LogLevel } from './core/logger.ts';
export type { ClientOptions, FetchLike } from './core/options.ts';
export { CursorPage, PagePromise } from './core/pagination.ts';
export type { WithRequestId } from './core/request-id.ts';
export { Stream } from './core/stream.ts';
export type { Uploadable } from './core/uploadable.ts';
export {
  assembleChatCompletion,
  ChatCompletionAccumulator,
} from './resources/chat/accumulator.ts';
export { ChatCompletionStream } from './resources/chat/chat-completion-stream.ts';
export type { FileCreateParams } from './resources/files.ts';
export { JsonlParseError } from './resources/files.ts';
export * from './schemas/index.ts';
export { VERSION } from './version.ts';
