import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliInTerminal } from '../support/run-cli.ts';
import { chatLines, fixture } from '../support/training-data.ts';

// Built from a string: a control character in a regex literal reads as a mistake.
const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[`);

describe('tunekit data validate', () => {
  it('exits 0 on a valid file with a summary, a histogram and no colour off a terminal', () => {
    const { code, stdout, stderr } = runCli([
      'data',
      'validate',
      fixture('tool-calls.jsonl'),
      '--model',
      'gpt-4o-mini',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/chat format, 50 examples/);
    expect(stdout).toMatch(/tokens \/ example\s+min \d+/);
    expect(stdout).toMatch(/tokens per example\n\s+\d+–\d+\s+█+ 50/);
    expect(stdout).toMatch(/estimated cost\s+\$\d+\.\d{2}/);
    expect(stdout).toMatch(/✓ valid/);
    expect(stdout).not.toMatch(ANSI);
    // No progress when stderr is not a terminal.
    expect(stderr).toBe('');
  });

  it('exits 1 on an invalid file and points at file:line', () => {
    const file = fixture('problems/unknown_role.jsonl');
    const { code, stdout } = runCli(['data', 'validate', file]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `${file}:2  error    unknown_role  messages[0].role: unknown role "bot"`,
    );
    expect(stdout).toMatch(/✗ invalid: 2 errors/);
  });

  it('prints the full report as JSON with --json', () => {
    const { code, stdout } = runCli([
      'data',
      'validate',
      fixture('problems/invalid_json.jsonl'),
      '--json',
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.counts).toEqual({ invalid_json: 1, too_few_examples: 1 });
    expect(report.problems.find((p: { code: string }) => p.code === 'invalid_json')).toMatchObject({
      line: 2,
      column: 15,
    });
  });

  it('exits 2 naming a missing file, with nothing on stdout', () => {
    const { code, stdout, stderr } = runCli(['data', 'validate', 'no-such-file.jsonl']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('error: cannot read no-such-file.jsonl: no such file\n');
  });

  it.each([
    [['data', 'validate'], /missing required argument 'file'/],
    [
      ['data', 'validate', 'x.jsonl', '--format', 'sft'],
      /Allowed choices are chat, preference, reinforcement, completion/,
    ],
    [['data', 'validate', 'x.jsonl', '--model', 'gpt-99'], /unknown model "gpt-99"/],
    [
      ['data', 'validate', 'x.jsonl', '--max-problems', 'lots'],
      /--max-problems must be a whole number/,
    ],
    [['data', 'cost', 'x.jsonl'], /required option '--model <model>'/],
    [
      ['data', 'cost', 'x.jsonl', '--model', 'gpt-4o-mini', '--epochs', 'zero'],
      /--epochs must be a positive whole number/,
    ],
    [
      ['data', 'split', 'x.jsonl', '--validation-fraction', '2'],
      /--validation-fraction must be within 0–1/,
    ],
  ])('exits 2 on usage error %j', (args, message) => {
    const { code, stderr } = runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('tunekit data stats / cost / split', () => {
  it('stats prints the statistics, JSON with --json', () => {
    const human = runCli(['data', 'stats', fixture('preference.jsonl')]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/preference format/);
    const json = runCli(['data', 'stats', fixture('preference.jsonl'), '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      format: 'preference',
      examples: 50,
      encoding: 'o200k_base',
    });
  });

  it('cost prices tokens × epochs exactly', () => {
    const args = [
      'data',
      'cost',
      fixture('tool-calls.jsonl'),
      '--model',
      'gpt-3.5-turbo',
      '--epochs',
      '3',
    ];
    const { code, stdout } = runCli([...args, '--json']);
    expect(code).toBe(0);
    const estimate = JSON.parse(stdout);
    expect(estimate).toMatchObject({
      model: 'gpt-3.5-turbo-0125',
      epochs: 3,
      autoEpochs: false,
      examples: 50,
      usdPer1M: '8',
    });
    // trainedTokens × $8 / 1M, computed here in integer micro-dollars.
    const micros = estimate.trainedTokens * 8;
    expect(estimate.usd).toBe(
      `${Math.floor(micros / 1e6)}.${String(micros % 1e6)
        .padStart(6, '0')
        .replace(/0+$/, '')
        .padEnd(2, '0')}`,
    );
    const human = runCli(args);
    expect(human.stdout).toContain(`$${estimate.usd} = `);
  });

  it('split writes two files beside the input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tunekit-cli-'));
    const file = join(dir, 'all.jsonl');
    writeFileSync(file, chatLines(40));
    const { code, stdout } = runCli([
      'data',
      'split',
      file,
      '--validation-size',
      '4',
      '--seed',
      '3',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/train\s+36 examples/);
    expect(readFileSync(join(dir, 'all.validation.jsonl'), 'utf8').trim().split('\n')).toHaveLength(
      4,
    );
    expect(existsSync(join(dir, 'all.train.jsonl'))).toBe(true);
  });
});

describe('on a terminal', () => {
  it('shows progress on stderr and colours the verdict', () => {
    const { code, screen } = runCliInTerminal(['data', 'validate', fixture('tool-calls.jsonl')]);
    expect(code).toBe(0);
    expect(screen).toMatch(/validating tool-calls\.jsonl █+ 100% · 38\.\d KB of 38\.\d KB/);
    expect(screen).toContain(`${ESC}[32m✓ valid`);
  });

  it('never colours with NO_COLOR', () => {
    const { screen } = runCliInTerminal(['data', 'validate', fixture('tool-calls.jsonl')], {
      NO_COLOR: '1',
    });
    expect(screen).toMatch(/✓ valid/);
    expect(screen).not.toMatch(new RegExp(`${ESC}\\[3\\dm`));
  });
});

describe('tunekit --help', () => {
  it('lists the data commands', () => {
    const { code, stdout } = runCli(['data', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/validate.*\n.*stats.*\n.*cost.*\n.*split/s);
  });
});
