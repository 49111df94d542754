/** Turns a terminal size into pane rectangles: pure, so every size from 80×24 upwards is tested without a terminal. */

import { LCD_PANE_HEIGHT } from './views/lcd.js';

export type PaneName =
  | 'source'
  | 'disassembly'
  | 'registers'
  | 'stack'
  | 'memory'
  | 'bus'
  | 'console'
  | 'display'
  | 'lcd'
  | 'watches'
  | 'notes'
  | 'explain'
  | 'status';

export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface LayoutOptions {
  /** Show the 32×32 easy6502 display (it needs 32 columns and 17 rows, a lot at 80×24). */
  readonly showDisplay: boolean;
  /** Lesson mode: a pane with the chapter's notes. */
  readonly showNotes: boolean;
  /** The machine has a 16×2 character LCD (Ben Eater's): a small pane shows it. */
  readonly showLcd?: boolean;
  /** `z`: the display over the right half, or over everything but the explain and status rows. */
  readonly displayZoom?: 'pane' | 'half' | 'full';
  /** `B`: the bus pane takes the memory pane's place. */
  readonly showBus?: boolean;
}

export interface Layout {
  readonly columns: number;
  readonly rows: number;
  /** Below 80×24 nothing is laid out; the app shows a one-line request for a bigger window. */
  readonly tooSmall: boolean;
  readonly panes: Readonly<Partial<Record<PaneName, Rect>>>;
  /** One-column vertical rules between columns. */
  readonly separators: readonly Rect[];
}

export const MINIMUM_COLUMNS = 80;
export const MINIMUM_ROWS = 24;

/** 32 pixels wide; 32 pixel rows drawn two to a cell with ▀, plus the title row. */
export const DISPLAY_WIDTH = 32;
export const DISPLAY_HEIGHT = 17;

export const EXPLAIN_HEIGHT = 2;

/** The notes pane's title plus a few lines of text. */
const NOTES_MINIMUM = 6;

/** Title row plus three lines: PC/SP, A/X/Y, flags. */
const REGISTERS_HEIGHT = 4;

/** Terminals at least this wide get a third column (disassembly, memory and console in the middle). */
const THREE_COLUMNS_FROM = 130;

interface ColumnSpec {
  readonly name: PaneName;
  /** Rows including the title row; below this the pane is not worth showing. */
  readonly min: number;
  /** Share of the rows left after every pane got its minimum. */
  readonly weight: number;
  readonly max?: number;
  /** When the column is too short, the pane with the lowest priority goes first. */
  readonly priority: number;
}

/** Lays out every pane for a terminal of the given size. */
export function computeLayout(columns: number, rows: number, options: LayoutOptions): Layout {
  if (columns < MINIMUM_COLUMNS || rows < MINIMUM_ROWS) {
    return { columns, rows, tooSmall: true, panes: {}, separators: [] };
  }
  const panes: Partial<Record<PaneName, Rect>> = {};
  const separators: Rect[] = [];
  // The explain lines (two: the sentences are the point of a teaching debugger) and the status line.
  const bodyHeight = rows - EXPLAIN_HEIGHT - 1;
  panes.explain = { left: 0, top: bodyHeight, width: columns, height: EXPLAIN_HEIGHT };
  panes.status = { left: 0, top: rows - 1, width: columns, height: 1 };
  const zoom = options.showDisplay ? options.displayZoom ?? 'pane' : 'pane';
  if (zoom === 'full') {
    panes.display = { left: 0, top: 0, width: columns, height: bodyHeight };
    return { columns, rows, tooSmall: false, panes, separators };
  }

  const rightWidth = zoom === 'half' ? Math.floor(columns / 2) : rightColumnWidth(columns);
  const rightLeft = columns - rightWidth;
  separators.push({ left: rightLeft - 1, top: 0, width: 1, height: bodyHeight });
  const threeColumns = columns >= THREE_COLUMNS_FROM;
  // The console sits in the right column only when nothing else needs the room there.
  // A lesson on a short terminal (80×24) keeps the left column for the source, so a whole loop fits: the
  // console joins the notes on the right and the memory pane keeps three rows.
  const shortLesson = options.showNotes && bodyHeight < 30;
  const consoleOnRight = !threeColumns && !options.showDisplay && (!options.showNotes || shortLesson);
  // On short terminals the display and the notes do not both fit beside the registers: the display keeps the
  // right column (a game must be seen whole) and the notes move next to the source.
  const notesElsewhere = options.showNotes && (zoom === 'half' || (options.showDisplay && bodyHeight < REGISTERS_HEIGHT + DISPLAY_HEIGHT + NOTES_MINIMUM));
  const memoryPane: PaneName = options.showBus === true ? 'bus' : 'memory';
  const notesSpec: ColumnSpec[] = notesElsewhere ? [{ name: 'notes', min: NOTES_MINIMUM - 1, weight: 2, max: 10, priority: 12 }] : [];
  const rightSpecs: ColumnSpec[] = zoom === 'half'
    ? [
        { name: 'registers', min: REGISTERS_HEIGHT, weight: 0, max: REGISTERS_HEIGHT, priority: 20 },
        { name: 'display', min: DISPLAY_HEIGHT, weight: 1, priority: 19 },
      ]
    : rightColumnSpecs({ ...options, showNotes: options.showNotes && !notesElsewhere }, bodyHeight, consoleOnRight);
  stackColumn(panes, { left: rightLeft, width: rightWidth }, bodyHeight, rightSpecs);

  const restWidth = rightLeft - 1;
  if (threeColumns) {
    const sourceWidth = Math.floor(restWidth * 0.5);
    const middleLeft = sourceWidth + 1;
    separators.push({ left: sourceWidth, top: 0, width: 1, height: bodyHeight });
    stackColumn(panes, { left: 0, width: sourceWidth }, bodyHeight, [{ name: 'source', min: 4, weight: 1, priority: 10 }]);
    stackColumn(panes, { left: middleLeft, width: restWidth - middleLeft }, bodyHeight, [
      ...notesSpec,
      { name: 'disassembly', min: 5, weight: 2, max: 14, priority: 6 },
      { name: memoryPane, min: 5, weight: 3, priority: 8 },
      { name: 'console', min: 4, weight: 2, priority: 9 },
    ]);
  } else {
    stackColumn(panes, { left: 0, width: restWidth }, bodyHeight, [
      { name: 'source', min: 8, weight: 4, priority: 10 },
      ...notesSpec,
      // Disassembly repeats what the source shows, so it only earns rows on tall terminals.
      { name: 'disassembly', min: 8, weight: 1, max: 12, priority: bodyHeight >= 34 ? 6 : 0 },
      { name: memoryPane, min: 4, weight: 1, max: shortLesson ? 4 : 16, priority: 8 },
      // With the display in the right column, the console moves under the memory.
      ...(!consoleOnRight ? [{ name: 'console' as const, min: 4, weight: 1, max: 12, priority: 9 }] : []),
    ]);
  }
  return { columns, rows, tooSmall: false, panes, separators };
}

