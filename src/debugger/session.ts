/**
 * DebugSession: one program on one machine, driven step by step, forwards and backwards, by any face.
 *
 * The session never prints: every change is an event (events.ts), every answer a value. Faces (the TUI,
 * `moth debug --script`, tests) drive the same calls. How it keeps speed and exactness:
 * - Free runs use the CPU's lean loop whenever nothing needs a per-instruction look (no breakpoint,
 *   no trace, no step-out); breakpoints switch on the instrumented loop; watchpoints wrap only the bus
 *   pages they cover.
 * - Time travel keeps machine checkpoints (history.ts) and re-executes deterministically from the nearest
 *   one, so step back and reverse continue reach any of the last `historyInstructions` instructions exactly.
 */
import type { Cpu } from '../cpu/cpu.js';
import type { Bus } from '../cpu/bus.js';
import type { CpuOptions } from '../cpu/cpu.js';
import { Flag } from '../cpu/flags.js';
import { INSTRUCTION_SET, TEACHING_STOPS } from '../cpu/instruction-set.js';
import { Vector, interruptDue } from '../cpu/interrupts.js';
import { Machine } from '../machine/machine.js';
import type { MachineState, MachineStop } from '../machine/machine.js';
import type { ConsoleIo } from '../machine/io.js';
import { bytesToText } from '../machine/io.js';
import { RESET_VECTOR } from '../machine/memory-map.js';
import { RANDOM_REFRESH_CYCLES } from '../machine/presets.js';
import type { PresetName } from '../machine/presets.js';
import { disassembleOne } from '../asm/disassembler.js';
import { hexWord } from '../shared/hex.js';
import { BreakpointTable } from './breakpoints.js';
import type { BreakpointId, BreakpointInfo, BreakpointTarget, WatchpointInfo } from './breakpoints.js';
import { compileExpression } from './conditions.js';
import type { CompiledExpression, EvaluationContext } from './conditions.js';
import { changedRegisters } from './events.js';
import type {
  CpuState,
  DebugEvent,
  DebugListener,
  MemoryAccess,
  MemoryRange,
  RegisterName,
  SourceLocation,
  StopReason,
} from './events.js';
import { explain, explainInterrupt, finishExplain, prepareExplain } from './explain.js';
import { DEFAULT_HISTORY, History } from './history.js';
import type { OutsideInput } from './history.js';
import { traceLine } from './trace.js';

export type { BreakpointId, BreakpointInfo, BreakpointTarget, WatchpointInfo } from './breakpoints.js';

/** How to build a session from assembly source (see `createSession` in program.ts). */
export interface SessionOptions {
  /** The name diagnostics and source locations use, e.g. `programs/hello.s`. */
  readonly fileName: string;
  /** Reads an included file; absent means `.include` fails with a diagnostic. */
  readonly resolveFile?: (name: string, fromFile: string, kind: 'text' | 'binary') => string | Uint8Array | undefined;
  /** Machine preset name ('default', 'easy6502'); default 'default'. */
  readonly preset?: string;
  /** Text the console device hands the program, byte by byte, when it reads $F004. */
  readonly input?: string;
  /** How many past instructions step back can reach (at least; more when cheap). Default 1,000,000. */
  readonly historyInstructions?: number;
}

/** What the session needs of an assembled program: the bytes, the symbols and the debug map. */
export interface DebugProgram {
  readonly image: { readonly start: number; readonly bytes: Uint8Array } | undefined;
  readonly symbols: ReadonlyMap<string, { readonly name: string; readonly value: number; readonly kind: string }>;
  readonly debugMap: readonly {
    readonly address: number;
    readonly length: number;
    readonly location: { readonly file: string; readonly line: number; readonly column: number; readonly length?: number };
    /** For bytes from a macro expansion: the call site, so a breakpoint on the call line finds them. */
    readonly macroCall?: { readonly file: string; readonly line: number };
  }[];
}

/** Options of the session itself, once the program is assembled. */
export interface DebugSessionOptions {
  readonly preset?: PresetName;
  readonly input?: string;
  readonly historyInstructions?: number;
  /** Cycles between time-travel checkpoints (default 262,144); smaller = faster step back, more memory and copying. */
  readonly checkpointCycles?: number;
  readonly randomSeed?: number;
  readonly cpuOptions?: CpuOptions;
  /** Where execution starts; default: the reset vector at $FFFC when the program sets one, else the image start. */
  readonly start?: number;
}

/** What a stepping or running command ends with. */
export interface StopResult {
  readonly reason: StopReason;
  /** State after the command. */
  readonly state: CpuState;
  /** Source line of PC after the command, when the program has one there. */
  readonly location: SourceLocation | undefined;
  /** Instructions executed (positive) or undone (negative) by this command. */
  readonly instructions: number;
}

/** One slice of a free run: faces call `runSlice` from a timer so keys stay live. */
export interface SliceResult {
  /** Set when the run ended in this slice; the session is then stopped. */
  readonly stopped: StopReason | undefined;
  /** Cycles and instructions executed in this slice. */
  readonly cycles: number;
  readonly instructions: number;
  /** Effective speed of this slice in MHz (cycles per microsecond of wall time). */
  readonly mhz: number;
}

/** What the last single step did, for the registers pane and the explain line. */
export interface StepDetail {
  readonly before: CpuState;
  readonly after: CpuState;
  readonly changed: readonly RegisterName[];
  /** Bytes the instruction wrote: address, old value, new value. */
  readonly writes: readonly { readonly address: number; readonly previous: number; readonly value: number }[];
  /** The instruction as disassembled text, e.g. `ADC #$10`. */
  readonly text: string;
  /** Plain words on what the instruction did with the actual values (from explain.ts). */
  readonly explanation: string | undefined;
}

/** Break on these events even without a breakpoint. */
export interface BreakOn {
  brk: boolean;
  undocumented: boolean;
  stack: boolean;
}

/** One row of the stack pane. */
export interface StackEntry {
  readonly address: number;
  readonly value: number;
  /**
   * When this byte and the next look like a JSR's pushed return address (the JSR sits at word+1-3),
   * the address it returns to and the nearest label at or before the JSR's target.
   */
  readonly returnAddress: number | undefined;
  readonly label: string | undefined;
}

/** One disassembled line, with its label and source line when known. */
export interface DisassemblyLine {
  readonly address: number;
  readonly bytes: readonly number[];
  readonly text: string;
  readonly label: string | undefined;
  readonly location: SourceLocation | undefined;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** What a free run started by resumeStepOver / resumeStepOut / resumeRunTo is after. */
interface SliceGoal {
  readonly targets?: ReadonlySet<number>;
  readonly targetMinSp?: number;
  readonly finishSp?: number;
  /** Reaching the target ends a step over: report it as a step. */
  readonly overStep?: boolean;
}

/** What a forward run is after; `execute` stops at the first of these or at anything else that stops it. */
interface Goal {
  /** Stop (reason `step`) when the instruction count reaches this. */
  readonly instructionLimit: number;
  /** Stop when the cycle count reaches this (reason `limit`, or undefined for a slice). */
  readonly cycleLimit: number;
  readonly limitReason: 'limit' | 'slice';
  /** Stop before executing at any of these addresses (`until`, `run to`, step over's return). */
  readonly targets?: ReadonlySet<number>;
  /** With `targets`: stop there only when SP is at least this (step over: back in the caller's frame). */
  readonly targetMinSp?: number;
  /** Step out: stop after an RTS/RTI executed with SP at least this. */
  readonly finishSp?: number;
}

// Opcodes the stack check and step out look at; local constants because they run per instruction.
const RTS = 0x60;

/** What a single step notes before it runs, to explain it afterwards. */
interface StepStart {
  readonly before: CpuState;
  readonly pending: ReturnType<typeof prepareExplain>;
  readonly text: string;
  /** Set when the CPU enters an interrupt before the instruction at `before.pc`. */
  readonly interrupt: 'NMI' | 'IRQ' | undefined;
}
const RTI = 0x40;
const JSR = 0x20;

/**
 * The debugger's model. Never prints: every change is an event, every answer a value.
 *
 * Time travel: `state.instructions` is the position on the time axis. The session keeps checkpoints
 * (registers, all 64 KiB, device state) and re-executes deterministically from the nearest one,
 * so `stepBack` and `reverseContinue` reach any of the last `historyInstructions` instructions exactly.
 */
export class DebugSession {
  private readonly listeners = new Set<DebugListener>();
  readonly machine: Machine;
  private readonly cpu: Cpu;
  private readonly program: DebugProgram;
  private readonly timeline: History<MachineState>;
  private readonly table = new BreakpointTable();
  private readonly baseOptions: Required<CpuOptions>;
  private readonly initialState: MachineState;

