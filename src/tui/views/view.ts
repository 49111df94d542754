/** What every pane's view gets (the session, the source texts, the UI state) and the shared title row. */
import type { TuiSession } from '../session-port.js';
import type { UiState } from '../ui-state.js';
import { fitLine, span, type Line } from '../render/spans.js';

export interface ViewContext {
  readonly session: TuiSession;
  /** File name as the debug map spells it → its lines (index 0 = line 1), tabs already expanded. */
  readonly sources: ReadonlyMap<string, readonly string[]>;
  readonly ui: UiState;
  readonly notesForLine: ((file: string, line: number) => string | undefined) | undefined;
}

/** A pane draws exactly `height` lines of at most `width` columns, the first being its title. */
export type PaneView = (context: ViewContext, width: number, height: number) => Line[];

/** ` Title ` on the title colour across the whole width, so panes are told apart without borders. */
export function titleLine(title: string, width: number): Line {
  const text = ` ${title}`;
  return [span(text.length >= width ? text.slice(0, width) : text.padEnd(width), 'title')];
}

/** Cuts to `height` lines of `width` columns, padding with empty lines. */
export function fitPane(lines: readonly Line[], width: number, height: number): Line[] {
  const fitted = lines.slice(0, height).map((line) => fitLine(line, width));
  while (fitted.length < height) fitted.push([]);
  return fitted;
}
