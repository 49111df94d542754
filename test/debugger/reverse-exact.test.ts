// Reverse execution is exact where learners need it most: around IRQ, NMI and BRK entry, on the easy6502
// machine's random byte, and after many outside inputs (issue 12). Each case failed before its fix.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/debugger/program.js';
import { runCommand } from '../../src/debugger/commands.js';
import type { DebugSession } from '../../src/debugger/session.js';
import { handProgram } from './helpers/program.js';
import { DebugSession as Session } from '../../src/debugger/session.js';

function open(source: string, fileName: string, preset?: string): DebugSession {
  const created = createSession(source, { fileName, ...(preset === undefined ? {} : { preset }) });
  if (!created.ok) throw new Error(created.message);
  return created.session;
}

function everything(session: DebugSession) {
  return { ...session.state, memory: createHash('sha256').update(session.memory).digest('hex') };
}

const TIMER_IRQ = readFileSync('programs/examples/timer-irq.s', 'utf8');

describe('around interrupt entry', () => {
  it('break handler, continue, step, back: exactly the state before the step (IRQ)', () => {
    const session = open(TIMER_IRQ, 'timer-irq.s');
    expect(runCommand(session, 'break handler').ok).toBe(true);
    expect(session.continue().reason).toMatchObject({ kind: 'breakpoint' });
    const before = everything(session);
    session.stepInto();
    session.stepBack();
    expect(everything(session)).toEqual(before);
  });

  it('a step that stops on the handler\'s breakpoint right after the entry goes back to where it began', () => {
    // The step runs no instruction: the IRQ is due, the CPU enters the handler and the breakpoint stops it
    // there. `back` must undo that entry (the newest thing that happened), not the JMP before it as well.
    const session = open(TIMER_IRQ, 'timer-irq.s');
    runCommand(session, 'break handler');
    session.continue(); // in the handler for the first interrupt
    let dueBefore: ReturnType<typeof everything> | undefined;
    // Step through the handler and the wait loop until a step stops on the handler's breakpoint.
    for (let index = 0; index < 2000 && dueBefore === undefined; index++) {
      const before = everything(session);
      if (session.stepInto().reason.kind !== 'breakpoint') continue;
      expect(session.state.instructions).toBe(before.instructions); // no instruction ran: only the entry
      expect(session.state.cycles).toBe(before.cycles + 7);
      dueBefore = before;
    }
    expect(dueBefore).toBeDefined();
    expect(runCommand(session, 'back').text).toMatch(/^Went back before the interrupt entry\n/);
    expect(everything(session)).toEqual(dueBefore);
    expect(runCommand(session, 'back').text).toMatch(/^Went back 1 instruction\n/);
    expect(session.state.instructions).toBe(dueBefore!.instructions - 1);
  });

  it('rcontinue to a breakpoint inside the handler lands on its real state, the one continue stopped at', () => {
    const session = open(TIMER_IRQ, 'timer-irq.s');
    runCommand(session, 'break handler');
    session.continue();
    const second = (session.continue(), everything(session));
    session.continue();
    const back = session.reverseContinue();
    expect(back.reason).toMatchObject({ kind: 'breakpoint' });
    expect(everything(session)).toEqual(second);
  });

  it('the same around NMI entry and BRK entry', () => {
    // $0600: CLI / INX / BRK / .byte 0 / JMP $0601; NMI handler at $0610: INY / RTI; BRK handler at $0620: INX / RTI.
    const program = handProgram({
      lines: [[0x58], [0xe8], [0x00, 0x00], [0x4c, 0x01, 0x06]],
    });
    const session = new Session(program, { brkVector: true });
    session.writeMemory(0x0610, [0xc8, 0x40]);
    session.writeMemory(0x0620, [0xe8, 0x40]);
    session.writeMemory(0xfffa, [0x10, 0x06]);
    session.writeMemory(0xfffe, [0x20, 0x06]);
    session.addBreakpoint({ kind: 'address', address: 0x0610 });
    session.addBreakpoint({ kind: 'address', address: 0x0620 });
    session.stepInto(2);
    session.nmi();
    expect(session.continue().reason).toMatchObject({ kind: 'breakpoint', address: 0x0610 });
    const inNmi = everything(session);
    session.stepInto();
    session.stepBack();
    expect(everything(session)).toEqual(inNmi);
    expect(session.continue().reason).toMatchObject({ kind: 'breakpoint', address: 0x0620 });
    const inBrk = everything(session);
    session.stepInto();
    session.stepBack();
    expect(everything(session)).toEqual(inBrk);
    session.stepInto(3);
    expect(session.reverseContinue().reason).toMatchObject({ kind: 'breakpoint', address: 0x0620 });
    expect(everything(session)).toEqual(inBrk);
    expect(session.reverseContinue().reason).toMatchObject({ kind: 'breakpoint', address: 0x0610 });
    expect(everything(session)).toEqual(inNmi);
  });
});

