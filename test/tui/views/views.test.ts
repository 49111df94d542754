// Checks what each pane draws for a known session state, using the fake session (no terminal, no blessed).
import { describe, expect, it } from 'vitest';
import { plainText, type Line } from '../../../src/tui/render/spans.js';
import { initialUiState } from '../../../src/tui/ui-state.js';
import { consoleLines, consoleView } from '../../../src/tui/views/console.js';
import { disassemblyView } from '../../../src/tui/views/disassembly.js';
import { memoryView, regionName } from '../../../src/tui/views/memory.js';
import { followNote, notesView } from '../../../src/tui/views/notes.js';
import { registersView } from '../../../src/tui/views/registers.js';
import { BREAKPOINT_MARK, PC_MARK, scrollToShow, sourceView } from '../../../src/tui/views/source.js';
import { stackView } from '../../../src/tui/views/stack.js';
import { describeStop, explainView, statusView } from '../../../src/tui/views/status.js';
import type { ViewContext } from '../../../src/tui/views/view.js';
import { watchesView } from '../../../src/tui/views/watches.js';
import { FAKE_FILE, FAKE_SOURCE, FakeSession } from '../helpers/fake-session.js';

function contextFor(session = new FakeSession(), notes?: (file: string, line: number) => string | undefined): ViewContext {
  return {
    session,
    sources: new Map([[FAKE_FILE, FAKE_SOURCE.split('\n')]]),
    ui: initialUiState(FAKE_FILE, false),
    notesForLine: notes,
  };
}

function text(lines: readonly Line[]): string[] {
  return lines.map(plainText);
}

