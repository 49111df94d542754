/** The process's output streams as the commands see them, so tests and the demo can hand in others. */
import type { Writable } from 'node:stream';

export interface CliStreams {
  readonly stdout: Writable & { readonly isTTY?: boolean };
  readonly stderr: Writable & { readonly isTTY?: boolean };
}

export function processStreams(): CliStreams {
  return { stdout: process.stdout, stderr: process.stderr };
}