/** 32 columns fit the display and the registers; wide terminals give the right column a little more. */
function rightColumnWidth(columns: number): number {
  if (columns >= THREE_COLUMNS_FROM) return Math.min(48, Math.max(DISPLAY_WIDTH, Math.floor(columns * 0.22)));
  return Math.min(40, Math.max(DISPLAY_WIDTH, Math.floor(columns * 0.32)));
}

function rightColumnSpecs(options: LayoutOptions, bodyHeight: number, consoleOnRight: boolean): ColumnSpec[] {
  const specs: ColumnSpec[] = [{ name: 'registers', min: REGISTERS_HEIGHT, weight: 0, max: REGISTERS_HEIGHT, priority: 20 }];
  if (options.showNotes) specs.push({ name: 'notes', min: NOTES_MINIMUM, weight: 4, priority: 15 });
  if (options.showDisplay) specs.push({ name: 'display', min: DISPLAY_HEIGHT, weight: 0, max: DISPLAY_HEIGHT, priority: 14 });
  if (options.showLcd === true) specs.push({ name: 'lcd', min: LCD_PANE_HEIGHT, weight: 0, max: LCD_PANE_HEIGHT, priority: 16 });
  specs.push({ name: 'stack', min: 4, weight: 1, max: 10, priority: 7 });
  specs.push({ name: 'watches', min: 3, weight: 1, max: 8, priority: 5 });
  if (consoleOnRight) specs.push({ name: 'console', min: 4, weight: 3, priority: 9 });
  // Keep watches out of tiny terminals unless the notes left room.
  if (bodyHeight < 26 && options.showNotes) return specs.filter((spec) => spec.name !== 'watches');
  return specs;
}

/**
 * Gives each pane of a column its rows: drops the lowest-priority panes until the minimums fit,
 * then shares out the rest by weight (respecting maximums); the last pane absorbs rounding.
 */
function stackColumn(
  panes: Partial<Record<PaneName, Rect>>,
  column: { left: number; width: number },
  height: number,
  specs: ColumnSpec[],
): void {
  let kept = specs.filter((spec) => spec.priority > 0);
  while (kept.length > 0 && sum(kept.map((spec) => spec.min)) > height) {
    const lowest = kept.reduce((low, spec) => (spec.priority < low.priority ? spec : low));
    kept = kept.filter((spec) => spec !== lowest);
  }
  const heights = kept.map((spec) => spec.min);
  let spare = height - sum(heights);
  // Share in rounds so a pane that hits its maximum hands its share to the others.
  while (spare > 0) {
    const growable = kept.map((spec, index) => ({ spec, index })).filter(({ spec, index }) => spec.weight > 0 && heights[index]! < (spec.max ?? Infinity));
    if (growable.length === 0) break;
    const totalWeight = sum(growable.map(({ spec }) => spec.weight));
    let given = 0;
    for (const { spec, index } of growable) {
      const share = Math.max(1, Math.floor((spare * spec.weight) / totalWeight));
      const room = (spec.max ?? Infinity) - heights[index]!;
      const grant = Math.min(share, room, spare - given);
      heights[index]! += grant;
      given += grant;
      if (given >= spare) break;
    }
    spare -= given;
    if (given === 0) break;
  }
  // Rows nobody could take go to the largest pane, so the column is always filled.
  if (spare > 0 && heights.length > 0) {
    const unbounded = kept.map((spec, index) => (spec.max === undefined ? index : -1)).filter((index) => index >= 0);
    const candidates = unbounded.length > 0 ? unbounded : kept.map((_, index) => index);
    const tallest = candidates.reduce((best, index) => (heights[index]! > heights[best]! ? index : best));
    heights[tallest]! += spare;
  }
  let top = 0;
  kept.forEach((spec, index) => {
    const paneHeight = heights[index]!;
    panes[spec.name] = { left: column.left, top, width: column.width, height: paneHeight };
    top += paneHeight;
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
