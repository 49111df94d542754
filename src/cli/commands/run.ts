/**
 * `moth run <file>`: assemble if needed, load, run at full speed with the console on stdin/stdout, then say
 * on stderr why the program stopped, with its registers, cycles and speed.
 *
 * The run proceeds in slices of a few million cycles; between slices console output is flushed and the
 * event loop gets a turn, which is how piped or typed input reaches a program that never blocks.
 * `--trace` and `--explain` hand the machine to the debugger layer's narrated run (debugger/narrated-run.ts).
 * Cycles are counted as everywhere in moth: from reset, the 7-cycle reset sequence included.
 */
import { groupThousands } from '../../shared/thousands.js';
import type { Cpu } from '../../cpu/cpu.js';
import { registerLine } from '../../cpu/registers.js';
import type { StopReason } from '../../debugger/events.js';
import { describeStop } from '../../debugger/stop-reason.js';
import { Machine } from '../../machine/machine.js';
import type { MachineStop } from '../../machine/machine.js';
import { displayStartOf, displayView } from '../../machine/devices/display.js';
import { AddressSpaceError } from '../../machine/address-space.js';
import type { MachineDescription } from '../../machine/description.js';
import { startProgram } from '../../machine/program-start.js';
import { hexWord } from '../../shared/hex.js';
import { paintFor, wantsColour } from '../colour.js';
import type { Paint } from '../colour.js';
import { displayAsHalfBlocks, displayAsText } from '../display-dump.js';
import { NodeConsoleIo } from '../node-io.js';
import type { EnterKey, InputMode } from '../node-io.js';
import { withoutOnStackReplacement } from '../on-stack-replacement.js';
import { compileWasmLoopEarly } from '../wasm-early.js';
import { chooseMachine, withCpu } from '../machine-choice.js';
import type { CpuVariant } from '../../cpu/variants.js';
import type { RomPlacement } from '../machine-choice.js';
import { UserError } from '../errors.js';
import { loadProgramFile } from '../program-file.js';
import type { CliStreams } from '../streams.js';
import type { ProgramKind } from '../file-kind.js';

export interface RunOptions {
  /** Load address of a binary, default origin of a source (default $0600). */
  readonly load: number | undefined;
  /** Start address; undefined: machine/program-start.ts's rule (the machine's own start, the reset vector, else the load address). */
  readonly start: number | undefined;
  /** Stop once the cycle count (from reset) reaches this (exit code {@link EXIT_MAX_CYCLES}); undefined = no limit. */
  readonly maxCycles: number | undefined;
  readonly trace: boolean;
  readonly explain: boolean;
  /** A preset's name or a machine file's path. */
  readonly machine: string;
  /** ROM images to place before the program (`--rom FILE@ADDR`). */
  readonly roms: readonly RomPlacement[];
  /** The trap address that means success: the run exits 0 only when it traps there. */
  readonly successTrap: number | undefined;
  /** Memory ranges to print after the run (`--dump START:END`). */
  readonly dumps: readonly MemoryRange[];
  /** No summary on stderr. */
  readonly quiet: boolean;
  /** Print only a JSON summary (program output included) on stdout. */
  readonly json: boolean;
  /** `--brk-vector`: BRK is a real interrupt through $FFFE even without a vector in memory (machine/program-start.ts). */
  readonly brkVector: boolean;
  /** `--cpu`: the CPU variant in place of the machine's own. */
  readonly cpu?: CpuVariant | undefined;
  /** After the run, show the 32×32 display (stdout; in the JSON summary with --json). */
  readonly display: boolean;
  /** What the file is (`--as`); undefined: by its name, then its contents. */
  readonly as?: ProgramKind | undefined;
  /** On a terminal: input a line at a time, echoed and editable (default), or each key at once (`--keys`). */
  readonly inputMode?: InputMode | undefined;
  /** The byte Enter sends the program (`--enter`): LF (default) or CR. */
  readonly enter?: EnterKey | undefined;
  /** Which loop runs the CPU: the WebAssembly core (default) or the TypeScript lean loop (docs/cpu.md). */
  readonly core?: 'wasm' | 'js' | undefined;
}

export interface MemoryRange {
  readonly start: number;
  readonly end: number;
}

export function defaultRunOptions(): RunOptions {
  return {
    load: undefined,
    start: undefined,
    maxCycles: undefined,
    trace: false,
    explain: false,
    machine: 'default',
    roms: [],
    successTrap: undefined,
    dumps: [],
    quiet: false,
    json: false,
    brkVector: false,
    display: false,
    core: 'wasm',
  };
}

