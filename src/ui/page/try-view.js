// @ts-check
/** Try the model: the fine-tuned model and its base answer the same question, side by side. */
import { postStream, ServerError } from './api.js';
import { fill, h } from './dom.js';
import { count } from './format.js';
import { errorPanel, muted } from './parts.js';

/** @typedef {import('./app.js').Context} Context */

/** What was last typed, kept while the page is open. */
const draft = { job: '', tuned: '', base: '', system: '', question: '' };

/** Answer tokens per model and question, at most: bounds what one question costs. */
const MAX_TOKENS = 512;

/**
 * @param {string} label
 * @param {string} id
 */
function pane(label, id) {
  const model = h('code', {});
  const answer = h('div', { class: 'answer', 'aria-live': 'polite' });
  const stats = h('p', { class: 'muted stats' });
  const element = h(
    'section',
    { class: 'pane', id },
    h('h2', {}, label, ' ', model),
    answer,
    stats,
  );
  return { element, model, answer, stats };
}

/**
 * @param {HTMLElement} root
 * @param {Context} context
 * @returns {() => void}
 */
export function mountTry(root, context) {
  const { store, session } = context;
  const jobSelect = h('select', { id: 'try-job' });
  const tuned = h('input', {
    id: 'try-tuned',
    type: 'text',
    value: draft.tuned,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const baseModel = h('input', {
    id: 'try-base',
    type: 'text',
    value: draft.base,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const system = h(
    'textarea',
    {
      id: 'try-system',
      rows: 2,
      placeholder: 'Optional system message, e.g. the one the model was trained with',
    },
    draft.system,
  );
  const question = h(
    'textarea',
    {
      id: 'try-question',
      rows: 3,
      required: true,
      placeholder: 'Ask both models the same question (Ctrl+Enter sends)',
    },
    draft.question,
  );
  const send = h('button', { type: 'submit', class: 'button primary', id: 'try-send' }, 'Ask both');
  const left = pane('Fine-tuned', 'answer-tuned');
  const right = pane('Base', 'answer-base');
  const note = h('p', { class: 'muted' });
  /** @type {AbortController | undefined} */
  let running;

  const fillJobs = () => {
    const done = store.list().filter((row) => row.fineTunedModel);
    const wanted = ['', ...done.map((row) => row.id)];
    if ([...jobSelect.options].map((o) => o.value).join() !== wanted.join()) {
      fill(
        jobSelect,
        h(
          'option',
          { value: '' },
          done.length === 0
            ? 'No fine-tuned model yet — type names below'
            : 'Pick a fine-tuned job…',
        ),
        done.map((row) =>
          h('option', { value: row.id }, `${row.suffix ?? row.id} — ${row.fineTunedModel}`),
        ),
      );
      jobSelect.value = draft.job;
    }
    if (!tuned.value && done[0]?.fineTunedModel) {
      jobSelect.value = done[0].id;
      draft.job = done[0].id;
      tuned.value = done[0].fineTunedModel;
      baseModel.value = done[0].model;
    }
  };

  jobSelect.addEventListener('change', () => {
    draft.job = jobSelect.value;
    const row = store.rows.get(jobSelect.value);
    if (row?.fineTunedModel) {
      tuned.value = row.fineTunedModel;
      baseModel.value = row.model;
    }
  });

  /**
   * @param {ReturnType<typeof pane>} target
   * @param {string} model
   * @param {Array<{ role: string, content: string }>} messages
   * @param {AbortSignal} signal
   */
  const askOne = async (target, model, messages, signal) => {
    target.model.textContent = model;
    fill(target.answer, muted('…'));
    target.stats.textContent = '';
    let text = '';
    try {
      await postStream(
        'api/chat',
        { model, messages, maxTokens: MAX_TOKENS },
        (name, data) => {
          if (name === 'delta') {
            text += data.text;
            target.answer.textContent = text;
          } else if (name === 'done') {
            if (!text) fill(target.answer, muted('(empty answer)'));
            target.stats.textContent = `${count(data.promptTokens)} tokens in · ${count(data.completionTokens)} out · ${data.usd === null ? 'cost unknown' : `$${data.usd}`} · ${(data.ms / 1000).toFixed(1)} s`;
            target.stats.title = data.note;
          } else if (name === 'failure') {
            fill(target.answer, errorPanel(data.error));
          }
        },
        signal,
      );
    } catch (error) {
      if (signal.aborted) return;
      fill(
        target.answer,
        errorPanel(
          error instanceof ServerError
            ? error.detail
            : { title: 'The request failed', message: String(error) },
        ),
      );
    }
  };

  const form = h(
    'form',
    { class: 'try-form' },
    h('label', { for: 'try-job' }, 'Job'),
    jobSelect,
    h(
      'div',
      { class: 'two' },
      h('div', {}, h('label', { for: 'try-tuned' }, 'Fine-tuned model'), tuned),
      h('div', {}, h('label', { for: 'try-base' }, 'Base model'), baseModel),
    ),
    h('label', { for: 'try-system' }, 'System message'),
    system,
    h('label', { for: 'try-question' }, 'Question'),
    question,
    h('div', { class: 'form-end' }, send, note),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    Object.assign(draft, {
      tuned: tuned.value,
      base: baseModel.value,
      system: system.value,
      question: question.value,
    });
    if (!question.value.trim() || !tuned.value.trim() || !baseModel.value.trim()) {
      note.textContent = 'Give both model names and a question.';
      return;
    }
    note.textContent = '';
    running?.abort();
    running = new AbortController();
    const messages = [
      ...(system.value.trim() ? [{ role: 'system', content: system.value }] : []),
      { role: 'user', content: question.value },
    ];
    const signal = running.signal;
    send.disabled = true;
    Promise.all([
      askOne(left, tuned.value.trim(), messages, signal),
      askOne(right, baseModel.value.trim(), messages, signal),
    ]).finally(() => {
      send.disabled = false;
    });
  });
  question.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });

  const noChat = session.features['chat.completions'] === false;
  fill(
    root,
    h('div', { class: 'page-head' }, h('h1', {}, 'Try the model')),
    noChat
      ? h(
          'div',
          { class: 'panel warn' },
          `${session.provider?.label ?? 'This provider'} does not offer chat completions here: questions will be refused.`,
        )
      : null,
    h(
      'p',
      { class: 'muted' },
      session.fake
        ? 'On the fake API: answers cost nothing (the fine-tuned model answers from its training data).'
        : `Each question is two paid requests (at most ${MAX_TOKENS} answer tokens each), priced from tunekit's catalog.`,
    ),
    form,
    h('div', { class: 'panes' }, left.element, right.element),
  );
  fillJobs();
  const unsubscribe = store.subscribe(fillJobs);
  return () => {
    unsubscribe();
    running?.abort();
  };
}
