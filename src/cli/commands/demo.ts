/** `moth demo` (what `npm start` runs): the debugger on programs/hello.s in a terminal, a plain run otherwise. */
import { isAbsolute, relative } from 'node:path';
import { UserError } from '../errors.js';
import { packagePath } from '../package-root.js';
import type { CliStreams } from '../streams.js';

export async function demoCommand(streams: CliStreams): Promise<number> {
  const found = packagePath('programs/hello.s');
  if (found === undefined) throw new UserError('cannot find programs/hello.s next to moth.');
  // Shown in titles and diagnostics: `programs/hello.s` reads better than an absolute path.
  const nearby = relative(process.cwd(), found);
  const hello = nearby.startsWith('..') || isAbsolute(nearby) ? found : nearby;
  if (streams.stdout.isTTY && process.stdin.isTTY) {
    const { debugCommand } = await import('./debug.js');
    return debugCommand(hello, { machine: 'default', load: undefined, start: undefined, brkVector: false }, streams);
  }
  const { defaultRunOptions, runCommand } = await import('./run.js');
  return runCommand(hello, defaultRunOptions(), streams);
}
