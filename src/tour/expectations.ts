/**
 * What a program says it does, in its own comments: `; expect: <text>` lines give the console output, one line
 * each, in order, exactly; `; input: <text>` is typed as input with a newline; `; args: <flags>` are extra
 * `moth run` flags; `; expect-exit: <n>` the exit code (default 0); `; expect-stop: brk|exit|trap|max-cycles`
 * how it ends (default brk or exit). The test suite runs every program against these, and the web tour checks
 * a learner's exercise against the answer's.
 */
import { isPresetName, type PresetName } from '../machine/presets.js';
import { variantNamed, type CpuVariant } from '../cpu/variants.js';

export interface Expectations {
  readonly output: string[];
  readonly input: string | undefined;
  readonly args: string[];
  readonly exit: number;
  readonly stops: string[];
}

/** `--machine NAME` among a program's `; args:`, the machine it must run on (default when none is named). */
export function presetFromArgs(args: readonly string[]): PresetName {
  const index = args.indexOf('--machine');
  const name = index >= 0 ? args[index + 1] : undefined;
  return name !== undefined && isPresetName(name) ? name : 'default';
}

/** `--cpu NAME` among a program's `; args:`, the CPU it is written for (undefined: the machine's own). */
export function cpuFromArgs(args: readonly string[]): CpuVariant | undefined {
  const index = args.indexOf('--cpu');
  const name = index >= 0 ? args[index + 1] : undefined;
  return name === undefined ? undefined : variantNamed(name);
}

export function parseExpectations(source: string): Expectations {
  const output: string[] = [];
  let input: string | undefined;
  let args: string[] = [];
  let exit = 0;
  let stops = ['brk', 'exit'];
  for (const line of source.split(/\r?\n/)) {
    const match = /^\s*;\s*(expect|input|args|expect-exit|expect-stop):(?: (.*))?$/.exec(line);
    if (!match) continue;
    const value = match[2] ?? '';
    switch (match[1]) {
      case 'expect': output.push(value); break;
      case 'input': input = (input ?? '') + value + '\n'; break;
      case 'args': args = value.split(/\s+/).filter((word) => word !== ''); break;
      case 'expect-exit': exit = Number(value); break;
      case 'expect-stop': stops = [value.trim()]; break;
    }
  }
  return { output, input, args, exit, stops };
}
