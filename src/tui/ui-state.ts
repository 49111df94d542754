/** What the face remembers between frames (cursor, scroll positions, watches, messages): plain data the views read. */
import type { BusCycleRecord } from '../debugger/bus-cycles.js';
import type { MemoryRange, RegisterName } from '../debugger/events.js';

export interface UiState {
  /** The file the source pane shows and its first visible line (1-based). */
  sourceFile: string;
  sourceTop: number;
  /** Columns of source text scrolled off to the left (long comments at 80 columns). */
  sourceLeft: number;
  /** The line `b` and `t` act on; follows the PC after every stop. */
  cursorLine: number;
  /** First address of the memory pane (a multiple of the row length). */
  memoryStart: number;
  /** Lines scrolled back from the end of the console. */
  consoleScroll: number;
  /** First disassembled address of the disassembly pane; kept while the PC stays inside it. */
  disassemblyStart: number | undefined;
  /** PCs the debugger has stopped at: known instruction starts for the disassembly (bounded). */
  readonly visitedPcs: Set<number>;
  watches: string[];
  /** Registers that changed on the last stop, and the status register before it (for flag highlights). */
  changedRegisters: readonly RegisterName[];
  previousP: number | undefined;
  /** Bytes written by the last step (exact), for the memory pane. */
  written: readonly MemoryRange[];
  /** The last note shown in the notes pane and the line it belongs to: notes stay until another replaces them. */
  note: { readonly line: number; readonly text: string } | undefined;
  /** How many wrapped rows of the note are scrolled past (`<` and `>`); back to 0 for each new note. */
  notesScroll: number;
  /** One line for the explain row: a stop reason, a command's answer or an error; cleared by the next step. */
  message: { readonly text: string; readonly error: boolean } | undefined;
  /** Speed of the current or last free run. */
  mhz: number | undefined;
  showDisplay: boolean;
  /** The user hid the display with `d`; it then no longer pops up by itself when the program draws. */
  displayHiddenByUser: boolean;
  /** `z`: the display in its pane, over the right half, or over the whole screen (to play or to project). */
  displayZoom: 'pane' | 'half' | 'full';
  /** `B`: the bus pane (every clock cycle of the last instruction) in place of the memory pane. */
  showBus: boolean;
  /** `.` / `:cycle`: a walk through the next instruction's clock cycles, the bus pane highlighting cycle `shown`. */
  cycleWalk: CycleWalkView | undefined;
  /** Free runs go no faster than this many MHz (games assume a ~1 MHz chip); undefined = as fast as possible. */
  speedLimit: number | undefined;
  /** Keyboard mode (`K`): typed keys go to the program's key port ($FF on easy6502) until Escape. */
  keyboardMode: boolean;
}

/** A cycle walk as the bus pane draws it. */
export interface CycleWalkView {
  readonly cycles: readonly BusCycleRecord[];
  readonly shown: number;
  readonly text: string;
}

export function initialUiState(sourceFile: string, showDisplay: boolean): UiState {
  return {
    sourceFile,
    sourceTop: 1,
    sourceLeft: 0,
    cursorLine: 1,
    memoryStart: 0x0200,
    consoleScroll: 0,
    disassemblyStart: undefined,
    visitedPcs: new Set(),
    watches: [],
    changedRegisters: [],
    previousP: undefined,
    written: [],
    note: undefined,
    notesScroll: 0,
    message: undefined,
    mhz: undefined,
    showDisplay,
    displayHiddenByUser: false,
    displayZoom: 'pane',
    showBus: false,
    cycleWalk: undefined,
    keyboardMode: false,
    speedLimit: undefined,
  };
}

/** True when `address` lies in one of the ranges. */
export function inRanges(ranges: readonly MemoryRange[], address: number): boolean {
  return ranges.some((range) => address >= range.start && address < range.start + range.length);
}

/** The ranges where two memory images differ (at most `limit` ranges; a huge change is summed up by its first ones). */
export function changedRanges(before: Uint8Array, after: Uint8Array, limit = 4096): MemoryRange[] {
  const ranges: MemoryRange[] = [];
  const length = Math.min(before.length, after.length);
  let start = -1;
  for (let address = 0; address <= length; address++) {
    const differs = address < length && before[address] !== after[address];
    if (differs && start < 0) start = address;
    else if (!differs && start >= 0) {
      ranges.push({ start, length: address - start });
      start = -1;
      if (ranges.length >= limit) break;
    }
  }
  return ranges;
}
