/** The typed events and value shapes a debug session reports; every face (TUI, `--script`, tests) reads these. */

import type { RegistersAndCycles } from '../cpu/registers.js';

/** The six registers by the names the 6502 manuals use (`p` is the status register, `pc` the program counter). */
export type RegisterName = 'a' | 'x' | 'y' | 'sp' | 'pc' | 'p';

export const REGISTER_NAMES: readonly RegisterName[] = ['a', 'x', 'y', 'sp', 'pc', 'p'];

/** A copy of the CPU's visible state at one moment. */
export interface CpuState extends RegistersAndCycles {
  /** Instructions executed since power-on; also the position on the time-travel axis. */
  readonly instructions: number;
}

/** A place in a source file, 1-based, as the assembler's debug map gives it. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

/** A range of memory that changed: `start` to `start + length - 1`. */
export interface MemoryRange {
  readonly start: number;
  readonly length: number;
}

export type MemoryAccess = 'read' | 'write';

/** Why the machine stopped (or, for `step`, that it simply did what was asked). */
export type StopReason =
  /** A step, step over, step out or `back` finished normally. */
  | { readonly kind: 'step' }
  | { readonly kind: 'breakpoint'; readonly id: number; readonly address: number }
  | {
      readonly kind: 'watchpoint';
      readonly id: number;
      readonly address: number;
      readonly access: MemoryAccess;
      /** The byte read, or the byte written. */
      readonly value: number;
      /** The byte that was there before a write. */
      readonly previous?: number;
    }
  /** `run to` / `until` reached its target. */
  | { readonly kind: 'run-to'; readonly address: number }
  /**
   * The user (or a face) asked the running machine to pause; `address`: PC then, when the face wants it said;
   * `signal`: the signal that ended a `moth run` (SIGINT for Ctrl-C).
   */
  | { readonly kind: 'paused'; readonly address?: number; readonly signal?: string }
  /** A BRK instruction is next (reported only while "break on BRK" is on). */
  | { readonly kind: 'brk'; readonly address: number }
  /** An undocumented opcode is next (reported only while "break on undocumented" is on). */
  | { readonly kind: 'undocumented'; readonly address: number; readonly opcode: number }
  /** SP wrapped: a push past $0100 (overflow) or a pull past $01FF (underflow). */
  | { readonly kind: 'stack'; readonly direction: 'overflow' | 'underflow'; readonly address: number }
  /** A JAM opcode halted the processor; only reset helps. */
  | { readonly kind: 'jam'; readonly address: number; readonly opcode: number }
  /** A jump or branch to itself: the program is waiting forever (how many test programs end). */
  | { readonly kind: 'trap'; readonly address: number }
  /** The program wrote its exit code to the exit port; `address`: the storing instruction, when known. */
  | { readonly kind: 'exit'; readonly code: number; readonly address?: number }
  /** Going back reached the oldest instruction the history still holds. */
  | { readonly kind: 'history-start' }
  /**
   * A run used its whole cycle allowance without stopping (`continue` in a script, `moth run --max-cycles`);
   * `address`: PC then, when the face wants it said.
   */
  | { readonly kind: 'limit'; readonly cycles: number; readonly address?: number }
  /** The console's input ended, was all taken, and the program went quiet (machines whose ROM cannot see the end). */
  | { readonly kind: 'input-ended'; readonly address: number };

/** Everything a face may want to redraw after. Listeners must not throw. */
export type DebugEvent =
  /** The machine stopped; `location` is the source line of PC when the program has one there. */
  | {
      readonly type: 'stopped';
      readonly reason: StopReason;
      readonly state: CpuState;
      readonly location: SourceLocation | undefined;
    }
  /** The machine started running freely (continue or reverse continue); slices follow until `stopped`. */
  | { readonly type: 'running'; readonly direction: 'forward' | 'backward' }
  /** The program wrote to the console; `text` is only the new part. */
  | { readonly type: 'output'; readonly text: string }
  /** Console output was rewound (step back, reset): `text` is the whole output as it now stands. */
  | { readonly type: 'output-rewound'; readonly text: string }
  /** Registers differ from the last time the session stopped. */
  | {
      readonly type: 'registers';
      readonly before: CpuState;
      readonly after: CpuState;
      readonly changed: readonly RegisterName[];
    }
  /**
   * Memory changed. After single steps the ranges are exact (the bytes written);
   * after a long run or a jump through history they are `'all'`: redraw whatever is visible.
   */
  | { readonly type: 'memory'; readonly ranges: readonly MemoryRange[] | 'all' }
  /** Breakpoints or watchpoints were added, removed, enabled, disabled or hit. */
  | { readonly type: 'breakpoints' }
  /** The machine was reset (program reloaded, history cleared). */
  | { readonly type: 'reset' }
  /** One executed instruction while `trace on` (nestest-style line). */
  | { readonly type: 'trace'; readonly line: string };

export type DebugListener = (event: DebugEvent) => void;

/** The registers that differ between two states (cycles and instruction counts are not registers). */
export function changedRegisters(before: CpuState, after: CpuState): RegisterName[] {
  return REGISTER_NAMES.filter((name) => before[name] !== after[name]);
}
