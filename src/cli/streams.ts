/** The process's output streams as the commands see them, so tests and the demo can hand in others. */
import { writeSync } from 'node:fs';
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
    stream.on('error', (error: NodeJS.ErrnoException) => endOnWriteError(name, error, other));
  }
  return { stdout: process.stdout, stderr: process.stderr };
}

/** The end of a write error: quietly for a reader gone away (EPIPE), else a message on the other stream and exit 1. */
function endOnWriteError(name: string, error: NodeJS.ErrnoException, other: Writable): never {
  if (error.code === 'EPIPE') process.exit(0);
  // The broken stream cannot carry the message; the other one may (if it breaks too, exit all the same).
  try {
    other.write(`moth: cannot write to ${name} (${describeWriteError(error)}); the output is incomplete.\n`);
  } catch {
    // Nowhere left to report it.
  }
  process.exit(1);
}

/** One element to sleep on while a full pipe drains (Atomics.wait is the one synchronous sleep). */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * A writer for long output made inside synchronous work — a debugger script's `continue` traces every
 * instruction before it returns, with no turn of the event loop in which a stream could drain. Each call
 * returns once its text is written to stdout's file (into the pipe, when stdout is one: a slow reader slows moth
 * down), so nothing piles up in memory. A stream without a file (a test's) is simply written to. Write errors
 * end moth as {@link processStreams} says.
 */
export function blockingWriter(streams: CliStreams): (text: string) => void {
  const { stdout, stderr } = streams;
  const fd = (stdout as { readonly fd?: unknown }).fd;
  if (typeof fd !== 'number') return (text) => void stdout.write(text);
  return (text) => {
    // Anything written the usual way first goes out first.
    if (stdout.writableLength > 0) {
      stdout.write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += writeSync(fd, bytes, offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // Node keeps a pipe non-blocking; a full one says EAGAIN: wait a millisecond for the reader.
        if (code === 'EAGAIN') Atomics.wait(sleeper, 0, 0, 1);
        else endOnWriteError('standard output', error as NodeJS.ErrnoException, stderr);
      }
    }
  };
}

function describeWriteError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOSPC') return 'ENOSPC: no space left on the device';
  if (error.code === 'EIO') return 'EIO: the terminal is gone';
  return error.code ?? error.message;
}