/** Exit codes for stops that are not the program's own choice (an exit-port write gives its value). */
export const EXIT_JAM = 3;
export const EXIT_MAX_CYCLES = 4;
/** `--success-trap` was given and the program stopped anywhere else. */
export const EXIT_NOT_SUCCESS = 5;
/** Signals that end a run as Ctrl-C does; the exit code is 128 + the signal's number, as shells report it. */
const STOPPING_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const SIGNAL_NUMBERS: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** Cycles per slice at full speed: ~10 ms of emulation, so input and Ctrl-C stay responsive. */
const SLICE_CYCLES = 4_000_000;
/** How long a program polling an empty input in a tight loop waits for the host before polling again. */
const STARVED_WAIT_MS = 5;

type RunStopReason = MachineStop['reason'] | 'max-cycles' | 'interrupted';

interface RunOutcome {
  readonly reason: RunStopReason;
  readonly address: number;
  readonly exitCode: number;
  readonly message: string;
}

export async function runCommand(file: string, options: RunOptions, streams: CliStreams): Promise<number> {
  const colour = wantsColour(streams.stderr);
  const choice = withCpu(await chooseMachine(options.machine, options.roms, colour), options.cpu);
  if ((options.core ?? 'wasm') === 'wasm') compileWasmLoopEarly(choice.description.cpu);
  const program = await loadProgramFile(file, options.load ?? choice.description.defaultLoadAddress, colour, options.as, undefined, { cpu: choice.description.cpu });
  if (program.warnings !== '' && !options.json) streams.stderr.write(program.warnings);

  const io = new NodeConsoleIo('process', options.json ? undefined : streams.stdout, {
    keepTranscript: options.json,
    // ROM monitors and BASICs echo what they are typed themselves: give them each key, unechoed.
    ...(options.inputMode === undefined ? (echoesItself(choice.description) ? { inputMode: 'keys' as const } : {}) : { inputMode: options.inputMode }),
    ...(options.enter === undefined ? {} : { enter: options.enter }),
  });
  const machine = new Machine({
    description: choice.description,
    io,
    replayableInput: false,
    ...(options.core === undefined ? {} : { cpuOptions: { core: options.core } }),
  });
  try {
    const warnings = [...choice.images.flatMap((image) => machine.load(image.bytes, image.address)), ...machine.load(program.bytes, program.start)];
    if (!options.json) for (const warning of warnings) streams.stderr.write(`moth: warning: ${file}: ${warning}\n`);
  } catch (error) {
    if (error instanceof AddressSpaceError) throw new UserError(`${file}: ${error.message}`);
    throw error;
  }
  startProgram(machine, program.start, { start: options.start, brkVector: options.brkVector });

  // Ctrl-C, a `kill` or a closed terminal: stop at the next slice, flush, and say where the program was.
  let interrupted: NodeJS.Signals | undefined;
  io.onStarved = () => machine.pause();
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupted = signal;
    machine.pause();
  };
  io.onInterrupt = () => onSignal('SIGINT');
  for (const signal of STOPPING_SIGNALS) process.once(signal, onSignal);

  const cpu = machine.cpu;
  const startCycles = cpu.cycles;
  const started = performance.now();
  let outcome: RunOutcome;
  try {
    outcome = await withoutOnStackReplacement(async () => {
      if (!options.trace && !options.explain) return sliceLoop(machine, io, options, () => interrupted);
      // Loaded only here: a plain run needs neither the disassembler nor the explainer.
      const { runNarrated } = await import('../../debugger/narrated-run.js');
      const out = options.json ? streams.stderr : streams.stdout;
      const end = await runNarrated(
        machine,
        { trace: options.trace, explain: options.explain, labels: program.labels, cycleLimit: options.maxCycles ?? Infinity },
        {
          write: (text) => void out.write(text),
          takeOutput: () => (options.json ? '' : io.takeOutput()), // --json keeps program output for the summary only
          interrupted: () => interrupted !== undefined,
          waitForInput: () => (io.starving ? io.waitForInput(STARVED_WAIT_MS) : Promise.resolve()),
          nextTurn,
        },
      );
      if (end.kind === 'limit') return maxCyclesOutcome(cpu, options.maxCycles ?? 0);
      if (end.kind === 'interrupted') return interruptedOutcome(cpu, interrupted ?? 'SIGINT', options);
      return outcomeOf(end.stop, cpu);
    });
  } finally {
    for (const signal of STOPPING_SIGNALS) process.off(signal, onSignal);
    io.close();
  }
  if (options.successTrap !== undefined) outcome = judgeSuccess(outcome, options.successTrap);
  const lcdLines = machine.lcds.map((lcd) => lcd.lines());
  const dumpText = options.dumps.length === 0 ? '' : await formatDumps(machine, options.dumps);
  const seconds = (performance.now() - started) / 1000;
  // The counts every face shows: since reset, its 7 cycles included. The speed is over the cycles this run took.
  const cycles = cpu.cycles;
  const instructions = cpu.instructions;
  const mhz = seconds > 0 ? (cycles - startCycles) / seconds / 1e6 : 0;

  if (options.json) {
    const summary = {
      file,
      stop: {
        reason: outcome.reason,
        address: outcome.address,
        message: outcome.message,
        ...(outcome.reason === 'exit' ? { exitCode: outcome.exitCode } : {}),
      },
      exitCode: outcome.exitCode,
      registers: { a: cpu.a, x: cpu.x, y: cpu.y, sp: cpu.sp, p: cpu.p, pc: cpu.pc },
      cycles,
      instructions,
      seconds: Number(seconds.toFixed(6)),
      mhz: Number(mhz.toFixed(2)),
      output: io.transcriptText(),
      // All the program printed, in bytes; `output` keeps only the last mebibyte of it.
      outputBytes: io.outputBytes,
      ...(options.display ? { display: displayAsText(displayView(cpu.memory, displayStartOf(choice.description))) } : {}),
      ...(lcdLines.length > 0 ? { lcd: lcdLines[0] } : {}),
      ...(options.dumps.length > 0 ? { dump: dumpText } : {}),
    };
    streams.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  } else if (options.display) {
    const pixels = displayView(cpu.memory, displayStartOf(choice.description));
    const lines = wantsColour(streams.stdout) ? displayAsHalfBlocks(pixels) : displayAsText(pixels);
    streams.stdout.write((io.atLineStart ? '' : '\n') + lines.join('\n') + '\n');
  }
  if (!options.json && options.dumps.length > 0) {
    streams.stdout.write((io.atLineStart || options.display ? '' : '\n') + dumpText + '\n');
  }
  if (!options.json && !options.quiet) {
    if (!io.atLineStart && !options.display && options.dumps.length === 0) streams.stderr.write('\n');
    for (const lines of lcdLines) streams.stderr.write(formatLcd(lines));
    streams.stderr.write(formatSummary(outcome, cpu, cycles, instructions, seconds, mhz, await paintFor(streams.stderr)));
  }
  return outcome.exitCode;
}