  private readonly outputBytes: number[] = [];
  private emittedOutputLength = 0;
  private outputCache = { length: -1, text: '' };
  private readonly pendingInput: number[] = [];

  private readonly lineIndex: Int32Array;
  private readonly labelsByAddress = new Map<number, string>();
  private readonly sortedLabels: { readonly address: number; readonly name: string }[] = [];

  private lastStopState: CpuState;
  private lastStepDetail: StepDetail | undefined;
  private lastReason: StopReason = { kind: 'step' };
  private isRunning = false;
  private flagsVersion = -1;
  private flagTargets: ReadonlySet<number> | undefined;
  private readonly beforeMemory = new Uint8Array(0x10000);
  private readonly beforeWords = new Int32Array(this.beforeMemory.buffer);
  private readonly memoryWords: Int32Array;
  /** 1 where the debug map has a line starting (an instruction or data), for breakpoint patching. */
  private readonly lineStarts = new Uint8Array(0x10000);
  /** While a patched run is in progress: 1 at patched addresses, and the real bytes behind the patches. */
  private readonly patchedFlags = new Uint8Array(0x10000);
  private readonly patchedBytes = new Uint8Array(0x10000);
  /** One flag per address and kind of access a watchpoint covers (rebuilt when watchpoints change). */
  private readonly watchedReads = new Uint8Array(0x10000);
  private readonly watchedWrites = new Uint8Array(0x10000);
  private watchLayout = -1;
  private readonly debugBus: Bus;

  // Per-instruction hook state (see `beforeInstruction`).
  private goal: Goal | undefined;
  private hookInstruction = -1;
  private hookPc = -1;
  private hookStop: StopReason | undefined;
  private returnExecuted = false;
  private previousOpcode = -1;
  private previousSp = -1;
  private previousPc = -1;
  /** Set by the watch bus when an access triggers a watchpoint. */
  private watchStop: StopReason | undefined;
  /** Reverse search: record candidates instead of stopping. */
  private searching = false;
  private searchFound: { at: number; reason: StopReason } | undefined;
  private readonly context: EvaluationContext;

  /** Break on BRK / undocumented opcodes / SP wrapping; faces may flip these. */
  readonly breakOn: BreakOn = { brk: false, undocumented: false, stack: false };

  /** Emits a trace line per executed instruction while on (slower: runs the instrumented loop). */
  trace = false;

  /**
   * true (default): breakpoints at instruction starts run as BRK patches on the lean loop (fast). A program that
   * executes misaligned code — jumping into the middle of an instruction, or rewriting its own code so that a
   * breakpoint's byte becomes an operand — would read the patch there; false checks every instruction instead
   * (exact for any program, about a third of the speed).
   */
  patchBreakpoints = true;

  constructor(program: DebugProgram, options: DebugSessionOptions = {}) {
    this.program = program;
    for (const character of options.input ?? '') this.pendingInput.push(character.charCodeAt(0) & 0xff);
    const io: ConsoleIo = {
      writeOutput: (byte) => void this.outputBytes.push(byte),
      readInput: () => this.pendingInput.shift(),
    };
    this.machine = new Machine({
      io,
      ...(options.preset === undefined ? {} : { preset: options.preset }),
      ...(options.cpuOptions === undefined ? {} : { cpuOptions: options.cpuOptions }),
      ...(options.randomSeed === undefined ? {} : { randomSeed: options.randomSeed }),
    });
    this.cpu = this.machine.cpu;
    const memory = this.cpu.memory;
    this.memoryWords = new Int32Array(memory.buffer, memory.byteOffset, memory.length >> 2);
    this.baseOptions = { ...this.cpu.options };
    const loadedAt = this.machine.loadAssembly(program);
    // The same rule as `moth run`: an explicit start, else the program's reset vector, else its first byte.
    const resetVector = this.machine.peek(RESET_VECTOR) | (this.machine.peek(RESET_VECTOR + 1) << 8);
    this.machine.reset(options.start ?? (resetVector !== 0 ? undefined : loadedAt));
    this.timeline = new History<MachineState>({
      ...DEFAULT_HISTORY,
      instructions: options.historyInstructions ?? DEFAULT_HISTORY.instructions,
      spacingCycles: options.checkpointCycles ?? DEFAULT_HISTORY.spacingCycles,
    });
    this.initialState = this.machine.saveState();
    this.timeline.start(this.checkpointNow());
    this.lastStopState = this.state;
    this.context = { state: this.cpu, peek: (address) => this.machine.peek(address) };
    this.debugBus = this.createDebugBus();

    this.lineIndex = new Int32Array(0x10000).fill(-1);
    program.debugMap.forEach((entry, index) => {
      this.lineStarts[entry.address & 0xffff] = 1;
      for (let offset = 0; offset < Math.max(1, entry.length); offset++) {
        const address = (entry.address + offset) & 0xffff;
        if (this.lineIndex[address] === -1) this.lineIndex[address] = index;
      }
    });
    const labels = [...program.symbols.values()].filter((symbol) => symbol.value >= 0 && symbol.value <= 0xffff);
    // Labels win over constants with the same value: `loop` reads better than `COUNT` in a disassembly.
    labels.sort((left, right) => Number(left.kind !== 'label') - Number(right.kind !== 'label'));
    for (const symbol of labels) {
      if (!this.labelsByAddress.has(symbol.value)) this.labelsByAddress.set(symbol.value, symbol.name);
      if (symbol.kind === 'label') this.sortedLabels.push({ address: symbol.value, name: symbol.name });
    }
    this.sortedLabels.sort((left, right) => left.address - right.address);
  }

  // ---------------------------------------------------------------- events and plain state

