/** The disassembly pane: instructions around the PC with bytes, labels, breakpoints and the PC marked. */
import { hexDigits, hexWord } from '../../shared/hex.js';
import type { DisassemblyLine } from '../../debugger/session.js';
import { span, type Line } from '../render/spans.js';
import { BREAKPOINT_MARK, PC_MARK, breakpointAddresses } from './source.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

/**
 * Picks where to start disassembling so the PC sits about a third of the way down: the 6502 cannot be
 * disassembled backwards reliably, so try start points before the PC and keep the first whose instruction
 * boundaries land exactly on it.
 */
export function disassemblyWindow(context: ViewContext, count: number): DisassemblyLine[] {
  const { session, ui } = context;
  const pc = session.state.pc;
  if (ui.disassemblyStart !== undefined) {
    const kept = session.disassemble(ui.disassemblyStart, count);
    const index = kept.findIndex((line) => line.address === pc);
    if (index >= 0 && index < count - 2) return kept;
  }
  const wantedBefore = Math.floor(count / 3);
  for (let back = wantedBefore * 3; back > 0; back--) {
    const start = (pc - back) & 0xffff;
    if (start > pc) continue; // do not wrap around the top of memory
    const lines = session.disassemble(start, count + wantedBefore);
    const index = lines.findIndex((line) => line.address === pc);
    if (index >= 0 && index <= wantedBefore) {
      const chosen = lines.slice(Math.max(0, index - wantedBefore), Math.max(0, index - wantedBefore) + count);
      ui.disassemblyStart = chosen[0]?.address;
      return chosen;
    }
  }
  ui.disassemblyStart = pc;
  return session.disassemble(pc, count);
}

/** Rows without a title: `●▶$0600  A9 48     LDA #$48`, a label row before labelled instructions. */
export function disassemblyRows(context: ViewContext, height: number): Line[] {
  const pc = context.session.state.pc;
  const marks = breakpointAddresses(context);
  const rows: Line[] = [];
  for (const line of disassemblyWindow(context, height)) {
    if (line.label !== undefined) rows.push([span('  '), span(`${line.label}:`, 'label')]);
    const bytes = line.bytes.map((value) => hexDigits(value)).join(' ').padEnd(9);
    const isPc = line.address === pc;
    rows.push([
      span(marks.has(line.address) ? BREAKPOINT_MARK : ' ', 'breakpoint'),
      isPc ? span(PC_MARK, 'current') : span(' '),
      span(`${hexWord(line.address)}  `, isPc ? 'current' : 'dim'),
      span(`${bytes} `, isPc ? 'current' : 'dim'),
      span(line.text, isPc ? 'current' : 'plain'),
    ]);
  }
  // Label rows push instructions down; keep the PC on screen by dropping rows from the top.
  const pcRow = rows.findIndex((row) => row[1]?.text === PC_MARK);
  const overflow = rows.length - height;
  if (overflow > 0 && pcRow >= 0) return rows.slice(Math.min(overflow, Math.max(0, pcRow - 1)));
  return rows;
}

export function disassemblyView(context: ViewContext, width: number, height: number): Line[] {
  return fitPane([titleLine('Disassembly', width), ...disassemblyRows(context, height - 1)], width, height);
}
