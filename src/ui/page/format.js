// @ts-check
/** How numbers, times and statuses read on the page. */

/** @param {number | null | undefined} seconds Unix seconds */
export function dateTime(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const date = new Date(seconds * 1000);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A date without the year when it is this year's: `11-28 01:46`.
 * @param {number | null | undefined} seconds Unix seconds
 */
export function shortDateTime(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const full = dateTime(seconds);
  return new Date(seconds * 1000).getFullYear() === new Date().getFullYear()
    ? full.slice(5)
    : full.slice(0, 10);
}

/** @param {number | null | undefined} seconds Unix seconds */
export function time(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const date = new Date(seconds * 1000);
  return date.toLocaleTimeString('en-GB', { hour12: false });
}

/** @param {number | null | undefined} seconds a duration */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** @param {number | null | undefined} n */
export function count(n) {
  return n === null || n === undefined ? '–' : n.toLocaleString('en-US');
}

/** @param {number | null | undefined} bytes */
export function size(bytes) {
  if (bytes === null || bytes === undefined) return '–';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** @param {number | null | undefined} value */
export function metric(value) {
  if (value === null || value === undefined) return '–';
  if (value === 0) return '0';
  return Math.abs(value) >= 100 ? value.toFixed(0) : String(Number(value.toPrecision(3)));
}

/**
 * Dollars for reading: cents from a cent up, two significant digits below. The exact figure
 * (from the server, a decimal string) goes in the tooltip.
 * @param {string} usd
 */
export function money(usd) {
  const value = Number(usd);
  if (value === 0) return '$0';
  if (value >= 0.01) return `$${value.toFixed(2)}`;
  return `$${Number(value.toPrecision(2))}`;
}

/**
 * A fine-tuned model's name without the base model in it (shown beside it already):
 * `ft:gpt-4o-mini-2024-07-18:acme:bot:AbC` → `ft:…:acme:bot:AbC`.
 * @param {string} name
 */
export function shortModel(name) {
  const parts = name.split(':');
  return name.startsWith('ft:') && parts.length > 3 ? `ft:…:${parts.slice(2).join(':')}` : name;
}

/**
 * The tone of a status badge. Only tunekit's own status names are known here; any other
 * status a provider reports is shown as it is, in the neutral tone.
 * @param {string} status
 */
export function statusTone(status) {
  switch (status) {
    case 'succeeded':
      return 'good';
    case 'failed':
      return 'bad';
    case 'cancelled':
      return 'muted';
    case 'running':
      return 'active';
    case 'paused':
      return 'warn';
    default:
      return 'neutral';
  }
}

/** @param {string} status */
export function statusLabel(status) {
  return status.replace(/_/g, ' ');
}
