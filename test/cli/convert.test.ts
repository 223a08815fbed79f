import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { chatLines } from '../support/training-data.ts';

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tunekit-cli-convert-')), name);
  writeFileSync(path, content);
  return path;
}

describe('tunekit data convert', () => {
  it('says so, writes nothing and exits 0 when the target takes the file as it is', () => {
    const input = file('train.jsonl', chatLines(3));
    const { code, stdout, stderr } = runCli(['data', 'convert', input, '--to', 'fireworks']);
    expect(code).toBe(0);
    expect(stdout).toContain("Fireworks AI takes OpenAI's chat format as it is");
    expect(stdout).toContain(`Upload ${input} unchanged: nothing was converted.`);
    expect(stdout).toContain('Source: https://docs.fireworks.ai/');
    expect(stderr).toBe('');
  });

  it('converts prompt/completion to chat, understanding \\n in the separator', () => {
    const input = file(
      'legacy.jsonl',
      `${JSON.stringify({ prompt: 'Hi\n\n###\n\n', completion: ' Hello END' })}\n`,
    );
    const { code, stdout } = runCli([
      'data',
      'convert',
      input,
      '--to',
      'chat',
      '--prompt-separator',
      '\\n\\n###\\n\\n',
      '--completion-stop',
      ' END',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Converted 1 example \(completion\) → .*legacy\.chat\.jsonl$/m);
    const out = input.replace(/\.jsonl$/, '.chat.jsonl');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
      ],
    });
  });

  it('writes what it can for Bedrock, lists each line left out on stderr, and exits 1', () => {
    const weighted = {
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b', weight: 0 },
        { role: 'user', content: 'c' },
        { role: 'assistant', content: 'd' },
      ],
    };
    const input = file('mixed.jsonl', `${chatLines(2)}${JSON.stringify(weighted)}\n`);
    const out = join(tmpdir(), `tunekit-bedrock-${process.pid}.jsonl`);

    const { code, stdout, stderr } = runCli([
      'data',
      'convert',
      input,
      '--to',
      'bedrock-converse',
      '--out',
      out,
    ]);

    expect(code).toBe(1);
    expect(stdout).toContain(`Converted 2 examples (chat) → ${out}`);
    expect(stderr).toContain(`${input}:3  left out: messages[1] has weight 0`);
    expect(stderr).toContain('1 line could not be converted and was left out.');
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('prints the result as JSON, and refuses unknown targets and missing files', () => {
    const input = file('train.jsonl', chatLines(2));
    const json = runCli(['data', 'convert', input, '--to', 'bedrock-claude', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'converted', converted: 2, skipped: [] });

    const unknown = runCli(['data', 'convert', input, '--to', 'vertex']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("argument 'vertex' is invalid");

    const missing = runCli(['data', 'convert', 'nope.jsonl', '--to', 'chat']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: cannot read nope.jsonl: no such file');
  });
});
