/**
 * DebugSession: one program on one machine, driven step by step, forwards and backwards, by any face.
 *
 * API FIRST DRAFT (committed early so the TUI can start): signatures and doc comments are the contract;
 * bodies land as the CPU, machine and assembler arrive.
 */
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

/** How to build a session from assembly source. */
export interface SessionOptions {
  /** The name diagnostics and source locations use, e.g. `programs/hello.s`. */
  readonly fileName: string;
  /** Reads an included file; absent means `.include` fails with a diagnostic. */
  readonly resolveFile?: (name: string, fromFile: string) => string | undefined;
  /** Machine preset name ('default', 'easy6502'); default 'default'. */
  readonly preset?: string;
  /** Text the console device hands the program, byte by byte, when it reads $F004. */
  readonly input?: string;
  /**
   * How many past instructions step back can reach (at least; more when cheap). Default 1,000,000.
   */
  readonly historyInstructions?: number;
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

export type BreakpointId = number;

/** Where a breakpoint sits, as the user wrote it: `$0610`, `loop`, `hello.s:12` or `12`. */
export type BreakpointTarget =
  | { readonly kind: 'address'; readonly address: number }
  | { readonly kind: 'label'; readonly name: string }
  | { readonly kind: 'line'; readonly file: string; readonly line: number };

export interface BreakpointInfo {
  readonly id: BreakpointId;
  readonly target: BreakpointTarget;
  /** Addresses the target resolved to (a source line may cover several, e.g. a macro). */
  readonly addresses: readonly number[];
  readonly condition: string | undefined;
  readonly enabled: boolean;
  /** Times the breakpoint stopped the machine (condition true). */
  readonly hits: number;
  /** Stop only from this hit on (`break loop hits 5`); 0 = every hit. */
  readonly ignoreUntil: number;
}

export interface WatchpointInfo {
  readonly id: BreakpointId;
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
  readonly access: MemoryAccess | 'access';
  readonly condition: string | undefined;
  readonly enabled: boolean;
  readonly hits: number;
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
   * the address it returns to and the nearest label before the JSR target.
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

/**
 * The debugger's model. Never prints: every change is an event, every answer a value.
 *
 * Time travel: `instructions` is the position on the time axis. The session keeps checkpoints
 * (registers, all 64 KiB, device state) and re-executes deterministically from the nearest one,
 * so `stepBack` and `reverseContinue` reach any of the last `historyInstructions` instructions exactly.
 */
export class DebugSession {
  private readonly listeners = new Set<DebugListener>();

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
    throw new Error('not yet');
  }

  /** True between `resume()` and the `stopped` event. */
  get running(): boolean {
    return false;
  }

  /** Source line of PC, when the program has one there. */
  get location(): SourceLocation | undefined {
    return undefined;
  }

  /** Everything the program wrote to the console so far (rewinds with step back). */
  get output(): string {
    return '';
  }

  /** The last single step's before/after/writes/explanation; undefined after a run or reset. */
  get lastStep(): StepDetail | undefined {
    return undefined;
  }

  /** Oldest and newest instruction counts time travel can reach right now. */
  get history(): { readonly oldest: number; readonly newest: number } {
    return { oldest: 0, newest: 0 };
  }

  /** Break on BRK / undocumented opcodes / SP wrapping; faces may flip these. */
  readonly breakOn: BreakOn = { brk: false, undocumented: false, stack: false };

  /** Executes `count` instructions (stopping early at breakpoints, watchpoints, BRK, …). */
  stepInto(count = 1): StopResult {
    void count;
    throw new Error('not yet');
  }

  /** Like stepInto, but a JSR runs until it returns to the next instruction. */
  stepOver(): StopResult {
    throw new Error('not yet');
  }

  /** Runs until the current subroutine's RTS has returned (the stack is back above the frame). */
  stepOut(): StopResult {
    throw new Error('not yet');
  }

  /** Starts a free run; the face then calls `runSlice` until it reports a stop. Emits `running`. */
  resume(): void {
    throw new Error('not yet');
  }

  /** Runs about `maxCycles` cycles of a free run started by `resume` (or `reverseResume`). */
  runSlice(maxCycles: number): SliceResult {
    void maxCycles;
    throw new Error('not yet');
  }

  /** Stops a free run at the next instruction boundary; emits `stopped` with reason `paused`. */
  pause(): void {
    throw new Error('not yet');
  }

