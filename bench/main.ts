/**
 * `npm run bench`: how fast moth emulates, as emulated instructions/s and MHz, for each workload on the bare CPU
 * (TypeScript and WebAssembly cores), inside the default Machine, and with the debugger's hook armed; plus the
 * whole `moth run` process on Klaus Dormann's functional test, side by side with other cores (bench/cli.ts),
 * when $MOTH_FUNCTIONAL_TEST_BIN names it. Each measurement runs in a child process
 * of its own, so one configuration's type feedback (a second Bus class, the instrumented loop) cannot slow
 * another's code down; the numbers are what a program using only that configuration would see.
 */

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Cpu } from '../src/cpu/cpu.js';
import { Machine } from '../src/machine/machine.js';
import { hexWord } from '../src/shared/hex.js';
import { benchCli } from './cli.js';
import { bestOf, emulatedMegahertz, emulatedMegahertzPerCpuSecond, millionInstructionsPerSecond } from './harness.js';
import type { BenchTarget, Measurement } from './harness.js';
import { FUNCTIONAL_TEST, LOAD_ADDRESS, assembleFixture, checkLoopResult, passesFinished, selectWorkloads } from './workloads.js';
import type { FunctionalWorkload, LoopWorkload, Workload } from './workloads.js';

export type ConfigName = 'cpu' | 'wasm' | 'machine' | 'debug-hook';

const CONFIGS: readonly { readonly name: ConfigName; readonly label: string }[] = [
  { name: 'cpu', label: 'CPU alone (TypeScript lean loop, plain RAM)' },
  { name: 'wasm', label: 'CPU alone (WebAssembly core, plain RAM)' },
  { name: 'machine', label: 'default Machine with its devices (wasm core)' },
  { name: 'debug-hook', label: 'CPU, debug hook armed (onInstruction + 16 unhit breakpoints)' },
];

/** Breakpoints the debug-hook configuration sets: in RAM none of the workloads ever executes. */
const UNHIT_BREAKPOINTS: readonly number[] = Array.from({ length: 16 }, (_, index) => 0xe000 + index * 0x40);

/**
 * Cycles per run() call. Measured on Node 20: calls of 5,000,000 cycles left the run loop on V8's on-stack-
 * replacement code, about a third slower than the normally optimized code that calls of 100,000 (or the
 * Machine's few-thousand-cycle slices) get; real callers run in slices, so the bench does too.
 */
const CHUNK_CYCLES = 100_000;

interface Settings {
  readonly seconds: number;
  readonly runs: number;
  readonly only: readonly string[] | undefined;
}

/** Arms the hook the debugger uses: every instruction is offered to a callback and checked against breakpoints. */
function armDebugHook(cpu: Cpu): void {
  cpu.instrumented = true;
  cpu.onInstruction = () => false;
  for (const address of UNHIT_BREAKPOINTS) cpu.breakpoints[address] = 1;
}

function loopTarget(workload: LoopWorkload, bytes: Uint8Array, config: ConfigName): BenchTarget {
  if (config === 'machine') {
    const machine = new Machine();
    machine.load(bytes, LOAD_ADDRESS);
    machine.reset(LOAD_ADDRESS);
    const cpu = machine.cpu;
    return {
      run(cycles) {
        const stop = machine.run(cycles);
        return stop.reason === 'budget' ? undefined : `${workload.name}: the machine stopped (${stop.reason}) at ${hexWord(stop.address)}`;
      },
      get cycles() {
        return cpu.cycles;
      },
      get instructions() {
        return cpu.instructions;
      },
      check: () => checkLoopResult(workload, cpu.memory),
      atWholeRun: () => passesFinished(cpu.memory) > 0,
    };
  }
  const cpu = new Cpu({ core: config === 'wasm' ? 'wasm' : 'js' });
  cpu.memory.set(bytes, LOAD_ADDRESS);
  cpu.pc = LOAD_ADDRESS;
  if (config === 'debug-hook') armDebugHook(cpu);
  return {
    run(cycles) {
      const reason = cpu.run(cycles);
      return reason === 'budget' ? undefined : `${workload.name}: the CPU stopped (${reason}) at ${hexWord(cpu.pc)}`;
    },
    get cycles() {
      return cpu.cycles;
    },
    get instructions() {
      return cpu.instructions;
    },
    check: () => checkLoopResult(workload, cpu.memory),
    atWholeRun: () => passesFinished(cpu.memory) > 0,
  };
}

/**
 * The functional test runs once to its success trap; to fill the time asked for, each finished run reloads the
 * image and starts again, and timing ends only between whole runs. Every run must end at the success address
 * after the expected cycle count.
 */
