// @ts-check
/** The jobs page: every job of the account, filtered, live. */
import { fill, h, reconcile } from './dom.js';
import { count, duration, shortDateTime, shortModel } from './format.js';
import {
  code,
  costText,
  emptyState,
  errorPanel,
  lifecycleMark,
  muted,
  statusBadge,
} from './parts.js';

/** @typedef {import('./jobs-store.js').JobRow} JobRow */
/** @typedef {import('./app.js').Context} Context */

/** Filters survive leaving the page and coming back. */
const filters = { status: '', model: '', text: '' };
/** @type {Set<string>} */
const selected = new Set();

/**
 * @param {JobRow} row
 * @param {() => void} onSelect
 */
function rowElement(row, onSelect) {
  const name = row.suffix ?? row.id;
  const box = h('input', {
    type: 'checkbox',
    'aria-label': `Compare ${name}`,
    checked: selected.has(row.id),
    onchange: (/** @type {Event} */ event) => {
      if (/** @type {HTMLInputElement} */ (event.target).checked) selected.add(row.id);
      else selected.delete(row.id);
      onSelect();
    },
  });
  return h(
    'tr',
    { 'data-job': row.id },
    h('td', {}, box),
    h(
      'td',
      {},
      h('a', { href: `#/jobs/${encodeURIComponent(row.id)}`, class: 'job-link' }, name),
      h(
        'div',
        { class: 'sub id', title: row.id },
        row.method ?? 'method unknown',
        row.suffix ? ` · ${row.id}` : '',
      ),
    ),
    h('td', {}, statusBadge(row.status)),
    h(
      'td',
      {},
      h('div', { class: 'model', title: row.model }, row.model),
      lifecycleMark(row.lifecycle),
    ),
    h(
      'td',
      {},
      row.fineTunedModel
        ? h('div', { class: 'model', title: row.fineTunedModel }, shortModel(row.fineTunedModel))
        : muted('–'),
    ),
    h(
      'td',
      { class: 'n', title: row.createdAt ? new Date(row.createdAt * 1000).toISOString() : '' },
      shortDateTime(row.createdAt),
    ),
    h('td', { class: 'n' }, shortDateTime(row.finishedAt)),
    h('td', { class: 'n' }, duration(row.durationS)),
    h('td', { class: 'n' }, count(row.trainedTokens)),
    h('td', { class: 'n' }, costText(row.cost)),
  );
}

/**
 * @param {HTMLSelectElement} select
 * @param {string} all
 * @param {string[]} values
 * @param {string} current
 */
function setOptions(select, all, values, current) {
  const wanted = ['', ...values];
  const have = [...select.options].map((option) => option.value);
  if (wanted.join('\n') !== have.join('\n')) {
    fill(
      select,
      h('option', { value: '' }, all),
      values.map((v) => h('option', { value: v }, v.replace(/_/g, ' '))),
    );
  }
  select.value = wanted.includes(current) ? current : '';
}

/**
 * @param {HTMLElement} root
 * @param {Context} context
 * @returns {() => void}
 */
