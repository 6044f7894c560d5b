import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdmissionQueue, type AdmissionTicket, type RefusalReason } from '../../../src/lib/admission-queue.js';

/** A caller that records what happened to it. */
function caller(queue: AdmissionQueue, elapsedMs?: number) {
  const state: { ticket?: AdmissionTicket; refused?: { reason: RefusalReason; retryAfter: number } } = {};
  const withdraw = queue.enter(
    {
      admit: (ticket) => (state.ticket = ticket),
      refuse: (reason, retryAfter) => (state.refused = { reason, retryAfter }),
    },
    elapsedMs,
  );
  return Object.assign(state, { withdraw });
}

/** One slot held `ms` and given back, so that the running mean hold starts there. */
function holdOnce(queue: AdmissionQueue, ms: number) {
  const first = caller(queue);
  vi.advanceTimersByTime(ms);
  first.ticket!.release();
}

describe('AdmissionQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('admits up to maxInFlight at once, queues the rest in FIFO order and hands each freed slot to the head', () => {
    const queue = new AdmissionQueue({ maxInFlight: 2, maxQueue: 10, deadlineMs: 1_000 });
    const [a, b, c, d] = [caller(queue), caller(queue), caller(queue), caller(queue)];
    expect([a.ticket, b.ticket].every(Boolean)).toBe(true);
    expect(c.ticket).toBeUndefined();
    expect(d.ticket).toBeUndefined();
    expect(queue.waiting).toBe(2);

    vi.advanceTimersByTime(100);
    b.ticket!.release();
    expect(c.ticket).toBeDefined();
    expect(d.ticket).toBeUndefined();
    b.ticket!.release(); // twice: no second slot
    expect(d.ticket).toBeUndefined();
    expect(queue.inFlight).toBe(2);
    a.ticket!.release();
    expect(d.ticket).toBeDefined();
    expect(queue.waiting).toBe(0);
    expect(queue.refused).toBe(0);
  });

  it('refuses a waiter when its deadline comes, with Retry-After of at least a second', () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueue: 10, deadlineMs: 1_000 });
    // Slots are held 10 ms as a rule; then one holder takes a whole second.
    holdOnce(queue, 10);
    const a = caller(queue);
    const b = caller(queue);
    vi.advanceTimersByTime(600);
    const c = caller(queue);
    vi.advanceTimersByTime(399);
    expect(b.refused).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(b.refused).toEqual({ reason: 'deadline', retryAfter: 1 });
    expect(c.refused).toBeUndefined();
    a.ticket!.release();
    expect(c.ticket).toBeDefined();
    expect(b.ticket).toBeUndefined();
    vi.advanceTimersByTime(5_000);
    expect(c.refused).toBeUndefined();
    expect(queue.refusedDeadline).toBe(1);
  });

  it('refuses at once when the queue is full', () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueue: 2, deadlineMs: 1_000 });
    const callers = Array.from({ length: 4 }, () => caller(queue));
    expect(callers[3]!.refused?.reason).toBe('queue-full');
    expect(callers.slice(0, 3).every((c) => c.refused === undefined)).toBe(true);
    expect(queue.refusedQueueFull).toBe(1);
  });

  it('refuses at once when the expected answer (place in line × mean hold ÷ slots, then one hold) passes the deadline', () => {
    const queue = new AdmissionQueue({ maxInFlight: 2, maxQueue: 100, deadlineMs: 1_000, alpha: 1 });
    const first = caller(queue);
    vi.advanceTimersByTime(400);
    first.ticket!.release(); // slots are held 400 ms: two slots free one every 200 ms
    expect(queue.meanHold).toBe(400);
    caller(queue);
    caller(queue);
    // Places 0..2 expect their answer after 600, 800 and 1,000 ms: queued; place 3 after 1,200 ms: refused.
    const waiting = Array.from({ length: 3 }, () => caller(queue));
    expect(waiting.every((c) => c.refused === undefined && c.ticket === undefined)).toBe(true);
    const late = caller(queue);
    expect(late.refused).toEqual({ reason: 'expected-wait', retryAfter: 1 });
    expect(queue.waiting).toBe(3);
  });

  it('refuses a waiter whose turn comes too late for its answer to be ready by the deadline, instead of serving it late', () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueue: 10, deadlineMs: 1_000, alpha: 1 });
    holdOnce(queue, 100);
    const slow = caller(queue);
    const waiter = caller(queue); // expects its answer after 200 ms: queued
    const next = caller(queue);
    expect(waiter.refused).toBeUndefined();
    // The holder takes 950 ms instead: the waiter's turn comes when only 50 ms of its second are left.
    vi.advanceTimersByTime(950);
    slow.ticket!.release();
    expect(waiter.ticket).toBeUndefined();
    expect(waiter.refused).toEqual({ reason: 'deadline', retryAfter: 1 });
    // The mean hold is now 950 ms, and the next waiter's second is also nearly gone: refused too.
    expect(next.refused?.reason).toBe('deadline');
    expect(queue.inFlight).toBe(0);
    // A newcomer into an empty line is admitted at once.
    expect(caller(queue).ticket).toBeDefined();
  });

  it('counts on a likely hold (the mean and four mean deviations), so a waiter is not granted a slot it would overrun', () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueue: 10, deadlineMs: 1_000, alpha: 0.5 });
    // Holds of 100 and 300 ms: mean 200, mean deviation 100, likely hold 600.
    for (const held of [100, 300]) {
      const c = caller(queue);
      vi.advanceTimersByTime(held);
      c.ticket!.release();
    }
    expect(queue.meanHold).toBe(200);
    expect(queue.likelyHold).toBe(600);
    const holder = caller(queue);
    const waiter = caller(queue);
    // Its turn comes 500 ms in: 500 + the mean would end by the deadline, 500 + the likely hold would not.
    vi.advanceTimersByTime(500);
    holder.ticket!.release();
    expect(waiter.ticket).toBeUndefined();
    expect(waiter.refused?.reason).toBe('deadline');
  });

  it('leaves the margin it is told of (the event loop delay) between a granted answer and the deadline', () => {
    const run = (margin: number) => {
      const queue = new AdmissionQueue({ maxInFlight: 1, maxQueue: 10, deadlineMs: 1_000, alpha: 1, margin: () => margin });
      holdOnce(queue, 400);
      const holder = caller(queue);
      const waiter = caller(queue);
      vi.advanceTimersByTime(400);
      holder.ticket!.release(); // its turn 400 ms in: the answer is likely ready 800 ms in
      return waiter;
    };
    expect(run(0).ticket).toBeDefined();
    expect(run(250).refused?.reason).toBe('deadline');
    // Newcomers are judged on the mean alone, and a reading that is no number counts as no margin.
    expect(run(Number.POSITIVE_INFINITY).ticket).toBeDefined();
  });

  it("counts the deadline from the request's arrival: time already spent in the server shortens the wait it is allowed", () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueue: 10, deadlineMs: 1_000 });
    holdOnce(queue, 100);
    const holder = caller(queue);
    // Expected wait 100 ms and one hold of 100 ms: 200 ms; with 850 ms already spent, that passes the deadline.
    const late = caller(queue, 850);
    expect(late.refused?.reason).toBe('expected-wait');
    // 300 ms already spent: queued, and refused 700 ms later, when 1 s has passed since it arrived.
    const early = caller(queue, 300);
    expect(early.refused).toBeUndefined();
    vi.advanceTimersByTime(699);
    expect(early.refused).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(early.refused?.reason).toBe('deadline');
    expect(early.ticket).toBeUndefined();
    holder.ticket!.release();
    expect(queue.inFlight).toBe(0);
  });

  it('overloaded (a newcomer at the end of the line would expect its answer after lifoAboveMs), serves the newest first until the line is short, and refuses the oldest at their deadline', () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueue: 10, deadlineMs: 1_000, lifoAboveMs: 500 });
    holdOnce(queue, 100);
    const holder = caller(queue);
    const [a, b] = [caller(queue), caller(queue)];
    // Two waiting: a newcomer would expect its answer in 3 × 100 + 100 ms, under the mark: first come, first served.
    vi.advanceTimersByTime(100);
    holder.ticket!.release();
    expect(a.ticket).toBeDefined();
    const [c, d, e] = [caller(queue), caller(queue), caller(queue)];
    // Four waiting (b, c, d, e): 5 × 100 + 100 ms, over the mark: the newest first.
    vi.advanceTimersByTime(100);
    a.ticket!.release();
    expect(e.ticket).toBeDefined();
    expect([b, c, d].map((w) => w.ticket)).toEqual([undefined, undefined, undefined]);
    // Three waiting: 4 × 100 + 100 ms, not under half the mark: still the newest first.
    vi.advanceTimersByTime(100);
    e.ticket!.release();
    expect(d.ticket).toBeDefined();
    expect(b.ticket).toBeUndefined();
    // d holds its slot; b (in at 0 ms) and c (in at 100 ms) are refused when their deadlines come, not served late.
    vi.advanceTimersByTime(699);
    expect(b.refused).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(b.refused?.reason).toBe('deadline');
    expect(c.refused).toBeUndefined();
    vi.advanceTimersByTime(100);
    expect(c.refused?.reason).toBe('deadline');
    d.ticket!.release();
    expect(queue.waiting).toBe(0);
  });

  it('overloaded, turns back to first come, first served only once a newcomer would expect its answer in under half the mark', () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueue: 10, deadlineMs: 1_000, lifoAboveMs: 500 });
    holdOnce(queue, 100);
    const holder = caller(queue);
    const waiters = [caller(queue), caller(queue), caller(queue), caller(queue)];
    const granted: number[] = [];
    let current = holder;
    for (let turn = 0; turn < 4; turn += 1) {
      vi.advanceTimersByTime(100);
      current.ticket!.release();
      const next = waiters.findIndex((w) => w.ticket !== undefined && !granted.includes(waiters.indexOf(w)));
      granted.push(next);
      current = waiters[next]!;
    }
    // 600 ms over the mark at the first turn, then 500, 400 and 300: never under half of it, so the newest each time.
    expect(granted).toEqual([3, 2, 1, 0]);
    vi.advanceTimersByTime(100);
    current.ticket!.release(); // nobody waiting: a newcomer would expect 200 ms, under half the mark
    const [x, y, z] = [caller(queue), caller(queue), caller(queue)];
    expect(x.ticket).toBeDefined();
    vi.advanceTimersByTime(100);
    x.ticket!.release(); // two waiting: 400 ms, between half the mark and the mark: first come, first served still
    expect(y.ticket).toBeDefined();
    expect(z.ticket).toBeUndefined();
  });

  it('overloaded, queues a newcomer whose place at the end of the line would pass the deadline, instead of refusing it at once', () => {
    const fifo = new AdmissionQueue({ maxInFlight: 1, maxQueue: 10, deadlineMs: 1_000 });
    const lifo = new AdmissionQueue({ maxInFlight: 1, maxQueue: 10, deadlineMs: 1_000, lifoAboveMs: 500 });
    const outcomes = [fifo, lifo].map((queue) => {
      holdOnce(queue, 400);
      const holder = caller(queue);
      const waiting = caller(queue); // its answer expected in 400 + 400 ms: queued
      vi.advanceTimersByTime(600);
      const late = caller(queue); // behind one waiter: its answer expected in 800 + 400 ms, past the deadline and the mark
      return { holder, waiting, late };
    });
    expect(outcomes[0]!.late.refused?.reason).toBe('expected-wait');
    expect(outcomes[1]!.late.refused).toBeUndefined();
    outcomes[1]!.holder.ticket!.release();
    expect(outcomes[1]!.late.ticket).toBeDefined();
  });

  it('forgets a waiter that withdraws: it is never admitted nor refused, and its place goes to the next', () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueue: 1, deadlineMs: 1_000 });
    const a = caller(queue);
    const b = caller(queue);
    b.withdraw();
    expect(queue.waiting).toBe(0);
    const c = caller(queue); // the queue of one has room again
    expect(c.refused).toBeUndefined();
    a.ticket!.release();
    expect(b.ticket).toBeUndefined();
    expect(c.ticket).toBeDefined();
    vi.advanceTimersByTime(2_000);
    expect(b.refused).toBeUndefined();
    expect(queue.refused).toBe(0);
  });

  it('serves everyone when slots free faster than the deadline, however long the line', () => {
    const queue = new AdmissionQueue({ maxInFlight: 4, maxQueue: 1_000, deadlineMs: 1_000 });
    const callers = Array.from({ length: 256 }, () => caller(queue));
    // Each holder releases 10 ms after it gets its slot.
    let served = 0;
    while (served < 256) {
      vi.advanceTimersByTime(10);
      for (const c of callers) {
        if (c.ticket && !(c as { done?: boolean }).done) {
          (c as { done?: boolean }).done = true;
          c.ticket.release();
          served += 1;
        }
      }
    }
    expect(callers.every((c) => c.refused === undefined)).toBe(true);
    expect(queue.inFlight).toBe(0);
    expect(queue.waiting).toBe(0);
  });
});