  /** Subscribes to events; returns the unsubscribe function. */
  on(listener: DebugListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected emit(event: DebugEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Registers, cycles and instruction count now. */
  get state(): CpuState {
    const cpu = this.cpu;
    return { a: cpu.a, x: cpu.x, y: cpu.y, sp: cpu.sp, pc: cpu.pc, p: cpu.p, cycles: cpu.cycles, instructions: cpu.instructions };
  }

  /** True between `resume()` and the `stopped` event. */
  get running(): boolean {
    return this.isRunning;
  }

  /** Why the session last stopped. */
  get stopReason(): StopReason {
    return this.lastReason;
  }

  /** Source line of PC, when the program has one there. */
  get location(): SourceLocation | undefined {
    return this.locationOf(this.cpu.pc);
  }

  /** Everything the program wrote to the console so far (rewinds with step back). */
  get output(): string {
    if (this.outputCache.length !== this.outputBytes.length) {
      this.outputCache = { length: this.outputBytes.length, text: bytesToText(this.outputBytes) };
    }
    return this.outputCache.text;
  }

  /** The last single step's before/after/writes/explanation; undefined after a run or reset. */
  get lastStep(): StepDetail | undefined {
    return this.lastStepDetail;
  }

  /** Oldest and newest instruction counts time travel can reach right now. */
  get history(): { readonly oldest: number; readonly newest: number } {
    return { oldest: this.timeline.oldest, newest: Math.max(this.timeline.frontier, this.cpu.instructions) };
  }

  /** The program as assembled (symbols, debug map). */
  get debugProgram(): DebugProgram {
    return this.program;
  }

  /** The machine's live memory (read it, do not write it: use writeMemory so history stays exact). */
  get memory(): Uint8Array {
    return this.cpu.memory;
  }

  // ---------------------------------------------------------------- stepping and running

  /** Executes `count` instructions (stopping early at breakpoints, watchpoints, BRK, …). */
  stepInto(count = 1): StopResult {
    this.isRunning = false; // a command ends a free run in progress; its own stop event follows
    const startInstructions = this.cpu.instructions;
    const detail = count === 1 ? this.beginStepDetail() : undefined;
    const reason = this.executeToStop({
      instructionLimit: startInstructions + Math.max(1, Math.floor(count)),
      cycleLimit: Infinity,
      limitReason: 'limit',
    });
    return this.finishCommand(reason, startInstructions, detail);
  }

  /** Like stepInto, but a JSR runs until it returns to the next instruction. */
  stepOver(): StopResult {
    this.isRunning = false; // a command ends a free run in progress; its own stop event follows
    const cpu = this.cpu;
    if (cpu.memory[cpu.pc] !== JSR) return this.stepInto(1);
    const startInstructions = cpu.instructions;
    const reason = this.executeToStop({
      instructionLimit: Infinity,
      cycleLimit: cpu.cycles + 100_000_000,
      limitReason: 'limit',
      targets: new Set([(cpu.pc + 3) & 0xffff]),
      targetMinSp: cpu.sp,
    });
    return this.finishCommand(reason.kind === 'run-to' ? { kind: 'step' } : reason, startInstructions);
  }

  /** Runs until the current subroutine's RTS has returned (the stack is back above the frame). */
  stepOut(): StopResult {
    this.isRunning = false; // a command ends a free run in progress; its own stop event follows
    const cpu = this.cpu;
    const startInstructions = cpu.instructions;
    const reason = this.executeToStop({
      instructionLimit: Infinity,
      cycleLimit: cpu.cycles + 100_000_000,
      limitReason: 'limit',
      finishSp: cpu.sp,
    });
    return this.finishCommand(reason, startInstructions);
  }

  /** Starts a free run; the face then calls `runSlice` until it reports a stop. Emits `running`. */
  resume(): void {
    this.startFreeRun({});
  }

  /**
   * Step over as a free run in slices (a JSR into a long routine would otherwise block the face): the face
   * calls `runSlice` until it stops with reason `step`. Anything but a JSR is stepped at once.
   */
  resumeStepOver(): void {
    const cpu = this.cpu;
    if (cpu.memory[cpu.pc] !== JSR) {
      this.stepInto(1);
      return;
    }
    this.startFreeRun({ targets: new Set([(cpu.pc + 3) & 0xffff]), targetMinSp: cpu.sp, overStep: true });
  }

  /** Step out (`finish`) as a free run in slices. */
  resumeStepOut(): void {
    this.startFreeRun({ finishSp: this.cpu.sp });
  }

  /** Run to an address (or any of several) as a free run in slices. */
  resumeRunTo(address: number | readonly number[]): void {
    const targets = new Set(typeof address === 'number' ? [address & 0xffff] : address.map((a) => a & 0xffff));
    this.startFreeRun({ targets });
  }

  private startFreeRun(goal: SliceGoal): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.resumeSkip = true;
    this.sliceGoal = goal;
    this.lastStepDetail = undefined;
    this.emit({ type: 'running', direction: 'forward' });
  }

  private resumeSkip = false;
  private sliceStartInstructions = 0;
  private sliceGoal: SliceGoal = {};

  /** Runs about `maxCycles` cycles of a free run started by `resume`. */
  runSlice(maxCycles: number): SliceResult {
    if (!this.isRunning) return { stopped: this.lastReason, cycles: 0, instructions: 0, mhz: 0 };
    const cpu = this.cpu;
    const startCycles = cpu.cycles;
    const startInstructions = cpu.instructions;
    if (this.resumeSkip) this.sliceStartInstructions = startInstructions;
    const began = performance.now();
    const { overStep, ...targets } = this.sliceGoal;
    let reason = this.execute(
      { instructionLimit: Infinity, cycleLimit: cpu.cycles + Math.max(1, maxCycles), limitReason: 'slice', ...targets },
      this.resumeSkip,
    );
    if (overStep === true && reason?.kind === 'run-to') reason = { kind: 'step' };
    this.resumeSkip = false;
    const elapsed = performance.now() - began;
    const cycles = cpu.cycles - startCycles;
    const result = {
      cycles,
      instructions: cpu.instructions - startInstructions,
      mhz: elapsed > 0 ? cycles / (elapsed * 1000) : 0,
    };
    if (reason === undefined) {
      this.flushOutput();
      return { stopped: undefined, ...result };
    }
    this.isRunning = false;
    this.finishCommand(reason, this.sliceStartInstructions);
    return { stopped: reason, ...result };
  }

  /** Stops a free run at the next instruction boundary; emits `stopped` with reason `paused`. */
  pause(): void {
    if (!this.isRunning) return;
    this.isRunning = false;
    this.finishCommand({ kind: 'paused' }, this.sliceStartInstructions);
  }

  /** Runs until something stops it, or `maxCycles` have passed (reason `limit`): for scripts and tests. */
  continue(maxCycles = 100_000_000): StopResult {
    this.isRunning = false; // a command ends a free run in progress; its own stop event follows
    const startInstructions = this.cpu.instructions;
    const reason = this.executeToStop({ instructionLimit: Infinity, cycleLimit: this.cpu.cycles + maxCycles, limitReason: 'limit' });
    return this.finishCommand(reason, startInstructions);
  }

  /** Runs until PC reaches one of `addresses` (breakpoints still stop it first). */
  runTo(address: number | readonly number[], maxCycles = 100_000_000): StopResult {
    this.isRunning = false;
    const startInstructions = this.cpu.instructions;
    const targets = new Set(typeof address === 'number' ? [address & 0xffff] : address.map((a) => a & 0xffff));
    const reason = this.executeToStop({
      instructionLimit: Infinity,
      cycleLimit: this.cpu.cycles + maxCycles,
      limitReason: 'limit',
      targets,
    });
    return this.finishCommand(reason, startInstructions);
  }

  /** Undoes `count` instructions exactly: registers, memory, cycles, console and devices. */
  stepBack(count = 1): StopResult {
    this.isRunning = false; // a command ends a free run in progress; its own stop event follows
    const startInstructions = this.cpu.instructions;
    const wanted = startInstructions - Math.max(1, Math.floor(count));
    const target = Math.max(wanted, this.history.oldest);
    this.goTo(target);
    return this.finishCommand(wanted < target || target === startInstructions ? { kind: 'history-start' } : { kind: 'step' }, startInstructions);
  }

  /** Runs backwards to the most recent breakpoint/watchpoint hit, or to the oldest history. */
  reverseContinue(): StopResult {
    this.isRunning = false; // a command ends a free run in progress; its own stop event follows
    const startInstructions = this.cpu.instructions;
    const found = this.searchBackwards(startInstructions);
    if (found === undefined) {
      this.goTo(this.history.oldest);
      return this.finishCommand({ kind: 'history-start' }, startInstructions);
    }
    this.goTo(found.at);
    return this.finishCommand(found.reason, startInstructions);
  }

  /** Puts the machine back as loaded (program, registers, devices) and clears history; breakpoints stay. */
  reset(): void {
    this.isRunning = false;
    this.machine.restoreState(this.initialState);
    this.outputBytes.length = 0;
    this.timeline.start(this.checkpointNow());
    this.table.clearHits();
    this.lastStepDetail = undefined;
    this.lastReason = { kind: 'step' };
    this.emit({ type: 'reset' });
    this.flushOutput();
    this.emit({ type: 'memory', ranges: 'all' });
    const state = this.state;
    this.emit({ type: 'registers', before: this.lastStopState, after: state, changed: changedRegisters(this.lastStopState, state) });
    this.lastStopState = state;
    this.emit({ type: 'stopped', reason: this.lastReason, state, location: this.location });
  }

  // ---------------------------------------------------------------- breakpoints and watchpoints

  /** Adds a breakpoint; a condition is an expression like `A == $10 && X > 3`; `ignoreUntil` skips the first hits. */
  addBreakpoint(target: BreakpointTarget, condition?: string, ignoreUntil = 0): Result<BreakpointInfo> {
    const addresses = this.resolveTarget(target);
    if (!addresses.ok) return addresses;
    const compiled = this.compileCondition(condition);
    if (!compiled.ok) return compiled;
    const info = this.table.addBreakpoint(target, addresses.value, compiled.value, ignoreUntil);
    this.emit({ type: 'breakpoints' });
    return { ok: true, value: info };
  }

  /** Adds a watchpoint over `start..end` (inclusive). */
  addWatchpoint(start: number, end: number, access: MemoryAccess | 'access', condition?: string): Result<WatchpointInfo> {
    if (!isAddress(start) || !isAddress(end)) return { ok: false, error: 'a watchpoint range must lie within $0000-$FFFF' };
    if (end < start) return { ok: false, error: `the range ends (${hexWord(end)}) before it starts (${hexWord(start)})` };
    const compiled = this.compileCondition(condition);
    if (!compiled.ok) return compiled;
    const info = this.table.addWatchpoint(start, end, access, compiled.value);
    this.emit({ type: 'breakpoints' });
    return { ok: true, value: info };
  }

  /** Deletes a breakpoint or watchpoint by id. */
  deleteBreakpoint(id: BreakpointId): Result<void> {
    if (!this.table.delete(id)) return { ok: false, error: `no breakpoint or watchpoint ${id}` };
    this.emit({ type: 'breakpoints' });
    return { ok: true, value: undefined };
  }

  setBreakpointEnabled(id: BreakpointId, enabled: boolean): Result<void> {
    if (!this.table.setEnabled(id, enabled)) return { ok: false, error: `no breakpoint or watchpoint ${id}` };
    this.emit({ type: 'breakpoints' });
    return { ok: true, value: undefined };
  }

  /** The `b` key: removes the breakpoints on that line, or adds one. Returns what it did. */
  toggleBreakpointAtLine(file: string, line: number): Result<'added' | 'removed'> {
    const addresses = this.addressesForLine(file, line);
    if (addresses.length === 0) return { ok: false, error: `line ${line} has no instruction` };
    const existing = this.table.breakpoints.filter((b) => b.addresses.some((address) => addresses.includes(address)));
    if (existing.length > 0) {
      for (const breakpoint of existing) this.table.delete(breakpoint.id);
      this.emit({ type: 'breakpoints' });
      return { ok: true, value: 'removed' };
    }
    const added = this.addBreakpoint({ kind: 'line', file, line });
    return added.ok ? { ok: true, value: 'added' } : added;
  }

  get breakpoints(): readonly BreakpointInfo[] {
    return this.table.breakpoints;
  }

  get watchpoints(): readonly WatchpointInfo[] {
    return this.table.watchpoints;
  }

  // ---------------------------------------------------------------- memory, registers, symbols

  /** Reads memory without side effects (no device reacts). */
  readMemory(start: number, length: number): Uint8Array {
    const bytes = new Uint8Array(Math.max(0, length));
    for (let index = 0; index < bytes.length; index++) bytes[index] = this.machine.peek((start + index) & 0xffff);
    return bytes;
  }

  /**
   * Writes memory as the debugger (not the program). The write becomes part of the timeline: going back
   * before it undoes it, and an edit made in the past starts a new future from there.
   */
  writeMemory(address: number, bytes: readonly number[]): void {
    this.applyOutside({ kind: 'memory', address: address & 0xffff, bytes: bytes.map((byte) => byte & 0xff) });
    const ranges: MemoryRange[] = [{ start: address & 0xffff, length: bytes.length }];
    this.emit({ type: 'memory', ranges });
  }

  /** Sets a register (`set A = $10`); like writeMemory, part of the timeline. */
  setRegister(name: RegisterName, value: number): void {
    const before = this.state;
    const masked = name === 'pc' ? value & 0xffff : name === 'p' ? (value & 0xef) | 0x20 : value & 0xff;
    this.applyOutside({ kind: 'register', name, value: masked });
    const after = this.state;
    this.lastStopState = after;
    this.emit({ type: 'registers', before, after, changed: changedRegisters(before, after) });
  }

  /** Evaluates an expression (`A`, `label`, `[$0200]`, `X + 1`) against the current state. */
  evaluate(expression: string): Result<number> {
    const compiled = compileExpression(expression, (name) => this.symbol(name));
    if (!compiled.ok) return compiled;
    return { ok: true, value: compiled.value(this.context) };
  }

  /** A label's value, or undefined (exact name first, then ignoring case). */
  symbol(name: string): number | undefined {
    const exact = this.program.symbols.get(name);
    if (exact !== undefined) return exact.value;
    const lower = name.toLowerCase();
    for (const [key, symbol] of this.program.symbols) if (key.toLowerCase() === lower) return symbol.value;
    return undefined;
  }

  /** Every symbol name, for completion. */
  get symbolNames(): readonly string[] {
    return [...this.program.symbols.keys()];
  }

  /** The label defined exactly at an address, if any. */
  labelAt(address: number): string | undefined {
    return this.labelsByAddress.get(address & 0xffff);
  }

  /** The nearest label at or before an address, with the distance (`loop+3`). */
  labelBefore(address: number): { readonly name: string; readonly offset: number } | undefined {
    let found: { name: string; offset: number } | undefined;
    for (const label of this.sortedLabels) {
      if (label.address > address) break;
      found = { name: label.name, offset: address - label.address };
    }
    return found;
  }

  /** The source line that emitted the byte at `address`. */
  locationOf(address: number): SourceLocation | undefined {
    const index = this.lineIndex[address & 0xffff]!;
    if (index < 0) return undefined;
    const entry = this.program.debugMap[index]!;
    const { file, line, column } = entry.location;
    return { file, line, column, length: entry.location.length ?? 0 };
  }

  /** Instruction start addresses emitted by a source line; `file` may be the full name or just its end (`hello.s`). */
  addressesForLine(file: string, line: number): readonly number[] {
    const addresses: number[] = [];
    let expansionStart: number | undefined;
    for (const entry of this.program.debugMap) {
      const call = entry.macroCall;
      if (call !== undefined && call.line === line && sameFile(call.file, file)) {
        // A macro call line stops once, where its expansion begins, not at every instruction inside.
        expansionStart ??= entry.address;
        continue;
      }
      if (entry.location.line !== line || !sameFile(entry.location.file, file)) continue;
      if (!addresses.includes(entry.address)) addresses.push(entry.address);
    }
    if (expansionStart !== undefined && !addresses.includes(expansionStart)) addresses.push(expansionStart);
    return addresses;
  }

  /** The program's main source file (the file of its first debug-map entry), for `break 12`. */
  get mainFile(): string {
    return this.program.debugMap[0]?.location.file ?? '';
  }

  /** `count` instructions from `address`, disassembled. */
  disassemble(address: number, count: number): DisassemblyLine[] {
    const lines: DisassemblyLine[] = [];
    let current = address & 0xffff;
    for (let index = 0; index < count; index++) {
      const instruction = disassembleOne((at) => this.machine.peek(at), current, this.labelsByAddress);
      lines.push({
        address: current,
        bytes: instruction.bytes,
        text: instruction.text,
        label: this.labelAt(current),
        location: this.locationOf(current),
      });
      current = (current + instruction.length) & 0xffff;
    }
    return lines;
  }

  /** The used part of the stack, top first, with return addresses resolved. */
  stack(): StackEntry[] {
    const entries: StackEntry[] = [];
    const peek = (address: number): number => this.machine.peek(address);
    for (let sp = this.cpu.sp + 1; sp <= 0xff; sp++) {
      const address = 0x0100 + sp;
      const value = peek(address);
      let returnAddress: number | undefined;
      let label: string | undefined;
      if (sp < 0xff) {
        // JSR pushes (its own address + 2); RTS adds one. So the JSR sits at word - 2.
        const word = value | (peek(address + 1) << 8);
        const jsrAddress = (word - 2) & 0xffff;
        if (peek(jsrAddress) === JSR) {
          returnAddress = (word + 1) & 0xffff;
          const target = peek((jsrAddress + 1) & 0xffff) | (peek((jsrAddress + 2) & 0xffff) << 8);
          label = this.labelAt(target) ?? this.labelBefore(target)?.name;
        }
      }
      entries.push({ address, value, returnAddress, label });
    }
    return entries;
  }

  /** Appends console input the program reads from $F004. */
  sendInput(text: string): void {
    for (const character of text) this.pendingInput.push(character.charCodeAt(0) & 0xff);
  }

  /** Presses a key on the easy6502 keyboard port ($FF); part of the timeline like any outside input. */
  pressKey(code: number): void {
    this.applyOutside({ kind: 'key', code: code & 0xff });
    this.emit({ type: 'memory', ranges: [{ start: 0xff, length: 1 }] });
  }

  /**
   * Pulses the NMI line (a button on the machine): the CPU takes the interrupt before its next instruction.
   * Part of the timeline like a key press, so stepping back undoes it and re-running repeats it.
   */
  nmi(): void {
    this.applyOutside({ kind: 'nmi' });
  }

  // ---------------------------------------------------------------- the forward engine

  /**
   * Runs forward towards `goal`. Returns why it stopped, or undefined when a slice simply used its cycles.
   * `skipFirst`: the instruction at PC runs without breakpoint checks (a command resumes from a stop there).
   */
  private execute(goal: Goal, skipFirst = true): StopReason | undefined {
    const cpu = this.cpu;
    const machine = this.machine;
    const startCycles = cpu.cycles;
    this.goal = goal;
    this.hookStop = undefined;
    this.watchStop = undefined;
    if (skipFirst) {
      // A new command; a later slice of the same free run keeps what the hook has seen (an RTS just executed).
      this.returnExecuted = false;
      this.hookInstruction = -1;
      this.previousOpcode = -1;
    }
    const perInstruction = this.trace || this.breakOn.stack || goal.finishSp !== undefined;
    const checked = perInstruction || this.table.hasEnabledBreakpoints || goal.targets !== undefined;
    this.syncBreakpointFlags(goal.targets);
    // Breakpoints cost least as patched-in BRKs on the lean loop; the instrumented loop is the fallback.
    const patches = perInstruction || !checked ? undefined : this.patchableAddresses(goal.targets);
    const instrumented = checked && patches === undefined;
    // Runs whose first instruction the CPU would not check must end at machine events (see `budget`).
    const chunked = instrumented || this.breakOn.undocumented;
    this.configureMachine(perInstruction ? this.hook : undefined, instrumented);
    const restoreBus = this.installBus(patches ?? []);
    cpu.options.brk = this.breakOn.brk ? 'stop' : this.baseOptions.brk;
    cpu.options.undocumented = this.breakOn.undocumented ? 'stop' : this.baseOptions.undocumented;
    try {
      let skip = skipFirst;
      for (;;) {
        if (cpu.instructions >= goal.instructionLimit) return { kind: 'step' };
        if (cpu.cycles >= goal.cycleLimit) {
          return goal.limitReason === 'slice' ? undefined : { kind: 'limit', cycles: cpu.cycles - startCycles };
        }
        if (this.timeline.due(cpu.instructions, cpu.cycles)) this.timeline.add(this.checkpointNow());
        if (!skip) {
          const stop = this.checkBeforeInstruction(goal, checked, perInstruction);
          if (stop !== undefined) return stop;
        }
        let stop: MachineStop;
        const arrivedFrom = cpu.instructions;
        if (skip || (checked && cpu.breakpoints[cpu.pc] !== 0)) {
          stop = this.executeOne(skip);
        } else if (patches !== undefined) {
          stop = this.runPatched(patches, this.budget(goal, chunked));
        } else {
          stop = machine.run(this.budget(goal, chunked));
        }
        skip = false;
        this.timeline.reached(cpu.instructions);
        const reason = this.interpret(stop);
        if (reason !== undefined) return reason;
        // Inputs recorded at an instruction count apply once, on arriving there (an interrupt entry alone
        // moves no instruction, and must not apply them again).
        if (cpu.instructions !== arrivedFrom) this.applyDueInputs();
      }
    } finally {
      restoreBus();
      // The hook and the instrumented flag stay as they are until the next run wants otherwise (replays and
      // reverse searches set their own), so a face's run of slices does not rebuild them every slice.
      cpu.options.brk = this.baseOptions.brk;
      cpu.options.undocumented = this.baseOptions.undocumented;
      this.goal = undefined;
    }
  }

  private installedHook: ((cpu: Cpu) => boolean) | undefined;
  private installedInstrumented = false;

  /**
   * Sets the machine's hook and instrumented flag only when they change: the machine builds a new closure each
   * time (the easy6502 preset wraps the hook), and a new closure per run would make V8 re-optimize the CPU loop.
   */
  private configureMachine(hook: ((cpu: Cpu) => boolean) | undefined, instrumented: boolean): void {
    if (hook !== this.installedHook) {
      this.machine.setInstructionHook(hook);
      this.installedHook = hook;
    }
    if (instrumented !== this.installedInstrumented) {
      this.machine.instrumented = instrumented;
      this.installedInstrumented = instrumented;
    }
  }

  /** `execute` for commands, whose goals always end in a stop. */
  private executeToStop(goal: Goal): StopReason {
    return this.execute(goal) ?? { kind: 'limit', cycles: 0 };
  }

  /** How many cycles the next `machine.run` may take without overshooting a limit, a checkpoint or an input. */
  private budget(goal: Goal, checked: boolean): number {
    const cpu = this.cpu;
    let budget = goal.cycleLimit - cpu.cycles;
    const newest = this.timeline.newest;
    if (newest !== undefined && cpu.instructions >= newest.instructions) {
      budget = Math.min(budget, Math.max(1, newest.cycles + this.timeline.options.spacingCycles - cpu.cycles));
    }
    let instructionLimit = goal.instructionLimit;
    if (cpu.instructions < this.timeline.frontier) {
      const next = this.timeline.nextInputAfter(cpu.instructions);
      if (next !== undefined) instructionLimit = Math.min(instructionLimit, next.at);
    }
    // Every instruction takes at least 2 cycles, so this many cycles cannot run past the instruction limit.
    if (Number.isFinite(instructionLimit)) budget = Math.min(budget, 2 * (instructionLimit - cpu.instructions));
    if (checked) {
      // The CPU skips its checks on the first instruction of every run() call, and the machine splits a run
      // at its device events; ending each run at the next event keeps it to one run() whose first
      // instruction `execute` has already checked itself.
      budget = Math.min(budget, this.nextMachineEvent() - cpu.cycles);
    }
    return Math.max(1, budget);
  }

  /** The cycle of the machine's next scheduled device event (timer, or the default preset's random byte). */
  private nextMachineEvent(): number {
    const cycles = this.cpu.cycles;
    const random = this.machine.preset.randomEveryInstruction
      ? Infinity
      : (Math.floor(cycles / RANDOM_REFRESH_CYCLES) + 1) * RANDOM_REFRESH_CYCLES;
    return Math.min(random, this.machine.timer.nextEventCycle());
  }

  /**
   * The breakpoint addresses (and run targets) as a list to patch with BRK, or undefined when one of them
   * could be an operand byte of some instruction (patching it would change what that instruction reads):
   * safe are addresses where the debug map puts an instruction or data line, and addresses outside the
   * loaded image.
   */
  private patchableAddresses(targets: ReadonlySet<number> | undefined): number[] | undefined {
    if (!this.patchBreakpoints) return undefined;
    const addresses = new Set<number>(targets ?? []);
    for (const breakpoint of this.table.breakpoints) {
      if (breakpoint.enabled) for (const address of breakpoint.addresses) addresses.add(address);
    }
    const image = this.program.image;
    for (const address of addresses) {
      const inImage = image !== undefined && address >= image.start && address < image.start + image.bytes.length;
      if (inImage && this.lineStarts[address] === 0) return undefined;
    }
    return [...addresses];
  }

  /**
   * One lean run with a BRK ($00) written over every breakpoint address: the CPU stops on its own before
   * executing one (brk: 'stop'), so breakpoints cost nothing per instruction. The patched pages' data reads
   * and writes go through the bus, which answers with and updates the real bytes, so the program never sees
   * a patch; and the patches exist only inside this call, so checkpoints and views never see them either.
   */
  private runPatched(patches: readonly number[], budget: number): MachineStop {
    const cpu = this.cpu;
    const memory = cpu.memory;
    const brk = cpu.options.brk;
    for (const address of patches) {
      this.patchedBytes[address] = memory[address]!;
      this.patchedFlags[address] = 1;
      memory[address] = 0x00;
    }
    cpu.options.brk = 'stop';
    let stop: MachineStop;
    try {
      stop = this.machine.run(budget);
    } finally {
      cpu.options.brk = brk;
      for (const address of patches) {
        memory[address] = this.patchedBytes[address]!;
        this.patchedFlags[address] = 0;
      }
    }
    if (stop.reason !== 'brk') return stop;
    // Stopped at a patch: the loop's own check decides about the breakpoint there.
    if (patches.includes(stop.address)) return { reason: 'breakpoint', address: stop.address };
    // A real BRK the session would not stop at: execute it as the interrupt it is.
    if (brk === 'interrupt') return this.machine.run(1);
    return stop;
  }

  /** One instruction with the breakpoint at PC passed over (teaching-mode stops too when `explicit`). */
  private executeOne(explicit: boolean): MachineStop {
    const cpu = this.cpu;
    const pc = cpu.pc;
    const flag = cpu.breakpoints[pc]!;
    cpu.breakpoints[pc] = 0;
    const brk = cpu.options.brk;
    const undocumented = cpu.options.undocumented;
    if (explicit) {
      cpu.options.brk = this.baseOptions.brk;
      cpu.options.undocumented = this.baseOptions.undocumented;
    }
    try {
      return this.machine.run(1);
    } finally {
      cpu.breakpoints[pc] = flag;
      cpu.options.brk = brk;
      cpu.options.undocumented = undocumented;
    }
  }

  /** Everything that stops the machine before the instruction at PC: hook stops, targets, breakpoints, teaching stops. */
  private checkBeforeInstruction(goal: Goal, checked: boolean, perInstruction: boolean): StopReason | undefined {
    const cpu = this.cpu;
    if (perInstruction) {
      this.beforeInstruction(cpu);
      if (this.hookStop !== undefined) return this.hookStop;
    }
    const pc = cpu.pc;
    if (goal.targets?.has(pc) && (goal.targetMinSp === undefined || cpu.sp >= goal.targetMinSp)) {
      return { kind: 'run-to', address: pc };
    }
    if (checked && cpu.breakpoints[pc] !== 0) {
      const version = this.table.version;
      const hit = this.table.breakpointHit(pc, this.context, true);
      // Only a counted hit changes what a breakpoints pane shows; a false condition changes nothing.
      if (this.table.version !== version) this.emit({ type: 'breakpoints' });
      if (hit !== undefined) return { kind: 'breakpoint', id: hit.id, address: pc };
    }
    const opcode = cpu.memory[pc]!;
    if (this.breakOn.undocumented && TEACHING_STOPS[opcode] !== 0) return { kind: 'undocumented', address: pc, opcode };
    if (this.breakOn.brk && opcode === 0x00) return { kind: 'brk', address: pc };
    return undefined;
  }

  /** The per-instruction hook: trace, stack wrap check, step out. Idempotent per instruction. */
  private readonly hook = (cpu: Cpu): boolean => {
    this.beforeInstruction(cpu);
    return this.hookStop !== undefined;
  };

  private beforeInstruction(cpu: Cpu): void {
    if (this.hookInstruction === cpu.instructions && this.hookPc === cpu.pc) return;
    this.hookInstruction = cpu.instructions;
    this.hookPc = cpu.pc;
    if (this.hookStop !== undefined) return;
    if (this.searching) {
      this.searchBreakpoint(cpu);
      return;
    }
    const goal = this.goal;
    if (this.returnExecuted) {
      this.hookStop = { kind: 'step' };
      return;
    }
    if (this.breakOn.stack && this.previousOpcode >= 0) {
      if (INSTRUCTION_SET[this.previousOpcode]!.stack === 'push' && cpu.sp > this.previousSp) {
        this.hookStop = { kind: 'stack', direction: 'overflow', address: this.previousPc };
        return;
      }
      if (INSTRUCTION_SET[this.previousOpcode]!.stack === 'pull' && cpu.sp < this.previousSp) {
        this.hookStop = { kind: 'stack', direction: 'underflow', address: this.previousPc };
        return;
      }
    }
    const opcode = cpu.memory[cpu.pc]!;
    this.previousOpcode = opcode;
    this.previousSp = cpu.sp;
    this.previousPc = cpu.pc;
    if (goal?.finishSp !== undefined && (opcode === RTS || opcode === RTI) && cpu.sp >= goal.finishSp) {
      this.returnExecuted = true;
    }
    if (this.trace) this.emit({ type: 'trace', line: traceLine((address) => this.machine.peek(address), cpu, this.labelsByAddress) });
  }

  /** Turns a machine stop into a session stop, or undefined when the run should go on. */
  private interpret(stop: MachineStop): StopReason | undefined {
    if (this.watchStop !== undefined) return this.watchStop;
    if (this.hookStop !== undefined && stop.reason !== 'exit') return this.hookStop;
    const cpu = this.cpu;
    switch (stop.reason) {
      case 'budget':
      case 'breakpoint': // the loop's own check decides at the top of the next round
      case 'paused':
        return undefined;
      case 'exit':
        return { kind: 'exit', code: stop.exitCode ?? 0 };
      case 'brk':
        return { kind: 'brk', address: stop.address };
      case 'undocumented':
        return { kind: 'undocumented', address: stop.address, opcode: cpu.memory[stop.address]! };
      case 'jam':
        return { kind: 'jam', address: stop.address, opcode: cpu.memory[stop.address]! };
      case 'trap':
        return { kind: 'trap', address: stop.address };
    }
  }

  /** Applies the recorded outside inputs due at this instruction (only when re-running an old timeline). */
  private applyDueInputs(): void {
    const at = this.cpu.instructions;
    if (at > this.timeline.frontier) return;
    for (const timed of this.timeline.inputsBetween(at - 1, at)) this.apply(timed.input);
  }

  /** Records an outside input at the current instruction, applies it and checkpoints right after it. */
  private applyOutside(input: OutsideInput): void {
    const at = this.cpu.instructions;
    if (at < this.timeline.frontier) this.timeline.truncateAfter(at);
    this.timeline.recordInput({ at, input });
    this.apply(input);
    this.timeline.add(this.checkpointNow());
    this.lastStepDetail = undefined;
  }

  private apply(input: OutsideInput): void {
    switch (input.kind) {
      case 'key':
        this.machine.pressKey(input.code);
        break;
      case 'nmi':
        this.cpu.nmi();
        break;
      case 'memory':
        input.bytes.forEach((byte, index) => this.machine.poke(input.address + index, byte));
        break;
      case 'register':
        this.cpu[input.name] = input.value;
        break;
    }
  }

  // ---------------------------------------------------------------- time travel

  private checkpointNow(): { instructions: number; cycles: number; state: MachineState; outputLength: number } {
    return {
      instructions: this.cpu.instructions,
      cycles: this.cpu.cycles,
      state: this.machine.saveState(),
      outputLength: this.outputBytes.length,
    };
  }

  /** Puts the machine exactly where it was after `target` instructions (within the history). */
  private goTo(target: number): void {
    const checkpoint = this.timeline.checkpointAtOrBefore(target);
    if (checkpoint === undefined) return;
    this.restore(checkpoint);
    this.replayTo(target);
  }

  private restore(checkpoint: { state: MachineState; outputLength: number }): void {
    this.machine.restoreState(checkpoint.state);
    this.outputBytes.length = checkpoint.outputLength;
    this.lastStepDetail = undefined;
  }

  /** Re-executes on the lean loop, no checks, until exactly `target` instructions (or no progress is possible). */
  private replayTo(target: number): void {
    const cpu = this.cpu;
    this.configureMachine(undefined, false);
    const detect = cpu.options.detectTraps;
    cpu.options.detectTraps = false;
    cpu.options.undocumented = 'execute';
    try {
      while (cpu.instructions < target) {
        const before = cpu.cycles;
        this.machine.run(2 * (target - cpu.instructions));
        if (cpu.cycles === before) break; // a stop that makes no progress (BRK on a machine that stops there)
      }
    } finally {
      cpu.options.detectTraps = detect;
      cpu.options.undocumented = this.baseOptions.undocumented;
    }
  }

  /** Finds the newest breakpoint or watchpoint hit before `position` by re-running checkpoint segments, newest first. */
  private searchBackwards(position: number): { at: number; reason: StopReason } | undefined {
    if (!this.table.hasEnabledBreakpoints && !this.table.hasEnabledWatchpoints) return undefined;
    const cpu = this.cpu;
    const segments = this.timeline.checkpointsBefore(position);
    let segmentEnd = position;
    this.searching = true;
    this.searchLimit = position;
    this.cpu.breakpoints.fill(0);
    this.flagsVersion = -1;
    const searchFlags = new Uint8Array(0x10000);
    this.table.markAddresses(searchFlags);
    this.searchFlags = searchFlags;
    // Breakpoints alone: search on the lean loop with the breakpoints patched in (a stop per hit). Watchpoints
    // need to know which instruction made an access, which the per-instruction hook tells.
    const patches = this.table.hasEnabledWatchpoints ? undefined : this.patchableAddresses(undefined);
    this.configureMachine(patches === undefined ? this.hook : undefined, false);
    const restoreBus = this.installBus(patches ?? []);
    const detect = cpu.options.detectTraps;
    cpu.options.detectTraps = false;
    cpu.options.undocumented = 'execute'; // as replay does: the timeline went past them
    try {
      for (const checkpoint of segments) {
        this.restore(checkpoint);
        this.searchFound = undefined;
        this.hookInstruction = -1;
        if (patches !== undefined) {
          this.searchSegmentPatched(patches, segmentEnd);
        } else {
          while (cpu.instructions < segmentEnd) {
            const before = cpu.cycles;
            this.machine.run(2 * (segmentEnd - cpu.instructions));
            if (cpu.cycles === before) break;
          }
        }
        const found = this.searchFound as { at: number; reason: StopReason } | undefined;
        if (found !== undefined) return found;
        segmentEnd = checkpoint.instructions;
      }
      return undefined;
    } finally {
      this.searching = false;
      this.searchFound = undefined;
      restoreBus();
      this.configureMachine(undefined, false);
      cpu.options.detectTraps = detect;
      cpu.options.undocumented = this.baseOptions.undocumented;
    }
  }

  /** One segment of a breakpoint-only reverse search: lean runs between patched breakpoints, each hit recorded. */
  private searchSegmentPatched(patches: readonly number[], end: number): void {
    const cpu = this.cpu;
    while (cpu.instructions < end) {
      const cycles = cpu.cycles;
      const instructions = cpu.instructions;
      if (this.searchFlags[cpu.pc] !== 0) {
        this.searchBreakpoint(cpu);
        this.machine.run(1); // the real instruction: no patches are in outside runPatched
      } else {
        this.runPatched(patches, 2 * (end - cpu.instructions));
      }
      if (cpu.cycles === cycles && cpu.instructions === instructions && this.searchFlags[cpu.pc] === 0) break; // stuck (a BRK that stops)
    }
  }

  private searchFlags: Uint8Array = new Uint8Array(0);
  /** Reverse search keeps only hits strictly before the position it started from. */
  private searchLimit = 0;

  private searchBreakpoint(cpu: Cpu): void {
    if (this.searchFlags[cpu.pc] === 0) return;
    const hit = this.table.breakpointHit(cpu.pc, this.context, false);
    if (hit !== undefined) this.searchFound = { at: cpu.instructions, reason: { kind: 'breakpoint', id: hit.id, address: cpu.pc } };
  }

  // ---------------------------------------------------------------- watchpoints on the bus

  /**
   * Wraps the bus for the pages that need it: pages holding breakpoint patches (so the program reads the
   * real bytes) and pages enabled watchpoints cover. Returns the undo. Costs nothing when neither is needed.
   */
  private installBus(patches: readonly number[]): () => void {
    const watching = this.table.hasEnabledWatchpoints;
    if (!watching && patches.length === 0) return () => {};
    const cpu = this.cpu;
    const original = cpu.bus;
    const savedRead = cpu.readHooks.slice();
    const savedWrite = cpu.writeHooks.slice();
    for (const address of patches) {
      cpu.readHooks[address >> 8] = 1;
      cpu.writeHooks[address >> 8] = 1;
    }
    if (this.watchLayout !== this.table.layoutVersion) {
      this.watchedReads.fill(0);
      this.watchedWrites.fill(0);
      for (const watchpoint of this.table.watchpoints) {
        if (!watchpoint.enabled) continue;
        if (watchpoint.access !== 'write') this.watchedReads.fill(1, watchpoint.start, watchpoint.end + 1);
        if (watchpoint.access !== 'read') this.watchedWrites.fill(1, watchpoint.start, watchpoint.end + 1);
      }
      this.watchLayout = this.table.layoutVersion;
    }
    if (watching) {
      const pages = this.table.watchedPages();
      for (const page of pages.read) cpu.readHooks[page] = 1;
      for (const page of pages.write) cpu.writeHooks[page] = 1;
    }
    cpu.bus = this.debugBus;
    return () => {
      cpu.readHooks.set(savedRead);
      cpu.writeHooks.set(savedWrite);
      cpu.bus = original;
    };
  }

  /**
   * The bus the CPU uses for hooked pages while breakpoints are patched in or watchpoints are set: it answers
   * patched addresses with the real bytes (and keeps writes to them), reports accesses to watched bytes, and
   * passes everything else to the machine. Built once per session on purpose: V8 optimizes the CPU loop for
   * the bus functions it has seen, and a fresh closure on every run would throw that optimized code away.
   */
  private createDebugBus(): Bus {
    const inner: Bus = this.machine.bus;
    const patched = this.patchedFlags;
    const realBytes = this.patchedBytes;
    const watchedReads = this.watchedReads;
    const watchedWrites = this.watchedWrites;
    const table = this.table;
    const context = this.context;
    const session = this;
    return {
      read(address: number): number {
        const value = patched[address] !== 0 ? realBytes[address]! : inner.read(address);
        if (watchedReads[address] !== 0) {
          session.watchAccess(table.watchpointHit(address, 'read', context, !session.searching), address, 'read', value, undefined);
        }
        return value;
      },
      write(address: number, value: number): void {
        const previous = patched[address] !== 0 ? realBytes[address]! : watchedWrites[address] !== 0 ? inner.peek(address) : 0;
        if (patched[address] !== 0) realBytes[address] = value;
        else inner.write(address, value);
        if (watchedWrites[address] !== 0) {
          session.watchAccess(table.watchpointHit(address, 'write', context, !session.searching), address, 'write', value, previous);
        }
      },
      peek(address: number): number {
        return patched[address] !== 0 ? realBytes[address]! : inner.peek(address);
      },
    };
  }

  private watchAccess(
    hit: WatchpointInfo | undefined,
    address: number,
    access: MemoryAccess,
    value: number,
    previous: number | undefined,
  ): void {
    if (hit === undefined) return;
    const reason: StopReason = {
      kind: 'watchpoint',
      id: hit.id,
      address,
      access,
      value,
      ...(previous === undefined ? {} : { previous }),
    };
    if (this.searching) {
      // The hook ran before this instruction, so hookInstruction counts the instructions before it.
      if (this.hookInstruction + 1 < this.searchLimit) this.searchFound = { at: this.hookInstruction + 1, reason };
      return;
    }
    if (this.watchStop === undefined) {
      this.watchStop = reason;
      this.machine.pause();
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Keeps the CPU's breakpoint flags equal to the enabled breakpoints plus this run's targets. */
  private syncBreakpointFlags(targets: ReadonlySet<number> | undefined): void {
    if (this.flagsVersion === this.table.layoutVersion && this.flagTargets === targets && targets === undefined) return;
    const flags = this.cpu.breakpoints;
    flags.fill(0);
    this.table.markAddresses(flags);
    if (targets !== undefined) for (const address of targets) flags[address] = 1;
    this.flagsVersion = targets === undefined ? this.table.layoutVersion : -1;
    this.flagTargets = targets;
  }

  private beginStepDetail(): StepStart {
    const before = this.state;
    this.beforeMemory.set(this.cpu.memory);
    const peek = (address: number): number => this.machine.peek(address);
    return {
      before,
      pending: prepareExplain(peek, before),
      text: disassembleOne(peek, before.pc, this.labelsByAddress).text,
      interrupt: interruptDue(this.cpu),
    };
  }

  /**
   * A step that began with an interrupt entry ran the entry and the handler's first instruction; the
   * explanation says so instead of describing the instruction that was interrupted.
   */
  private explainStep(detail: StepStart, after: CpuState, peek: (address: number) => number): string {
    if (detail.interrupt === undefined) {
      return explain({ ...finishExplain(detail.pending, after, peek), symbols: this.labelsByAddress });
    }
    const vector = detail.interrupt === 'NMI' ? Vector.Nmi : Vector.Irq;
    const handler = peek(vector) | (peek(vector + 1) << 8);
    const entered = { ...detail.before, pc: handler, sp: (detail.before.sp - 3) & 0xff, p: detail.before.p | Flag.InterruptDisable };
    const first = disassembleOne(peek, handler, this.labelsByAddress).text;
    return `${explainInterrupt(detail.interrupt, detail.before, entered, this.labelsByAddress)}. Then the handler's first instruction ran: ${first}`;
  }

  private finishCommand(
    reason: StopReason,
    startInstructions: number,
    detail?: StepStart,
  ): StopResult {
    this.lastReason = reason;
    const state = this.state;
    let ranges: MemoryRange[] | 'all' = 'all';
    this.lastStepDetail = undefined;
    if (detail !== undefined && state.instructions === startInstructions + 1) {
      const writes: { address: number; previous: number; value: number }[] = [];
      const memory = this.cpu.memory;
      const before = this.beforeMemory;
      // Compare a word at a time (16,384 steps instead of 65,536), then look at the bytes of changed words.
      const nowWords = this.memoryWords;
      const beforeWords = this.beforeWords;
      for (let word = 0; word < 0x4000; word++) {
        if (nowWords[word] === beforeWords[word]) continue;
        for (let address = word << 2; address < (word << 2) + 4; address++) {
          if (memory[address] !== before[address]) writes.push({ address, previous: before[address]!, value: memory[address]! });
        }
      }
      ranges = writes.map((write) => ({ start: write.address, length: 1 }));
      const peek = (address: number): number => this.machine.peek(address);
      this.lastStepDetail = {
        before: detail.before,
        after: state,
        changed: changedRegisters(detail.before, state),
        writes,
        text: detail.interrupt === undefined ? detail.text : `${detail.interrupt} → handler`,
        explanation: this.explainStep(detail, state, peek),
      };
    }
    this.flushOutput();
    const changed = changedRegisters(this.lastStopState, state);
    this.emit({ type: 'registers', before: this.lastStopState, after: state, changed });
    if (ranges === 'all' || ranges.length > 0) this.emit({ type: 'memory', ranges });
    this.lastStopState = state;
    const location = this.location;
    this.emit({ type: 'stopped', reason, state, location });
    return { reason, state, location, instructions: state.instructions - startInstructions };
  }

  private flushOutput(): void {
    const length = this.outputBytes.length;
    if (length === this.emittedOutputLength) return;
    if (length < this.emittedOutputLength) {
      this.emit({ type: 'output-rewound', text: this.output });
    } else {
      this.emit({ type: 'output', text: bytesToText(this.outputBytes.slice(this.emittedOutputLength)) });
    }
    this.emittedOutputLength = length;
  }

  private resolveTarget(target: BreakpointTarget): Result<readonly number[]> {
    switch (target.kind) {
      case 'address':
        return isAddress(target.address) ? { ok: true, value: [target.address] } : { ok: false, error: `${target.address} is not an address` };
      case 'label': {
        const value = this.symbol(target.name);
        return value === undefined || !isAddress(value)
          ? { ok: false, error: `no label "${target.name}"` }
          : { ok: true, value: [value] };
      }
      case 'line': {
        const addresses = this.addressesForLine(target.file, target.line);
        return addresses.length === 0
          ? { ok: false, error: `${target.file === '' ? 'line' : target.file + ':'}${target.line} has no instruction` }
          : { ok: true, value: addresses };
      }
    }
  }

  private compileCondition(condition: string | undefined): Result<{ text: string; compiled: CompiledExpression } | undefined> {
    if (condition === undefined || condition.trim() === '') return { ok: true, value: undefined };
    const compiled = compileExpression(condition, (name) => this.symbol(name));
    if (!compiled.ok) return { ok: false, error: `condition: ${compiled.error}` };
    return { ok: true, value: { text: condition.trim(), compiled: compiled.value } };
  }
}

function isAddress(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffff;
}

/** `programs/hello.s` matches `hello.s`, `programs/hello.s` and the empty name (the main file). */
function sameFile(actual: string, wanted: string): boolean {
  if (wanted === '' || actual === wanted) return true;
  return actual.endsWith('/' + wanted) || wanted.endsWith('/' + actual);
}