describe('the easy6502 machine', () => {
  it('rcontinue lands on the breakpoint\'s real state with $FE random', () => {
    const source = ['loop: lda $FE', '  and #7', '  bne skip', 'hit: inx', 'skip: iny', '  jmp loop'].join('\n');
    const session = open(source, 'random.s', 'easy6502');
    runCommand(session, 'break hit');
    const stops = [];
    for (let index = 0; index < 3; index++) {
      expect(session.continue().reason).toMatchObject({ kind: 'breakpoint', address: session.symbol('hit') });
      stops.push(everything(session));
    }
    expect(session.reverseContinue().reason).toMatchObject({ kind: 'breakpoint', address: session.symbol('hit') });
    expect(everything(session)).toEqual(stops[1]);
    expect(session.reverseContinue().reason).toMatchObject({ kind: 'breakpoint', address: session.symbol('hit') });
    expect(everything(session)).toEqual(stops[0]);
  });
});

describe('outside inputs do not shorten the history', () => {
  it('after 700 sets in 700,000 instructions, back still reaches 1,000,000 instructions', () => {
    const program = handProgram({ lines: [[0xe8], [0xc8], [0x4c, 0x00, 0x06]] }); // INX / INY / JMP
    const session = new Session(program);
    for (let index = 0; index < 700; index++) {
      session.stepInto(1000);
      session.setRegister('a', index & 0xff);
    }
    session.stepInto(400_000);
    expect(session.state.instructions).toBe(1_100_000);
    const target = session.state.instructions - 1_000_000;
    expect(session.history.oldest).toBeLessThanOrEqual(target);
    const back = session.stepBack(1_000_000);
    expect(back.state.instructions).toBe(target);
    expect(back.state.a).toBe(99); // the set made after instruction 100,000
  });
});

describe('hit counts', () => {
  it('reverse continue honours a breakpoint\'s hit count, and going back rewinds the count', () => {
    // LDX #0 / loop: INX / CPX #10 / BNE loop / BRK
    const session = new Session(handProgram({ lines: [[0xa2, 0x00], [0xe8], [0xe0, 0x0a], [0xd0, 0xfb], [0x00]] }));
    expect(runCommand(session, 'break $0602 hits 4').ok).toBe(true); // stops from the 4th hit on
    expect(session.continue().state.x).toBe(3); // hit 4: INX has run three times
    expect(session.continue().state.x).toBe(4);
    expect(session.continue().state.x).toBe(5);
    expect(session.breakpoints[0]!.hits).toBe(6);
    expect(session.reverseContinue().state.x).toBe(4);
    expect(session.breakpoints[0]!.hits).toBe(5);
    expect(session.reverseContinue().state.x).toBe(3);
    // Hits 1 to 3 are below the count: reverse continue goes past them to the start.
    expect(session.reverseContinue().reason).toEqual({ kind: 'history-start' });
    expect(session.breakpoints[0]!.hits).toBe(0);
    expect(session.continue().state.x).toBe(3);
  });
});
