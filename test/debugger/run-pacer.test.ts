// The free-run pacer both faces share: slice sizes that adapt to take ~12 ms, a speed limit kept in real time,
// and the speed measured over the whole run.
import { describe, expect, it } from 'vitest';
import { LIMITED_TICK_MILLISECONDS, RunPacer, SLICE_MILLISECONDS } from '../../src/debugger/run-pacer.js';

describe('RunPacer', () => {
  it('without a limit, doubles quick slices and halves slow ones', () => {
    const pacer = new RunPacer();
    pacer.start(0);
    const first = pacer.budget(0);
    pacer.record(first, SLICE_MILLISECONDS / 4, 3);
    expect(pacer.budget(3)).toBe(first * 2);
    pacer.record(first * 2, SLICE_MILLISECONDS * 3, 40);
    expect(pacer.budget(40)).toBe(first);
    expect(pacer.delay).toBe(0);
  });

  it('under a limit, allows only the cycles real time has paid for, never more than 100 ms at once', () => {
    const pacer = new RunPacer();
    pacer.setLimit(1, 1000); // 1 MHz = 1,000 cycles a millisecond
    expect(pacer.budget(1010)).toBe(10_000);
    pacer.record(10_000, 1, 1010);
    expect(pacer.budget(1010)).toBe(0);
    expect(pacer.budget(1015)).toBe(5_000);
    expect(pacer.budget(10_000)).toBe(100_000); // a long stall does not become a burst
    expect(pacer.delay).toBe(LIMITED_TICK_MILLISECONDS);
  });

  it('measures the effective speed since the run began', () => {
    const pacer = new RunPacer();
    pacer.start(0);
    pacer.record(2_000_000, 10, 10);
    pacer.record(2_000_000, 10, 20);
    expect(pacer.mhz).toBe(200);
  });

  it('- sets 1 MHz then halves it; + doubles it and lifts it past 512 MHz', () => {
    const pacer = new RunPacer();
    pacer.faster(0);
    expect(pacer.limit).toBeUndefined(); // no limit to raise
    pacer.slower(0);
    expect(pacer.limit).toBe(1);
    pacer.slower(0);
    expect(pacer.limit).toBe(0.5);
    for (let press = 0; press < 10; press++) pacer.faster(0);
    expect(pacer.limit).toBe(512);
    pacer.faster(0);
    expect(pacer.limit).toBeUndefined();
    pacer.setLimit(0, 0);
    expect(pacer.limit).toBe(0.001);
  });
});
