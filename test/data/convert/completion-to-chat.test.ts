import { describe, expect, it } from 'vitest';
import { completionToChat } from '../../../src/data/convert/completion-to-chat.ts';
import { ChatExample } from '../../../src/data/formats/chat.ts';

describe('completionToChat', () => {
  it('turns a legacy pair into a valid chat example, stripping legacy markers', () => {
    const chat = completionToChat(
      { prompt: 'Capital of France?\n\n###\n\n', completion: ' Paris END' },
      { promptSeparator: '\n\n###\n\n', completionStop: ' END', systemPrompt: 'Answer briefly.' },
    );
    expect(chat.messages).toEqual([
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'Capital of France?' },
      { role: 'assistant', content: 'Paris' },
    ]);
    expect(ChatExample.safeParse(chat).success).toBe(true);
  });
});
