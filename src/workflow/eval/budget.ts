import { TuneKitError } from '../../core/errors/tunekit-error.ts';
import { picoFromUsd, usdFromPico } from '../../data/money.ts';

/** Why an evaluation stopped before sending everything. */
export type BudgetLimit = 'requests' | 'cost';

/**
 * The next request would go past the request budget or the cost cap; it was not sent.
 *
 * @example
 * const report = await runEval(client, { ...options, maxCostUsd: '0.50' }); // stops, does not throw
 * if (report.run.stoppedBy === 'cost') console.log(report.run.stopReason); // this error's message
 */
export class BudgetExhaustedError extends TuneKitError {
  override name = 'BudgetExhaustedError';
  readonly limit: BudgetLimit;

  constructor(limit: BudgetLimit, message: string) {
    super(message);
    this.limit = limit;
  }
}

/** A request's claim on the budget, settled with what it cost once it is answered. */
export interface Reservation {
  /** The request was answered (or failed): replace the worst case by what it cost. */
  settle(costPico: bigint | null): void;
}

/**
 * The request budget and cost cap of one evaluation run. A request is sent only once it has
 * reserved its worst-case cost (its prompt, counted, plus the most output it may produce): with
 * the reservations of the requests in flight, spending can never pass the cap, so the run stops
 * *before* exceeding it, not after.
 */
export class Budget {
  readonly maxRequests: number | undefined;
  readonly maxCostPico: bigint | undefined;
  #requests = 0;
  #spent = 0n;
  #reserved = 0n;
  #exhausted: BudgetExhaustedError | undefined;

  constructor(limits: { maxRequests?: number | undefined; maxCostUsd?: string | undefined }) {
    this.maxRequests = limits.maxRequests;
    this.maxCostPico = limits.maxCostUsd === undefined ? undefined : picoFromUsd(limits.maxCostUsd);
  }

  /** Requests sent so far. */
  get requests(): number {
    return this.#requests;
  }

  /** Dollars spent so far (settled requests), exactly. */
  get spentPico(): bigint {
    return this.#spent;
  }

  /** Why the budget refused a request, once it has. */
  get exhausted(): BudgetExhaustedError | undefined {
    return this.#exhausted;
  }

  /**
   * Claims one request of at most `worstCasePico` (null: unknown price, allowed only without
   * a cost cap). Throws {@link BudgetExhaustedError} — and keeps refusing from then on — when
   * the request would pass a limit.
   */
  reserve(worstCasePico: bigint | null): Reservation {
    if (this.#exhausted) throw this.#exhausted;
    if (this.maxRequests !== undefined && this.#requests >= this.maxRequests) {
      this.#exhausted = new BudgetExhaustedError(
        'requests',
        `the request budget of ${this.maxRequests} is used up`,
      );
      throw this.#exhausted;
    }
    const claim = worstCasePico ?? 0n;
    if (this.maxCostPico !== undefined) {
      if (worstCasePico === null) throw new TypeError('a cost cap needs a price for every request');
      if (this.#spent + this.#reserved + claim > this.maxCostPico) {
        this.#exhausted = new BudgetExhaustedError(
          'cost',
          `the next request could cost up to $${usdFromPico(claim)}, which would pass the cost cap of $${usdFromPico(this.maxCostPico)} ($${usdFromPico(this.#spent)} spent, $${usdFromPico(this.#reserved)} reserved by requests in flight)`,
        );
        throw this.#exhausted;
      }
    }
    this.#requests++;
    this.#reserved += claim;
    let settled = false;
    return {
      settle: (costPico) => {
        if (settled) return;
        settled = true;
        this.#reserved -= claim;
        // An unanswered request costs nothing; an answered one what its usage says.
        this.#spent += costPico ?? 0n;
      },
    };
  }
}
