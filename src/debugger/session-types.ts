/** The value shapes a DebugSession takes and gives: how to build one, and what its commands answer. */
import type { CpuOptions } from '../cpu/cpu.js';
import type { PresetName } from '../machine/presets.js';
import type { CpuVariant } from '../cpu/variants.js';
import type { MachineDescription } from '../machine/description.js';
import type { CpuState, RegisterName, SourceLocation, StopReason } from './events.js';

export type { Result } from '../shared/result.js';

/** How to build a session from assembly source (see `createSession` in program.ts). */
export interface SessionOptions {
  /** The name diagnostics and source locations use, e.g. `programs/hello.s`. */
  readonly fileName: string;
  /** Reads an included file; absent means `.include` fails with a diagnostic. */
  readonly resolveFile?: (name: string, fromFile: string, kind: 'text' | 'binary') => string | Uint8Array | undefined;
  /** Machine preset name ('default', 'easy6502'); default 'default'. */
  readonly preset?: string;
  /** The CPU the program is written for (a tour program's `; args: --cpu 65c02`); default the preset's own. */
  readonly cpu?: CpuVariant;
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
  /** The machine to debug on (a preset's or a machine file's description); wins over `preset`. */
  readonly description?: MachineDescription;
  /** Images (ROMs) loaded before the program, in order. */
  readonly images?: readonly { readonly address: number; readonly bytes: Uint8Array }[];
  readonly input?: string;
  readonly historyInstructions?: number;
  /** Cycles between time-travel checkpoints (default 262,144); smaller = faster step back, more memory and copying. */
  readonly checkpointCycles?: number;
  readonly randomSeed?: number;
  readonly cpuOptions?: CpuOptions;
  /** Where execution starts; default: the reset vector at $FFFC when the program sets one, else the image start. */
  readonly start?: number;
  /** BRK is a real interrupt through $FFFE even when the program sets no vector there (see machine/program-start.ts). */
  readonly brkVector?: boolean;
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
   * On the first byte of a frame a JSR, BRK or interrupt really pushed (stack-frames.ts, stack-pushes.ts): where it returns to, and
   * the routine called (its label), or `BRK` / `interrupt`.
   */
  readonly returnAddress: number | undefined;
  readonly label: string | undefined;
  /** True when the session could not tell which step wrote this byte (an unstable undocumented store). */
  readonly unknown?: boolean;
}

/** One disassembled line, with its label and source line when known. */
export interface DisassemblyLine {
  readonly address: number;
  readonly bytes: readonly number[];
  readonly text: string;
  readonly label: string | undefined;
  readonly location: SourceLocation | undefined;
}
