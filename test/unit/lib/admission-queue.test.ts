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
    const warm = caller(queue);
    vi.advanceTimersByTime(10);
    warm.ticket!.release();
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
    const warm = caller(queue);
    vi.advanceTimersByTime(100);
    warm.ticket!.release(); // slots are held 100 ms
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
      const warm = caller(queue);
      vi.advanceTimersByTime(400);
      warm.ticket!.release(); // slots are held 400 ms
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
    const warm = caller(queue);
    vi.advanceTimersByTime(100);
    warm.ticket!.release();
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