export function mountJobs(root, context) {
  const { store } = context;
  const status = h('select', { id: 'filter-status' });
  const model = h('select', { id: 'filter-model' });
  const text = h('input', {
    id: 'filter-text',
    type: 'search',
    placeholder: 'suffix, id or model',
    value: filters.text,
  });
  const compare = h('button', { type: 'button', class: 'button', id: 'compare-selected' });
  const live = h('span', { class: 'live', 'aria-live': 'polite' });
  const notice = h('div', { class: 'notices' });
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'jobs', id: 'jobs-table' },
    h('caption', { class: 'visually-hidden' }, 'Fine-tuning jobs, newest first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Compare')),
        [
          'Job',
          'Status',
          'Base model',
          'Fine-tuned model',
          'Created',
          'Finished',
          'Duration',
          'Tokens trained',
          'Cost',
        ].map((label) =>
          h(
            'th',
            {
              scope: 'col',
              class: ['Created', 'Finished', 'Duration', 'Tokens trained', 'Cost'].includes(label)
                ? 'n'
                : '',
            },
            label,
          ),
        ),
      ),
    ),
    tbody,
  );
  const wrapper = h('div', { class: 'table-wrap' }, table);
  /** @type {Map<string, { row: JobRow, tr: HTMLTableRowElement }>} */
  const built = new Map();

  const updateCompare = () => {
    const ids = [...selected].filter((id) => store.rows.has(id));
    compare.textContent = ids.length > 0 ? `Compare ${ids.length} selected` : 'Compare…';
    compare.disabled = ids.length === 1;
    compare.title = ids.length === 1 ? 'Pick at least two jobs to compare' : '';
  };

  const render = () => {
    const rows = store.list();
    setOptions(
      status,
      'All statuses',
      [...new Set(rows.map((r) => r.status))].sort(),
      filters.status,
    );
    setOptions(
      model,
      'All base models',
      [...new Set(rows.map((r) => r.model))].sort(),
      filters.model,
    );
    const needle = filters.text.trim().toLowerCase();
    const shown = rows.filter(
      (r) =>
        (!filters.status || r.status === filters.status) &&
        (!filters.model || r.model === filters.model) &&
        (!needle ||
          [r.suffix, r.id, r.fineTunedModel].some((v) => v?.toLowerCase().includes(needle))),
    );
    const nodes = shown.map((row) => {
      const known = built.get(row.id);
      if (known && known.row === row) return known.tr;
      const tr = rowElement(row, updateCompare);
      built.set(row.id, { row, tr });
      return tr;
    });
    reconcile(tbody, nodes);
    updateCompare();

    live.textContent = !store.loaded
      ? 'Loading jobs…'
      : store.connected
        ? `live · ${rows.length} job${rows.length === 1 ? '' : 's'}`
        : 'reconnecting…';
    live.className = `live ${store.connected ? 'on' : 'off'}`;
    const notes = [];
    if (store.error) notes.push(errorPanel(store.error));
    if (store.truncated)
      notes.push(
        h(
          'p',
          { class: 'panel' },
          'Only the newest jobs are shown: the account has more than tunekit ui keeps in view.',
        ),
      );
    if (store.loaded && rows.length === 0 && !store.error) {
      notes.push(
        emptyState(
          'No fine-tuning jobs yet',
          'Start one with ',
          code('tunekit train data.jsonl --model gpt-4.1-mini-2025-04-14'),
          ' and it appears here as it runs. To look around without a key: ',
          code('tunekit ui --fake'),
          '.',
        ),
      );
    } else if (rows.length > 0 && shown.length === 0) {
      notes.push(emptyState('No job matches the filters', 'Clear the filters to see every job.'));
    }
    fill(notice, notes);
    wrapper.hidden = shown.length === 0;
  };

  status.addEventListener('change', () => {
    filters.status = status.value;
    render();
  });
  model.addEventListener('change', () => {
    filters.model = model.value;
    render();
  });
  text.addEventListener('input', () => {
    filters.text = text.value;
    render();
  });
  compare.addEventListener('click', () => {
    const ids = [...selected].filter((id) => store.rows.has(id));
    location.hash =
      ids.length > 0 ? `#/compare?jobs=${ids.map(encodeURIComponent).join(',')}` : '#/compare';
  });

  fill(
    root,
    h('div', { class: 'page-head' }, h('h1', {}, 'Jobs'), live),
    h(
      'div',
      { class: 'filters', role: 'search' },
      h('label', { for: 'filter-status' }, 'Status'),
      status,
      h('label', { for: 'filter-model' }, 'Base model'),
      model,
      h('label', { for: 'filter-text' }, 'Find'),
      text,
      compare,
    ),
    notice,
    wrapper,
  );
  render();
  // Durations of running jobs move with every update the server sends (its clock).
  return store.subscribe(render);
}
