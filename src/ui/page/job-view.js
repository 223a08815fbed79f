// @ts-check
/** A job's page: status, live events and curves, checkpoints, files, actions. */
import { getJson, postJson, ServerError } from './api.js';
import { lineChart, PALETTE } from './chart.js';
import { confirmAction } from './confirm.js';
import { fill, h } from './dom.js';
import { count, dateTime, duration, metric, size, time } from './format.js';
import { code, costText, errorPanel, lifecycleMark, muted, statusBadge } from './parts.js';

/** @typedef {import('./jobs-store.js').JobRow} JobRow */
/** @typedef {import('./app.js').Context} Context */
/**
 * @typedef {object} MetricPoint
 * @property {number} step
 * @property {number | null} totalSteps
 * @property {number | null} trainLoss
 * @property {number | null} validLoss
 * @property {number | null} trainAccuracy
 * @property {number | null} validAccuracy
 */
/**
 * @typedef {object} EventView
 * @property {string} id
 * @property {number} createdAt
 * @property {string} level
 * @property {string} message
 * @property {string | null} type
 * @property {MetricPoint | null} point
 */
/**
 * @typedef {{ available: boolean, reason: string | null }} ActionView
 * @typedef {object} JobDetail
 * @property {JobRow} job
 * @property {number | null} seed
 * @property {Record<string, string>} metadata
 * @property {Array<{ id: string, step: number, model: string, createdAt: number, trainLoss: number | null, validLoss: number | null, trainAccuracy: number | null, validAccuracy: number | null }> | null} checkpoints
 * @property {import('./jobs-store.js').PageError | null} checkpointsError
 * @property {Array<{ id: string, role: string, filename: string | null, bytes: number | null, missing: boolean }>} files
 * @property {{ code: string | null, message: string | null, param: string | null, advice: string } | null} failure
 * @property {{ cancel: ActionView, pause: ActionView, resume: ActionView }} actions
 */

/** Events listed at most (the newest); all are kept for the curves. */
const MAX_LISTED = 300;

const ACTION_TEXT = {
  cancel: {
    label: 'Cancel',
    title: 'Cancel this fine-tuning job?',
    body: 'Training stops for good and the job cannot be restarted. Tokens trained so far may still be billed.',
    confirm: 'Cancel job',
    keep: 'Keep training',
    danger: true,
  },
  pause: {
    label: 'Pause',
    title: 'Pause this fine-tuning job?',
    body: 'Training stops until you resume it. A paused job keeps its progress.',
    confirm: 'Pause job',
    keep: 'Keep training',
    danger: false,
  },
  resume: {
    label: 'Resume',
    title: 'Resume this fine-tuning job?',
    body: 'Training continues where it stopped, and billing with it.',
    confirm: 'Resume job',
    keep: 'Leave paused',
    danger: false,
  },
};

/**
 * Curves of one job: loss and accuracy, training solid and validation dashed.
 * @param {MetricPoint[]} points sorted by step
 * @param {'loss' | 'accuracy'} kind
 * @param {boolean} ended the job is over: no more points will come
 */
function curves(points, kind, ended) {
  const pick = kind === 'loss' ? ['trainLoss', 'validLoss'] : ['trainAccuracy', 'validAccuracy'];
  const series = pick.map((key, index) => ({
    id: index === 0 ? 'train' : 'valid',
    name: `${index === 0 ? 'training' : 'validation'} ${kind}`,
    color: PALETTE[index] ?? '#888',
    dashed: index === 1,
    points: /** @type {Array<[number, number]>} */ (
      points.flatMap((p) => {
        const value = p[/** @type {'trainLoss'} */ (key)];
        return value === null ? [] : [[p.step, value]];
      })
    ),
  }));
  return lineChart({
    kind,
    title: kind === 'loss' ? 'Loss' : 'Token accuracy',
    xLabel: 'step',
    yLabel: kind,
    series: series.filter((line, index) => index === 0 || line.points.length > 0),
    yDomain: kind === 'accuracy' ? [0, 1] : undefined,
    empty: ended ? 'The job recorded no training steps.' : undefined,
  });
}

/**
 * @param {string} term
 * @param {Node | string | null} value
 */
function fact(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value ?? muted('–')));
}

/**
 * @param {HTMLElement} root
 * @param {Context} context
 * @param {string} jobId
 * @returns {() => void}
 */
