import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random letters and digits, as in the API's ids (`file-3Xb…`, `ftjob-…`). */
export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // 62 does not divide 256, so the first few letters are very slightly likelier: irrelevant for ids.
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** The id shapes the real service uses, one generator per object kind. */
export const newId = {
  file: () => `file-${randomToken(22)}`,
  upload: () => `upload_${randomToken(24)}`,
  uploadPart: () => `part_${randomToken(24)}`,
  job: () => `ftjob-${randomToken(24)}`,
  event: () => `ftevent-${randomToken(24)}`,
  checkpoint: () => `ftckpt_${randomToken(24)}`,
  chatCompletion: () => `chatcmpl-${randomToken(29)}`,
  toolCall: () => `call_${randomToken(24)}`,
  request: () => `req_${randomToken(32).toLowerCase()}`,
  /** The short id that ends a fine-tuned model's name (`ft:…:9uJPbR69`). */
  modelSuffix: () => randomToken(8),
};