function functionalTarget(workload: FunctionalWorkload, image: Uint8Array, config: ConfigName): BenchTarget {
  let cpu: Cpu;
  let restart: () => void;
  let runFor: (cycles: number) => { reason: string; address: number };
  if (config === 'machine') {
    // The test checks BRK as the interrupt it is; the default machine would stop at it instead.
    const machine = new Machine({ cpuOptions: { brk: 'interrupt' } });
    cpu = machine.cpu;
    restart = () => {
      machine.load(image, FUNCTIONAL_TEST.load);
      machine.reset(FUNCTIONAL_TEST.start);
    };
    runFor = (cycles) => machine.run(cycles);
  } else {
    const bare = new Cpu({ detectTraps: true, core: config === 'wasm' ? 'wasm' : 'js' });
    cpu = bare;
    if (config === 'debug-hook') armDebugHook(bare);
    restart = () => {
      bare.memory.set(image, FUNCTIONAL_TEST.load);
      Object.assign(bare, { a: 0, x: 0, y: 0, sp: 0xfd, p: 0x24, pc: FUNCTIONAL_TEST.start });
    };
    runFor = (cycles) => ({ reason: bare.run(cycles), address: bare.pc });
  }
  restart();
  let passStart = cpu.cycles;
  let finished = 0;
  return {
    run(cycles) {
      const stop = runFor(cycles);
      if (stop.reason === 'budget') return undefined;
      if (stop.reason !== 'trap' || stop.address !== FUNCTIONAL_TEST.success) {
        return `${workload.name}: stopped (${stop.reason}) at ${hexWord(stop.address)}, not at the success trap ${hexWord(FUNCTIONAL_TEST.success)}`;
      }
      const used = cpu.cycles - passStart;
      if (used !== FUNCTIONAL_TEST.cycles) {
        return `${workload.name}: reached success after ${used} cycles, expected ${FUNCTIONAL_TEST.cycles}`;
      }
      finished++;
      restart();
      passStart = cpu.cycles;
      return undefined;
    },
    get cycles() {
      return cpu.cycles;
    },
    get instructions() {
      return cpu.instructions;
    },
    check: () => (finished > 0 ? undefined : `${workload.name}: no run reached the success trap`),
    atWholeRun: () => finished > 0 && cpu.cycles === passStart,
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Worker side: measures one workload in one configuration and prints the best run as one JSON line. */
function runWorker(workloadName: string, config: ConfigName, settings: Settings): number {
  const workload = selectWorkloads(process.env['MOTH_FUNCTIONAL_TEST_BIN']).find((each) => each.name === workloadName);
  if (workload === undefined) {
    process.stdout.write(JSON.stringify({ error: `no workload named ${workloadName}` }) + '\n');
    return 1;
  }
  let createTarget: () => BenchTarget;
  if (workload.kind === 'loop') {
    const assembled = assembleFixture(workload.fileName);
    if ('error' in assembled) {
      process.stdout.write(JSON.stringify({ error: assembled.error }) + '\n');
      return 1;
    }
    createTarget = () => loopTarget(workload, assembled.bytes, config);
  } else {
    let image: Uint8Array;
    try {
      image = new Uint8Array(readFileSync(workload.path));
    } catch (error) {
      process.stdout.write(JSON.stringify({ error: `cannot read ${workload.path}: ${describeError(error)}` }) + '\n');
      return 1;
    }
    createTarget = () => functionalTarget(workload, image, config);
  }
  try {
    const best = bestOf(settings.runs, createTarget, settings.seconds, CHUNK_CYCLES, (run, measurement) => {
      process.stderr.write(
        `  ${workload.name.padEnd(10)} ${config.padEnd(10)} run ${run}/${settings.runs}: ` +
          `${emulatedMegahertz(measurement).toFixed(1)} MHz, ${millionInstructionsPerSecond(measurement).toFixed(1)} M instructions/s ` +
          `(${emulatedMegahertzPerCpuSecond(measurement).toFixed(1)} MHz per CPU second)\n`,
      );
    });
    process.stdout.write(JSON.stringify(best) + '\n');
    return 0;
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: describeError(error) }) + '\n');
    return 1;
  }
}

type WorkerResult = { readonly measurement: Measurement } | { readonly error: string };

function measureInChild(workload: Workload, config: ConfigName, settings: Settings): WorkerResult {
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--worker', workload.name, config, '--seconds', String(settings.seconds), '--runs', String(settings.runs)],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: process.env },
  );
  const lastLine = child.stdout.trim().split('\n').at(-1) ?? '';
  try {
    const parsed = JSON.parse(lastLine) as Partial<Measurement> & { error?: string };
    if (parsed.error !== undefined) return { error: parsed.error };
    const { seconds, cpuSeconds, cycles, instructions } = parsed;
    if (seconds !== undefined && cpuSeconds !== undefined && cycles !== undefined && instructions !== undefined) {
      return { measurement: { seconds, cpuSeconds, cycles, instructions } };
    }
  } catch {
    // fall through: report what the child said
  }
  return { error: `the measuring process ended with status ${child.status ?? child.signal}: ${lastLine || '(no output)'}` };
}

