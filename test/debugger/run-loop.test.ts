// The run loop both faces share: slices queued through the face's scheduler (here one the test turns by hand),
// the speed limit's delay passed on, a stop reported once, a cancelled slice never run.
import { describe, expect, it } from 'vitest';
import { RunLoop, type SlicedSession, type SliceScheduler } from '../../src/debugger/run-loop.js';
import type { StopReason } from '../../src/debugger/events.js';

/** A session that stops after `slices` slices, counting the cycles it was given. */
/** A session whose running flag the test may set (a real one sets it when a run starts). */
type Settable = Omit<SlicedSession, 'running'> & { running: boolean };

function fakeSession(slices: number): Settable & { given: number[] } {
  const given: number[] = [];
  const session = {
    running: false,
    given,
    runSlice(cycles: number) {
      given.push(cycles);
      const done = given.length >= slices;
      if (done) session.running = false;
      return { stopped: done ? ({ kind: 'brk', address: 0x0600 } as StopReason) : undefined, cycles, instructions: cycles / 2, mhz: 1 };
    },
    pause() {
      session.running = false;
    },
  };
  return session;
}

/** A scheduler that queues instead of running: the test calls `next()`. */
function handScheduler(): { scheduler: SliceScheduler; queue: { run: () => void; delay: number; cancelled: boolean }[]; next(): void } {
  const queue: { run: () => void; delay: number; cancelled: boolean }[] = [];
  return {
    queue,
    scheduler: (run, delay) => {
      const entry = { run, delay, cancelled: false };
      queue.push(entry);
      return () => (entry.cancelled = true);
    },
    next() {
      const entry = queue.shift();
      if (entry !== undefined && !entry.cancelled) entry.run();
    },
  };
}

describe('RunLoop', () => {
  it('runs slices until the session stops, telling the face each step of the way', () => {
    const session = fakeSession(3);
    const hand = handScheduler();
    const events: string[] = [];
    const loop = new RunLoop(session, { stopped: (reason) => events.push(`stopped ${reason.kind}`), progressed: () => events.push('progressed'), failed: (message) => events.push(message) }, hand.scheduler);
    loop.start(() => (session.running = true));
    expect(hand.queue).toHaveLength(1);
    expect(hand.queue[0]!.delay).toBe(0); // no limit: right after pending events
    hand.next();
    hand.next();
    hand.next();
    expect(session.given).toHaveLength(3);
    expect(events).toEqual(['progressed', 'progressed', 'stopped brk']);
    expect(loop.scheduled).toBe(false);
  });

  it("queues with the speed limit's delay, and a cancelled slice never runs", () => {
    const session = fakeSession(10);
    const hand = handScheduler();
    const loop = new RunLoop(session, { stopped: () => undefined, progressed: () => undefined, failed: () => undefined }, hand.scheduler);
    loop.pacer.setLimit(1, performance.now());
    loop.start(() => (session.running = true));
    expect(hand.queue[0]!.delay).toBeGreaterThan(0);
    loop.cancel();
    hand.next();
    expect(session.given).toEqual([]);
  });

  it('before any session is attached, starting does nothing; a session attached later is driven', () => {
    const hand = handScheduler();
    const loop = new RunLoop(undefined, { stopped: () => undefined, progressed: () => undefined, failed: () => undefined }, hand.scheduler);
    loop.start(() => undefined);
    expect(hand.queue).toHaveLength(0);
    const session = fakeSession(1);
    loop.attach(session);
    loop.start(() => (session.running = true));
    hand.next();
    expect(session.given).toHaveLength(1);
  });

  it('a slice that throws pauses the session and reports the message', () => {
    const hand = handScheduler();
    const failures: string[] = [];
    const session: Settable = {
      running: false,
      runSlice: () => {
        throw new Error('device exploded');
      },
      pause: () => {
        session.running = false;
      },
    };
    const loop = new RunLoop(session, { stopped: () => undefined, progressed: () => undefined, failed: (message) => failures.push(message) }, hand.scheduler);
    loop.start(() => (session.running = true));
    hand.next();
    expect(failures).toEqual(['device exploded']);
    expect(session.running).toBe(false);
  });
});
