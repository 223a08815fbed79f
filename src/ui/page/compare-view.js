// @ts-check
/** Compare: the curves of several jobs on one chart ("which learning rate was better?"). */
import { getJson } from './api.js';
import { lineChart, PALETTE } from './chart.js';
import { fill, h } from './dom.js';
import { count, metric } from './format.js';
import { costText, emptyState, muted, statusBadge } from './parts.js';

/** @typedef {import('./jobs-store.js').JobRow} JobRow */
/** @typedef {import('./app.js').Context} Context */
/** @typedef {import('./job-view.js').MetricPoint} MetricPoint */

/** One colour per job: more would be unreadable. */
const MAX_JOBS = PALETTE.length;

/**
 * The curve points of one job, kept current: the result file once the job has one, its step
 * events until then.
 */
class JobCurve {
  /**
   * @param {import('./hub.js').Hub} hub
   * @param {string} id
   * @param {() => void} onChange
   */
  constructor(hub, id, onChange) {
    /** @type {Map<number, MetricPoint>} */
    this.points = new Map();
    this.final = false;
    const base = `api/jobs/${encodeURIComponent(id)}`;
    this.close = hub.onJob(id, (name, message) => {
      if (name === 'event') {
        const point = /** @type {MetricPoint | null} */ (message.event.point);
        if (point && !this.final) {
          this.points.set(point.step, point);
          onChange();
        }
      } else if (name === 'end') {
        getJson(`${base}/metrics`)
          .then((/** @type {{ points: MetricPoint[] }} */ result) => {
            if (result.points.length === 0) return;
            this.points = new Map(result.points.map((p) => [p.step, p]));
            this.final = true;
            onChange();
          })
          .catch(() => undefined);
      }
    });
  }

  sorted() {
    return [...this.points.values()].sort((a, b) => a.step - b.step);
  }
}

/**
 * @param {string} hash
 * @returns {string[]}
 */
function idsFrom(hash) {
  const query = hash.split('?')[1] ?? '';
  const jobs = new URLSearchParams(query).get('jobs');
  return jobs ? jobs.split(',').filter(Boolean).slice(0, MAX_JOBS) : [];
}

/**
 * @param {JobRow} row
 * @param {string} key
 */
function hp(row, key) {
  const value = row.hyperparameters[key];
  return value === undefined ? '–' : String(value);
}

/**
 * @param {HTMLElement} root
 * @param {Context} context
 * @returns {() => void}
 */
