/**
 * The whole cold `moth run` of Klaus Dormann's functional test, side by side with other 6502 cores: each round
 * runs moth on the wasm core, moth on the TypeScript core, `node -e 0` (Node's own start, which every Node
 * process pays before its first line), and each reference command given, one after the other (so a busy machine
 * slows all alike), and the summary gives best and median wall and CPU time of each, the ratios issue 16 sets
 * bars for, and the load average before and after.
 *
 * References: $MOTH_REFERENCE_COMMAND runs the fastest JavaScript core to compare with (issue 16: moth at least
 * 2.0x faster), $MOTH_NATIVE_REFERENCE_COMMAND a native one (moth at least 0.8x its speed). Each is a shell
 * command that runs the same test to its success trap and exits 0 (docs/cpu.md shows the ones measured).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { hexWord } from '../src/shared/hex.js';
import { median } from './harness.js';
import { FUNCTIONAL_TEST } from './workloads.js';

const MOTH_BIN = fileURLToPath(new URL('../../bin/moth.js', import.meta.url));

/** Issue 16's bars for the wasm core's whole process: speed relative to each reference's. */
const BARS = { javascript: 2.0, native: 0.8 } as const;

export interface Contender {
  readonly label: string;
  /** A bash command line (run with `times` after it, for its CPU time). */
  readonly command: string;
  /** What its output must say for the run to count (moth's success line), if anything. */
  readonly expect?: RegExp;
  readonly bar?: { readonly kind: keyof typeof BARS; readonly text: string };
}

export interface Timing {
  readonly seconds: number;
  /** User + system CPU seconds of the command and its children, from bash's `times`. */
  readonly cpuSeconds: number | undefined;
}

/** `times` prints the shell's and then its children's user and system time: `0m0.971s 0m0.036s`. */
function childCpuSeconds(timesOutput: string): number | undefined {
  const lines = timesOutput.trim().split('\n');
  const match = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(lines.at(-1)?.trim() ?? '');
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]) + Number(match[3]) * 60 + Number(match[4]);
}

export const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