describe('views', () => {
  it('every pane draws exactly the rows and at most the columns it was given', () => {
    const context = contextFor();
    for (const view of [sourceView, disassemblyView, registersView, memoryView, stackView, consoleView, watchesView, notesView, explainView]) {
      const lines = view(context, 30, 7);
      expect(lines).toHaveLength(7);
      for (const line of lines) expect(plainText(line).length).toBeLessThanOrEqual(30);
    }
  });

  it('source: marks the PC line and moves the mark when the session steps', () => {
    const session = new FakeSession();
    const context = contextFor(session);
    expect(text(sourceView(context, 40, 6))[2]).toContain(`${PC_MARK}  2 start:`);
    session.stepInto();
    const after = text(sourceView(context, 40, 6));
    expect(after[3]).toContain(`${PC_MARK}  3`);
    expect(after[2]).not.toContain(PC_MARK);
  });

  it('source: falls back to the disassembly around the PC when the file is not known (a binary)', () => {
    const context = contextFor();
    context.ui.sourceFile = 'program.bin';
    const lines = text(sourceView(context, 40, 5));
    expect(lines[0]).toContain('Disassembly at $0600 (no source here)');
    expect(lines.join('\n')).toContain(`${PC_MARK}$0600  A9 01`);
  });

  it('source: scrolls the text sideways but keeps the gutter', () => {
    const context = contextFor();
    context.ui.sourceLeft = 8;
    const lines = text(sourceView(context, 40, 6));
    expect(lines[0]).toContain('(→ 8 columns)');
    expect(lines[2]).toContain(`${PC_MARK}  2 lda #$01`);
  });

  it('source: marks a line with a breakpoint', () => {
    const session = new FakeSession();
    session.toggleBreakpointAtLine(FAKE_FILE, 4);
    expect(text(sourceView(contextFor(session), 40, 6))[4]!.startsWith(BREAKPOINT_MARK)).toBe(true);
  });

  it('registers: shows A, X, Y, SP, PC and the flags, marking what changed', () => {
    const session = new FakeSession();
    const context = contextFor(session);
    expect(text(registersView(context, 32, 4))).toEqual([
      ' Registers'.padEnd(32),
      'A $00  X $00  Y $00  SP $FD',
      'PC $0600  P $24 nv-bdIzc',
      'cycles 7  instr 0',
    ]);
    session.stepInto();
    context.ui.changedRegisters = session.lastStep!.changed;
    const changed = registersView(context, 32, 4)[1]!.filter((part) => 'style' in part && part.style === 'changed').map((part) => part.text);
    expect(changed).toEqual(['$01']);
  });

  it('memory: draws rows from the chosen start and highlights written bytes', () => {
    const context = contextFor();
    context.ui.memoryStart = 0x0300;
    context.ui.written = [{ start: 0x0301, length: 1 }];
    const lines = memoryView(context, 40, 3);
    expect(plainText(lines[1]!)).toBe('$0300  48 69 00 00 00 00 00 00  Hi......');
    expect(lines[1]!.some((part) => 'style' in part && part.style === 'written' && part.text === '69')).toBe(true);
  });

  it('memory: marks the bytes of the instruction at the PC', () => {
    const context = contextFor();
    context.ui.memoryStart = 0x0600;
    const current = memoryView(context, 40, 2)[1]!.filter((part) => 'style' in part && part.style === 'current').map((part) => part.text);
    expect(current).toEqual(['00', '00']); // LDA #$01 is two bytes long (the fake keeps no code bytes in memory)
  });

  it('memory: names the region of the memory map the pane starts in', () => {
    expect(regionName(0x0010)).toBe('zero page');
    expect(regionName(0x00fe)).toBe('random');
    expect(regionName(0x0200)).toBe('display');
    expect(regionName(0x0600)).toBe('RAM');
    const context = contextFor();
    context.ui.memoryStart = 0x0100;
    expect(text(memoryView(context, 60, 2))[0]).toContain('Memory $0100 stack');
  });

  it('stack: resolves a return address to its label', () => {
    expect(text(stackView(contextFor(), 32, 4))[2]).toBe('$01FE 05 ↩ $0606 start');
  });

  it('console: shows the newest lines and wraps long ones', () => {
    expect(consoleLines('one\ntwo\n', 10)).toEqual(['one', 'two']);
    expect(consoleLines('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
    const session = new FakeSession();
    session.output = 'a\nb\nc\nd\n';
    expect(text(consoleView(contextFor(session), 20, 3)).slice(1)).toEqual(['c', 'd']);
  });

  it('disassembly: lists instructions with bytes and marks the PC', () => {
    const lines = text(disassemblyView(contextFor(), 40, 6));
    expect(lines[1]).toContain('start:');
    expect(lines[2]).toContain(`${PC_MARK}$0600  A9 01`);
    expect(lines[2]).toContain('LDA #$01');
  });

  it('watches: evaluates each expression, showing errors in place', () => {
    const context = contextFor();
    context.ui.watches.push('A', 'nonsense');
    const lines = text(watchesView(context, 40, 4));
    expect(lines[1]).toBe('1 A = $00 (0)');
    expect(lines[2]).toBe('2 nonsense unknown name nonsense');
  });

  it('notes: follow the PC and keep the last note on lines without one', () => {
    const session = new FakeSession();
    const context = contextFor(session, (_file, line) => (line === 2 ? 'LDA loads the accumulator.' : undefined));
    followNote(context);
    expect(text(notesView(context, 30, 4))).toContain(' LDA loads the accumulator.');
    session.stepInto();
    followNote(context);
    expect(text(notesView(context, 30, 4))[0]).toContain('Notes (line 2)');
  });

  it('notes: after a jump the note is the nearest noted line above the PC, never an old one from elsewhere', () => {
    const session = new FakeSession();
    const context = contextFor(session, (_file, line) => (line === 2 ? 'Load.' : line === 4 ? 'Count.' : undefined));
    session.stepInto(2); // PC on line 4
    followNote(context);
    expect(text(notesView(context, 30, 4))[0]).toContain('Notes (line 4)');
    session.stepBack(); // PC back on line 3: the note of line 4 would be a note from the future
    followNote(context);
    expect(text(notesView(context, 30, 4))[0]).toContain('Notes (line 2)');
    expect(text(notesView(context, 30, 4))).toContain(' Load.');
  });

  it('status: at 80 columns nothing is cut mid-word; parts go whole, the keyboard-mode hint always shows', () => {
    const context = contextFor();
    context.ui.mhz = 0.99;
    context.ui.speedLimit = 1;
    const title = 'programs/09-together/snake.s';
    const line = text(statusView(context, 80, 1, title))[0]!;
    expect(line.length).toBeLessThanOrEqual(80);
    expect(line).toContain('0.99 MHz ≤1 MHz');
    expect(line).toMatch(/^snake\.s  stopped  PC \$0600/);
    // Every word on the line is whole: the last one is a complete key hint.
    expect(line.trimEnd()).toMatch(/(step|over|run|back|break|cmd|help|quit)$/);
    context.ui.keyboardMode = true;
    const keyboard = text(statusView(context, 80, 1, 'Tour 9 · Everything together: a game of snake'))[0]!;
    expect(keyboard).toContain('KEYS GO TO THE PROGRAM  Esc ends');
  });

  it('status: a face leaves out the hints for keys it has not got (a web page cannot quit)', () => {
    const context = contextFor();
    expect(text(statusView(context, 200, 1, 'x.s'))[0]).toContain('q quit');
    const page = text(statusView(context, 200, 1, 'x.s', new Set(['quit'])))[0]!;
    expect(page).not.toContain('quit');
    expect(page).toContain('? help');
  });

  it('explain: shows the last instruction and its explanation, or a message', () => {
    const session = new FakeSession();
    const context = contextFor(session);
    session.stepInto();
    expect(text(explainView(context, 80, 1))[0]).toBe('LDA #$01: pretend explanation of LDA #$01');
    context.ui.message = { text: describeStop({ kind: 'breakpoint', id: 2, address: 0x0605 }), error: false };
    expect(text(explainView(context, 80, 1))[0]).toBe('Breakpoint 2 at $0605');
  });

  it('scrollToShow keeps a few lines of context on small moves and centres far jumps, inside the file', () => {
    expect(scrollToShow(1, 5, 10, 100)).toBe(1); // already comfortably visible
    expect(scrollToShow(1, 9, 10, 100)).toBe(2); // into the bottom margin: scroll one line
    expect(scrollToShow(20, 21, 10, 100)).toBe(19); // into the top margin (2 lines for a 10-line pane)
    expect(scrollToShow(1, 30, 10, 100)).toBe(25); // a jump: centred
    expect(scrollToShow(50, 40, 10, 100)).toBe(35);
    expect(scrollToShow(1, 99, 10, 100)).toBe(91); // never past the end of the file
  });
});

describe('lcd pane', () => {
  it("shows the machine's LCD lines in a frame", async () => {
    const { lcdView } = await import('../../../src/tui/views/lcd.js');
    const session = new FakeSession();
    session.lcd = ['Hello, LCD      ', '!               '];
    expect(text(lcdView(contextFor(session), 24, 5))).toEqual([
      ' LCD                    ',
      '┌────────────────┐',
      '│Hello, LCD      │',
      '│!               │',
      '└────────────────┘',
    ]);
  });
});
