// One start rule and one stop sentence: the debug session starts a program as `moth run` does (its BRK vector
// honoured), and every face words a stop the same way.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/debugger/program.js';
import { describeSessionStop } from '../../src/debugger/commands.js';
import { describeStop } from '../../src/debugger/stop-reason.js';

const OWN_BRK_HANDLER = [
  '        .org $0600',
  '        brk',
  '        nop',
  '        lda #7',
  '        sta $F00F',
  'handler: lda #9',
  '        sta $F00F',
  '        *= $FFFE',
  '        .word handler',
].join('\n');

describe('the start rule', () => {
  it('a program that sets its own IRQ/BRK vector gets BRK as a real interrupt in the debugger, as in moth run', () => {
    const created = createSession(OWN_BRK_HANDLER, { fileName: 'own-brk.s' });
    if (!created.ok) throw new Error(created.message);
    expect(created.session.continue().reason).toEqual({ kind: 'exit', code: 9 });
  });
});

describe('the stop sentence', () => {
  it('is the same sentence for the session and for a bare machine stop, with labels where the face has them', () => {
    const created = createSession('loop: jmp loop\n', { fileName: 'loop.s' });
    if (!created.ok) throw new Error(created.message);
    const reason = { kind: 'trap', address: 0x0600 } as const;
    expect(describeStop(reason)).toBe('Trapped at $0600: the instruction jumps to itself');
    expect(describeSessionStop(reason, created.session)).toBe('Trapped at $0600 loop: the instruction jumps to itself');
    expect(describeStop({ kind: 'limit', cycles: 65536, address: 0x0600 })).toBe('Max cycles reached (65,536) with PC at $0600');
  });
});
