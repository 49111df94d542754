/** Timing for the benchmarks: run a target in chunks for a few seconds, best of N, as instructions/s and MHz. */

import { performance } from 'node:perf_hooks';

/** Something that runs emulated cycles and counts them (a bare Cpu, a Machine, ...). */
export interface BenchTarget {
  /** Runs about `cycles` more cycles; returns an error sentence when the program stopped or went wrong. */
  run(cycles: number): string | undefined;
  readonly cycles: number;
  readonly instructions: number;
  /** After a timed run: an error sentence when the program's own result is wrong, else undefined. */
  check(): string | undefined;
  /**
   * True once the result can be checked (a looping program finished a pass; the functional test is between
   * whole runs). A timed run goes on past its time until this holds, for at most a minute more.
   */
  readonly atWholeRun?: () => boolean;
}

export interface Measurement {
  /** Wall-clock seconds: what a user waits. */
  readonly seconds: number;
  /**
   * CPU seconds this process used meanwhile (all its threads, so the JIT compiler's too). On a shared,
   * busy machine wall time includes waiting for a core; CPU time shows what the code itself costs.
   */
  readonly cpuSeconds: number;
  readonly cycles: number;
  readonly instructions: number;
}

/** Emulated instructions per second, in millions. */
export function millionInstructionsPerSecond(measurement: Measurement): number {
  return measurement.instructions / measurement.seconds / 1e6;
}

/** Emulated clock rate: cycles per wall-clock second, in MHz. */
export function emulatedMegahertz(measurement: Measurement): number {
  return measurement.cycles / measurement.seconds / 1e6;
}

/** Emulated clock rate per second of CPU time the process used, in MHz. */
export function emulatedMegahertzPerCpuSecond(measurement: Measurement): number {
  return measurement.cycles / measurement.cpuSeconds / 1e6;
}

/** One timed run: chunks of `chunkCycles` until `seconds` have passed. Throws with the target's error sentence. */
export function timeOnce(target: BenchTarget, seconds: number, chunkCycles: number): Measurement {
  const cyclesBefore = target.cycles;
  const instructionsBefore = target.instructions;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const hardDeadline = deadline + 60_000;
  let now = started;
  do {
    const problem = target.run(chunkCycles);
    if (problem !== undefined) throw new Error(problem);
    now = performance.now();
  } while (now < deadline || (target.atWholeRun !== undefined && !target.atWholeRun() && now < hardDeadline));
  const cpuUsed = process.cpuUsage(cpuBefore);
  const problem = target.check();
  if (problem !== undefined) throw new Error(problem);
  return {
    seconds: (now - started) / 1000,
    cpuSeconds: (cpuUsed.user + cpuUsed.system) / 1e6,
    cycles: target.cycles - cyclesBefore,
    instructions: target.instructions - instructionsBefore,
  };
}

/**
 * The best (highest cycles/s) of `runs` timed runs, each on a fresh target, after one untimed warm-up run of at
 * least two seconds: V8 interprets the run loop until its optimizing compile is done, and compiling the CPU's
 * big switch took up to two seconds on a loaded machine. `progress` hears about each timed run.
 */
export function bestOf(
  runs: number,
  createTarget: () => BenchTarget,
  seconds: number,
  chunkCycles: number,
  progress: (run: number, measurement: Measurement) => void,
): Measurement {
  timeOnce(createTarget(), Math.max(2, seconds), chunkCycles);
  let best: Measurement | undefined;
  for (let run = 1; run <= runs; run++) {
    const measurement = timeOnce(createTarget(), seconds, chunkCycles);
    progress(run, measurement);
    if (best === undefined || emulatedMegahertz(measurement) > emulatedMegahertz(best)) best = measurement;
  }
  if (best === undefined) throw new Error('at least one run is needed');
  return best;
}

/** The middle value (the mean of the two middle ones for an even count); `values` must not be empty. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
