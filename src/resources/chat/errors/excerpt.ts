const MAX = 120;

/** The start of a model's text for a message, quoted; the whole text stays on the error. */
export function excerpt(text: string | null): string {
  if (text === null) return 'null';
  return JSON.stringify(text.length > MAX ? `${text.slice(0, MAX)}…` : text);
}
