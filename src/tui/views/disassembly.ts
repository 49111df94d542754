/** The disassembly pane: instructions around the PC with bytes, labels, breakpoints and the PC marked. */
import { hex, hexDigits, hexWord } from '../../shared/hex.js';
import type { DisassemblyLine } from '../../debugger/session.js';
import { span, type Line } from '../render/spans.js';
import { BREAKPOINT_MARK, PC_MARK, breakpointAddresses } from './source.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

/**
 * The instructions around the PC, decoded only from addresses known to start an instruction: the assembler's
 * debug map (each source line's first byte) and every PC the debugger has stopped at. Bytes before the PC are
 * shown only from such a start whose forward decoding lands exactly on the PC; with none (a ROM, a binary), the
 * window starts at the PC. The 6502 cannot be decoded backwards: a guess would show operands as opcodes.
 */
export function disassemblyWindow(context: ViewContext, count: number): DisassemblyLine[] {
  const { session, ui } = context;
  const pc = session.state.pc;
  rememberPc(ui, pc);
  if (ui.disassemblyStart !== undefined) {
    const kept = decodeFrom(context, ui.disassemblyStart, count);
    const index = kept.findIndex((line) => line.address === pc);
    if (index >= 0 && index < count - 2) return kept;
  }
  const wantedBefore = Math.floor(count / 3);
  const starts = knownStartsBefore(context, pc, wantedBefore * 3);
  // Earliest start first: the most context before the PC that still decodes onto it.
  for (const start of starts) {
    const lines = decodeFrom(context, start, count + wantedBefore);
    const index = lines.findIndex((line) => line.address === pc);
    if (index >= 0 && index <= wantedBefore) {
      const first = Math.max(0, index - wantedBefore);
      ui.disassemblyStart = lines[first]!.address;
      return lines.slice(first, first + count);
    }
  }
  ui.disassemblyStart = pc;
  return decodeFrom(context, pc, count);
}

/** Known instruction starts in the `span` bytes before `pc`, lowest first. */
function knownStartsBefore(context: ViewContext, pc: number, span: number): number[] {
  const starts = new Set<number>();
  for (const entry of context.session.debugProgram.debugMap) {
    if (entry.address < pc && entry.address >= pc - span) starts.add(entry.address);
  }
  for (const address of context.ui.visitedPcs) if (address < pc && address >= pc - span) starts.add(address);
  return [...starts].sort((left, right) => left - right);
}

/** Remembers a PC the debugger stopped at as a known instruction start (a bounded set). */
function rememberPc(ui: ViewContext['ui'], pc: number): void {
  if (ui.visitedPcs.has(pc)) return;
  if (ui.visitedPcs.size >= VISITED_LIMIT) ui.visitedPcs.clear();
  ui.visitedPcs.add(pc);
}

const VISITED_LIMIT = 4096;

/**
 * `count` rows from `address`: instructions, except where the debug map says a source line emitted data
 * (`.byte`, `.word`, strings), which shows as `.byte` with that line's bytes rather than as made-up code.
 */
function decodeFrom(context: ViewContext, address: number, count: number): DisassemblyLine[] {
  const rows: DisassemblyLine[] = [];
  let at = address & 0xffff;
  while (rows.length < count) {
    const data = dataEntryAt(context, at);
    if (data !== undefined) {
      const bytes = [...context.session.readMemory(at, Math.min(data.length, 4))];
      rows.push({ address: at, bytes, text: `.byte ${bytes.map((value) => hex(value)).join(',')}`, label: context.session.labelAt(at), location: context.session.locationOf(at) });
      at = (at + bytes.length) & 0xffff;
      continue;
    }
    const [line] = context.session.disassemble(at, 1);
    if (line === undefined) break;
    rows.push(line);
    at = (at + Math.max(1, line.bytes.length)) & 0xffff;
  }
  return rows;
}

/** The rest of a data line at `address` (bytes from `address` to the entry's end), or undefined for code. */
function dataEntryAt(context: ViewContext, address: number): { readonly length: number } | undefined {
  const location = context.session.locationOf(address);
  if (location === undefined) return undefined;
  const text = context.sources.get(location.file)?.[location.line - 1];
  if (text === undefined || !isDataLine(text)) return undefined;
  const entry = context.session.debugProgram.debugMap.find((candidate) => address >= candidate.address && address < candidate.address + candidate.length);
  return entry === undefined ? undefined : { length: entry.address + entry.length - address };
}

/** A source line whose bytes are data: a directive (`.byte`, `.word`, `.asciiz`…) after an optional label. */
export function isDataLine(text: string): boolean {
  const code = text.replace(/;.*$/, '').replace(/^\s*[A-Za-z_@.][\w@.]*:/, '').trim();
  return code.startsWith('.');
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
