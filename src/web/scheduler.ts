/**
 * How the page queues the run loop's slices (src/debugger/run-loop.ts): a message channel when there is no
 * wait (its messages are not throttled to 4 ms like nested timers), setTimeout under a speed limit.
 */
import type { SliceScheduler } from '../debugger/run-loop.js';

export function pageScheduler(): SliceScheduler {
  const channel = new MessageChannel();
  let queued: (() => void) | undefined;
  channel.port1.onmessage = () => {
    const run = queued;
    queued = undefined;
    run?.();
  };
  return (run, delay) => {
    if (delay === 0) {
      queued = run;
      channel.port2.postMessage(null);
      return () => {
        if (queued === run) queued = undefined;
      };
    }
    const timer = window.setTimeout(run, delay);
    return () => window.clearTimeout(timer);
  };
}
