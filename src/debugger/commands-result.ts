/** What one debugger command answers (commands.ts and its siblings): an outcome as data for faces, plus plain text. */
import type { CpuState } from './events.js';
import type { BusCycleRecord } from './bus-cycles.js';
import type { BreakpointInfo, WatchpointInfo } from './breakpoints.js';
import type { StackEntry, StopResult } from './session-types.js';

/** One command's entry in `help`. */
export interface CommandHelp {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly usage: string;
  readonly summary: string;
  readonly examples: readonly string[];
}

/** What a command did, as data for faces that draw it themselves. */
export type CommandOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'stop'; readonly result: StopResult }
  | { readonly kind: 'breakpoint-added'; readonly breakpoint: BreakpointInfo }
  | { readonly kind: 'watchpoint-added'; readonly watchpoint: WatchpointInfo }
  | { readonly kind: 'breakpoints-changed'; readonly ids: readonly number[] }
  | { readonly kind: 'breakpoint-list'; readonly breakpoints: readonly BreakpointInfo[]; readonly watchpoints: readonly WatchpointInfo[] }
  | { readonly kind: 'memory'; readonly start: number; readonly bytes: Uint8Array }
  | { readonly kind: 'value'; readonly expression: string; readonly value: number }
  | { readonly kind: 'registers'; readonly state: CpuState }
  | { readonly kind: 'stack'; readonly entries: readonly StackEntry[] }
  | { readonly kind: 'disassembly'; readonly lines: readonly string[] }
  | {
      readonly kind: 'bus';
      readonly cycles: readonly BusCycleRecord[];
      /** `cycle` part way through the next instruction: its cycles, how many are shown, and what it is. */
      readonly walk?: { readonly cycles: readonly BusCycleRecord[]; readonly shown: number; readonly text: string };
    }
  | { readonly kind: 'setting'; readonly name: string; readonly on: boolean }
  | { readonly kind: 'set'; readonly target: string; readonly value: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'help'; readonly topics: readonly CommandHelp[] }
  | { readonly kind: 'error'; readonly message: string };

export interface CommandResult {
  readonly ok: boolean;
  /** The command's canonical name (`break` for `b`), or '' for an empty line. */
  readonly command: string;
  readonly outcome: CommandOutcome;
  /** Plain text for a human: what happened, and for stops the new state. No colour, no trailing newline. */
  readonly text: string;
}

export function success(command: string, outcome: CommandOutcome, text: string): CommandResult {
  return { ok: true, command, outcome, text };
}

export function failure(command: string, message: string): CommandResult {
  return { ok: false, command, outcome: { kind: 'error', message }, text: `error: ${message}` };
}
