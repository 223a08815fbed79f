import { imageSize } from 'image-size';
import type { ImageTokenRule } from '../catalog/entry.ts';

/** Enough base64 for the header of a PNG, GIF or WEBP; JPEGs may need more (EXIF first). */
const HEADER_CHARS = 64 * 1024;

/**
 * Width and height of an image in a base64 data URL, read from its header; undefined for
 * anything else (an https URL, a corrupt image): tunekit does no network I/O to find out.
 */
export function dataUrlDimensions(url: string): { width: number; height: number } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const payload = url.slice(comma + 1);
  for (const chars of [Math.min(payload.length, HEADER_CHARS), payload.length]) {
    try {
      // Decode a multiple of 4 characters so the bytes stay aligned.
      const { width, height } = imageSize(
        Buffer.from(payload.slice(0, chars - (chars % 4)), 'base64'),
      );
      if (width && height) return { width, height };
    } catch {
      // Not enough of the header yet, or not an image: try the whole payload, then give up.
    }
    if (chars === payload.length) break;
  }
  return undefined;
}

/**
 * Tokens of one image under OpenAI's tile rule (gpt-4o family): `low` detail costs the base;
 * otherwise the image is fitted in 2048×2048, scaled so its short side is at most 768, and
 * costs base + perTile × the 512-pixel tiles covering it. `auto` is counted as `high`: the
 * API decides per image and `high` is the upper bound.
 *
 * @example
 * imageTokens({ width: 1024, height: 1024 }, 'high', rule); // 765
 * imageTokens({ width: 1024, height: 1024 }, 'low', rule); // 85
 */
export function imageTokens(
  size: { width: number; height: number },
  detail: 'auto' | 'low' | 'high' | undefined,
  rule: Pick<ImageTokenRule, 'base' | 'perTile'>,
): number {
  if (detail === 'low') return rule.base;
  let { width, height } = size;
  const fit = Math.min(1, 2048 / Math.max(width, height));
  width *= fit;
  height *= fit;
  const shrink = Math.min(1, 768 / Math.min(width, height));
  width *= shrink;
  height *= shrink;
  return rule.base + rule.perTile * Math.ceil(width / 512) * Math.ceil(height / 512);
}
