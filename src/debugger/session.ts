/**
 * DebugSession: one program on one machine, driven step by step, forwards and backwards, by any face.
 *
 * This file is the public API. The session never prints: every change is an event (events.ts), every answer
 * a value. Faces (the TUI, `moth debug --script`, tests) drive the same calls. Behind it:
 * - engine.ts runs forward (lean loop when nothing needs a per-instruction look, breakpoints as BRK
 *   patches, the instrumented loop as the fallback), with debug-bus.ts wrapping only watched pages;
 * - time-travel.ts keeps checkpoints (history.ts) and re-executes deterministically from the nearest one,
 *   so step back and reverse continue reach any of the last `historyInstructions` instructions exactly;
 * - step-record.ts records what a single step did, program-view.ts what the program's bytes mean.
 * It stays one file past ~600 lines on purpose: it is the one class every face calls, each method a few lines
 * handing work to the files above, so a reader finds the whole API in one place.
 */
import type { CpuVariant } from '../cpu/variants.js';
import type { Cpu } from '../cpu/cpu.js';
import { JSR_OPCODE } from '../cpu/instruction-set.js';
import type { MachineState } from '../machine/machine.js';
import type { ConsoleIo } from '../machine/io.js';
import { bytesToText } from '../machine/io.js';
import { LAST_KEY } from '../machine/memory-map.js';
import { startProgram } from '../machine/program-start.js';
import { displayStartOf } from '../machine/devices/display.js';
import { ByteTail } from '../shared/byte-tail.js';
import { hex, hexWord } from '../shared/hex.js';
import type { Result } from '../shared/result.js';
import { BreakpointTable } from './breakpoints.js';
import type { BreakpointId, BreakpointInfo, BreakpointTarget, WatchpointInfo } from './breakpoints.js';
import { compileExpression } from './conditions.js';
import type { CompiledExpression, EvaluationContext } from './conditions.js';
import { ForwardEngine } from './engine.js';
import type { EngineSettings, Goal, SearchHit } from './engine.js';
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
import { DEFAULT_HISTORY } from './history.js';
import { ProgramView, isAddress } from './program-view.js';
import type {
  BreakOn,
  DebugProgram,
  DebugSessionOptions,
  DisassemblyLine,
  SliceResult,
  StackEntry,
  StepDetail,
  StopResult,
} from './session-types.js';
import { StackTrackingMachine } from './stack-pushes.js';
import { StepRecorder } from './step-record.js';
import type { StepStart } from './step-record.js';
import { TimeTravel } from './time-travel.js';
import { TypedInput } from './typed-input.js';

export type { BreakpointId, BreakpointInfo, BreakpointTarget, WatchpointInfo } from './breakpoints.js';
export type {
  BreakOn,
  DebugProgram,
  DebugSessionOptions,
  DisassemblyLine,
  Result,
  SessionOptions,
  SliceResult,
  StackEntry,
  StepDetail,
  StopResult,
} from './session-types.js';

/** What a free run started by resumeStepOver / resumeStepOut / resumeRunTo is after. */
interface SliceGoal {
  readonly targets?: ReadonlySet<number>;
  readonly targetMinSp?: number;
  readonly finishSp?: number;
  /** Reaching the target ends a step over: report it as a step. */
  readonly overStep?: boolean;
}

/** How far a synchronous step over / step out may run before it gives up (reason `limit`). */
const COMMAND_CYCLES = 100_000_000;
/** The console output a session keeps (the newest bytes; `output` and going back show at most this much). */
export const OUTPUT_KEPT_BYTES = 1024 * 1024;
/** New output is announced once this much has gathered in a run, not only when the run stops, so faces can stream it. */
const OUTPUT_EVENT_BYTES = 64 * 1024;

/**
 * The debugger's model. Never prints: every change is an event, every answer a value.
 *
 * Time travel: `state.instructions` is the position on the time axis. The session keeps checkpoints
 * (registers, all 64 KiB, device state) and re-executes deterministically from the nearest one,
 * so `stepBack` and `reverseContinue` reach any of the last `historyInstructions` instructions exactly.
 */
