import { z } from 'zod';

/** A text part of a message's content. */
export const TextPart = z.strictObject({
  type: z.literal('text'),
  text: z.string(),
});
export type TextPart = z.infer<typeof TextPart>;

/** Image URLs the fine-tuning API accepts: https, or a base64 data URL of a JPEG, PNG or WEBP. */
export const IMAGE_DATA_URL = /^data:image\/(png|jpeg|jpg|webp);base64,/i;

/**
 * True when `url` is a form of image URL the fine-tuning API accepts.
 *
 * @example
 * isAcceptedImageUrl('https://example.com/cat.png'); // true
 * isAcceptedImageUrl('data:image/gif;base64,R0lGOD…'); // false: GIF is not accepted
 */
export function isAcceptedImageUrl(url: string): boolean {
  return url.startsWith('https://') || IMAGE_DATA_URL.test(url);
}

/** An image part: only user messages may carry images. */
export const ImagePart = z.strictObject({
  type: z.literal('image_url'),
  image_url: z.strictObject({
    url: z.string().refine(isAcceptedImageUrl, {
      message: 'expected an https:// URL or a data:image/(jpeg|png|webp);base64 URL',
      params: { problem: 'invalid_image_url' },
    }),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  }),
});
export type ImagePart = z.infer<typeof ImagePart>;

/** Content of system, developer, assistant and tool messages: text only. */
export const TextContent = z.union([z.string(), z.array(TextPart).min(1)]);
export type TextContent = z.infer<typeof TextContent>;

/** Content of user messages: text, or parts mixing text and images. */
export const UserContent = z.union([
  z.string(),
  z.array(z.discriminatedUnion('type', [TextPart, ImagePart])).min(1),
]);
export type UserContent = z.infer<typeof UserContent>;
