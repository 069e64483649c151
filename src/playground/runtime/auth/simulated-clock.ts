/**
 * The playground's clock: real time plus an offset the reader moves forward (sessions age,
 * tokens expire). While installed, `Date` (constructor without arguments, `Date()`, `Date.now()`)
 * reads it, so Auth.js, the ORMs and the reader's code all agree on "now". Dates made from a
 * value are untouched, and `instanceof Date` keeps working (the stand-in is a Proxy of Date).
 */
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds from a number or a duration such as "31d", "2h", "90s". */
export function durationMs(by: number | string): number {
  if (typeof by === 'number') {
    if (!Number.isFinite(by) || by < 0) throw new RangeError(`clock.advance(${by}): give a positive number of milliseconds or a duration such as "31d".`);
    return by;
  }
  const match = DURATION.exec(by.trim());
  if (!match) throw new RangeError(`clock.advance("${by}"): give a duration such as "90s", "15m", "2h", "31d" or "1w".`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

export class SimulatedClock {
  #offset = 0;
  readonly #RealDate: DateConstructor;

  constructor(RealDate: DateConstructor = Date) {
    this.#RealDate = RealDate;
  }

  get offsetMs(): number {
    return this.#offset;
  }

  now(): number {
    return this.#RealDate.now() + this.#offset;
  }

  advance(by: number | string): void {
    this.#offset += durationMs(by);
  }

  reset(): void {
    this.#offset = 0;
  }

  /** Puts the stand-in `Date` on `scope`; returns the undo. */
  install(scope: { Date: DateConstructor } = globalThis): () => void {
    const RealDate = this.#RealDate;
    const clock = this;
    const stand: DateConstructor = new Proxy(RealDate, {
      construct(target, args, newTarget): object {
        return Reflect.construct(target, args.length === 0 ? [clock.now()] : args, newTarget === stand ? target : newTarget);
      },
      apply() {
        return new RealDate(clock.now()).toString();
      },
      get(target, key, receiver) {
        if (key === 'now') return () => clock.now();
        return Reflect.get(target, key, receiver);
      },
    });
    const previous = scope.Date;
    scope.Date = stand;
    return () => {
      scope.Date = previous;
    };
  }
}
