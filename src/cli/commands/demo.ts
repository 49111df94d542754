/** `moth demo` (what `npm start` runs): the debugger on programs/hello.s in a terminal, a plain run otherwise. */
import { UserError } from '../errors.js';
import { packagePath } from '../package-root.js';
import type { CliStreams } from '../streams.js';

export async function demoCommand(streams: CliStreams): Promise<number> {
  const hello = packagePath('programs/hello.s');
  if (hello === undefined) throw new UserError('cannot find programs/hello.s next to moth.');
  if (streams.stdout.isTTY && process.stdin.isTTY) {
    const { debugCommand } = await import('./debug.js');
    const code = await debugCommand(hello, { machine: 'default', load: undefined, start: undefined, brkVector: false }, streams);
    // Until the debugger exists, show the program running instead of only a "not built yet" note.
    if (code !== 2) return code;
  }
  const { defaultRunOptions, runCommand } = await import('./run.js');
  return runCommand(hello, defaultRunOptions(), streams);
}
