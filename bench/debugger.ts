/**
 * `node dist/bench/debugger.js`: what the debugger costs. For each workload it measures `moth run`'s loop
 * (Machine.run in long chunks) and the DebugSession free-running the same program — plain continue, the TUI's
 * run slices, 10 breakpoints plus a watchpoint on an untouched page, and the same with the watchpoint on a
 * page the program writes all the time — and prints each as a ratio of `moth run`. Then it prices time
 * travel: checkpoint memory for a million instructions, step back by 1 and by 1,000,000, reverse continue
 * over a million instructions, and a per-instruction undo-journal prototype (the design not chosen).
 *
 * Each speed is measured in a child process of its own (as bench/main.ts does), so one configuration's
 * type feedback (the watch bus, the instrumented loop) cannot slow another's down. Ratios use emulated
 * MHz per CPU second, which a busy shared machine disturbs less than wall time, and each configuration is
 * measured right after a fresh baseline, several rounds, keeping the median ratio.
 *
 * Options: --seconds <s> per timed run (default 1), --warmup <s> before it (default 2), --runs <n> rounds
 * (default 3), --only <workload,...>.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Machine } from '../src/machine/machine.js';
import type { Bus } from '../src/cpu/bus.js';
import { DebugSession } from '../src/debugger/session.js';
import type { DebugProgram } from '../src/debugger/session.js';
import { bestOf, emulatedMegahertzPerCpuSecond, median, timeOnce } from './harness.js';
import type { BenchTarget, Measurement } from './harness.js';
import { assemble } from '../src/asm/index.js';
import { FIXTURE_DIRECTORY, LOAD_ADDRESS, LOOP_WORKLOADS, assembleFixture, checkLoopResult } from './workloads.js';
import type { LoopWorkload } from './workloads.js';

type ConfigName = 'run' | 'continue' | 'slices' | 'breakpoints' | 'breakpoints-hot-watch' | 'hot-conditional' | 'journal';

const CONFIGS: readonly { readonly name: ConfigName; readonly label: string; readonly target?: number }[] = [
  { name: 'run', label: 'moth run loop (Machine.run, 5M-cycle chunks)' },
  { name: 'continue', label: 'session.continue, no breakpoints', target: 0.8 },
  { name: 'slices', label: 'session resume + runSlice(1M cycles), as the TUI runs', target: 0.8 },
  { name: 'breakpoints', label: 'continue, 10 breakpoints + watchpoint on an untouched page', target: 0.5 },
  { name: 'breakpoints-hot-watch', label: 'continue, 10 breakpoints + watchpoint in zero page (hooked, never hit)' },
  { name: 'hot-conditional', label: 'continue, a never-true conditional breakpoint on the hottest instruction' },
  { name: 'journal', label: 'prototype undo journal: hook + every write through the bus (not used)' },
];

const CHUNK_CYCLES = 5_000_000;
/** Addresses no workload executes (the workloads live at $0600 and keep data below $4000). */
const UNHIT_BREAKPOINTS = Array.from({ length: 10 }, (_, index) => 0xe000 + index * 0x10);

function programFor(bytes: Uint8Array, workload?: LoopWorkload): DebugProgram {
  if (workload !== undefined) {
    // With its debug map, as `moth debug file.s` has it (breakpoints on its lines can be patched in).
    const assembly = assemble(readFileSync(FIXTURE_DIRECTORY + workload.fileName, 'utf8'), { fileName: workload.fileName });
    if (assembly.ok && assembly.image !== undefined) return assembly;
  }
  return { image: { start: LOAD_ADDRESS, bytes }, symbols: new Map(), debugMap: [] };
}

/** The instruction PC is found at most often, sampled every 997 cycles over 2M cycles of a plain run. */
function hottestAddress(bytes: Uint8Array): number {
  const machine = new Machine();
  machine.load(bytes, LOAD_ADDRESS);
  machine.reset(LOAD_ADDRESS);
  const counts = new Map<number, number>();
  for (let sample = 0; sample < 2000; sample++) {
    machine.run(997);
    counts.set(machine.cpu.pc, (counts.get(machine.cpu.pc) ?? 0) + 1);
  }
  return [...counts.entries()].sort((left, right) => right[1] - left[1])[0]![0];
}

function loadBytes(workload: LoopWorkload): Uint8Array {
  const assembled = assembleFixture(workload.fileName);
  if ('error' in assembled) throw new Error(assembled.error);
  return assembled.bytes;
}

