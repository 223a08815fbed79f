// @ts-check
/** A modal confirmation: a native <dialog> (focus kept inside, Escape answers no). */
import { h } from './dom.js';

/**
 * Asks the user; resolves true only when they press the confirming button.
 * @param {{ title: string, body: string, confirm: string, keep: string, danger?: boolean }} question
 * @returns {Promise<boolean>}
 */
export function confirmAction(question) {
  return new Promise((resolve) => {
    const keep = h(
      'button',
      { type: 'button', class: 'button', 'data-answer': 'keep' },
      question.keep,
    );
    const yes = h(
      'button',
      {
        type: 'button',
        class: `button ${question.danger ? 'danger' : 'primary'}`,
        'data-answer': 'confirm',
      },
      question.confirm,
    );
    const dialog = h(
      'dialog',
      { class: 'confirm', 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title' }, question.title),
      h('p', {}, question.body),
      h('div', { class: 'dialog-buttons' }, keep, yes),
    );
    let answer = false;
    keep.addEventListener('click', () => dialog.close());
    yes.addEventListener('click', () => {
      answer = true;
      dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    // The safe answer has the focus: Enter does not cancel a job by accident.
    keep.focus();
  });
}
