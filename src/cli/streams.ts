/** The process's output streams as the commands see them, so tests and the demo can hand in others. */
import type { Writable } from 'node:stream';

export interface CliStreams {
  readonly stdout: Writable & { readonly isTTY?: boolean };
  readonly stderr: Writable & { readonly isTTY?: boolean };
}

/** stdout and stderr of this process. A reader that goes away (`moth run x.s --trace | head`) ends moth quietly. */
export function processStreams(): CliStreams {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // Nothing can be reported on a stream that broke; leave without a stack trace.
      process.exit(error.code === 'EPIPE' ? 0 : 1);
    });
  }
  return { stdout: process.stdout, stderr: process.stderr };
}
