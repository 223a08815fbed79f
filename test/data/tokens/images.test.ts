import { describe, expect, it } from 'vitest';
import { dataUrlDimensions, imageTokens } from '../../../src/data/tokens/images.ts';

const rule = { base: 85, perTile: 170 };

describe('imageTokens (OpenAI tile rule, gpt-4o)', () => {
  it.each([
    [1024, 1024, 'high', 765],
    [2048, 4096, 'high', 1105],
    [512, 512, 'high', 255],
    [4096, 8192, 'auto', 1105],
    [4000, 3000, 'low', 85],
  ] as const)('%i×%i %s → %i', (width, height, detail, tokens) => {
    expect(imageTokens({ width, height }, detail, rule)).toBe(tokens);
  });
});

describe('dataUrlDimensions', () => {
  it('reads a PNG header from a data URL', () => {
    const header = Buffer.from('89504e470d0a1a0a0000000d4948445200000280000001e00802000000', 'hex');
    expect(dataUrlDimensions(`data:image/png;base64,${header.toString('base64')}`)).toEqual({
      width: 640,
      height: 480,
    });
  });

  it('gives up quietly on https URLs and garbage', () => {
    expect(dataUrlDimensions('https://example.com/a.png')).toBeUndefined();
    expect(dataUrlDimensions('data:image/png;base64,bm90IGFuIGltYWdl')).toBeUndefined();
    expect(dataUrlDimensions('data:nothing')).toBeUndefined();
  });
});