function parseSettings(args: readonly string[]): Settings | string {
  let seconds = 3;
  let runs = 3;
  let only: string[] | undefined;
  for (let index = 0; index < args.length; index++) {
    const flag = args[index];
    const value = args[index + 1];
    if (flag === '--seconds' && value !== undefined && Number(value) > 0) seconds = Number(value);
    else if (flag === '--runs' && value !== undefined && Number.isInteger(Number(value)) && Number(value) > 0) runs = Number(value);
    else if (flag === '--only' && value !== undefined) only = value.split(',');
    else return `unknown or incomplete option ${flag ?? ''}\nusage: npm run bench -- [--seconds S] [--runs N] [--only sieve,crc32,muldiv,functional,cli]`;
    index++;
  }
  return { seconds, runs, only };
}

/** The benchmark: returns the exit code (1 when any workload failed its own check). */
export function main(args: readonly string[]): number {
  if (args[0] === '--worker') {
    const settings = parseSettings(args.slice(3));
    const config = CONFIGS.find((each) => each.name === args[2]);
    if (typeof settings === 'string' || config === undefined) return 2;
    return runWorker(args[1] ?? '', config.name, settings);
  }
  const settings = parseSettings(args);
  if (typeof settings === 'string') {
    process.stderr.write(settings + '\n');
    return 2;
  }
  const functionalPath = process.env['MOTH_FUNCTIONAL_TEST_BIN'] || undefined;
  const known = [...selectWorkloads('(any)').map((workload) => workload.name), 'cli'];
  const unknown = settings.only?.filter((name) => !known.includes(name)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown workload ${unknown.join(', ')}; choose from ${known.join(', ')}\n`);
    return 2;
  }
  const workloads = selectWorkloads(functionalPath).filter((workload) => settings.only?.includes(workload.name) ?? true);
  process.stdout.write(
    `moth bench: Node ${process.version}, best of ${settings.runs} runs of ~${settings.seconds} s each (after a warm-up), ` +
      `every measurement in its own process; ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(2)} at the start\n` +
      'MHz = emulated cycles per wall-clock second; MHz/CPU-s = per second of CPU time the process used (less sensitive to a busy machine)\n',
  );
  if (loadavg()[0]! > cpus().length * 0.75) {
    process.stdout.write(
      `WARNING: the machine is busy (load ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores): wall-clock MHz will read low; ` +
        'compare the MHz/CPU-s column, and re-run when it is quiet\n',
    );
  }
  if (functionalPath === undefined) process.stdout.write('(MOTH_FUNCTIONAL_TEST_BIN is not set: the functional test and the CLI timing are skipped)\n');

  const rows: string[] = [];
  let failures = 0;
  for (const workload of workloads) {
    process.stdout.write(`${workload.name}: ${workload.description}\n`);
    let baseline: Measurement | undefined;
    for (const config of CONFIGS) {
      const result = measureInChild(workload, config.name, settings);
      if ('error' in result) {
        failures++;
        rows.push(`${workload.name.padEnd(11)} ${config.label.padEnd(62)} FAILED: ${result.error}`);
        continue;
      }
      const measurement = result.measurement;
      if (config.name === 'cpu') baseline = measurement;
      const ratio = (rate: (each: Measurement) => number): string =>
        baseline === undefined ? 'n/a'.padStart(6) : (rate(measurement) / rate(baseline)).toFixed(2).padStart(6);
      rows.push(
        `${workload.name.padEnd(11)} ${config.label.padEnd(62)} ${millionInstructionsPerSecond(measurement).toFixed(1).padStart(9)} ` +
          `${emulatedMegahertz(measurement).toFixed(1).padStart(9)} ${ratio(emulatedMegahertz)} ` +
          `${emulatedMegahertzPerCpuSecond(measurement).toFixed(1).padStart(10)} ${ratio(emulatedMegahertzPerCpuSecond)}`,
      );
    }
  }
  process.stdout.write(
    `\n(load average at the end: ${loadavg()[0]!.toFixed(2)})\n` +
      `${'workload'.padEnd(11)} ${'configuration'.padEnd(62)} ${'M instr/s'.padStart(9)} ${'MHz'.padStart(9)} ${'vs CPU'.padStart(6)} ` +
      `${'MHz/CPU-s'.padStart(10)} ${'vs CPU'.padStart(6)}\n`,
  );
  for (const row of rows) process.stdout.write(row + '\n');

  if (functionalPath !== undefined && (settings.only?.includes('cli') ?? true)) {
    failures += benchCli(functionalPath, settings.runs, process.env);
  }
  return failures > 0 ? 1 : 0;
}

const startedAsProgram = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (startedAsProgram) process.exitCode = main(process.argv.slice(2));
