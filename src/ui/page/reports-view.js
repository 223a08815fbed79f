// @ts-check
/** Evaluation reports (`tunekit eval --html`) in the reports folder. */
import { getJson, ServerError } from './api.js';
import { fill, h } from './dom.js';
import { size } from './format.js';
import { code, emptyState, errorPanel } from './parts.js';

/** @typedef {import('./app.js').Context} Context */

/**
 * @param {HTMLElement} root
 * @param {Context} _context
 * @returns {() => void}
 */
export function mountReports(root, _context) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Looking for reports…'));
  fill(root, h('div', { class: 'page-head' }, h('h1', {}, 'Evaluation reports')), body);
  let stopped = false;
  getJson('api/reports')
    .then(
      (
        /** @type {{ dir: string | null, reports: Array<{ name: string, title: string, bytes: number, modifiedAt: number }> }} */ data,
      ) => {
        if (stopped) return;
        if (data.reports.length === 0) {
          fill(
            body,
            emptyState(
              'No evaluation reports here',
              'tunekit ui lists the HTML reports of ',
              code('tunekit eval --html report.html …'),
              ` found in ${data.dir ?? 'the reports folder'}. Make one there, or start tunekit ui with `,
              code('--reports <folder>'),
              '.',
            ),
          );
          return;
        }
        fill(
          body,
          h('p', { class: 'muted' }, `In ${data.dir}. Each opens in a new tab.`),
          h(
            'table',
            { id: 'reports-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Report', 'File', 'Modified', 'Size'].map((t) => h('th', { scope: 'col' }, t)),
              ),
            ),
            h(
              'tbody',
              {},
              data.reports.map((report) =>
                h(
                  'tr',
                  {},
                  h(
                    'td',
                    {},
                    h(
                      'a',
                      {
                        href: `reports/${encodeURIComponent(report.name)}`,
                        target: '_blank',
                        rel: 'noopener',
                      },
                      report.title,
                    ),
                  ),
                  h('td', {}, code(report.name)),
                  h('td', { class: 'n' }, new Date(report.modifiedAt).toLocaleString('en-GB')),
                  h('td', { class: 'n' }, size(report.bytes)),
                ),
              ),
            ),
          ),
        );
      },
    )
    .catch((error) => {
      if (!stopped)
        fill(
          body,
          errorPanel(
            error instanceof ServerError ? error.detail : null,
            'The reports could not be listed.',
          ),
        );
    });
  return () => {
    stopped = true;
  };
}
