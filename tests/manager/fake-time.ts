/** A manual clock with timers, so tests step through backoff, timeouts and periods without waiting. */
export class FakeTime {
  now = 0;
  #timers = new Map<number, { at: number; callback: () => void }>();
  #next = 1;

  readonly timers = {
    setTimeout: (callback: () => void, ms: number): unknown => {
      const id = this.#next++;
      this.#timers.set(id, { at: this.now + ms, callback });
      return id;
    },
    clearTimeout: (handle: unknown): void => {
      this.#timers.delete(handle as number);
    },
  };

  readonly clock = (): number => this.now;

  /** Timers that have not fired yet. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves the clock forward, firing due timers in order and letting the promises they settle run. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      await settle();
      const due = [...this.#timers].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = end;
    await settle();
  }
}

/** Lets every queued promise callback run (a macrotask turn drains the microtask queue). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A promise with its resolve and reject, to control when a task's work ends. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Resolves when the signal aborts, rejecting with its reason as well-behaved work does. */
export const untilAborted = (signal: AbortSignal): Promise<never> =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
