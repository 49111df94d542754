/**
 * `moth debug <file>`: opens the terminal debugger on a program.
 *
 * PLACEHOLDER from the CLI engineer: the TUI engineer owns this file from here on and replaces the body.
 * main.ts registers the command and its options and calls {@link debugCommand}; keep that signature (or say
 * what to change in main.ts). It must not print a stack trace; return the process exit code.
 */
import type { CliStreams } from '../streams.js';

export interface DebugCommandOptions {
  /** Machine preset name ('default' | 'easy6502'), already validated by main.ts. */
  readonly machine: string;
  /** Load address for a binary file (a number; main.ts has parsed `$0600`/`0x0600`/`1536`). */
  readonly load: number | undefined;
  /** Start address; undefined = reset vector if set, else the load address. */
  readonly start: number | undefined;
  /** True: BRK is a real interrupt through $FFFE instead of stopping. */
  readonly brkVector: boolean;
}

export async function debugCommand(file: string, options: DebugCommandOptions, streams: CliStreams): Promise<number> {
  void options;
  streams.stderr.write(`moth debug: the terminal debugger is not built yet (wanted to open ${file}).\n`);
  streams.stderr.write('Try `moth run ' + file + ' --trace` to watch every instruction meanwhile.\n');
  return 2;
}
