import { z } from 'zod';

const TextPart = z.object({ type: z.literal('text'), text: z.string() });
const ImagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.object({
    /** An https URL or a `data:image/…;base64,…` URL. */
    url: z.string(),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  }),
});
const AudioPart = z.object({
  type: z.literal('input_audio'),
  input_audio: z.object({ data: z.string(), format: z.enum(['wav', 'mp3']) }),
});
const FilePart = z.object({
  type: z.literal('file'),
  file: z.object({
    file_data: z.string().optional(),
    file_id: z.string().optional(),
    filename: z.string().optional(),
  }),
});
const RefusalPart = z.object({ type: z.literal('refusal'), refusal: z.string() });

/** A tool call as sent back in an assistant message of the conversation. */
export const ChatToolCallParam = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});
export type ChatToolCallParam = z.infer<typeof ChatToolCallParam>;

/** A message of the conversation sent to `POST /chat/completions`. */
export const ChatMessageParam = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('system'),
    content: z.union([z.string(), z.array(TextPart)]),
    name: z.string().optional(),
  }),
  z.object({
    role: z.literal('developer'),
    content: z.union([z.string(), z.array(TextPart)]),
    name: z.string().optional(),
  }),
  z.object({
    role: z.literal('user'),
    content: z.union([z.string(), z.array(z.union([TextPart, ImagePart, AudioPart, FilePart]))]),
    name: z.string().optional(),
  }),
  z.object({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(z.union([TextPart, RefusalPart]))]).nullish(),
    refusal: z.string().nullish(),
    name: z.string().optional(),
    tool_calls: z.array(ChatToolCallParam).optional(),
    /** @deprecated Use `tool_calls`. */
    function_call: z.object({ name: z.string(), arguments: z.string() }).nullish(),
    audio: z.object({ id: z.string() }).nullish(),
  }),
  z.object({
    role: z.literal('tool'),
    content: z.union([z.string(), z.array(TextPart)]),
    tool_call_id: z.string(),
  }),
  z.object({
    /** @deprecated Use `tool` messages. */
    role: z.literal('function'),
    content: z.string().nullable(),
    name: z.string(),
  }),
]);
export type ChatMessageParam = z.infer<typeof ChatMessageParam>;

/** A function the model may call. `parameters` is a JSON Schema object. */
export const ChatFunctionDefinition = z.object({
  name: z.string(),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  strict: z.boolean().nullish(),
});
export type ChatFunctionDefinition = z.infer<typeof ChatFunctionDefinition>;

/** A tool offered to the model. */
export const ChatTool = z.object({ type: z.literal('function'), function: ChatFunctionDefinition });
export type ChatTool = z.infer<typeof ChatTool>;

/** Which tool the model must (or must not) call. */
export const ChatToolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
]);
export type ChatToolChoice = z.infer<typeof ChatToolChoice>;

/** The shape the answer must take: free text, any JSON object, or JSON matching a schema. */
export const ChatResponseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string(),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);
export type ChatResponseFormat = z.infer<typeof ChatResponseFormat>;

/** Body of `POST /chat/completions`. */
export const ChatCompletionCreateParams = z.object({
  /** A base model, a fine-tuned `ft:` model, or (Azure) a deployment name. */
  model: z.string().min(1),
  messages: z.array(ChatMessageParam).min(1),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  /** @deprecated Use `max_completion_tokens`. */
  max_tokens: z.number().int().nullish(),
  max_completion_tokens: z.number().int().nullish(),
  n: z.number().int().min(1).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  response_format: ChatResponseFormat.optional(),
  seed: z.number().int().nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z
    .object({ include_usage: z.boolean().optional(), include_obfuscation: z.boolean().optional() })
    .nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  tools: z.array(ChatTool).optional(),
  tool_choice: ChatToolChoice.optional(),
  parallel_tool_calls: z.boolean().optional(),
  user: z.string().optional(),
  metadata: z.record(z.string(), z.string()).nullish(),
  store: z.boolean().nullish(),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high']).nullish(),
  service_tier: z.string().nullish(),
});
export type ChatCompletionCreateParams = z.infer<typeof ChatCompletionCreateParams>;

/** Parameters of a completion answered in one response. */
export type ChatCompletionCreateParamsNonStreaming = Omit<ChatCompletionCreateParams, 'stream'> & {
  stream?: false | null;
};

/** Parameters of a completion streamed as server-sent chunks. */
export type ChatCompletionCreateParamsStreaming = Omit<ChatCompletionCreateParams, 'stream'> & {
  stream: true;
};