/** The session as a benchmark target; `prepare` sets breakpoints and watchpoints. */
function sessionTarget(workload: LoopWorkload, bytes: Uint8Array, config: ConfigName): BenchTarget {
  const session = new DebugSession(programFor(bytes, workload));
  const cpu = session.machine.cpu;
  if (config === 'hot-conditional') session.addBreakpoint({ kind: 'address', address: hottestAddress(bytes) }, 'A == $1234');
  if (config === 'breakpoints' || config === 'breakpoints-hot-watch') {
    for (const address of UNHIT_BREAKPOINTS) session.addBreakpoint({ kind: 'address', address });
    // $00F0 sits in zero page, which every workload writes all the time; $E800 is a page none touches.
    if (config === 'breakpoints') session.addWatchpoint(0xe800, 0xe80f, 'write');
    else session.addWatchpoint(0x00f0, 0x00f0, 'write', 'A == $1234');
  }
  if (config === 'slices') session.resume();
  return {
    run(cycles) {
      if (config === 'slices') {
        const end = cpu.cycles + cycles;
        while (cpu.cycles < end) {
          const slice = session.runSlice(1_000_000);
          if (slice.stopped !== undefined) return `${workload.name} stopped: ${slice.stopped.kind}`;
        }
        return undefined;
      }
      const result = session.continue(cycles);
      return result.reason.kind === 'limit' ? undefined : `${workload.name} stopped: ${result.reason.kind}`;
    },
    get cycles() {
      return cpu.cycles;
    },
    get instructions() {
      return cpu.instructions;
    },
    check: () => checkLoopResult(workload, cpu.memory),
  };
}

function machineTarget(workload: LoopWorkload, bytes: Uint8Array): BenchTarget {
  const machine = new Machine();
  machine.load(bytes, LOAD_ADDRESS);
  machine.reset(LOAD_ADDRESS);
  return {
    run(cycles) {
      const stop = machine.run(cycles);
      return stop.reason === 'budget' ? undefined : `${workload.name} stopped: ${stop.reason}`;
    },
    get cycles() {
      return machine.cpu.cycles;
    },
    get instructions() {
      return machine.cpu.instructions;
    },
    check: () => checkLoopResult(workload, machine.cpu.memory),
  };
}

/**
 * What the rejected design would cost: before every instruction the registers go into typed arrays, and
 * every write goes through the bus so the overwritten byte can be journalled. Preallocated, no allocation.
 */
function journalTarget(workload: LoopWorkload, bytes: Uint8Array): BenchTarget {
  const machine = new Machine();
  machine.load(bytes, LOAD_ADDRESS);
  machine.reset(LOAD_ADDRESS);
  const cpu = machine.cpu;
  const size = 1 << 20;
  const registers = new Uint8Array(size * 6);
  const cyclesLog = new Float64Array(size);
  const writeAddresses = new Uint16Array(size * 2);
  const writeValues = new Uint8Array(size * 2);
  let entry = 0;
  let writes = 0;
  machine.setInstructionHook((current) => {
    const at = (entry & (size - 1)) * 6;
    registers[at] = current.a;
    registers[at + 1] = current.x;
    registers[at + 2] = current.y;
    registers[at + 3] = current.sp;
    registers[at + 4] = current.p;
    registers[at + 5] = current.pc & 0xff;
    cyclesLog[entry & (size - 1)] = current.cycles;
    entry++;
    return false;
  });
  const inner: Bus = machine.bus;
  const memory = cpu.memory;
  cpu.bus = {
    read: (address) => inner.read(address),
    write(address, value) {
      const slot = writes & (size * 2 - 1);
      writeAddresses[slot] = address;
      writeValues[slot] = memory[address]!;
      writes++;
      inner.write(address, value);
    },
    peek: (address) => inner.peek(address),
  };
  cpu.writeHooks.fill(1);
  return {
    run(cycles) {
      const stop = machine.run(cycles);
      return stop.reason === 'budget' ? undefined : `${workload.name} stopped: ${stop.reason}`;
    },
    get cycles() {
      return cpu.cycles;
    },
    get instructions() {
      return cpu.instructions;
    },
    check: () => checkLoopResult(workload, memory),
  };
}

/**
 * One target per process, used for the warm-up and every timed run, as `moth run` keeps one machine and a face
 * one session: V8 optimizes the CPU loop for the bus functions it meets, and that start-up cost is not the
 * steady speed the ratios are about.
 */
function targetFor(workload: LoopWorkload, config: ConfigName): BenchTarget {
  const bytes = loadBytes(workload);
  switch (config) {
    case 'run':
      return machineTarget(workload, bytes);
    case 'journal':
      return journalTarget(workload, bytes);
    default:
      return sessionTarget(workload, bytes, config);
  }
}

