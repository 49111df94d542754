/** The source pane: the assembly file with the PC's line highlighted, breakpoints marked and the cursor shown. */
import { branchTarget } from '../../cpu/addressing-modes.js';
import { VARIANTS } from '../../cpu/variants.js';
import type { SourceLocation } from '../../debugger/events.js';
import { hexWord } from '../../shared/hex.js';
import { span, type Line, type Span } from '../render/spans.js';
import type { TuiSession } from '../session-port.js';
import { disassemblyRows } from './disassembly.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

export const BREAKPOINT_MARK = '●';
export const PC_MARK = '▶';

/** `file:line` keys of every line that holds a breakpoint. */
export function breakpointLines(context: ViewContext): Set<string> {
  const lines = new Set<string>();
  for (const breakpoint of context.session.breakpoints) {
    if (!breakpoint.enabled) continue;
    if (breakpoint.target.kind === 'line') lines.add(`${breakpoint.target.file}:${breakpoint.target.line}`);
    for (const address of breakpoint.addresses) {
      const location = context.session.locationOf(address);
      if (location !== undefined) lines.add(`${location.file}:${location.line}`);
    }
  }
  return lines;
}

/** Addresses holding an enabled breakpoint, for the disassembly fallback. */
export function breakpointAddresses(context: ViewContext): Set<number> {
  const addresses = new Set<number>();
  for (const breakpoint of context.session.breakpoints) {
    if (!breakpoint.enabled) continue;
    for (const address of breakpoint.addresses) addresses.add(address);
  }
  return addresses;
}

/**
 * Draws from `ui.sourceTop`. Where the PC has no source line (a ROM, data run as code, an unassembled area)
 * the pane shows the disassembly around the PC instead, so there is always something to follow.
 */
export function sourceView(context: ViewContext, width: number, height: number): Line[] {
  const { session, ui } = context;
  const location = session.location;
  const file = context.sources.get(ui.sourceFile);
  if (file === undefined || (location === undefined && !session.running)) {
    const title = titleLine(`Disassembly at ${hexWord(session.state.pc)} (no source here)`, width);
    return fitPane([title, ...disassemblyRows(context, height - 1)], width, height);
  }
  const marks = breakpointLines(context);
  const pcLine = location !== undefined && location.file === ui.sourceFile ? location.line : undefined;
  const numberWidth = Math.max(3, String(file.length).length);
  const shifted = ui.sourceLeft > 0 ? `  (→ ${ui.sourceLeft} columns)` : '';
  const lines: Line[] = [titleLine(`Source: ${ui.sourceFile}${shifted}`, width)];
  for (let line = ui.sourceTop; line < ui.sourceTop + height - 1 && line <= file.length; line++) {
    const text = (file[line - 1] ?? '').slice(ui.sourceLeft);
    const isPc = line === pcLine;
    const parts: Span[] = [
      span(marks.has(`${ui.sourceFile}:${line}`) ? BREAKPOINT_MARK : ' ', 'breakpoint'),
      isPc ? span(PC_MARK, 'current') : span(' '),
      span(String(line).padStart(numberWidth), line === ui.cursorLine ? 'selected' : 'dim'),
      span(' '),
    ];
    // The PC's line is highlighted across the whole pane, like an editor's current line.
    parts.push(isPc ? span(text.padEnd(width), 'current') : span(text));
    lines.push(parts);
  }
  return fitPane(lines, width, height);
}

/** Where line `line` of the source pane's file is drawn (0 = title row), or undefined when off screen. */
export function sourceLineAtRow(topLine: number, row: number): number | undefined {
  return row >= 1 ? topLine + row - 1 : undefined;
}

/**
 * The new top line that keeps `line` visible: a step to a nearby line scrolls just enough to keep a few lines of
 * context, a jump (a JSR, a branch far away) puts the line in the middle of the pane.
 */
export function scrollToShow(top: number, line: number, visibleLines: number, totalLines: number): number {
  const margin = scrollMargin(visibleLines);
  let next = top;
  if (line < top || line > top + visibleLines - 1) next = line - Math.floor(visibleLines / 2);
  else if (line < top + margin) next = line - margin;
  else if (line > top + visibleLines - 1 - margin) next = line - visibleLines + 1 + margin;
  return Math.max(1, Math.min(next, Math.max(1, totalLines - visibleLines + 1)));
}

/**
 * The first source row to show when the PC sits on a branch or jump back to a line above it (the bottom of a
 * loop): one row above the loop's first line, so the whole loop is on screen, when it fits; else `top`.
 */
export function topShowingLoop(session: TuiSession, top: number, pc: SourceLocation, visibleLines: number, lines: readonly string[]): number {
  const totalLines = lines.length;
  const address = session.state.pc;
  const bytes = session.readMemory(address, 3);
  const info = VARIANTS[session.variant].rows[bytes[0]!]!;
  const target = info.mode === 'relative' ? branchTarget(address, bytes[1]!)
    : info.mnemonic === 'JMP' && info.mode === 'absolute' ? bytes[1]! | (bytes[2]! << 8)
    : undefined;
  if (target === undefined) return top;
  const loop = session.locationOf(target);
  if (loop === undefined || loop.file !== pc.file || loop.line >= pc.line) return top;
  if (loop.line >= top && pc.line <= top + visibleLines - 1) return top; // already on screen
  // The loop starts at its label and the notes above it (the debug map has the target's instruction line).
  let start = loop.line;
  while (start > 1 && /^\s*([A-Za-z_@.][\w.@]*:\s*)?(;.*)?$/.test(lines[start - 2] ?? '') && (lines[start - 2] ?? '').trim() !== '') start--;
  // As much of it as fits, one row of context above if there is room, keeping scrollToShow's margin below the PC.
  const lastRow = (first: number): number => first + visibleLines - 1 - scrollMargin(visibleLines);
  const candidates = Array.from({ length: loop.line - start + 2 }, (_, index) => start - 1 + index);
  const wanted = candidates.find((first) => first >= 1 && pc.line <= lastRow(first));
  if (wanted === undefined) return top; // longer than the pane
  return Math.min(wanted, Math.max(1, totalLines - visibleLines + 1));
}

/** Rows kept between the PC and the pane's edge when scrolling (fewer on short panes). */
function scrollMargin(visibleLines: number): number {
  return Math.min(3, Math.floor(visibleLines / 4));
}
