// @ts-check
/**
 * The job list, kept live by one event stream for the whole page: every view reads it, none
 * asks the server for the list itself.
 */

/**
 * @typedef {object} JobRow
 * @property {string} id
 * @property {string} status
 * @property {boolean} terminal
 * @property {string} model
 * @property {string | null} fineTunedModel
 * @property {string | null} method
 * @property {string | null} suffix
 * @property {number} createdAt
 * @property {number | null} finishedAt
 * @property {number | null} estimatedFinish
 * @property {number | null} durationS
 * @property {number | null} trainedTokens
 * @property {{ usd: string | null, basis: string, tokens: number | null, note: string }} cost
 * @property {{ status: string, warn: boolean, message: string } | null} lifecycle
 * @property {Record<string, string | number | boolean>} hyperparameters
 * @property {{ code: string | null, message: string | null, param: string | null } | null} error
 * @property {string} trainingFile
 * @property {string | null} validationFile
 */

/**
 * @typedef {object} PageError
 * @property {string} kind
 * @property {string} title
 * @property {string} message
 * @property {string | null} hint
 */

export class JobsStore {
  constructor() {
    /** @type {Map<string, JobRow>} */
    this.rows = new Map();
    this.loaded = false;
    this.truncated = false;
    /** @type {PageError | null} */
    this.error = null;
    /** Whether the stream to the server is up. */
    this.connected = false;
    /** When the list was last confirmed, by the page's clock (ms). */
    this.updatedAt = 0;
    /** @type {Set<() => void>} */
    this.listeners = new Set();
    /** @type {(() => void) | undefined} */
    this.stop = undefined;
  }

  /**
   * Follows the list on the tab's stream (once).
   * @param {import('./hub.js').Hub} hub
   */
  start(hub) {
    if (this.stop) return;
    this.stop = hub.onList((name, data) => {
      if (name === 'snapshot') {
        this.rows = new Map(data.jobs.map((/** @type {JobRow} */ row) => [row.id, row]));
        this.#apply(data.truncated, data.error);
      } else if (name === 'update') {
        for (const row of data.changed) this.rows.set(row.id, row);
        for (const id of data.removed) this.rows.delete(id);
        this.#apply(data.truncated, data.error);
      } else if (name === 'problem') {
        this.#apply(false, data.error);
      }
    });
    hub.onState((state) => {
      this.connected = state === 'open';
      this.#notify();
    });
  }

  /**
   * @param {boolean} truncated
   * @param {PageError | null} error
   */
  #apply(truncated, error) {
    this.loaded = true;
    this.truncated = truncated;
    this.error = error;
    this.connected = true;
    this.updatedAt = Date.now();
    this.#notify();
  }

  #notify() {
    for (const listener of this.listeners) listener();
  }

  /** Jobs newest first (stable: jobs of the same second keep the server's order). */
  list() {
    return [...this.rows.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  /**
   * @param {() => void} listener
   * @returns {() => void}
   */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