export class DebugSession {
  private readonly listeners = new Set<DebugListener>();
  readonly machine: StackTrackingMachine;
  /** What loading the program and ROM images warned about (bytes over device registers, with the addresses). */
  readonly loadWarnings: readonly string[];
  private readonly cpu: Cpu;
  private readonly view: ProgramView;
  private readonly table = new BreakpointTable();
  private readonly timeTravel: TimeTravel;
  private readonly engine: ForwardEngine;
  private readonly steps: StepRecorder;
  private readonly initialState: MachineState;
  private readonly settings: EngineSettings;

  /** The console output: its newest {@link OUTPUT_KEPT_BYTES}, and how long it is in all. */
  private readonly outputBytes = new ByteTail(OUTPUT_KEPT_BYTES);
  private emittedOutputLength = 0;
  private outputCache = { length: -1, text: '' };
  /** Console input typed and not yet read; once ended and read, $F005 bit 7 says the input has ended. */
  private readonly typedInput = new TypedInput(() => this.cpu.cycles);

  private lastStopState: CpuState;
  private lastStepDetail: StepDetail | undefined;
  private lastReason: StopReason = { kind: 'step' };
  private isRunning = false;
  private readonly context: EvaluationContext;

  private resumeSkip = false;
  private sliceStartInstructions = 0;
  private sliceGoal: SliceGoal = {};

  constructor(program: DebugProgram, options: DebugSessionOptions = {}) {
    this.typedInput.type(options.input ?? '', 0);
    const io: ConsoleIo = {
      writeOutput: (byte) => {
        this.outputBytes.push(byte);
        if (this.outputBytes.length - this.emittedOutputLength >= OUTPUT_EVENT_BYTES) this.flushNewOutput();
      },
      readInput: () => this.typedInput.read(),
      inputEnded: () => this.typedInput.ended(),
    };
    // The machine keeps a record of which step pushed each stack byte (stack-pushes.ts), saved with its state.
    this.machine = new StackTrackingMachine({
      io,
      ...(options.preset === undefined ? {} : { preset: options.preset }),
      ...(options.description === undefined ? {} : { description: options.description }),
      ...(options.cpuOptions === undefined ? {} : { cpuOptions: options.cpuOptions }),
      ...(options.randomSeed === undefined ? {} : { randomSeed: options.randomSeed }),
    });
    this.cpu = this.machine.cpu;
    const peek = (address: number): number => this.machine.peek(address);
    this.view = new ProgramView(program, peek, this.cpu.variant);
    // Bytes loaded over device registers are kept, with a warning each (the face shows them, as `moth run` does).
    const warnings = (options.images ?? []).flatMap((image) => this.machine.load(image.bytes, image.address));
    // The same start rule as `moth run`: PC and what BRK does (machine/program-start.ts).
    startProgram(this.machine, this.machine.loadAssembly(program, warnings), { start: options.start, brkVector: options.brkVector });
    this.loadWarnings = warnings;
    this.timeTravel = new TimeTravel(this.machine, this.outputBytes, {
      ...DEFAULT_HISTORY,
      instructions: options.historyInstructions ?? DEFAULT_HISTORY.instructions,
      spacingCycles: options.checkpointCycles ?? DEFAULT_HISTORY.spacingCycles,
    });
    this.context = { state: this.cpu, peek };
    this.settings = { trace: false, patchBreakpoints: true, breakOn: { brk: false, undocumented: false, stack: false } };
    this.engine = new ForwardEngine({
      machine: this.machine,
      table: this.table,
      timeTravel: this.timeTravel,
      view: this.view,
      settings: this.settings,
      context: this.context,
      // Output printed before a traced instruction comes before its trace line.
      emit: (event) => {
        if (event.type === 'trace') this.flushNewOutput();
        this.emit(event);
      },
    });
    this.timeTravel.attach(this.engine);
    this.steps = new StepRecorder(this.machine, this.view.labelsByAddress);
    this.initialState = this.machine.saveState();
    this.timeTravel.restart();
    this.lastStopState = this.state;
  }

