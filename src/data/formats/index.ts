export { ChatExample } from './chat.ts';
export { CompletionExample } from './completion.ts';
export { ImagePart, isAcceptedImageUrl, TextContent, TextPart, UserContent } from './content.ts';
export { detectLineFormat, sameFamily } from './detect.ts';
export {
  EXAMPLE_SCHEMAS,
  isTrainingFormat,
  TRAINING_FORMATS,
  type TrainingExample,
  type TrainingFormat,
} from './format.ts';
export {
  AssistantMessage,
  CHAT_ROLES,
  ChatMessage,
  DeveloperMessage,
  FunctionMessage,
  SystemMessage,
  ToolMessage,
  UserMessage,
} from './messages.ts';
export { PreferenceExample } from './preference.ts';
export { ReinforcementExample, ReinforcementMessage } from './reinforcement.ts';
export { FunctionCall, FunctionDefinition, ToolCall, ToolDefinition } from './tools.ts';
