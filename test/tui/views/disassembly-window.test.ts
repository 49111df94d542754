// Checks that the disassembly pane decodes only from known instruction starts (debug map, visited PCs), never from the middle of an instruction, and shows data lines as data.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { assemble } from '../../../src/asm/index.js';
import { DebugSession, type DebugProgram } from '../../../src/debugger/session.js';
import { initialUiState } from '../../../src/tui/ui-state.js';
import { disassemblyWindow, isDataLine } from '../../../src/tui/views/disassembly.js';
import type { ViewContext } from '../../../src/tui/views/view.js';

function contextFor(source: string, file = 'test.s'): { context: ViewContext; session: DebugSession } {
  const result = assemble(source, { fileName: file });
  expect(result.ok).toBe(true);
  const session = new DebugSession(result as unknown as DebugProgram);
  const ui = initialUiState(file, false);
  const sources = new Map([[file, source.split('\n')]]);
  return { context: { session, sources, ui, notesForLine: undefined }, session };
}

describe('disassembly window', () => {
  it('registers.s after six steps: every row starts where the assembler put an instruction (was `$0603 4F A0 54 SRE`)', () => {
    const file = 'programs/01-registers/registers.s';
    const { context, session } = contextFor(readFileSync(file, 'utf8'), file);
    const starts = new Set(session.debugProgram.debugMap.map((entry) => entry.address));
    for (let step = 0; step < 6; step++) {
      session.stepInto();
      const rows = disassemblyWindow(context, 12);
      expect(rows.some((row) => row.address === session.state.pc)).toBe(true);
      for (const row of rows.filter((row) => row.address < session.state.pc)) expect(starts.has(row.address), `row at $${row.address.toString(16)}`).toBe(true);
      expect(rows.map((row) => row.text).join('\n')).not.toMatch(/SRE|\?\?\?/);
    }
  });

  it('without any known start before the PC (a binary), the window begins at the PC instead of guessing', () => {
    const session = new DebugSession({ image: { start: 0x0600, bytes: Uint8Array.from([0xa9, 0x4f, 0xa0, 0x54, 0xea, 0xea]) }, symbols: new Map(), debugMap: [] }, { start: 0x0602 });
    const context: ViewContext = { session, sources: new Map(), ui: initialUiState('', false), notesForLine: undefined };
    const rows = disassemblyWindow(context, 4);
    expect(rows[0]!.address).toBe(0x0602);
    expect(rows[0]!.text).toBe('LDY #$54');
  });

  it('a PC the debugger stopped at becomes a known start for later windows', () => {
    const session = new DebugSession({ image: { start: 0x0600, bytes: Uint8Array.from([0xa9, 0x4f, 0xa0, 0x54, 0xea, 0xea, 0xea]) }, symbols: new Map(), debugMap: [] });
    const context: ViewContext = { session, sources: new Map(), ui: initialUiState('', false), notesForLine: undefined };
    disassemblyWindow(context, 4); // at $0600
    session.stepInto(3);
    context.ui.disassemblyStart = undefined;
    const rows = disassemblyWindow(context, 9);
    expect(rows[0]!.address).toBe(0x0600);
    expect(rows.map((row) => row.text).slice(0, 2)).toEqual(['LDA #$4F', 'LDY #$54']);
  });

  it('shows the bytes of data lines as .byte, not as instructions', () => {
    const source = ['        JMP go', 'table:  .byte $4F, $A0, $54', 'go:     NOP', '        NOP'].join('\n');
    const { context, session } = contextFor(source);
    session.stepInto();
    const rows = disassemblyWindow(context, 5);
    expect(rows.map((row) => row.text)).toContain('.byte $4F,$A0,$54');
    expect(isDataLine('msg: .asciiz "hi" ; text')).toBe(true);
    expect(isDataLine('loop: LDA #1')).toBe(false);
  });
});