  /** Runs until something stops it, or `maxCycles` have passed (reason `limit`): for scripts and tests. */
  continue(maxCycles = 100_000_000): StopResult {
    void maxCycles;
    throw new Error('not yet');
  }

  /** Runs until PC reaches `address` (breakpoints still stop it first). */
  runTo(address: number, maxCycles = 100_000_000): StopResult {
    void address;
    void maxCycles;
    throw new Error('not yet');
  }

  /** Undoes `count` instructions exactly: registers, memory, cycles, console and devices. */
  stepBack(count = 1): StopResult {
    void count;
    throw new Error('not yet');
  }

  /** Runs backwards to the most recent breakpoint/watchpoint hit, or to the oldest history. */
  reverseContinue(): StopResult {
    throw new Error('not yet');
  }

  /** Reloads the program, resets the machine and clears history (breakpoints stay). */
  reset(): void {
    throw new Error('not yet');
  }

  /** Adds a breakpoint; a condition is an expression like `A == $10 && X > 3`. */
  addBreakpoint(target: BreakpointTarget, condition?: string): Result<BreakpointInfo> {
    void target;
    void condition;
    throw new Error('not yet');
  }

  /** Adds a watchpoint over `start..end` (inclusive). */
  addWatchpoint(start: number, end: number, access: MemoryAccess | 'access', condition?: string): Result<WatchpointInfo> {
    void start;
    void end;
    void access;
    void condition;
    throw new Error('not yet');
  }

  /** Deletes a breakpoint or watchpoint by id. */
  deleteBreakpoint(id: BreakpointId): Result<void> {
    void id;
    throw new Error('not yet');
  }

  setBreakpointEnabled(id: BreakpointId, enabled: boolean): Result<void> {
    void id;
    void enabled;
    throw new Error('not yet');
  }

  /** The `b` key: removes the breakpoint on that line, or adds one. Returns the new state. */
  toggleBreakpointAtLine(file: string, line: number): Result<'added' | 'removed'> {
    void file;
    void line;
    throw new Error('not yet');
  }

  get breakpoints(): readonly BreakpointInfo[] {
    return [];
  }

  get watchpoints(): readonly WatchpointInfo[] {
    return [];
  }

  /** Reads memory without side effects (no device reacts). */
  readMemory(start: number, length: number): Uint8Array {
    void start;
    return new Uint8Array(length);
  }

  /** Writes memory as the debugger (not the program); history is cut here, like an edit in an editor. */
  writeMemory(address: number, bytes: readonly number[]): void {
    void address;
    void bytes;
    throw new Error('not yet');
  }

  /** Sets a register (`set A = $10`); history is cut here. */
  setRegister(name: RegisterName, value: number): void {
    void name;
    void value;
    throw new Error('not yet');
  }

  /** Evaluates an expression (`A`, `label`, `[$0200]`, `X + 1`) against the current state. */
  evaluate(expression: string): Result<number> {
    void expression;
    throw new Error('not yet');
  }

  /** A label's value, or undefined. */
  symbol(name: string): number | undefined {
    void name;
    return undefined;
  }

  /** The label defined exactly at an address, if any. */
  labelAt(address: number): string | undefined {
    void address;
    return undefined;
  }

  /** The source line that emitted the byte at `address`. */
  locationOf(address: number): SourceLocation | undefined {
    void address;
    return undefined;
  }

  /** Instruction start addresses emitted by a source line. */
  addressesForLine(file: string, line: number): readonly number[] {
    void file;
    void line;
    return [];
  }

  /** `count` instructions from `address`, disassembled. */
  disassemble(address: number, count: number): DisassemblyLine[] {
    void address;
    void count;
    return [];
  }

  /** The used part of the stack, top first, with return addresses resolved. */
  stack(): StackEntry[] {
    return [];
  }

  /** Appends console input the program reads from $F004. */
  sendInput(text: string): void {
    void text;
    throw new Error('not yet');
  }

  /** Presses a key on the easy6502 keyboard port. */
  pressKey(code: number): void {
    void code;
    throw new Error('not yet');
  }

  /** Emits a trace line per executed instruction while on (slower: runs the instrumented loop). */
  trace = false;

  /** Changed memory since the last stop, for faces that highlight it. */
  protected changedMemory: MemoryRange[] = [];
}