/** Full speed: long slices, nothing per instruction. */
async function sliceLoop(
  machine: Machine,
  io: NodeConsoleIo,
  options: RunOptions,
  interrupted: () => NodeJS.Signals | undefined,
): Promise<RunOutcome> {
  const cpu = machine.cpu;
  const limit = options.maxCycles ?? Infinity;
  let lastStarvedAt = -Infinity;
  for (;;) {
    const stop = machine.run(Math.min(SLICE_CYCLES, limit - cpu.cycles));
    io.flush();
    await io.drained();
    const signal = interrupted();
    if (signal !== undefined) return interruptedOutcome(cpu, signal, options);
    if (stop.reason === 'budget') {
      if (cpu.cycles >= limit) return maxCyclesOutcome(cpu, options.maxCycles ?? 0);
      await nextTurn();
      continue;
    }
    if (stop.reason === 'paused') {
      // The program polled for input and none was there. A program polling in a tight loop gets a short
      // sleep (no point spinning the host CPU); one that polls now and then only yields a turn.
      const tightLoop = cpu.cycles - lastStarvedAt < 100_000;
      lastStarvedAt = cpu.cycles;
      if (io.starving) await io.waitForInput(tightLoop ? STARVED_WAIT_MS : 0);
      continue;
    }
    return outcomeOf(stop, cpu);
  }
}

