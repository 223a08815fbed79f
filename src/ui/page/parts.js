// @ts-check
/** Pieces several views share: status badges, error panels, empty states, cost cells. */
import { h } from './dom.js';
import { money, statusLabel, statusTone } from './format.js';

/** @param {string} status */
export function statusBadge(status) {
  return h(
    'span',
    { class: `badge ${statusTone(status)}`, 'data-status': status },
    statusLabel(status),
  );
}

/**
 * A failure in words: what happened and what to do.
 * @param {{ title?: string, message?: string, hint?: string | null } | null | undefined} error
 * @param {string} [fallback]
 */
export function errorPanel(error, fallback = 'Something went wrong.') {
  return h(
    'div',
    { class: 'panel error', role: 'alert' },
    h('strong', {}, error?.title ?? fallback),
    error?.message ? h('p', {}, error.message) : null,
    error?.hint ? h('p', { class: 'hint' }, error.hint) : null,
  );
}

/**
 * @param {string} title
 * @param {...(Node | string)} body
 */
export function emptyState(title, ...body) {
  return h('div', { class: 'panel empty' }, h('strong', {}, title), h('p', {}, ...body));
}

/** @param {string} text */
export function code(text) {
  return h('code', {}, text);
}

/**
 * A training cost: the figure, how it was reached (as a tooltip and for screen readers).
 * @param {{ usd: string | null, basis: string, note: string }} cost
 */
export function costText(cost) {
  if (cost.usd === null) return h('span', { class: 'muted', title: cost.note }, '–');
  const estimate = cost.basis === 'estimate';
  return h(
    'span',
    {
      title: `$${cost.usd}. ${cost.note}`,
      class: estimate ? 'estimate' : '',
      'data-usd': cost.usd,
    },
    `${estimate ? '≈ ' : ''}${money(cost.usd)}`,
    estimate ? h('span', { class: 'visually-hidden' }, ' (estimate)') : null,
  );
}

const LIFECYCLE_WORDS = /** @type {Record<string, string>} */ ({
  retiring: 'retiring',
  'training-closed': 'closed to training',
  'shut-down': 'shut down',
});

/**
 * A warning about the base model's lifecycle, when there is one to give: a word, and the
 * whole message as its tooltip.
 * @param {{ warn: boolean, message: string, status: string } | null} lifecycle
 */
export function lifecycleMark(lifecycle) {
  if (!lifecycle?.warn) return null;
  return h(
    'span',
    {
      class: `badge lifecycle ${lifecycle.status === 'retiring' ? 'warn' : 'bad'}`,
      title: lifecycle.message,
      'data-lifecycle': lifecycle.status,
    },
    LIFECYCLE_WORDS[lifecycle.status] ?? lifecycle.status,
    h('span', { class: 'visually-hidden' }, `: ${lifecycle.message}`),
  );
}

/** @param {string} text */
export function muted(text) {
  return h('span', { class: 'muted' }, text);
}