/**
 * The session's own overhead, free of the machine's noise: in one process, the same machine alternately runs
 * bare (machine.run, as `moth run`) and under session.continue, 50M cycles each, six times; medians compared.
 */
function sameProcessRatio(workload: LoopWorkload): Record<string, number> {
  const session = new DebugSession(programFor(loadBytes(workload), workload));
  const machine = session.machine;
  const cpuMilliseconds = (): number => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };
  for (let round = 0; round < 3; round++) {
    machine.run(20_000_000);
    session.continue(20_000_000);
  }
  const bare: number[] = [];
  const debugged: number[] = [];
  for (let round = 0; round < 6; round++) {
    let started = cpuMilliseconds();
    machine.run(50_000_000);
    bare.push(50_000 / (cpuMilliseconds() - started));
    started = cpuMilliseconds();
    session.continue(50_000_000);
    debugged.push(50_000 / (cpuMilliseconds() - started));
  }
  return { bare: median(bare), session: median(debugged), ratio: median(debugged) / median(bare) };
}

/** Time-travel costs on one workload, in this process. */
function timeTravelCosts(workload: LoopWorkload): Record<string, number> {
  const session = new DebugSession(programFor(loadBytes(workload), workload));
  const costs: Record<string, number> = {};
  // CPU milliseconds of this process: a busy shared machine inflates wall time far more than CPU time.
  const time = (action: () => void): number => {
    const before = process.cpuUsage();
    action();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  // Warm up every path measured below (V8 optimizes each only after it has run a while), then start over.
  session.stepInto(3_000_000);
  session.stepBack(1_000_000);
  session.addBreakpoint({ kind: 'address', address: 0xe000 });
  session.reverseContinue();
  session.deleteBreakpoint(session.breakpoints[0]!.id);
  for (let index = 0; index < 50; index++) session.stepInto(1);
  session.reset();
  costs['run 1,200,000 instructions with checkpoints (ms CPU)'] = time(() => session.stepInto(1_200_000));
  const checkpoints = (session as unknown as { timeTravel: { history: { count: number } } }).timeTravel.history.count; // a bench may peek inside
  costs['checkpoints held'] = checkpoints;
  costs['checkpoint memory (MiB)'] = (checkpoints * 65_536) / (1 << 20);
  costs['history reach (instructions)'] = session.state.instructions - session.history.oldest;
  let total = 0;
  for (let index = 0; index < 50; index++) total += time(() => session.stepBack(1));
  costs['step back 1, mean of 50 (ms CPU)'] = total / 50;
  total = 0;
  for (let index = 0; index < 50; index++) total += time(() => session.stepInto(1));
  costs['step into 1 with explanation and write list, mean of 50 (ms CPU)'] = total / 50;
  costs['step back 1,000,000 (ms CPU)'] = time(() => session.stepBack(1_000_000));
  session.stepInto(1_000_000);
  session.addBreakpoint({ kind: 'address', address: 0xe000 }); // never hit: the search reads the whole history
  costs['reverse continue over 1,000,000+ instructions, no hit (ms CPU)'] = time(() => session.reverseContinue());
  return costs;
}

interface Settings {
  readonly seconds: number;
  readonly warmup: number;
  readonly runs: number;
  readonly only: readonly string[] | undefined;
}

function parseSettings(argv: readonly string[]): Settings {
  const value = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  return {
    seconds: Number(value('--seconds') ?? 1),
    warmup: Number(value('--warmup') ?? 2),
    runs: Number(value('--runs') ?? 3),
    only: value('--only')?.split(','),
  };
}

function worker(argv: readonly string[]): void {
  const [workloadName, config] = [argv[1], argv[2] as ConfigName];
  const settings = parseSettings(argv);
  const workload = LOOP_WORKLOADS.find((candidate) => candidate.name === workloadName);
  try {
    if (workload === undefined) throw new Error(`no workload ${workloadName}`);
    if ((config as string) === 'same-process') {
      process.stdout.write(JSON.stringify(sameProcessRatio(workload)) + '\n');
      return;
    }
    if ((config as string) === 'time-travel') {
      process.stdout.write(JSON.stringify(timeTravelCosts(workload)) + '\n');
      return;
    }
    const target = targetFor(workload, config);
    // On a busy machine V8's optimizing compiler thread waits for a core; a long warm-up lets it finish.
    timeOnce(target, settings.warmup, CHUNK_CYCLES);
    const best = bestOf(settings.runs, () => target, settings.seconds, CHUNK_CYCLES, () => {});
    process.stdout.write(JSON.stringify(best) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }) + '\n');
  }
}

