/**
 * Admission as a queue, not a wall: at most `maxInFlight` holders at once; past that, newcomers wait in a
 * bounded FIFO, each until its deadline. The deadline bounds the time to the answer, not only the wait:
 * a newcomer is refused at once only when the queue is full, or when its expected wait (its place in the
 * line times the mean time a slot is held, over the slots) plus one mean hold already passes the
 * deadline; a waiter whose turn comes too late to be answered by its deadline (its likely hold and the
 * margin would pass it), or one still waiting when the deadline comes, is refused then. So a served
 * answer takes the deadline at most, not the deadline and then the query. The clock starts when the
 * request reached the server, not when it asks for a slot: the caller says how long it has been in
 * already. A likely hold is the mean plus four mean deviations, as TCP bounds a round trip (RFC 6298):
 * with the mean alone, a waiter granted near its deadline whose query ran longer than the mean was
 * answered late, and at 1,024 connections one served answer in a hundred took 1.06–1.13 s against a 1 s
 * deadline. Newcomers are judged on the mean: a passing spread of hold times must not turn away clients
 * who would be served in time. Under overload (a newcomer at the end of the line would expect its answer
 * after `lifoAboveMs`) the newest waiter is served first, and newcomers are queued rather than refused at
 * once (adaptive LIFO). Pure logic with no I/O: the clock is Date.now and one timer (for the head of the
 * line, whose deadline is the earliest, or nearly: see enter), so fake timers drive it in tests.
 */

export type RefusalReason = 'queue-full' | 'expected-wait' | 'deadline';

export interface AdmissionCallbacks {
  /** Called once a slot is the caller's; it must call the returned ticket's release() when done. */
  admit(ticket: AdmissionTicket): void;
  /** Called instead of admit when the caller will not get a slot; retryAfterSeconds is at least 1. */
  refuse(reason: RefusalReason, retryAfterSeconds: number): void;
}

export interface AdmissionTicket {
  /** Gives the slot back (idempotent) and records how long it was held. */
  release(): void;
}

export interface AdmissionQueueOptions {
  maxInFlight: number;
  /** Waiters at most; one more is refused at once. */
  maxQueue: number;
  /** The longest a waiter waits, and the longest expected wait a newcomer is queued for. */
  deadlineMs: number;
  /** Weight of the latest hold time in the running mean (0 < alpha ≤ 1). */
  alpha?: number;
  /**
   * Time an answer needs on top of its hold to reach the client (ms), read when a waiter's turn comes: a
   * busy event loop writes an answer that much later than the hold measures. 0 by default.
   */
  margin?: () => number;
  /**
   * Adaptive LIFO, as in Facebook's "Fail at Scale" (ACM Queue 13:8, 2015): while the line is overloaded
   * (a newcomer at its end would expect its answer after this many ms: its expected wait and one mean
   * hold), a freed slot goes to the newest waiter instead, and the oldest are refused when their deadline
   * comes. Unset: first come, first served, always.
   */
  lifoAboveMs?: number;
}

interface Waiter {
  callbacks: AdmissionCallbacks;
  deadline: number;
  gone: boolean;
}

export class AdmissionQueue {
  private inFlightCount = 0;
  private readonly line: Waiter[] = [];
  private head = 0;
  private waitingCount = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;
  /** Running mean of how long a slot is held, in ms; null until one has been released. */
  private meanHoldMs: number | null = null;
  /** Running mean of how far a hold is from meanHoldMs, in ms (0 after the first). */
  private holdDeviationMs = 0;
  private readonly alpha: number;
  /** Serving the newest first (overloaded), until the line is short again. */
  private lifo = false;
  refused = 0;
  refusedQueueFull = 0;
  refusedExpectedWait = 0;
  refusedDeadline = 0;

  private readonly margin: () => number;

