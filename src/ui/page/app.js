// @ts-check
/** The dashboard's page: header, routing between views, theme, notices. */
import { getJson } from './api.js';
import { mountCompare } from './compare-view.js';
import { fill, h } from './dom.js';
import { Hub } from './hub.js';
import { mountJob } from './job-view.js';
import { JobsStore } from './jobs-store.js';
import { mountJobs } from './jobs-view.js';
import { errorPanel } from './parts.js';
import { mountReports } from './reports-view.js';
import { mountTry } from './try-view.js';

/**
 * @typedef {object} Session
 * @property {string} version
 * @property {boolean} fake
 * @property {{ name: string, label: string, baseURL: string } | null} provider
 * @property {Record<string, boolean>} features
 * @property {import('./jobs-store.js').PageError | null} problem
 * @property {string | null} reports
 */

/**
 * @typedef {object} Context
 * @property {JobsStore} store
 * @property {Hub} hub
 * @property {Session} session
 * @property {(text: string) => void} toast
 */

const THEMES = ['auto', 'light', 'dark'];

function applyTheme(/** @type {string} */ theme) {
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  const button = document.getElementById('theme');
  if (button) button.textContent = `Theme: ${theme}`;
}

function setUpTheme() {
  let theme = localStorage.getItem('tunekit-ui-theme') ?? 'auto';
  if (!THEMES.includes(theme)) theme = 'auto';
  applyTheme(theme);
  document.getElementById('theme')?.addEventListener('click', () => {
    theme = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length] ?? 'auto';
    localStorage.setItem('tunekit-ui-theme', theme);
    applyTheme(theme);
  });
}

/** @param {string} text */
function toast(text) {
  const region = document.getElementById('toast');
  if (!region) return;
  region.textContent = text;
  region.hidden = false;
  setTimeout(() => {
    if (region.textContent === text) region.hidden = true;
  }, 4000);
}

/**
 * The view of a hash: `#/`, `#/jobs/<id>`, `#/compare?jobs=a,b`, `#/try`, `#/reports`.
 * @param {string} hash
 */
function route(hash) {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  const job = /^\/jobs\/([^/]+)$/.exec(path);
  if (job) return { name: 'job', id: decodeURIComponent(job[1] ?? '') };
  if (path === '' || path === '/' || path === '/jobs') return { name: 'jobs' };
  if (path === '/compare') return { name: 'compare' };
  if (path === '/try') return { name: 'try' };
  if (path === '/reports') return { name: 'reports' };
  return { name: 'missing' };
}

const TITLES = {
  jobs: 'Jobs',
  job: 'Job',
  compare: 'Compare',
  try: 'Try the model',
  reports: 'Reports',
  missing: 'Not found',
};

async function boot() {
  setUpTheme();
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  const status = /** @type {HTMLElement} */ (document.getElementById('connection'));
  const banner = /** @type {HTMLElement} */ (document.getElementById('banner'));
  /** @type {Session} */
  let session;
  try {
    session = await getJson('api/session');
  } catch {
    fill(
      main,
      errorPanel({
        title: 'tunekit ui is not answering',
        message: 'Start it again with tunekit ui and open the address it prints.',
      }),
    );
    return;
  }
  fill(
    status,
    session.fake ? h('span', { class: 'badge warn' }, 'fake API') : null,
    ' ',
    session.provider ? session.provider.label : 'not connected',
  );
  const hub = new Hub();
  const store = new JobsStore();
  if (!session.problem) store.start(hub);
  /** @type {Context} */
  const context = { store, hub, session, toast };

  let lostSince = 0;
  store.subscribe(() => {
    if (store.connected) {
      lostSince = 0;
      banner.hidden = true;
    } else if (!lostSince) {
      lostSince = Date.now();
      setTimeout(() => {
        if (lostSince && !store.connected) {
          fill(
            banner,
            errorPanel({
              title: 'Lost contact with tunekit ui',
              message: 'Is it still running? The page reconnects by itself when it is back.',
            }),
          );
          banner.hidden = false;
        }
      }, 3000);
    }
  });

  /** @type {() => void} */
  let unmount = () => undefined;
  const show = () => {
    unmount();
    const view = route(location.hash);
    for (const link of document.querySelectorAll('nav.main a')) {
      const target = route(link.getAttribute('href') ?? '').name;
      if (target === view.name || (view.name === 'job' && target === 'jobs'))
        link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    document.title = `${TITLES[/** @type {keyof typeof TITLES} */ (view.name)]} — tunekit ui`;
    const needsApi = view.name !== 'reports' && view.name !== 'missing';
    if (session.problem && needsApi) {
      fill(
        main,
        h('h1', {}, TITLES[/** @type {keyof typeof TITLES} */ (view.name)]),
        errorPanel(session.problem),
      );
      unmount = () => undefined;
    } else if (view.name === 'jobs') unmount = mountJobs(main, context);
    else if (view.name === 'job') unmount = mountJob(main, context, view.id ?? '');
    else if (view.name === 'compare') unmount = mountCompare(main, context);
    else if (view.name === 'try') unmount = mountTry(main, context);
    else if (view.name === 'reports') unmount = mountReports(main, context);
    else {
      fill(
        main,
        h('h1', {}, 'Not found'),
        h('p', {}, 'No such page. ', h('a', { href: '#/' }, 'Back to the jobs.')),
      );
      unmount = () => undefined;
    }
    // Screen readers hear the new page; keyboard users continue from its top.
    const heading = main.querySelector('h1');
    if (
      heading &&
      document.activeElement !== document.body &&
      document.activeElement?.closest('nav.main')
    ) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  };
  window.addEventListener('hashchange', show);
  show();
}

void boot();
