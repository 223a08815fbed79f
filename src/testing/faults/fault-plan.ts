import type { Route } from '../http/router.ts';
import type { FaultHandle, FaultSpec } from './fault.ts';

interface ActiveFault {
  spec: FaultSpec;
  skip: number;
  remaining: number;
  hits: number;
}

/** Whether a fault's `route` selects this route. */
function selects(spec: FaultSpec, route: Route): boolean {
  const wanted = spec.route ?? '*';
  return wanted === '*' || wanted === route.name || wanted === `${route.method} ${route.path}`;
}

function check(spec: FaultSpec, routes: readonly Route[]): void {
  const wanted = spec.route ?? '*';
  if (wanted !== '*' && !routes.some((route) => selects(spec, route))) {
    const names = routes.map((route) => route.name).join(', ');
    throw new TypeError(
      `fake.inject(): unknown route ${JSON.stringify(wanted)}. Routes: ${names}.`,
    );
  }
  const does =
    spec.status !== undefined ||
    spec.delayMs !== undefined ||
    Boolean(spec.dropConnection) ||
    Boolean(spec.truncateStream);
  if (!does) {
    throw new TypeError(
      'fake.inject(): say what should go wrong: status, delayMs, dropConnection or truncateStream.',
    );
  }
  if (
    spec.status !== undefined &&
    !(Number.isInteger(spec.status) && spec.status >= 400 && spec.status <= 599)
  ) {
    throw new TypeError(`fake.inject(): status ${spec.status} is not an error status (400–599).`);
  }
  const times = spec.times ?? 1;
  if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times >= 1))) {
    throw new TypeError(
      `fake.inject(): times must be a whole number ≥ 1 or Infinity, got ${times}.`,
    );
  }
}

/** The injected faults, matched against requests in the order they were injected. */
export class FaultPlan {
  readonly #routes: readonly Route[];
  #faults: ActiveFault[] = [];

  constructor(routes: readonly Route[]) {
    this.#routes = routes;
  }

  add(spec: FaultSpec): FaultHandle {
    check(spec, this.#routes);
    const fault: ActiveFault = {
      spec: { ...spec },
      skip: spec.skip ?? 0,
      remaining: spec.times ?? 1,
      hits: 0,
    };
    this.#faults.push(fault);
    const faults = () => this.#faults;
    return {
      get hits() {
        return fault.hits;
      },
      get remaining() {
        return fault.remaining;
      },
      remove: () => {
        fault.remaining = 0;
        this.#faults = faults().filter((f) => f !== fault);
      },
    };
  }

  /** The fault this request meets, if any; counts it. */
  take(route: Route): FaultSpec | undefined {
    for (const fault of this.#faults) {
      if (fault.remaining <= 0 || !selects(fault.spec, route)) continue;
      if (fault.skip > 0) {
        fault.skip -= 1;
        continue;
      }
      fault.remaining -= 1;
      fault.hits += 1;
      if (fault.remaining <= 0) this.#faults = this.#faults.filter((f) => f !== fault);
      return fault.spec;
    }
    return undefined;
  }

  clear(): void {
    this.#faults = [];
  }
}