  constructor(private readonly options: AdmissionQueueOptions) {
    this.alpha = options.alpha ?? 0.05;
    const margin = options.margin;
    // A reading that is no number of milliseconds (a histogram without a sample gives NaN or Infinity) counts as none.
    this.margin = margin
      ? () => {
          const ms = margin();
          return Number.isFinite(ms) && ms > 0 ? Math.min(ms, options.deadlineMs) : 0;
        }
      : () => 0;
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  get waiting(): number {
    return this.waitingCount;
  }

  get max(): number {
    return this.options.maxInFlight;
  }

  /** The mean time a slot is held so far (ms), null before the first release. */
  get meanHold(): number | null {
    return this.meanHoldMs;
  }

  /** How long a slot is likely held at most (ms): the mean plus four mean deviations; 0 before the first release. */
  get likelyHold(): number {
    return this.meanHoldMs === null ? 0 : this.meanHoldMs + 4 * this.holdDeviationMs;
  }

  /** Expected wait, in ms, of a newcomer who would stand at `position` (0-based) in the line. */
  expectedWaitMs(position: number): number {
    if (this.meanHoldMs === null) return 0;
    return ((position + 1) * this.meanHoldMs) / this.options.maxInFlight;
  }

  /** When a newcomer at the end of the line would expect its answer (ms from now): its expected wait and one mean hold. */
  private newcomerAnswerMs(): number {
    return this.expectedWaitMs(this.waitingCount) + (this.meanHoldMs ?? 0);
  }

  /**
   * Asks for a slot. Admits synchronously when one is free. Returns a function that withdraws the request
   * (a client gone while waiting): afterwards neither callback is called; once admitted, it does nothing.
   * `elapsedMs` is how long the request has been in the server already; its deadline counts from its arrival.
   * Waiters' deadlines are then in line order only nearly (arrivals a few ms apart ask in another order);
   * one that passes its deadline behind the head is refused when its turn comes, or when the head's timer fires.
   */
  enter(callbacks: AdmissionCallbacks, elapsedMs = 0): () => void {
    const elapsed = Number.isFinite(elapsedMs) && elapsedMs > 0 ? elapsedMs : 0;
    if (this.inFlightCount < this.options.maxInFlight && this.waitingCount === 0) {
      this.grant(callbacks);
      return noop;
    }
    if (this.waitingCount >= this.options.maxQueue) {
      this.refuse(callbacks, 'queue-full', this.expectedWaitMs(this.waitingCount));
      return noop;
    }
    // Overloaded, a newcomer is next in line, not last: it is judged when its turn comes, or its deadline.
    if (elapsed + this.newcomerAnswerMs() > this.options.deadlineMs && !this.overloaded()) {
      this.refuse(callbacks, 'expected-wait', this.expectedWaitMs(this.waitingCount));
      return noop;
    }
    const waiter: Waiter = { callbacks, deadline: Date.now() - elapsed + this.options.deadlineMs, gone: false };
    this.line.push(waiter);
    this.waitingCount += 1;
    this.arm();
    return () => {
      if (waiter.gone) return;
      waiter.gone = true;
      this.waitingCount -= 1;
      this.compact();
    };
  }

  private grant(callbacks: AdmissionCallbacks): void {
    this.inFlightCount += 1;
    const started = Date.now();
    let released = false;
    callbacks.admit({
      release: () => {
        if (released) return;
        released = true;
        this.inFlightCount -= 1;
        const held = Date.now() - started;
        if (this.meanHoldMs === null) this.meanHoldMs = held;
        else {
          this.holdDeviationMs += this.alpha * (Math.abs(held - this.meanHoldMs) - this.holdDeviationMs);
          this.meanHoldMs += this.alpha * (held - this.meanHoldMs);
        }
        this.next();
      },
    });
  }

  private refuse(callbacks: AdmissionCallbacks, reason: RefusalReason, expectedWaitMs: number): void {
    this.refused += 1;
    if (reason === 'queue-full') this.refusedQueueFull += 1;
    else if (reason === 'expected-wait') this.refusedExpectedWait += 1;
    else this.refusedDeadline += 1;
    callbacks.refuse(reason, Math.max(1, Math.ceil(expectedWaitMs / 1000)));
  }

  /**
   * Whether the line is overloaded: a newcomer at its end would expect its answer after lifoAboveMs. A FIFO
   * then answers only waiters near their deadline, each about as late as the deadline allows, and refuses
   * newcomers at once, who come straight back; the newest first answers soon those it answers, and refuses
   * the rest when their deadline comes, which is also when a client that retries at once comes back. The
   * test is of the line as it is now, not of its history (the refusals of the last second, say): served
   * newest first, the oldest waiters are refused, and a test of history would keep the line in LIFO by its own
   * refusals, as one did in a probe at 256 connections right after a run at 1,024 (868 refused against none).
   */
  private overloaded(): boolean {
    const above = this.options.lifoAboveMs;
    if (above === undefined) return false;
    const expected = this.newcomerAnswerMs();
    // Hysteresis: in above lifoAboveMs, out below half of it, so that a line near the mark does not flip at every turn.
    if (expected > above) this.lifo = true;
    else if (expected < above / 2) this.lifo = false;
    return this.lifo;
  }

  /** Hands free slots to the head of the line (its tail when overloaded); a waiter who could not be answered by its deadline is refused. */
  private next(): void {
    while (this.inFlightCount < this.options.maxInFlight) {
      const waiter = this.take(this.overloaded() ? 'newest' : 'oldest');
      if (!waiter) break;
      if (Date.now() + this.likelyHold + this.margin() > waiter.deadline) this.refuse(waiter.callbacks, 'deadline', this.meanHoldMs ?? 0);
      else this.grant(waiter.callbacks);
    }
    this.arm();
  }

  /** Takes the first waiter still waiting from the head of the line (the oldest) or from its tail (the newest). */
  private take(from: 'oldest' | 'newest'): Waiter | undefined {
    while (this.head < this.line.length) {
      const waiter = from === 'newest' ? this.line.pop()! : this.line[this.head]!;
      if (from === 'oldest') this.head += 1;
      if (waiter.gone) continue;
      waiter.gone = true;
      this.waitingCount -= 1;
      this.compact();
      return waiter;
    }
    this.compact();
    return undefined;
  }

  /** Drops the served or withdrawn front of the array now and then, so it does not grow without end. */
  private compact(): void {
    if (this.waitingCount === 0) {
      this.line.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.line.length) {
      this.line.splice(0, this.head);
      this.head = 0;
    }
  }

  /** One timer, for the earliest deadline: the first waiter still in the line. */
  private arm(): void {
    let first: Waiter | undefined;
    for (let i = this.head; i < this.line.length; i += 1) {
      if (!this.line[i]!.gone) {
        first = this.line[i];
        break;
      }
      this.head = i + 1;
    }
    if (!first) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    if (this.timer && this.timerAt === first.deadline) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = first.deadline;
    this.timer = setTimeout(() => this.expire(), Math.max(0, first.deadline - Date.now()));
    this.timer.unref?.();
  }

  private expire(): void {
    this.timer = undefined;
    const now = Date.now();
    while (this.head < this.line.length) {
      const waiter = this.line[this.head]!;
      if (!waiter.gone && waiter.deadline > now) break;
      this.head += 1;
      if (waiter.gone) continue;
      waiter.gone = true;
      this.waitingCount -= 1;
      this.refuse(waiter.callbacks, 'deadline', this.expectedWaitMs(this.waitingCount));
    }
    this.compact();
    this.arm();
  }
}

const noop = () => {};
