/**
 * Checks a learner's program against an exercise: assembles and runs it on a fresh machine (its own session,
 * so the one being debugged is untouched) and compares the console output with the answer's `; expect:` lines.
 */
import { createSession } from '../debugger/program.js';
import { cpuFromArgs, presetFromArgs, type Expectations } from '../tour/expectations.js';

/** Exercises are small; a program still running after this many cycles is taken to be stuck. */
const MAX_CYCLES = 20_000_000;

export interface CheckResult {
  readonly passed: boolean;
  /** What to tell the learner, in a sentence or two. */
  readonly message: string;
}

/** The console output as lines, a final newline not making an empty last line. */
function outputLines(output: string): string[] {
  const lines = output.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function checkExercise(source: string, fileName: string, expected: Expectations): CheckResult {
  const cpu = cpuFromArgs(expected.args);
  const created = createSession(source, {
    fileName,
    preset: presetFromArgs(expected.args),
    ...(cpu === undefined ? {} : { cpu }),
    ...(expected.input === undefined ? {} : { input: expected.input }),
  });
  if (!created.ok) return { passed: false, message: `it does not assemble yet:\n${created.message}` };
  const stop = created.session.continue(MAX_CYCLES);
  const got = outputLines(created.session.output);
  if (stop.reason.kind === 'limit') {
    return { passed: false, message: `still running after ${MAX_CYCLES.toLocaleString('en')} cycles: does it end with BRK?\nprinted so far: ${JSON.stringify(got.join('\n'))}` };
  }
  const want = expected.output;
  if (got.length === want.length && got.every((line, index) => line === want[index])) {
    return { passed: true, message: `correct: it printed ${JSON.stringify(want.join('\n'))}` };
  }
  return { passed: false, message: `not yet: expected ${JSON.stringify(want.join('\n'))}\nbut it printed ${JSON.stringify(got.join('\n'))}` };
}
