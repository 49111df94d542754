/** How the terminal queues the run loop's slices (src/debugger/run-loop.ts) on Node's event loop. */
import type { SliceScheduler } from '../debugger/run-loop.js';

/**
 * setImmediate when there is no wait (right after pending input), setTimeout under a speed limit. Each call
 * cancels its own kind of handle: clearImmediate on a Timeout (or clearTimeout on an Immediate) corrupts Node's
 * queues, which once left blessed's output unflushed and the process spinning after a limited run was paused.
 */
export const nodeScheduler: SliceScheduler = (run, delay) => {
  if (delay === 0) {
    const immediate = setImmediate(run);
    return () => clearImmediate(immediate);
  }
  const timeout = setTimeout(run, delay);
  return () => clearTimeout(timeout);
};
