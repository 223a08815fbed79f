import type { TuneKit } from '../../client.ts';

/** The part of a base model's lifecycle the page shows. */
export interface LifecycleView {
  /** `active`, `retiring`, `training-closed`, `shut-down` or `unknown`. */
  status: string;
  /** Whether the page should warn: retiring, closed to training, or shut down. */
  warn: boolean;
  message: string;
  shutdownDate: string | null;
  daysLeft: number | null;
}

/**
 * Lifecycles of base models, each looked up once (`client.models.lifecycle`) in the
 * background; `onUpdate` is called when one arrives. A lookup that fails counts as unknown.
 */
export class Lifecycles {
  readonly #client: TuneKit;
  readonly #onUpdate: () => void;
  readonly #known = new Map<string, LifecycleView | null>();

  constructor(client: TuneKit, onUpdate: () => void) {
    this.#client = client;
    this.#onUpdate = onUpdate;
  }

  /**
   * What is known of a model's lifecycle now; null until looked up (or when nothing is known).
   *
   * @example
   * lifecycles.of('gpt-4o-mini-2024-07-18')?.warn;
   */
  of(model: string): LifecycleView | null {
    if (!this.#known.has(model)) {
      this.#known.set(model, null);
      this.#client.models.lifecycle(model).then(
        (life) => {
          this.#known.set(model, {
            status: life.status,
            warn: life.needsConfirmation,
            message: life.message,
            shutdownDate: life.shutdownDate,
            daysLeft: life.daysLeft,
          });
          this.#onUpdate();
        },
        () => undefined,
      );
    }
    return this.#known.get(model) ?? null;
  }
}