function inChild(workload: string, config: string, settings: Settings): unknown {
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--worker', workload, config, '--seconds', String(settings.seconds), '--warmup', String(settings.warmup), '--runs', String(settings.runs)],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as unknown;
  } catch {
    return { error: `child ended with ${child.status ?? child.signal}: ${last}` };
  }
}

function main(argv: readonly string[]): void {
  if (argv[0] === '--worker') {
    worker(argv);
    return;
  }
  const settings = parseSettings(argv);
  const workloads = LOOP_WORKLOADS.filter((workload) => settings.only === undefined || settings.only.includes(workload.name));
  let failed = false;
  process.stdout.write(
    `moth debugger bench: ${settings.runs} rounds per configuration, each round the moth run loop and the configuration ` +
      `measured back to back (~${settings.seconds} s each, own process); ratio = median over rounds of ` +
      `configuration MHz / moth run MHz, per CPU second. Load average at the start: ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores.\n`,
  );
  const once = { ...settings, runs: 1 };
  const measure = (workload: LoopWorkload, config: ConfigName): Measurement | string => {
    const result = inChild(workload.name, config, once) as Partial<Measurement> & { error?: string };
    if (result.error !== undefined || result.cycles === undefined) return result.error ?? 'no measurement';
    return result as Measurement;
  };
  for (const workload of workloads) {
    process.stdout.write(`\n${workload.name}: ${workload.description}\n`);
    for (const config of CONFIGS) {
      if (config.name === 'run') continue;
      // Back-to-back pairs: a busy shared machine changes speed from one second to the next, so each
      // configuration is compared with a baseline measured right next to it, and the median ratio kept.
      const ratios: number[] = [];
      const speeds: number[] = [];
      const baselines: number[] = [];
      let problem: string | undefined;
      for (let round = 0; round < settings.runs && problem === undefined; round++) {
        const baseline = measure(workload, 'run');
        const measured = measure(workload, config.name);
        if (typeof baseline === 'string') problem = baseline;
        else if (typeof measured === 'string') problem = measured;
        else {
          baselines.push(emulatedMegahertzPerCpuSecond(baseline));
          speeds.push(emulatedMegahertzPerCpuSecond(measured));
          ratios.push(speeds.at(-1)! / baselines.at(-1)!);
        }
      }
      if (problem !== undefined) {
        process.stdout.write(`  ${config.label}: ERROR ${problem}\n`);
        failed = true;
        continue;
      }
      const ratio = median(ratios);
      const verdict =
        config.target === undefined ? '' : ratio >= config.target ? `  (target ≥ ${config.target * 100}%: met)` : `  (target ≥ ${config.target * 100}%: MISSED)`;
      if (config.target !== undefined && ratio < config.target) failed = true;
      process.stdout.write(
        `  ${config.label.padEnd(82)} ${median(speeds).toFixed(0).padStart(5)} vs ${median(baselines).toFixed(0).padStart(5)} MHz/CPU-s, ` +
          `ratio ${(ratio * 100).toFixed(0).padStart(3)}% (rounds: ${ratios.map((r) => (r * 100).toFixed(0)).join(', ')})${verdict}\n`,
      );
    }
  }
  process.stdout.write('\nsession.continue against machine.run on the same machine in one process (alternating, median of 6):\n');
  for (const workload of workloads) {
    const result = inChild(workload.name, 'same-process', settings) as Record<string, number> & { error?: string };
    if (result.error !== undefined) {
      process.stdout.write(`  ${workload.name}: ERROR ${result.error}\n`);
      failed = true;
      continue;
    }
    process.stdout.write(
      `  ${workload.name.padEnd(8)} machine.run ${result['bare']!.toFixed(0)} MHz/CPU-s, session.continue ${result['session']!.toFixed(0)} MHz/CPU-s, ratio ${(result['ratio']! * 100).toFixed(0)}%\n`,
    );
  }
  const first = workloads[0];
  if (first !== undefined) {
    process.stdout.write(`\ntime travel on ${first.name}:\n`);
    const costs = inChild(first.name, 'time-travel', settings) as Record<string, number> & { error?: string };
    if (costs.error !== undefined) {
      process.stdout.write(`  ERROR ${costs.error}\n`);
      failed = true;
    } else {
      for (const [name, value] of Object.entries(costs)) process.stdout.write(`  ${name.padEnd(62)} ${Number(Number(value).toFixed(3))}\n`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

main(process.argv.slice(2));