/** A machine stop as the run reports it: the one stop sentence (debugger/stop-reason.ts) and an exit code. */
function outcomeOf(stop: MachineStop, cpu: Cpu): RunOutcome {
  const at = stop.address;
  const said = (reason: StopReason, exitCode = 0): RunOutcome => ({ reason: stop.reason, address: at, exitCode, message: describeStop(reason) });
  switch (stop.reason) {
    case 'exit':
      return said({ kind: 'exit', code: stop.exitCode ?? 0, address: at }, stop.exitCode ?? 0);
    case 'brk':
      return said({ kind: 'brk', address: at });
    case 'trap':
      return said({ kind: 'trap', address: at });
    case 'jam':
      return said({ kind: 'jam', address: at, opcode: cpu.memory[at]! }, EXIT_JAM);
    case 'undocumented':
      return said({ kind: 'undocumented', address: at, opcode: cpu.memory[at]! }, EXIT_JAM);
    case 'input-ended':
      return said({ kind: 'input-ended', address: at });
    case 'breakpoint':
    case 'paused':
    case 'budget':
      return said({ kind: 'paused', address: at });
  }
}

/**
 * True when the console is a real chip (ACIA, PIA) or ends lines with CR, as ROM monitors and BASICs do:
 * the program behind it does its own echo and line editing.
 */
function echoesItself(description: MachineDescription): boolean {
  const consoleDevice = description.devices.find((device) => device.name === description.console.device);
  return description.console.newline === 'cr' || (consoleDevice !== undefined && consoleDevice.type !== 'console');
}

/** With --success-trap: a trap there is success (0); any other end of the run is a failure. */
function judgeSuccess(outcome: RunOutcome, successTrap: number): RunOutcome {
  if (outcome.reason === 'trap' && outcome.address === successTrap) {
    return { ...outcome, exitCode: 0, message: `${outcome.message}; the success trap` };
  }
  if (outcome.reason === 'interrupted') return outcome;
  const exitCode = outcome.exitCode !== 0 ? outcome.exitCode : EXIT_NOT_SUCCESS;
  return { ...outcome, exitCode, message: `${outcome.message}; not the success trap ${hexWord(successTrap)}` };
}

/** The LCD's two lines in a frame, as shown after a run. */
function formatLcd(lines: readonly string[]): string {
  const edge = '─'.repeat(lines[0]?.length ?? 16);
  return `┌${edge}┐ LCD\n${lines.map((line) => `│${line}│`).join('\n')}\n└${edge}┘\n`;
}

/** `--dump` ranges as rows of 16 bytes, read as a debugger does (no device reacts). */
async function formatDumps(machine: Machine, ranges: readonly MemoryRange[]): Promise<string> {
  const { formatMemory } = await import('../../debugger/commands.js');
  return ranges
    .map((range) => {
      const bytes = Uint8Array.from({ length: range.end - range.start + 1 }, (_, index) => machine.peek(range.start + index));
      return formatMemory(range.start, bytes);
    })
    .join('\n');
}

function maxCyclesOutcome(cpu: Cpu, maxCycles: number): RunOutcome {
  const message = describeStop({ kind: 'limit', cycles: maxCycles, address: cpu.pc });
  return { reason: 'max-cycles', address: cpu.pc, exitCode: EXIT_MAX_CYCLES, message };
}

/** Stopped by a signal; a runaway program stopped by hand gets the hint that `--max-cycles` stops it by itself. */
function interruptedOutcome(cpu: Cpu, signal: NodeJS.Signals, options: RunOptions): RunOutcome {
  const hint = options.maxCycles === undefined ? ' (to stop a long run by itself, give --max-cycles N)' : '';
  return {
    reason: 'interrupted',
    address: cpu.pc,
    exitCode: 128 + (SIGNAL_NUMBERS[signal] ?? 2),
    message: describeStop({ kind: 'paused', address: cpu.pc, signal }) + hint,
  };
}

function formatSummary(
  outcome: RunOutcome,
  cpu: Cpu,
  cycles: number,
  instructions: number,
  seconds: number,
  mhz: number,
  paint: Paint,
): string {
  const good = outcome.exitCode === 0 && outcome.reason !== 'max-cycles';
  const headline = paint.bold(good ? paint.green(outcome.message) : paint.yellow(outcome.message));
  const registers = registerLine(cpu);
  const counts =
    `${groupThousands(cycles)} cycles, ${groupThousands(instructions)} instructions ` +
    `in ${seconds.toFixed(3)} s (${mhz.toFixed(1)} MHz)`;
  return `${paint.bold('moth:')} ${headline}\n  ${registers}\n  ${paint.dim(counts)}\n`;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
