/** The memory pane: hex and ASCII rows from `ui.memoryStart`, bytes the last step wrote highlighted. */
import { MEMORY_MAP, type MemoryRegion } from '../../machine/memory-map.js';
import { hexWord } from '../../shared/hex.js';
import { bytesPerRow, hexRow } from '../render/hex.js';
import type { Line } from '../render/spans.js';
import { inRanges } from '../ui-state.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

export function memoryView(context: ViewContext, width: number, height: number): Line[] {
  const perRow = bytesPerRow(width);
  const rows = Math.max(0, height - 1);
  const start = context.ui.memoryStart;
  const bytes = context.session.readMemory(start, Math.min(rows * perRow, 0x10000 - start));
  const written = context.ui.written;
  const pc = context.session.state.pc;
  const instructionLength = context.session.running ? 0 : (context.session.disassemble(pc, 1)[0]?.bytes.length ?? 1);
  const isCurrent = (at: number): boolean => ((at - pc) & 0xffff) < instructionLength;
  const region = context.session.regionName(start) ?? regionName(start);
  const lines: Line[] = [titleLine(`Memory ${hexWord(start)}${region !== undefined ? ` ${region}` : ''}  (g: go to, [ ]: page)`, width)];
  for (let row = 0; row < rows && row * perRow < bytes.length; row++) {
    const address = start + row * perRow;
    lines.push(hexRow(address, bytes.subarray(row * perRow, (row + 1) * perRow), (at) => inRanges(written, at), isCurrent));
  }
  return fitPane(lines, width, height);
}

/** The memory map's name for an address (the narrowest region holding it), e.g. `zero page`, `display`. */
export function regionName(address: number): string | undefined {
  let best: MemoryRegion | undefined;
  for (const region of MEMORY_MAP) {
    if (address < region.start || address > region.end) continue;
    if (best === undefined || region.end - region.start < best.end - best.start) best = region;
  }
  return best?.name;
}

/** A start address for the memory pane that shows `address` on the first row, aligned to the row length. */
export function memoryStartFor(address: number, width: number): number {
  const perRow = bytesPerRow(width);
  return address - (address % perRow);
}
