// Specifies every debugger command: text in, session call, structured outcome and plain text out; plus completion.
import { describe, expect, it } from 'vitest';
import { completeCommand, runCommand, COMMANDS } from '../../src/debugger/commands.js';
import { createSession } from '../../src/debugger/program.js';
import type { DebugSession } from '../../src/debugger/session.js';

const SOURCE = `; counts X to 10 through a subroutine, prints "ok", stops
        .org $0600
main:   ldx #0
loop:   jsr bump
        cpx #10
        bne loop
        stx $0200
        lda #'o'
        sta $F001
        lda #'k'
        sta $F001
        brk
bump:   inx
        rts
`;

function session(): DebugSession {
  const created = createSession(SOURCE, { fileName: 'count.s' });
  if (!created.ok) throw new Error(created.message);
  return created.session;
}

function run(target: DebugSession, line: string) {
  const result = runCommand(target, line);
  return result;
}

describe('debugger commands', () => {
  it('step, step n and next', () => {
    const s = session();
    let result = run(s, 'step');
    expect(result.ok).toBe(true);
    expect(result.outcome.kind).toBe('stop');
    expect(result.text).toContain('LDX #$00: ');
    expect(result.text).toContain('PC=$0602');
    result = run(s, 'step 2'); // JSR, INX
    expect(s.state).toMatchObject({ pc: 0x0618, x: 1 });
    run(s, 's'); // RTS
    result = run(s, 'next'); // CPX
    result = run(s, 'n'); // BNE
    result = run(s, 'next'); // JSR bump runs whole
    expect(s.state).toMatchObject({ pc: 0x0605, x: 2 });
    expect(run(s, 'step x').ok).toBe(false);
    expect(run(s, 'next 3').text).toBe('error: next takes no arguments');
  });

  it('finish returns from bump', () => {
    const s = session();
    run(s, 'step 2');
    const result = run(s, 'finish');
    expect(result.ok).toBe(true);
    expect(s.state.pc).toBe(0x0605);
  });

  it('break on a label with a condition, then continue and list', () => {
    const s = session();
    let result = run(s, 'break loop if X == 3');
    expect(result.text).toBe('Breakpoint 1 at loop ($0602) if X == 3');
    result = run(s, 'continue');
    expect(result.text.split('\n')[0]).toBe('Breakpoint 1 at $0602 loop');
    expect(s.state.x).toBe(3);
    expect(run(s, 'breakpoints').text).toBe('Breakpoint 1 at loop ($0602) if X == 3, hits 1');
  });

  it('break on a line number, a file:line, an address, with hits', () => {
    const s = session();
    expect(run(s, 'break 5').text).toBe('Breakpoint 1 at count.s:5 ($0605)');
    expect(run(s, 'break count.s:13').text).toBe('Breakpoint 2 at count.s:13 ($0617)');
    expect(run(s, 'break $0607 hits 2').text).toBe('Breakpoint 3 at $0607 from hit 2');
    expect(run(s, 'break 1').ok).toBe(false);
    expect(run(s, 'break').ok).toBe(false);
    expect(run(s, 'b nowhere').text).toMatch(/^error: unknown name "nowhere"/);
  });

  it('delete, disable and enable', () => {
    const s = session();
    run(s, 'break loop');
    run(s, 'break bump');
    expect(run(s, 'disable 1').text).toBe('Disabled 1');
    expect(s.breakpoints[0]?.enabled).toBe(false);
    expect(run(s, 'enable 1').text).toBe('Enabled 1');
    expect(run(s, 'delete 2').text).toBe('Deleted 2');
    expect(run(s, 'delete 7').text).toBe('error: no breakpoint or watchpoint 7');
    expect(run(s, 'delete').text).toBe('Deleted 1');
    expect(run(s, 'breakpoints').text).toBe('No breakpoints or watchpoints');
  });

  it('watch a range for writes and stop after the store', () => {
    const s = session();
    expect(run(s, 'watch $0200..$0210 write').text).toBe('Watchpoint 1 on $0200..$0210 write');
    const result = run(s, 'continue');
    expect(result.text.split('\n')[0]).toBe('Watchpoint 1: $0200 written, $00 → $0A');
    expect(run(s, 'watch $0300 read if A == 1').text).toBe('Watchpoint 2 on $0300 read if A == 1');
    expect(run(s, 'watch $0300..$0200').ok).toBe(false);
  });

  it('mem shows rows of hex and text', () => {
    const s = session();
    const result = run(s, 'mem $0600 4');
    expect(result.text).toBe('0600  ' + 'A2 00 20 17'.padEnd(47) + '  .. .');
    expect(result.outcome).toMatchObject({ kind: 'memory', start: 0x0600 });
    expect(run(s, 'mem main 17').text.split('\n')).toHaveLength(2);
    expect(run(s, 'mem').ok).toBe(false);
  });

  it('set registers, flags and memory; print expressions', () => {
    const s = session();
    expect(run(s, 'set A = $10').text).toBe('A = $10');
    expect(s.state.a).toBe(0x10);
    expect(run(s, 'set [$10] = $ff').text).toBe('[$0010] = $FF');
    expect(s.readMemory(0x10, 1)[0]).toBe(0xff);
    expect(run(s, 'set C = 1').text).toBe('C = 1');
    expect(s.state.p & 1).toBe(1);
    expect(run(s, 'print A+1').text).toBe('A+1 = $11 = 17 = %00010001');
    expect(run(s, 'print loop').text).toBe('loop = $0602 = 1538 = loop');
    expect(run(s, 'print [$10] != 0').text).toBe('[$10] != 0 = $01 = 1 = %00000001');
    expect(run(s, 'set Q = 1').ok).toBe(false);
    expect(run(s, 'print').ok).toBe(false);
  });

  it('back and rcontinue travel in time', () => {
    const s = session();
    run(s, 'break bump');
    run(s, 'continue');
    run(s, 'continue');
    expect(s.state.x).toBe(1);
    const back = run(s, 'back 3');
    expect(back.outcome).toMatchObject({ kind: 'stop', result: { instructions: -3 } });
    expect(back.text.split('\n')[0]).toBe('Went back 3 instructions');
    expect(run(s, 'step 2').text.split('\n')[0]).toBe('Stepped 2 instructions');
    run(s, 'back 2');
    const reverse = run(s, 'rcontinue');
    expect(reverse.text.split('\n')[0]).toBe('Breakpoint 1 at $0617 bump');
    expect(s.state.x).toBe(0);
    expect(run(s, 'rc').text.split('\n')[0]).toBe('Reached the oldest instruction the history holds');
  });

  it('until a line, an address or a label', () => {
    const s = session();
    expect(run(s, 'until 7').text.split('\n')[0]).toBe('Reached $0609 loop+7');
    expect(s.state.x).toBe(10);
    run(s, 'reset');
    run(s, 'until bump');
    expect(s.state.pc).toBe(0x0617);
    expect(run(s, 'until').ok).toBe(false);
  });

  it('regs, stack, disasm', () => {
    const s = session();
    run(s, 'step 2');
    expect(run(s, 'regs').text).toBe('A=$00 X=$00 Y=$00 SP=$FB P=$26 nv-bdIZc PC=$0617 cycles=15 instructions=2');
    expect(run(s, 'stack').text.split('\n')[0]).toBe('$01FC  $04  ← returns to $0605 (from bump)');
    expect(run(s, 'disasm loop 2').text).toBe(
      '  0602  20 17 06  loop:      JSR bump  ; count.s:4\n  0605  E0 0A                CPX #$0A  ; count.s:5',
    );
  });

  it('trace on emits a line per instruction; catch switches the extra stops', () => {
    const s = session();
    const lines: string[] = [];
    s.on((event) => {
      if (event.type === 'trace') lines.push(event.line);
    });
    expect(run(s, 'trace on').text).toBe('Trace on');
    run(s, 'step 2');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^0600 {2}A2 00 {5}LDX #\$00/);
    run(s, 'trace off');
    run(s, 'step');
    expect(lines).toHaveLength(2);
    expect(run(s, 'catch stack').text).toBe('Stop on stack: on');
    expect(s.breakOn.stack).toBe(true);
    expect(run(s, 'catch brk off').text).toBe('Stop on brk: off');
    expect(run(s, 'catch').text).toBe('Catching: brk off, undocumented off, stack on');
    expect(run(s, 'catch fire').ok).toBe(false);
  });

  it('continue runs to the end, collecting output; reset starts over', () => {
    const s = session();
    expect(run(s, 'continue').text.split('\n')[0]).toBe('BRK at $0616 loop+20');
    expect(s.output).toBe('ok');
    expect(run(s, 'reset').ok).toBe(true);
    expect(s.state.instructions).toBe(0);
    expect(s.output).toBe('');
  });

  it('breakmode switches between patched and checked breakpoints', () => {
    const s = session();
    expect(run(s, 'breakmode').text).toBe('Breakpoint mode: patch');
    expect(run(s, 'breakmode check').text).toBe('Breakpoint mode: check');
    expect(s.patchBreakpoints).toBe(false);
    run(s, 'break loop if X == 4');
    expect(s.continue().state.x).toBe(4);
    expect(run(s, 'breakmode fast').ok).toBe(false);
    expect(completeCommand(s, 'breakmode c')).toEqual(['check']);
  });

  it('help lists every command and explains one', () => {
    const s = session();
    const all = run(s, 'help');
    for (const command of COMMANDS) expect(all.text).toContain(command.usage);
    expect(run(s, 'help break').text).toContain('e.g. break $0610 if A == $10 && X > 3');
    expect(run(s, 'help nope').ok).toBe(false);
  });

  it('unknown commands and empty lines', () => {
    const s = session();
    expect(run(s, 'frobnicate').text).toBe('error: unknown command "frobnicate" (try "help")');
    expect(run(s, '   ')).toMatchObject({ ok: true, command: '', text: '' });
    expect(run(s, '# a comment').ok).toBe(true);
  });

  it('input types a line the program then reads from $F004', () => {
    const created = createSession('        lda $F004\n        brk\n', { fileName: 'read.s' });
    if (!created.ok) throw new Error(created.message);
    const s = created.session;
    expect(run(s, 'input Hi').text).toBe('Typed "Hi\\n"');
    run(s, 'step');
    expect(s.state.a).toBe('H'.charCodeAt(0));
  });

  it('nmi pulses the NMI line: the next step enters the handler through $FFFA, and step back undoes it', () => {
    const source = [
      '        .org $0600',
      'main:   inx',
      '        jmp main',
      'handler: lda #$42',
      '        rti',
      '        *= $FFFA',
      '        .word handler',
    ].join('\n');
    const created = createSession(source, { fileName: 'nmi.s' });
    if (!created.ok) throw new Error(created.message);
    const s = created.session;
    run(s, 'step');
    expect(run(s, 'nmi')).toMatchObject({ ok: true, command: 'nmi' });
    // One step: the interrupt entry, then the handler's first instruction (LDA #$42 at $0604).
    run(s, 'step');
    expect(s.state).toMatchObject({ pc: 0x0606, a: 0x42, sp: 0xfa });
    // The step is explained as the interrupt it was, not as the JMP it interrupted.
    expect(s.lastStep?.explanation).toMatch(/^NMI taken: .*\$FFFA to handler \(\$0604\).*first instruction ran: LDA #\$42$/);
    expect(s.lastStep?.text).toBe('NMI → handler');
    run(s, 'step'); // RTI
    expect(s.state).toMatchObject({ pc: 0x0601, sp: 0xfd });
    run(s, 'back 2');
    expect(s.state).toMatchObject({ pc: 0x0601, a: 0x00, sp: 0xfd, instructions: 1 });
  });

  it('a step emits the registers that changed and exactly the bytes written', () => {
    const s = session();
    run(s, 'until 7'); // STX $0200 is next
    const events: unknown[] = [];
    s.on((event) => events.push(event));
    run(s, 'step');
    expect(events).toContainEqual(expect.objectContaining({ type: 'registers', changed: ['pc'] }));
    expect(events).toContainEqual({ type: 'memory', ranges: [{ start: 0x0200, length: 1 }] });
    expect(events.at(-1)).toMatchObject({ type: 'stopped', reason: { kind: 'step' } });
  });

  it('completes command names, labels, registers and keywords', () => {
    const s = session();
    expect(completeCommand(s, 'st')).toEqual(['step', 'stack']);
    expect(completeCommand(s, 'break lo')).toEqual(['loop']);
    expect(completeCommand(s, 'break loop ')).toContain('if');
    expect(completeCommand(s, 'trace o')).toEqual(['on', 'off']);
    expect(completeCommand(s, 'catch ')).toEqual(['brk', 'undocumented', 'stack']);
    expect(completeCommand(s, 'watch $0200 wr')).toEqual(['write']);
    expect(completeCommand(s, 'print b')).toEqual(['bump']);
  });
});
