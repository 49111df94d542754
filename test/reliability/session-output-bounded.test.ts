// A debug session on a program that prints for ever (issue 12): the console output it keeps is bounded (its
// newest OUTPUT_KEPT_BYTES), new output is announced while the run goes on, and going back still rewinds it.
// The same kept output is what the TUI's console pane shows (views/console.ts reads its tail).
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/debugger/program.js';
import { OUTPUT_KEPT_BYTES } from '../../src/debugger/session.js';

/** Prints `ok` and a newline for ever: 3 bytes every 21 cycles. */
const PRINTS_FOREVER = `        .org $0600
loop:   lda #'o'
        sta $F001
        lda #'k'
        sta $F001
        lda #10
        sta $F001
        jmp loop
`;

/** Prints X and a newline for ever, X counting up: no two neighbouring stretches of output are alike. */
const COUNTS_FOREVER = `        .org $0600
loop:   inx
        stx $F001
        lda #10
        sta $F001
        jmp loop
`;

function open(source = PRINTS_FOREVER) {
  const created = createSession(source, { fileName: 'forever.s' });
  if (!created.ok) throw new Error(created.message);
  return created.session;
}

describe('a session on a program that prints for ever', () => {
  it('keeps the newest mebibyte of output, and announces the rest in pieces while it runs', () => {
    const session = open();
    const pieces: number[] = [];
    let announcedBeforeStop = 0;
    let stopped = false;
    session.on((event) => {
      if (event.type === 'output') {
        pieces.push(event.text.length);
        if (!stopped) announcedBeforeStop += event.text.length;
      }
      if (event.type === 'stopped') stopped = true;
    });
    session.continue(21_000_000); // a million lines
    const printed = 3 * 1_000_000;
    expect(pieces.reduce((sum, length) => sum + length, 0)).toBe(printed);
    expect(pieces.length).toBeGreaterThan(printed / (64 * 1024)); // announced in pieces, none larger than a batch
    expect(Math.max(...pieces)).toBeLessThanOrEqual(64 * 1024);
    expect(announcedBeforeStop).toBe(printed);
    expect(session.output.length).toBe(OUTPUT_KEPT_BYTES);
    expect(session.output.endsWith('ok\nok\n')).toBe(true);
    expect(session.outputTail(5)).toBe('k\nok\n');
  });

  it('going back rewinds the kept output exactly (the oldest bytes the step pushed out of the ring stay out)', () => {
    const session = open(COUNTS_FOREVER);
    session.continue(20_000_000);
    const before = session.output;
    expect(before.length).toBe(OUTPUT_KEPT_BYTES);
    session.stepInto(5); // one more line: two bytes
    expect(session.output).toBe(before.slice(2) + session.output.slice(-2));
    session.stepBack(5);
    expect(session.output).toBe(before.slice(2));
    session.stepBack(1_000); // 200 lines back
    expect(session.output).toBe(before.slice(2, -400));
  });
});