export function timeOnce(contender: Contender): Timing | { error: string } {
  const started = performance.now();
  const child = spawnSync('bash', ['-c', `${contender.command} 2>&1; status=$?; times >&2; exit $status`], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (child.error) return { error: child.error.message };
  const output = child.stdout.trim().split('\n').map((line) => line.trim()).join(' | ');
  if (child.status !== 0) return { error: `exit status ${child.status}: ${output.slice(-300)}` };
  if (contender.expect !== undefined && !contender.expect.test(output)) return { error: `expected ${contender.expect}: ${output.slice(-300)}` };
  return { seconds, cpuSeconds: childCpuSeconds(child.stderr) };
}

/**
 * Times each contender once per round, alternating them so a change in the machine's load falls on all alike.
 * `onTiming` sees each timing as it comes (progress); the first failure ends it with its message.
 */
export function timeAlternated(
  contenders: readonly Contender[],
  rounds: number,
  onTiming: (round: number, contender: Contender, timing: Timing) => void = () => {},
): { readonly timings: Timing[][]; readonly loadBefore: number[]; readonly loadAfter: number[] } | { readonly error: string } {
  const loadBefore = loadavg();
  const timings = contenders.map((): Timing[] => []);
  for (let round = 1; round <= rounds; round++) {
    for (const [index, contender] of contenders.entries()) {
      const timing = timeOnce(contender);
      if ('error' in timing) return { error: `${contender.label}: FAILED, not timed: ${timing.error}` };
      onTiming(round, contender, timing);
      timings[index]!.push(timing);
    }
  }
  return { timings, loadBefore, loadAfter: loadavg() };
}

export function describeTimes(timings: readonly Timing[]): string {
  const wall = timings.map((timing) => timing.seconds);
  const cpu = timings.flatMap((timing) => (timing.cpuSeconds === undefined ? [] : [timing.cpuSeconds]));
  const cpuText = cpu.length === 0 ? '' : `; CPU best ${Math.min(...cpu).toFixed(3)} s, median ${median(cpu).toFixed(3)} s`;
  return `wall best ${Math.min(...wall).toFixed(3)} s, median ${median(wall).toFixed(3)} s${cpuText}`;
}

/** Runs the comparison `rounds` times and prints it; returns the number of failures (0 or 1). */
export function benchCli(binary: string, rounds: number, env: Readonly<Record<string, string | undefined>>): number {
  if (spawnSync('bash', ['-c', 'exit 0']).status !== 0) {
    process.stdout.write('moth run (whole process): skipped, it needs bash\n');
    return 0;
  }
  const moth = (core: string): string => [process.execPath, MOTH_BIN, 'run', binary, '--load', '0', '--start', '0x400', '--core', core].map(quote).join(' ');
  const success = new RegExp(`trapped at \\${hexWord(FUNCTIONAL_TEST.success)}`, 'i');
  const contenders: Contender[] = [
    { label: 'moth run --core wasm', command: moth('wasm'), expect: success },
    { label: 'moth run --core js', command: moth('js'), expect: success },
    // What any Node process pays before its first line runs: the floor under both moth figures.
    { label: "node -e 0 (Node's own start)", command: [process.execPath, '-e', '0'].map(quote).join(' ') },
  ];
  const javascript = env['MOTH_REFERENCE_COMMAND'] || undefined;
  const native = env['MOTH_NATIVE_REFERENCE_COMMAND'] || undefined;
  if (javascript) contenders.push({ label: `$MOTH_REFERENCE_COMMAND (${javascript})`, command: javascript, bar: { kind: 'javascript', text: 'faster than' } });
  if (native) contenders.push({ label: `$MOTH_NATIVE_REFERENCE_COMMAND (${native})`, command: native, bar: { kind: 'native', text: 'of the speed of' } });

  const timed = timeAlternated(contenders, rounds, (round, contender, timing) => {
    const cpu = timing.cpuSeconds === undefined ? '' : ` (${timing.cpuSeconds.toFixed(3)} s CPU)`;
    process.stderr.write(`  round ${round}/${rounds} ${contender.label}: ${timing.seconds.toFixed(3)} s${cpu}\n`);
  });
  if ('error' in timed) {
    process.stdout.write(`${timed.error}\n`);
    return 1;
  }
  const { timings, loadBefore, loadAfter } = timed;

  const load = (values: readonly number[]): string => values.map((value) => value.toFixed(2)).join(', ');
  process.stdout.write(
    `Whole cold process on the functional test (${FUNCTIONAL_TEST.cycles.toLocaleString('en-US')} cycles), ${rounds} rounds, ` +
      `contenders alternated; load average ${load(loadBefore)} before, ${load(loadAfter)} after\n`,
  );
  for (const [index, contender] of contenders.entries()) process.stdout.write(`  ${contender.label}: ${describeTimes(timings[index]!)}\n`);
  const wasm = timings[0]!.map((timing) => timing.seconds);
  const wasmCpu = timings[0]!.map((timing) => timing.cpuSeconds ?? NaN);
  const ratioLine = (index: number, words: string, bar: number | undefined): string => {
    const theirs = timings[index]!.map((timing) => timing.seconds);
    const best = Math.min(...theirs) / Math.min(...wasm);
    const middle = median(theirs) / median(wasm);
    const verdict = bar === undefined ? '' : `; bar ${bar}x: best ${best >= bar ? 'meets it' : 'does NOT meet it'}, median ${middle >= bar ? 'meets it' : 'does NOT meet it'}`;
    // CPU time, which a busy machine disturbs less than wall time (NaN when bash's `times` said nothing).
    const theirCpu = timings[index]!.map((timing) => timing.cpuSeconds ?? NaN);
    const cpu = `; by CPU time ${(Math.min(...theirCpu) / Math.min(...wasmCpu)).toFixed(2)}x best, ${(median(theirCpu) / median(wasmCpu)).toFixed(2)}x median`;
    return `  wasm core ${best.toFixed(2)}x ${words} ${contenders[index]!.label.split(' (')[0]} best to best, ${middle.toFixed(2)}x median to median${verdict}${cpu}\n`;
  };
  process.stdout.write(ratioLine(1, 'the speed of', undefined));
  // By CPU time too: on a busy machine wall time mostly measures waiting for a core.
  const nodeStart = Math.min(...timings[2]!.map((timing) => timing.seconds));
  const nodeStartCpu = Math.min(...timings[2]!.map((timing) => timing.cpuSeconds ?? NaN));
  const share = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(0)}%`;
  process.stdout.write(
    `  Node's own start is ${share(nodeStart, Math.min(...wasm))} of the wasm core's whole process by wall time, ` +
      `${share(nodeStartCpu, Math.min(...wasmCpu))} by CPU time (best to best)\n`,
  );
  for (const [index, contender] of contenders.entries()) {
    if (contender.bar !== undefined) process.stdout.write(ratioLine(index, contender.bar.text, BARS[contender.bar.kind]));
  }
  if (!javascript || !native) {
    process.stdout.write('  (set MOTH_REFERENCE_COMMAND and MOTH_NATIVE_REFERENCE_COMMAND to compare with other cores; see docs/cpu.md)\n');
  }
  return 0;
}
