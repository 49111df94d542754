/**
 * `moth tour [chapter]`: the guided tour through moth's source, one chapter at a time.
 *
 * PLACEHOLDER from the CLI engineer: the tour engineer owns this file from here on and replaces the body.
 * main.ts registers the command and calls {@link tourCommand}; keep that signature (or say what to change in
 * main.ts). It must not print a stack trace; return the process exit code.
 */
import type { CliStreams } from '../streams.js';

export interface TourCommandOptions {
  /** Print the chapter list instead of opening a chapter. */
  readonly list: boolean;
}

export async function tourCommand(
  chapter: string | undefined,
  options: TourCommandOptions,
  streams: CliStreams,
): Promise<number> {
  void options;
  const which = chapter === undefined ? 'the tour' : `chapter ${chapter}`;
  streams.stderr.write(`moth tour: ${which} is not built yet. The chapters will live in docs/tour/.\n`);
  return 2;
}
