// Stopping never changes what a program does: after CLI (or PLP) with IRQ already asserted, the chip runs one
// more instruction before it enters the handler, and a breakpoint on that instruction must not eat the delay.
// Before the fix, a stop there used the delay up, so continue never hit the breakpoint (the IRQ came first).
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/debugger/program.js';
import { runCommand } from '../../src/debugger/commands.js';
import type { DebugSession } from '../../src/debugger/session.js';

/** The timer fires every 10 cycles from before CLI, so IRQ is asserted when CLI clears I. */
const SOURCE = `
TIMER_PERIOD_LOW = $F010
TIMER_PERIOD_HIGH = $F011
TIMER_CONTROL = $F012
TIMER_STATUS = $F013
        SEI
        LDA #<handler
        STA $FFFE
        LDA #>handler
        STA $FFFF
        LDA #10
        STA TIMER_PERIOD_LOW
        LDA #0
        STA TIMER_PERIOD_HIGH
        LDA #3
        STA TIMER_CONTROL
        NOP
        NOP
        NOP
        NOP
        NOP
        NOP
        NOP
        NOP
        {unmask}
after:  INX
        JMP after
handler:
        STA TIMER_STATUS
        INY
        RTI
`;

function open(unmask: string): DebugSession {
  const created = createSession(SOURCE.replace('{unmask}', unmask), { fileName: 'delay.s' });
  if (!created.ok) throw new Error(created.message);
  return created.session;
}

// PLP pulls P from the stack: push one with I clear first.
const UNMASKS = { CLI: 'CLI', PLP: 'LDA #$20\n        PHA\n        PLP' };

describe.each(Object.entries(UNMASKS))('the instruction after %s runs before the IRQ it lets in', (_name, unmask) => {
  it('continue stops at a breakpoint on it, and a step then runs it', () => {
    const session = open(unmask);
    const after = session.symbol('after')!;
    expect(runCommand(session, 'break after').ok).toBe(true);
    expect(session.continue().reason).toMatchObject({ kind: 'breakpoint', address: after });
    expect(session.state.x).toBe(0);
    session.stepInto();
    expect(session.state).toMatchObject({ x: 1, pc: after + 1 });
  });

  it('the same with a watchpoint set (the checked loop)', () => {
    const session = open(unmask);
    const after = session.symbol('after')!;
    expect(runCommand(session, 'watch $0300').ok).toBe(true);
    expect(runCommand(session, 'break after').ok).toBe(true);
    expect(session.continue().reason).toMatchObject({ kind: 'breakpoint', address: after });
    session.stepInto();
    expect(session.state).toMatchObject({ x: 1, pc: after + 1 });
  });

  it('reverse continue finds that breakpoint hit again', () => {
    const session = open(unmask);
    const after = session.symbol('after')!;
    runCommand(session, 'break after');
    session.continue();
    const hit = session.state;
    session.stepInto(20);
    expect(session.reverseContinue().reason).toMatchObject({ kind: 'breakpoint', address: after });
    expect(session.state).toEqual(hit);
  });
});
