/** The process's output streams as the commands see them, so tests and the demo can hand in others. */
import type { Writable } from 'node:stream';

export interface CliStreams {
  readonly stdout: Writable & { readonly isTTY?: boolean };
  readonly stderr: Writable & { readonly isTTY?: boolean };
}

/**
 * stdout and stderr of this process. A reader that goes away (`moth run x.s --trace | head`) ends moth
 * quietly; any other write error (`> /dev/full`) ends it with a message on the other stream and exit code 1.
 */
export function processStreams(): CliStreams {
  for (const [name, stream, other] of [
    ['standard output', process.stdout, process.stderr],
    ['standard error', process.stderr, process.stdout],
  ] as const) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      // The broken stream cannot carry the message; the other one may (if it breaks too, exit all the same).
      try {
        other.write(`moth: cannot write to ${name} (${describeWriteError(error)}); the output is incomplete.\n`);
      } catch {
        // Nowhere left to report it.
      }
      process.exit(1);
    });
  }
  return { stdout: process.stdout, stderr: process.stderr };
}

function describeWriteError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOSPC') return 'ENOSPC: no space left on the device';
  if (error.code === 'EIO') return 'EIO: the terminal is gone';
  return error.code ?? error.message;
}
