import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

/**
 * Styles `text` for `stream`: colour only when the stream is a terminal and neither `NO_COLOR`
 * nor `NODE_DISABLE_COLORS` is set (`FORCE_COLOR` forces it) — Node's own rules.
 *
 * @example
 * process.stdout.write(`${paint(process.stdout, 'red', 'error')}\n`);
 */
export function paint(stream: NodeJS.WritableStream, style: Style, text: string): string {
  return styleText(style, text, { stream });
}
