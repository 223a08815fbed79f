// @ts-check
/**
 * The tab's one event stream. Browsers give a site six connections for all its tabs together,
 * so each tab holds at most one, carrying everything its view shows: the job list and the
 * events of the jobs on screen. The stream is reopened when that set changes (each job resumed
 * from where the tab was) and closed while the tab is hidden, so background tabs hold none.
 */

/** @typedef {(name: string, data: any) => void} JobListener */

const LIST_EVENTS = ['snapshot', 'update', 'problem'];
const JOB_EVENTS = ['event', 'job', 'end', 'failure'];

export class Hub {
  constructor() {
    /** @type {Set<(name: string, data: any) => void>} */
    this.listListeners = new Set();
    /** @type {Map<string, { listeners: Set<JobListener>, seq: number, ended: boolean }>} */
    this.jobs = new Map();
    /** @type {Set<(state: 'open' | 'lost') => void>} */
    this.stateListeners = new Set();
    /** @type {EventSource | null} */
    this.source = null;
    this.pending = false;
    document.addEventListener('visibilitychange', () => this.#schedule());
  }

  /**
   * Listens to the job list's messages (`snapshot`, `update`, `problem`).
   * @param {(name: string, data: any) => void} listener
   * @returns {() => void}
   */
  onList(listener) {
    this.listListeners.add(listener);
    this.#schedule();
    return () => {
      this.listListeners.delete(listener);
      this.#schedule();
    };
  }

  /**
   * Listens to one job's messages (`event`, `job`, `end`, `failure`), from its first event.
   * @param {string} jobId
   * @param {JobListener} listener
   * @returns {() => void}
   */
  onJob(jobId, listener) {
    let entry = this.jobs.get(jobId);
    if (!entry) {
      entry = { listeners: new Set(), seq: 0, ended: false };
      this.jobs.set(jobId, entry);
    }
    entry.listeners.add(listener);
    this.#schedule();
    return () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size === 0) this.jobs.delete(jobId);
      this.#schedule();
    };
  }

  /**
   * @param {(state: 'open' | 'lost') => void} listener
   */
  onState(listener) {
    this.stateListeners.add(listener);
  }

  /** Reopens once after the changes of this turn (a view subscribes to several things at once). */
  #schedule() {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      this.#open();
    });
  }

  #open() {
    this.source?.close();
    this.source = null;
    const jobs = [...this.jobs].filter(([, entry]) => !entry.ended);
    if (
      document.visibilityState === 'hidden' ||
      (this.listListeners.size === 0 && jobs.length === 0)
    )
      return;
    const query = new URLSearchParams();
    if (this.listListeners.size > 0) query.set('list', '1');
    for (const [id] of jobs) query.append('job', id);
    query.set('after', jobs.map(([id, entry]) => `${id}:${entry.seq}`).join(' '));
    const source = new EventSource(`api/events?${query}`);
    this.source = source;
    for (const name of LIST_EVENTS) {
      source.addEventListener(name, (event) => {
        const data = JSON.parse(/** @type {MessageEvent} */ (event).data);
        for (const listener of this.listListeners) listener(name, data);
      });
    }
    for (const name of JOB_EVENTS) {
      source.addEventListener(name, (event) => {
        const data = JSON.parse(/** @type {MessageEvent} */ (event).data);
        const entry = this.jobs.get(data.jobId);
        if (!entry) return;
        if (name === 'event') entry.seq = data.seq;
        if (name === 'end') entry.ended = true;
        for (const listener of entry.listeners) listener(name, data);
      });
    }
    source.addEventListener('open', () => {
      for (const listener of this.stateListeners) listener('open');
    });
    source.addEventListener('error', () => {
      for (const listener of this.stateListeners) listener('lost');
    });
  }
}