export function mountCompare(root, context) {
  const { store } = context;
  let chosen = idsFrom(location.hash);
  /** @type {Map<string, JobCurve>} */
  const curves = new Map();
  const picker = h('fieldset', { class: 'picker' });
  const charts = h('div', { class: 'charts' });
  const table = h('div');
  const help = h(
    'p',
    { class: 'muted' },
    `Pick up to ${MAX_JOBS} jobs: their training curves (solid) and validation curves (dashed) are drawn on one chart.`,
  );

  const colorOf = (/** @type {string} */ id) =>
    PALETTE[chosen.indexOf(id) % PALETTE.length] ?? '#888';

  const renderCharts = () => {
    const rows = chosen.map((id) => store.rows.get(id)).filter((row) => row !== undefined);
    if (rows.length === 0) {
      fill(
        charts,
        emptyState(
          'Nothing to compare yet',
          'Pick two or more jobs above (or tick them in the job list).',
        ),
      );
      fill(table);
      return;
    }
    /** @param {'trainLoss' | 'validLoss' | 'trainAccuracy' | 'validAccuracy'} key */
    const seriesOf = (key) =>
      rows.map((row) => {
        const points = curves.get(row.id)?.sorted() ?? [];
        return {
          id: `${row.id}:${key}`,
          name: `${row.suffix ?? row.id} ${key.startsWith('train') ? 'training' : 'validation'}`,
          color: colorOf(row.id),
          dashed: key.startsWith('valid'),
          points: /** @type {Array<[number, number]>} */ (
            points.flatMap((p) => (p[key] === null ? [] : [[p.step, p[key]]]))
          ),
        };
      });
    const loss = [...seriesOf('trainLoss'), ...seriesOf('validLoss')].filter(
      (s) => s.points.length > 0,
    );
    const accuracy = [...seriesOf('trainAccuracy'), ...seriesOf('validAccuracy')].filter(
      (s) => s.points.length > 0,
    );
    fill(
      charts,
      lineChart({
        kind: 'compare-loss',
        title: 'Loss',
        xLabel: 'step',
        yLabel: 'loss',
        series: loss,
      }),
      lineChart({
        kind: 'compare-accuracy',
        title: 'Token accuracy',
        xLabel: 'step',
        yLabel: 'accuracy',
        series: accuracy,
        yDomain: [0, 1],
      }),
    );
    fill(
      table,
      h(
        'table',
        { id: 'compare-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              'Job',
              'Status',
              'Epochs',
              'Batch size',
              'LR multiplier',
              'Final training loss',
              'Final validation loss',
              'Best validation loss',
              'Trained tokens',
              'Cost',
            ].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((row) => {
            const points = curves.get(row.id)?.sorted() ?? [];
            const lastTrain = points.filter((p) => p.trainLoss !== null).at(-1);
            const valid = points.filter((p) => p.validLoss !== null);
            const best = valid.reduce(
              (/** @type {MetricPoint | undefined} */ min, p) =>
                min === undefined || (p.validLoss ?? 0) < (min.validLoss ?? 0) ? p : min,
              undefined,
            );
            const swatch = h('span', { class: 'swatch' });
            swatch.style.borderColor = colorOf(row.id);
            return h(
              'tr',
              {},
              h(
                'td',
                {},
                swatch,
                h('a', { href: `#/jobs/${encodeURIComponent(row.id)}` }, row.suffix ?? row.id),
              ),
              h('td', {}, statusBadge(row.status)),
              h('td', { class: 'n' }, hp(row, 'n_epochs')),
              h('td', { class: 'n' }, hp(row, 'batch_size')),
              h('td', { class: 'n' }, hp(row, 'learning_rate_multiplier')),
              h('td', { class: 'n' }, metric(lastTrain?.trainLoss)),
              h('td', { class: 'n' }, metric(valid.at(-1)?.validLoss)),
              h('td', { class: 'n' }, best ? `${metric(best.validLoss)} (step ${best.step})` : '–'),
              h('td', { class: 'n' }, count(row.trainedTokens)),
              h('td', { class: 'n' }, costText(row.cost)),
            );
          }),
        ),
      ),
    );
  };

  let frame = 0;
  const schedule = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      renderCharts();
    });
  };

  const sync = () => {
    for (const [id, curve] of curves) {
      if (!chosen.includes(id)) {
        curve.close();
        curves.delete(id);
      }
    }
    for (const id of chosen)
      if (!curves.has(id)) curves.set(id, new JobCurve(context.hub, id, schedule));
    history.replaceState(
      null,
      '',
      chosen.length > 0
        ? `#/compare?jobs=${chosen.map(encodeURIComponent).join(',')}`
        : '#/compare',
    );
    schedule();
  };

  let pickerKey = '';
  const pickable = () =>
    store.list().filter((row) => row.status !== 'failed' || chosen.includes(row.id));
  const keyOf = (/** @type {JobRow[]} */ rows) =>
    JSON.stringify([
      store.loaded,
      chosen,
      rows.map((r) => [r.id, r.status, r.hyperparameters.learning_rate_multiplier]),
    ]);
  const renderPicker = () => {
    const rows = pickable();
    // Rebuilt only when something it shows changed: a rebuild would take the keyboard focus.
    const key = keyOf(rows);
    if (key === pickerKey) return;
    pickerKey = key;
    fill(
      picker,
      h('legend', {}, 'Jobs'),
      rows.length === 0
        ? muted(store.loaded ? 'No jobs with training to compare yet.' : 'Loading jobs…')
        : null,
      rows.map((row) => {
        const box = h('input', {
          type: 'checkbox',
          value: row.id,
          checked: chosen.includes(row.id),
          disabled: !chosen.includes(row.id) && chosen.length >= MAX_JOBS,
        });
        box.addEventListener('change', () => {
          chosen = box.checked ? [...chosen, row.id] : chosen.filter((id) => id !== row.id);
          for (const input of picker.querySelectorAll('input')) {
            input.disabled = !chosen.includes(input.value) && chosen.length >= MAX_JOBS;
          }
          pickerKey = keyOf(pickable());
          sync();
        });
        const lr = row.hyperparameters.learning_rate_multiplier;
        return h(
          'label',
          { class: 'pick' },
          box,
          ' ',
          row.suffix ?? row.id,
          ' ',
          muted(`${row.status}${lr === undefined ? '' : ` · lr ×${lr}`}`),
        );
      }),
    );
  };

  fill(
    root,
    h('div', { class: 'page-head' }, h('h1', {}, 'Compare jobs')),
    help,
    picker,
    charts,
    table,
  );
  renderPicker();
  sync();
  const unsubscribe = store.subscribe(() => {
    renderPicker();
    schedule();
  });
  return () => {
    unsubscribe();
    cancelAnimationFrame(frame);
    for (const curve of curves.values()) curve.close();
  };
}