  /** Break on BRK / undocumented opcodes / SP wrapping; faces may flip these. */
  get breakOn(): BreakOn {
    return this.settings.breakOn;
  }

  /** Emits a trace line per executed instruction while on (slower: runs the instrumented loop). */
  get trace(): boolean {
    return this.settings.trace;
  }

  set trace(on: boolean) {
    this.settings.trace = on;
  }

  /**
   * true (default): breakpoints at instruction starts run as BRK patches on the lean loop (fast). A program that
   * executes misaligned code — jumping into the middle of an instruction, or rewriting its own code so that a
   * breakpoint's byte becomes an operand — would read the patch there; false checks every instruction instead
   * (exact for any program, about a third of the speed).
   */
  get patchBreakpoints(): boolean {
    return this.settings.patchBreakpoints;
  }

  set patchBreakpoints(on: boolean) {
    this.settings.patchBreakpoints = on;
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
    return this.view.locationOf(this.cpu.pc);
  }

  /**
   * What the program wrote to the console so far (rewinds with step back): all of it, or after the first
   * {@link OUTPUT_KEPT_BYTES} its newest that many bytes.
   */
  get output(): string {
    if (this.outputCache.length !== this.outputBytes.length) {
      this.outputCache = { length: this.outputBytes.length, text: bytesToText(this.outputBytes.bytes()) };
    }
    return this.outputCache.text;
  }

  /** The newest `characters` of {@link output} (what a console pane can show), without decoding the rest. */
  outputTail(characters: number): string {
    return bytesToText(this.outputBytes.bytes(this.outputBytes.length - characters));
  }

  /** The last single step's before/after/writes/explanation; undefined after a run or reset. */
  get lastStep(): StepDetail | undefined {
    return this.lastStepDetail;
  }

  /** The CPU this session runs: '6502', '65c02' or '2a03'. */
  get variant(): CpuVariant {
    return this.cpu.variant;
  }

  /** Oldest and newest instruction counts time travel can reach right now. */
  get history(): { readonly oldest: number; readonly newest: number } {
    return this.timeTravel.reach(this.cpu.instructions);
  }

