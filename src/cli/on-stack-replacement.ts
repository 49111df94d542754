/**
 * Switches V8's on-stack replacement off while moth runs a 6502 program, and back on afterwards.
 *
 * Why: a one-shot `moth run` starts with the CPU loop unoptimized. While TurboFan compiles it in the
 * background (~80 ms), the loop keeps running the slow code, and V8 then queues a second compile of the same
 * loop "on the stack" (OSR), which nothing uses once the first compile lands a few milliseconds later. That
 * wasted compile competes with the running program for the machine (docs/cpu.md, "The first 100 ms of a
 * one-shot run"). Other work, such as assembling a 100,000-line file in one long loop, does gain from OSR,
 * so it is off only around the run. Switching it back on also keeps V8's flags as they were when the build
 * made the bundle's code cache, which V8 checks before using that cache.
 */
import { setFlagsFromString } from 'node:v8';

/** Does `work` with OSR off, and turns it back on when `work` settles, however it ends. */
export async function withoutOnStackReplacement<T>(work: () => Promise<T>): Promise<T> {
  setFlagsFromString('--no-use-osr');
  try {
    return await work();
  } finally {
    setFlagsFromString('--use-osr');
  }
}