export function mountJob(root, context, jobId) {
  const base = `api/jobs/${encodeURIComponent(jobId)}`;
  /** @type {Map<number, MetricPoint>} */
  const points = new Map();
  /** @type {EventView[]} */
  const events = [];
  /** @type {JobDetail | null} */
  let detail = null;
  let fromResultFile = false;
  let ended = false;
  let stopped = false;
  let showSteps = true;

  const title = h('h1', {}, jobId);
  const badge = h('span');
  const actions = h('div', { class: 'actions' });
  const actionNote = h('p', { class: 'muted action-note', id: 'action-note' });
  const notices = h('div', { class: 'notices' });
  const facts = h('dl', { class: 'facts' });
  const progress = h('div', { class: 'progress' });
  const charts = h('div', { class: 'charts' });
  const chartSource = h('p', { class: 'muted' });
  const timeline = h('ol', { class: 'timeline' });
  const eventList = h('ol', {
    class: 'events',
    id: 'events',
    'aria-live': 'polite',
    'aria-relevant': 'additions',
  });
  const eventCount = h('span', { class: 'muted' });
  const eventsError = h('div');
  const checkpoints = h('div');
  const hyper = h('div');
  const files = h('div');
  const stepsToggle = h('input', { type: 'checkbox', id: 'show-steps', checked: true });
  stepsToggle.addEventListener('change', () => {
    showSteps = stepsToggle.checked;
    renderEvents();
  });

  fill(
    root,
    h(
      'nav',
      { class: 'crumbs', 'aria-label': 'Breadcrumb' },
      h('a', { href: '#/' }, 'Jobs'),
      ' › ',
      jobId,
    ),
    h('div', { class: 'page-head' }, title, badge, actions),
    actionNote,
    notices,
    h(
      'section',
      { 'aria-labelledby': 'facts-h' },
      h('h2', { id: 'facts-h', class: 'visually-hidden' }, 'Facts'),
      facts,
    ),
    progress,
    h(
      'section',
      { 'aria-labelledby': 'curves-h' },
      h('h2', { id: 'curves-h' }, 'Curves'),
      chartSource,
      charts,
    ),
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        { 'aria-labelledby': 'timeline-h' },
        h('h2', { id: 'timeline-h' }, 'Timeline'),
        timeline,
      ),
      h(
        'section',
        { 'aria-labelledby': 'hyper-h' },
        h('h2', { id: 'hyper-h' }, 'Hyperparameters'),
        hyper,
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'events-h' },
      h(
        'div',
        { class: 'section-head' },
        h('h2', { id: 'events-h' }, 'Events ', eventCount),
        h('label', {}, stepsToggle, ' step events'),
      ),
      eventsError,
      eventList,
    ),
    h(
      'section',
      { 'aria-labelledby': 'ckpt-h' },
      h('h2', { id: 'ckpt-h' }, 'Checkpoints'),
      checkpoints,
    ),
    h('section', { 'aria-labelledby': 'files-h' }, h('h2', { id: 'files-h' }, 'Files'), files),
  );

  function sortedPoints() {
    return [...points.values()].sort((a, b) => a.step - b.step);
  }

  function renderCurves() {
    const list = sortedPoints();
    fill(charts, curves(list, 'loss', ended), curves(list, 'accuracy', ended));
    chartSource.textContent =
      list.length === 0
        ? ''
        : fromResultFile
          ? `From the job's result file (${list.length} steps).`
          : `From the job's events as they arrive (${list.length} steps).`;
    const last = list.at(-1);
    const total = list.reduce((most, p) => Math.max(most, p.totalSteps ?? 0), 0);
    if (last && total > 0 && !ended) {
      fill(
        progress,
        h('label', { for: 'step-progress' }, `Step ${last.step} of ${total}`),
        h('progress', { id: 'step-progress', max: total, value: last.step }),
        last.trainLoss !== null ? muted(` training loss ${metric(last.trainLoss)}`) : null,
        last.validLoss !== null ? muted(` · validation loss ${metric(last.validLoss)}`) : null,
      );
    } else fill(progress);
  }

  function renderEvents() {
    const shown = events.filter((e) => showSteps || e.point === null);
    const newest = shown.slice(-MAX_LISTED).reverse();
    fill(
      eventList,
      newest.map((event) =>
        h(
          'li',
          { 'data-event-id': event.id, class: `level-${event.level}` },
          h(
            'time',
            { datetime: new Date(event.createdAt * 1000).toISOString() },
            time(event.createdAt),
          ),
          h('span', { class: `level ${event.level}` }, event.level),
          h('span', { class: 'message' }, event.message),
        ),
      ),
    );
    eventCount.textContent = `(${count(events.length)}${shown.length > MAX_LISTED ? `, newest ${MAX_LISTED} listed` : ''})`;
    renderTimeline();
  }

  function renderTimeline() {
    if (!detail) return;
    const job = detail.job;
    const steps = events.filter((e) => e.point !== null);
    const items = [['Created', job.createdAt]];
    if (events[0]) items.push(['First event', events[0].createdAt]);
    const firstStep = steps[0];
    if (firstStep) items.push(['First training step', firstStep.createdAt]);
    const lastStep = steps.at(-1);
    if (lastStep?.point && lastStep !== firstStep) {
      items.push([
        `${job.terminal ? 'Last' : 'Latest'} step (${lastStep.point.step}${lastStep.point.totalSteps ? ` of ${lastStep.point.totalSteps}` : ''})`,
        lastStep.createdAt,
      ]);
    }
    if (job.finishedAt) items.push([`Finished: ${job.status}`, job.finishedAt]);
    else if (job.estimatedFinish) items.push(['Expected to finish', job.estimatedFinish]);
    fill(
      timeline,
      items.map(([label, at]) =>
        h(
          'li',
          {},
          h('span', { class: 'when' }, dateTime(/** @type {number} */ (at))),
          ' ',
          String(label),
        ),
      ),
      job.terminal ? null : h('li', { class: 'now' }, statusBadge(job.status), ' now'),
    );
  }

  /** @param {JobDetail} next */
  function renderDetail(next) {
    detail = next;
    const job = next.job;
    title.textContent = job.suffix ?? job.id;
    fill(badge, statusBadge(job.status));
    fill(
      facts,
      fact('Job', code(job.id)),
      fact('Base model', h('span', {}, job.model, ' ', lifecycleMark(job.lifecycle))),
      fact('Status', statusBadge(job.status)),
      fact('Fine-tuned model', job.fineTunedModel ? code(job.fineTunedModel) : null),
      fact('Method', job.method),
      fact('Created', dateTime(job.createdAt)),
      fact(
        job.finishedAt ? 'Finished' : 'Expected to finish',
        dateTime(job.finishedAt ?? job.estimatedFinish),
      ),
      fact('Duration', duration(job.durationS)),
      fact('Trained tokens', count(job.trainedTokens)),
      fact('Cost', h('span', {}, costText(job.cost), h('span', { class: 'sub' }, job.cost.note))),
      fact('Seed', next.seed === null ? null : String(next.seed)),
    );
    const notes = [];
    if (next.failure) {
      notes.push(
        h(
          'div',
          { class: 'panel error', role: 'alert', id: 'failure' },
          h(
            'strong',
            {},
            'The job failed',
            next.failure.code ? ': ' : '',
            next.failure.code ? code(next.failure.code) : null,
          ),
          next.failure.message ? h('p', {}, next.failure.message) : null,
          next.failure.param ? h('p', {}, 'About: ', code(next.failure.param)) : null,
          h('p', { class: 'hint' }, 'What to do: ', next.failure.advice),
        ),
      );
    }
    if (job.lifecycle?.warn)
      notes.push(
        h(
          'div',
          { class: 'panel warn', id: 'lifecycle' },
          h('strong', {}, 'Base model lifecycle: '),
          job.lifecycle.message,
        ),
      );
    fill(notices, notes);
    renderActions(next.actions);
    const hp = Object.entries(job.hyperparameters);
    fill(
      hyper,
      hp.length === 0
        ? muted('Not known yet.')
        : h(
            'table',
            { class: 'kv' },
            h(
              'tbody',
              {},
              hp.map(([k, v]) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, k.replace(/_/g, ' ')),
                  h('td', { class: 'n' }, String(v)),
                ),
              ),
            ),
          ),
    );
    fill(
      checkpoints,
      next.checkpointsError ? errorPanel(next.checkpointsError) : null,
      next.checkpoints === null
        ? muted('This provider does not list checkpoints.')
        : next.checkpoints.length === 0
          ? muted('No checkpoints yet: they appear at the end of the last epochs.')
          : h(
              'table',
              { id: 'checkpoints-table' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  [
                    'Step',
                    'Model',
                    'Training loss',
                    'Validation loss',
                    'Training accuracy',
                    'Validation accuracy',
                  ].map((t) => h('th', { scope: 'col' }, t)),
                ),
              ),
              h(
                'tbody',
                {},
                next.checkpoints.map((c) =>
                  h(
                    'tr',
                    {},
                    h('td', { class: 'n' }, String(c.step)),
                    h('td', { class: 'model' }, code(c.model)),
                    [c.trainLoss, c.validLoss, c.trainAccuracy, c.validAccuracy].map((v) =>
                      h('td', { class: 'n' }, metric(v)),
                    ),
                  ),
                ),
              ),
            ),
    );
    fill(
      files,
      h(
        'table',
        { id: 'files-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Role', 'File', 'Size', ''].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          next.files.map((f) =>
            h(
              'tr',
              {},
              h('td', {}, f.role),
              h(
                'td',
                {},
                f.filename ?? muted('(no longer available)'),
                h('div', { class: 'sub' }, f.id),
              ),
              h('td', { class: 'n' }, size(f.bytes)),
              h(
                'td',
                {},
                f.missing
                  ? null
                  : h(
                      'a',
                      {
                        href: `api/files/${encodeURIComponent(f.id)}/content`,
                        download: f.filename ?? f.id,
                      },
                      'Download',
                    ),
              ),
            ),
          ),
        ),
      ),
    );
    renderTimeline();
  }

  /** @param {JobDetail['actions']} available */
  function renderActions(available) {
    /** @type {string[]} */
    const reasons = [];
    const buttons = /** @type {Array<'cancel' | 'pause' | 'resume'>} */ ([
      'pause',
      'resume',
      'cancel',
    ]).map((name) => {
      const text = ACTION_TEXT[name];
      const state = available[name];
      const button = h(
        'button',
        {
          type: 'button',
          class: `button${name === 'cancel' ? ' danger' : ''}`,
          id: `action-${name}`,
          disabled: !state.available,
          title: state.reason ?? '',
          'aria-describedby': state.available ? null : 'action-note',
        },
        text.label,
      );
      if (!state.available && state.reason?.includes('does not offer'))
        reasons.push(`${text.label}: ${state.reason}`);
      button.addEventListener('click', () => act(name));
      return button;
    });
    fill(actions, buttons);
    actionNote.textContent = reasons.join(' ');
  }

  /** @param {'cancel' | 'pause' | 'resume'} name */
  async function act(name) {
    const text = ACTION_TEXT[name];
    const yes = await confirmAction({
      title: text.title,
      body: text.body,
      confirm: text.confirm,
      keep: text.keep,
      danger: text.danger,
    });
    if (!yes) return;
    try {
      await postJson(`${base}/${name}`, {});
      await reload();
      context.toast(`${text.label}: done.`);
    } catch (error) {
      fill(
        notices,
        errorPanel(error instanceof ServerError ? error.detail : null, `${text.label} failed.`),
      );
    }
  }

  let reloading = false;
  let again = false;
  async function reload() {
    if (reloading) {
      again = true;
      return;
    }
    reloading = true;
    try {
      renderDetail(await getJson(base));
    } catch (error) {
      if (!detail)
        fill(
          notices,
          errorPanel(
            error instanceof ServerError ? error.detail : null,
            'The job could not be loaded.',
          ),
        );
    } finally {
      reloading = false;
      if (again && !stopped) {
        again = false;
        void reload();
      }
    }
  }

  async function loadResultFile() {
    try {
      const result = await getJson(`${base}/metrics`);
      if (stopped || !result.points?.length) return;
      points.clear();
      for (const point of result.points) points.set(point.step, point);
      fromResultFile = true;
      renderCurves();
    } catch {
      // The curves drawn from the events stay.
    }
  }

  let frame = 0;
  const scheduleRender = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (!fromResultFile) renderCurves();
      renderEvents();
    });
  };

  void reload();
  renderCurves();
  const close = context.hub.onJob(jobId, (name, message) => {
    if (name === 'event') {
      events.push(message.event);
      if (message.event.point && !fromResultFile) {
        points.set(message.event.point.step, message.event.point);
      }
      scheduleRender();
    } else if (name === 'job') {
      void reload();
    } else if (name === 'end') {
      ended = true;
      scheduleRender();
      void reload().then(loadResultFile);
    } else if (name === 'failure') {
      fill(eventsError, errorPanel(message.error, 'Following the job stopped.'));
    }
  });

  return () => {
    stopped = true;
    cancelAnimationFrame(frame);
    close();
  };
}