  /** The program as assembled (symbols, debug map). */
  get debugProgram(): DebugProgram {
    return this.view.program;
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
    const detail = count === 1 ? this.steps.begin(this.state) : undefined;
    const reason = this.engine.executeToStop({
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
    if (cpu.memory[cpu.pc] !== JSR_OPCODE) return this.stepInto(1);
    const { reason, start } = this.command(this.stepOverGoal());
    return this.finishCommand(reason.kind === 'run-to' ? { kind: 'step' } : reason, start);
  }

  /** Runs until the current subroutine's RTS has returned (the stack is back above the frame). */
  stepOut(): StopResult {
    this.isRunning = false; // a command ends a free run in progress; its own stop event follows
    const { reason, start } = this.command({ finishSp: this.cpu.sp });
    return this.finishCommand(reason, start);
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
    if (cpu.memory[cpu.pc] !== JSR_OPCODE) {
      this.stepInto(1);
      return;
    }
    this.startFreeRun({ ...this.stepOverGoal(), overStep: true });
  }

  /** Step out (`finish`) as a free run in slices. */
  resumeStepOut(): void {
    this.startFreeRun({ finishSp: this.cpu.sp });
  }

  /** Run to an address (or any of several) as a free run in slices. */
  resumeRunTo(address: number | readonly number[]): void {
    this.startFreeRun({ targets: targetSet(address) });
  }

  /** Runs about `maxCycles` cycles of a free run started by `resume`. */
  runSlice(maxCycles: number): SliceResult {
    if (!this.isRunning) return { stopped: this.lastReason, cycles: 0, instructions: 0, mhz: 0 };
    const cpu = this.cpu;
    const startCycles = cpu.cycles;
    const startInstructions = cpu.instructions;
    if (this.resumeSkip) this.sliceStartInstructions = startInstructions;
    const began = performance.now();
    const { overStep, ...targets } = this.sliceGoal;
    let reason = this.engine.execute(
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
  continue(maxCycles = COMMAND_CYCLES): StopResult {
    this.isRunning = false; // a command ends a free run in progress; its own stop event follows
    const { reason, start } = this.command({}, maxCycles);
    return this.finishCommand(reason, start);
  }

  /** Runs until PC reaches one of `addresses` (breakpoints still stop it first). */
  runTo(address: number | readonly number[], maxCycles = COMMAND_CYCLES): StopResult {
    this.isRunning = false;
    const { reason, start } = this.command({ targets: targetSet(address) }, maxCycles);
    return this.finishCommand(reason, start);
  }

  /** Undoes `count` instructions exactly: registers, memory, cycles, console and devices. */
  stepBack(count = 1): StopResult {
    this.isRunning = false; // a command ends a free run in progress; its own stop event follows
    const startInstructions = this.cpu.instructions;
    let steps = Math.max(1, Math.floor(count));
    // Stopped just after an interrupt entry (a breakpoint on the handler): the entry is the newest thing to undo.
    const undidEntry = this.timeTravel.undoInterruptEntry();
    if (undidEntry) steps -= 1;
    const wanted = startInstructions - steps;
    const target = Math.max(wanted, this.history.oldest);
    // Past the start of the history: its oldest moment (an interrupt entry may share its instruction count).
    if (wanted < target) this.timeTravel.goToCycles(this.timeTravel.history.oldestCycles);
    else if (wanted < startInstructions) this.timeTravel.goToInstruction(target);
    this.table.rewindHits(this.cpu.cycles);
    const moved = undidEntry || target < startInstructions;
    return this.finishCommand(wanted < target || !moved ? { kind: 'history-start' } : { kind: 'step' }, startInstructions);
  }

  /** Runs backwards to the most recent breakpoint/watchpoint hit, or to the oldest history. */
  reverseContinue(): StopResult {
    this.isRunning = false; // a command ends a free run in progress; its own stop event follows
    const startInstructions = this.cpu.instructions;
    const found = this.table.hasEnabledBreakpoints || this.table.hasEnabledWatchpoints
      ? this.timeTravel.searchBackwards((hits) => this.newestStoppingHit(hits))
      : undefined;
    this.timeTravel.goToCycles(found?.cycles ?? this.timeTravel.history.oldestCycles);
    this.table.rewindHits(this.cpu.cycles);
    return this.finishCommand(found?.reason ?? { kind: 'history-start' }, startInstructions);
  }

  /** Puts the machine back as loaded (program, registers, devices) and clears history; breakpoints stay. */
  reset(): void {
    this.isRunning = false;
    this.machine.console.forgetReadInput(); // new input typed after a reset is read, not the old replayed
    this.typedInput.availableFromStart(); // the clock goes back to the start
    this.machine.restoreState(this.initialState);
    this.outputBytes.clear();
    this.timeTravel.restart();
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
    const addresses = this.view.resolveTarget(target);
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
    const addresses = this.view.addressesForLine(file, line);
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

  /** What answers at an address on this machine (a device, ROM, RAM…), when the machine tells; else undefined. */
  regionName(address: number): string | undefined {
    return this.machine.regionName(address);
  }

  /** Where the 32×32 display's bytes start on this machine (a machine file may move it; $0200 when it names none). */
  get displayStart(): number {
    return displayStartOf(this.machine.preset);
  }

  /** The character LCD's two lines as text, on machines that have one (Ben Eater's); undefined elsewhere. */
  lcdLines(): readonly string[] | undefined {
    return this.machine.lcds[0]?.lines();
  }

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
  writeMemory(address: number, bytes: readonly number[]): Result<void> {
    if (!isAddress(address)) return { ok: false, error: `${describeNumber(address)} is not an address ($0000-$FFFF)` };
    if (address + bytes.length > 0x10000) return { ok: false, error: `${bytes.length} bytes from ${hexWord(address)} run past $FFFF` };
    const bad = bytes.find((byte) => !isByte(byte));
    if (bad !== undefined) return { ok: false, error: `${describeNumber(bad)} does not fit in a byte ($00-$FF)` };
    this.applyOutside({ kind: 'memory', address, bytes: [...bytes] });
    const ranges: MemoryRange[] = [{ start: address, length: bytes.length }];
    this.emit({ type: 'memory', ranges });
    return { ok: true, value: undefined };
  }

  /**
   * Sets a register (`set A = $10`); like writeMemory, part of the timeline. A value that does not fit the
   * register (over $FF, over $FFFF for PC, negative) is refused, never wrapped. P keeps bit 5 set and B clear,
   * as the register itself does.
   */
  setRegister(name: RegisterName, value: number): Result<void> {
    const fits = name === 'pc' ? isAddress(value) : isByte(value);
    if (!fits) return { ok: false, error: `${describeNumber(value)} does not fit in ${name.toUpperCase()} (${name === 'pc' ? '$0000-$FFFF' : '$00-$FF'})` };
    const before = this.state;
    this.applyOutside({ kind: 'register', name, value: name === 'p' ? (value & 0xef) | 0x20 : value });
    const after = this.state;
    this.lastStopState = after;
    this.emit({ type: 'registers', before, after, changed: changedRegisters(before, after) });
    return { ok: true, value: undefined };
  }

  /** Evaluates an expression (`A`, `label`, `[$0200]`, `X + 1`) against the current state. */
  evaluate(expression: string): Result<number> {
    const compiled = compileExpression(expression, (name) => this.symbol(name));
    if (!compiled.ok) return compiled;
    return { ok: true, value: compiled.value(this.context) };
  }

  /** A label's value, or undefined (exact name first, then ignoring case). */
  symbol(name: string): number | undefined {
    return this.view.symbol(name);
  }

  /** Every symbol name, for completion. */
  get symbolNames(): readonly string[] {
    return this.view.symbolNames;
  }

  /** The label defined exactly at an address, if any. */
  labelAt(address: number): string | undefined {
    return this.view.labelAt(address);
  }

  /** The nearest label at or before an address, with the distance (`loop+3`). */
  labelBefore(address: number): { readonly name: string; readonly offset: number } | undefined {
    return this.view.labelBefore(address);
  }

  /** The source line that emitted the byte at `address`. */
  locationOf(address: number): SourceLocation | undefined {
    return this.view.locationOf(address);
  }

  /** Instruction start addresses emitted by a source line; `file` may be the full name or just its end (`hello.s`). */
  addressesForLine(file: string, line: number): readonly number[] {
    return this.view.addressesForLine(file, line);
  }

  /** The program's main source file (the file of its first debug-map entry), for `break 12`. */
  get mainFile(): string {
    return this.view.mainFile;
  }

  /** `count` instructions from `address`, disassembled. */
  disassemble(address: number, count: number): DisassemblyLine[] {
    return this.view.disassemble(address, count);
  }

  /** The used part of the stack, top first, with return addresses resolved. */
  stack(): StackEntry[] {
    return this.view.stack(this.cpu.sp, this.machine.stackPushes);
  }

  /** Ends the console input, as Ctrl-D on a terminal or a closed pipe does for `moth run`. */
  endInput(): void {
    this.typedInput.end();
  }

  /** Appends console input the program reads from $F004, typed at the current moment (not visible before it). */
  sendInput(text: string): void {
    this.typedInput.type(text);
  }

  /** Presses a key on the easy6502 keyboard port ($FF); part of the timeline like any outside input. */
  pressKey(code: number): void {
    this.applyOutside({ kind: 'key', code: code & 0xff });
    this.emit({ type: 'memory', ranges: [{ start: LAST_KEY, length: 1 }] });
  }

  /**
   * Pulses the NMI line (a button on the machine): the CPU takes the interrupt before its next instruction.
   * Part of the timeline like a key press, so stepping back undoes it and re-running repeats it.
   */
  nmi(): void {
    this.applyOutside({ kind: 'nmi' });
  }

  // ---------------------------------------------------------------- helpers

  /** The newest of a reverse search's hits the session stops at: a watchpoint, or a breakpoint past its `hits`. */
  private newestStoppingHit(hits: readonly SearchHit[]): SearchHit | undefined {
    for (let index = hits.length - 1; index >= 0; index--) {
      const hit = hits[index]!;
      if (hit.reason.kind !== 'breakpoint' || this.table.stopsAtHit(hit.reason.id, hit.cycles)) return hit;
    }
    return undefined;
  }

  /** The run-to goal of a step over the JSR at PC: its return address, back in this frame. */
  private stepOverGoal(): { targets: ReadonlySet<number>; targetMinSp: number } {
    const cpu = this.cpu;
    return { targets: new Set([(cpu.pc + 3) & 0xffff]), targetMinSp: cpu.sp };
  }

  /** Runs a synchronous command towards `goal`; returns why it stopped and where it started. */
  private command(
    goal: Omit<Goal, 'instructionLimit' | 'cycleLimit' | 'limitReason'>,
    maxCycles = COMMAND_CYCLES,
  ): { readonly reason: StopReason; readonly start: number } {
    const start = this.cpu.instructions;
    const reason = this.engine.executeToStop({ instructionLimit: Infinity, cycleLimit: this.cpu.cycles + maxCycles, limitReason: 'limit', ...goal });
    return { reason, start };
  }

  private startFreeRun(goal: SliceGoal): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.resumeSkip = true;
    this.sliceGoal = goal;
    this.lastStepDetail = undefined;
    this.emit({ type: 'running', direction: 'forward' });
  }

  private applyOutside(input: Parameters<TimeTravel['applyOutside']>[0]): void {
    this.timeTravel.applyOutside(input);
    this.lastStepDetail = undefined;
  }

  private finishCommand(reason: StopReason, startInstructions: number, detail?: StepStart): StopResult {
    this.lastReason = reason;
    const state = this.state;
    let ranges: MemoryRange[] | 'all' = 'all';
    this.lastStepDetail = undefined;
    if (detail !== undefined && state.instructions === startInstructions + 1) {
      this.lastStepDetail = this.steps.finish(detail, state);
      ranges = this.lastStepDetail.writes.map((write) => ({ start: write.address, length: 1 }));
    }
    this.flushOutput();
    this.timeTravel.remember();
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
      this.emit({ type: 'output', text: bytesToText(this.outputBytes.bytes(this.emittedOutputLength)) });
    }
    this.emittedOutputLength = length;
  }

  /** Announces output printed since the last announcement, while the machine runs on (nothing when it went back). */
  private flushNewOutput(): void {
    if (this.outputBytes.length > this.emittedOutputLength) this.flushOutput();
  }

  private compileCondition(condition: string | undefined): Result<{ text: string; compiled: CompiledExpression } | undefined> {
    if (condition === undefined || condition.trim() === '') return { ok: true, value: undefined };
    const compiled = compileExpression(condition, (name) => this.symbol(name));
    if (!compiled.ok) return { ok: false, error: `condition: ${compiled.error}` };
    return { ok: true, value: { text: condition.trim(), compiled: compiled.value } };
  }
}

function isByte(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xff;
}

/** A number as the user may have typed it: `$10000`, `-1`. */
function describeNumber(value: number): string {
  return value < 0 || !Number.isInteger(value) ? String(value) : hex(value, value > 0xff ? 4 : 2);
}

function targetSet(address: number | readonly number[]): ReadonlySet<number> {
  return new Set(typeof address === 'number' ? [address & 0xffff] : address.map((a) => a & 0xffff));
}
