// Drives DebugSession without a terminal: stepping, step over/out across nested JSRs, breakpoints, watchpoints, stops and events.
import { describe, expect, it } from 'vitest';
import { DebugSession } from '../../src/debugger/session.js';
import type { DebugEvent } from '../../src/debugger/events.js';
import { handProgram } from './helpers/program.js';

/** outer calls inner; main calls outer, then loads 1 and stops. */
const nested = handProgram({
  lines: [
    [0x20, 0x06, 0x06], // 1 $0600 main:  JSR outer
    [0xa9, 0x01], //       2 $0603        LDA #$01
    [0x00], //             3 $0605        BRK
    [0x20, 0x0b, 0x06], // 4 $0606 outer: JSR inner
    [0xe8], //             5 $0609        INX
    [0x60], //             6 $060A        RTS
    [0xc8], //             7 $060B inner: INY
    [0x60], //             8 $060C        RTS
  ],
  labels: { main: 0, outer: 3, inner: 6 },
});

/** Counts X from 1 to 10, stores it at $0200, reads it back, stops. */
const counting = handProgram({
  lines: [
    [0xa2, 0x00], //       1 $0600        LDX #0
    [0xe8], //             2 $0602 loop:  INX
    [0xe0, 0x0a], //       3 $0603        CPX #10
    [0xd0, 0xfb], //       4 $0605        BNE loop
    [0x8e, 0x00, 0x02], // 5 $0607        STX $0200
    [0xad, 0x00, 0x02], // 6 $060A        LDA $0200
    [0x00], //             7 $060D        BRK
  ],
  labels: { loop: 1 },
});

describe('DebugSession: stepping', () => {
  it('starts at the program with nothing executed', () => {
    const session = new DebugSession(counting);
    expect(session.state).toMatchObject({ pc: 0x0600, sp: 0xfd, instructions: 0 });
    expect(session.location).toMatchObject({ file: 'test.s', line: 1 });
  });

  it('step into runs one instruction and explains it with the values used', () => {
    const session = new DebugSession(counting);
    const result = session.stepInto();
    expect(result.reason).toEqual({ kind: 'step' });
    expect(result.instructions).toBe(1);
    expect(result.state).toMatchObject({ pc: 0x0602, x: 0 });
    expect(session.lastStep?.text).toBe('LDX #$00');
    expect(session.lastStep?.explanation).toMatch(/^LDX #\$00: /);
    expect(session.lastStep?.changed).toEqual(['pc', 'p']);
  });

  it('records the bytes a step wrote with their old values', () => {
    const session = new DebugSession(counting);
    session.runTo(0x0607);
    session.stepInto();
    expect(session.lastStep?.writes).toEqual([{ address: 0x0200, previous: 0, value: 10 }]);
  });

  it('step n runs n instructions', () => {
    const session = new DebugSession(counting);
    expect(session.stepInto(4).state).toMatchObject({ pc: 0x0602, x: 1, instructions: 4 });
  });

  it('continue runs to the BRK that ends the program', () => {
    const session = new DebugSession(counting);
    const result = session.continue();
    expect(result.reason).toEqual({ kind: 'brk', address: 0x060d });
    expect(result.state).toMatchObject({ a: 10, x: 10 });
  });

  it('step over runs a JSR until it returns, nested calls included', () => {
    const session = new DebugSession(nested);
    const result = session.stepOver();
    expect(result.reason).toEqual({ kind: 'step' });
    expect(result.state).toMatchObject({ pc: 0x0603, x: 1, y: 1, sp: 0xfd });
  });

  it('step over of a non-JSR is a single step', () => {
    const session = new DebugSession(counting);
    expect(session.stepOver().state.instructions).toBe(1);
  });

  it('step out returns from the inner call to outer, then from outer to main', () => {
    const session = new DebugSession(nested);
    session.stepInto(); // into outer
    session.stepInto(); // into inner
    expect(session.state.pc).toBe(0x060b);
    expect(session.stepOut().state).toMatchObject({ pc: 0x0609, y: 1, x: 0 });
    expect(session.stepOut().state).toMatchObject({ pc: 0x0603, x: 1, sp: 0xfd });
  });

  it('step over inside a recursive routine waits for the same frame, not a deeper one returning to the same place', () => {
    const recursive = handProgram({
      lines: [
        [0xa2, 0x03], //       $0600       LDX #3
        [0x20, 0x06, 0x06], // $0602       JSR rec
        [0x00], //             $0605       BRK
        [0xca], //             $0606 rec:  DEX
        [0xf0, 0x03], //       $0607       BEQ done
        [0x20, 0x06, 0x06], // $0609       JSR rec
        [0x60], //             $060C done: RTS
      ],
    });
    const session = new DebugSession(recursive);
    session.stepInto(3); // LDX, JSR, DEX: X = 2, at the BEQ
    session.stepInto(); // BEQ not taken
    const sp = session.state.sp;
    const result = session.stepOver(); // JSR rec with X = 2: recurses twice more, each returning to $060C
    expect(result.state).toMatchObject({ pc: 0x060c, x: 0, sp });
  });

  it('run to an address stops there', () => {
    const session = new DebugSession(counting);
    expect(session.runTo(0x0607).reason).toEqual({ kind: 'run-to', address: 0x0607 });
    expect(session.state.x).toBe(10);
  });
});

describe('DebugSession: breakpoints', () => {
  it('stop on an address, a label and a source line', () => {
    for (const target of [
      { kind: 'address', address: 0x0602 } as const,
      { kind: 'label', name: 'loop' } as const,
      { kind: 'line', file: 'test.s', line: 2 } as const,
    ]) {
      const session = new DebugSession(counting);
      const added = session.addBreakpoint(target);
      expect(added.ok).toBe(true);
      const result = session.continue();
      expect(result.reason).toMatchObject({ kind: 'breakpoint', address: 0x0602 });
      expect(result.state.x).toBe(0);
      expect(session.continue().state.x).toBe(1); // resuming passes the breakpoint it stands on
    }
  });

  it('stop only when the condition holds', () => {
    const session = new DebugSession(counting);
    session.addBreakpoint({ kind: 'label', name: 'loop' }, 'X == 3');
    expect(session.continue().state).toMatchObject({ pc: 0x0602, x: 3 });
    expect(session.continue().reason.kind).toBe('brk');
  });

  it('count hits and skip the first ones when asked', () => {
    const session = new DebugSession(counting);
    const added = session.addBreakpoint({ kind: 'line', file: 'test.s', line: 3 }, undefined, 4);
    expect(session.continue().state.x).toBe(5);
    expect(added.ok && session.breakpoints.find((b) => b.id === added.value.id)?.hits).toBe(5);
  });

  it('disabled and deleted breakpoints do not stop', () => {
    const session = new DebugSession(counting);
    const first = session.addBreakpoint({ kind: 'label', name: 'loop' });
    const second = session.addBreakpoint({ kind: 'address', address: 0x0607 });
    if (!first.ok || !second.ok) throw new Error('breakpoints not added');
    expect(session.setBreakpointEnabled(first.value.id, false).ok).toBe(true);
    expect(session.deleteBreakpoint(second.value.id).ok).toBe(true);
    expect(session.continue().reason.kind).toBe('brk');
    expect(session.deleteBreakpoint(99)).toEqual({ ok: false, error: 'no breakpoint or watchpoint 99' });
  });

  it('reject unknown labels, lines without code and bad conditions', () => {
    const session = new DebugSession(counting);
    expect(session.addBreakpoint({ kind: 'label', name: 'nowhere' })).toEqual({ ok: false, error: 'no label "nowhere"' });
    expect(session.addBreakpoint({ kind: 'line', file: 'test.s', line: 40 }).ok).toBe(false);
    const bad = session.addBreakpoint({ kind: 'address', address: 0x0602 }, 'X ==');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^condition: /);
  });

  it('toggle a breakpoint on a source line', () => {
    const session = new DebugSession(counting);
    expect(session.toggleBreakpointAtLine('test.s', 2)).toEqual({ ok: true, value: 'added' });
    expect(session.breakpoints).toHaveLength(1);
    expect(session.toggleBreakpointAtLine('test.s', 2)).toEqual({ ok: true, value: 'removed' });
    expect(session.breakpoints).toHaveLength(0);
  });

  it('stop on a breakpoint even where the machine splits its run for a device event', () => {
    // 400 passes through the loop span several 1,024-cycle random-byte refreshes; every pass must stop.
    const session = new DebugSession(handProgram({ lines: [[0xe8], [0xea], [0xea], [0x4c, 0x00, 0x06]] }));
    session.addBreakpoint({ kind: 'address', address: 0x0601 });
    for (let pass = 1; pass <= 400; pass++) {
      const result = session.continue();
      expect(result.reason.kind).toBe('breakpoint');
      expect(result.state.x).toBe(pass & 0xff);
    }
  });
});

describe('DebugSession: breakpoints patched in as BRKs (the fast way)', () => {
  it('the program reads the real byte at a breakpoint address, never the patch', () => {
    const program = handProgram({
      lines: [
        [0xe8], //             $0600 loop: INX
        [0xad, 0x06, 0x06], // $0601       LDA $0606  (reads the opcode of the line below)
        [0xe0, 0x05], //       $0604       CPX #5
        [0xd0, 0xf8], //       $0606       BNE loop
        [0x00], //             $0608       BRK
      ],
    });
    const session = new DebugSession(program);
    session.addBreakpoint({ kind: 'address', address: 0x0606 }, 'X == 9'); // never stops, but is patched in
    const result = session.continue();
    expect(result.reason.kind).toBe('brk');
    expect(result.state).toMatchObject({ a: 0xd0, x: 5 });
  });

  it('code the program rewrites at a breakpoint address still stops there, then runs the new instruction', () => {
    const program = handProgram({
      lines: [
        [0xa9, 0xc8], //       $0600 LDA #$C8   (INY)
        [0x8d, 0x07, 0x06], // $0602 STA $0607  (overwrite the NOP below)
        [0xea], //             $0605 NOP
        [0xea], //             $0606 NOP
        [0xea], //             $0607 NOP → INY
        [0x00], //             $0608 BRK
      ],
    });
    const session = new DebugSession(program);
    session.addBreakpoint({ kind: 'address', address: 0x0607 });
    const stop = session.continue();
    expect(stop.reason).toMatchObject({ kind: 'breakpoint', address: 0x0607 });
    expect(session.readMemory(0x0607, 1)[0]).toBe(0xc8);
    expect(session.continue().state).toMatchObject({ y: 1, pc: 0x0608 });
  });

  it('memory between slices never shows a patch', () => {
    const session = new DebugSession(handProgram({ lines: [[0xe8], [0xea], [0x4c, 0x00, 0x06]] }));
    session.addBreakpoint({ kind: 'address', address: 0x0601 }, 'X == 0 && Y == 1');
    session.resume();
    session.runSlice(50_000);
    expect(session.readMemory(0x0600, 4)).toEqual(Uint8Array.from([0xe8, 0xea, 0x4c, 0x00]));
    expect(session.memory[0x0601]).toBe(0xea);
    session.pause();
  });

  it('a BRK the machine treats as an interrupt still interrupts while breakpoints are patched in', () => {
    const program = handProgram({
      lines: [
        [0x00, 0xea], //       $0600 BRK (+ padding byte)
        [0x8d, 0x0f, 0xf0], // $0602 STA $F00F: exit with A
        [0xa9, 0x07], //       $0605 handler: LDA #7
        [0x40], //             $0607 RTI
      ],
    });
    const session = new DebugSession(program, { cpuOptions: { brk: 'interrupt' } });
    session.writeMemory(0xfffe, [0x05, 0x06]);
    session.addBreakpoint({ kind: 'address', address: 0x1234 }); // outside the image: patched
    expect(session.continue().reason).toEqual({ kind: 'exit', code: 7 });
  });

  it('a breakpoint inside an instruction\'s operand falls back to checking every instruction, exactly', () => {
    const program = handProgram({ lines: [[0xa9, 0xe8], [0x4c, 0x01, 0x06]] }); // LDA #$E8; JMP $0601 (into the operand: INX)
    const session = new DebugSession(program);
    session.addBreakpoint({ kind: 'address', address: 0x0601 }, 'X == 3');
    const result = session.continue();
    expect(result.reason).toMatchObject({ kind: 'breakpoint', address: 0x0601 });
    expect(result.state).toMatchObject({ a: 0xe8, x: 3 });
  });
});

describe('DebugSession: watchpoints and other stops', () => {
  it('a write watchpoint stops after the storing instruction, with old and new value', () => {
    const session = new DebugSession(counting);
    session.addWatchpoint(0x0200, 0x0210, 'write');
    const result = session.continue();
    expect(result.reason).toMatchObject({ kind: 'watchpoint', address: 0x0200, access: 'write', value: 10, previous: 0 });
    expect(result.state.pc).toBe(0x060a);
  });

  it('a read watchpoint stops after the loading instruction', () => {
    const session = new DebugSession(counting);
    session.addWatchpoint(0x0200, 0x0200, 'read');
    const result = session.continue();
    expect(result.reason).toMatchObject({ kind: 'watchpoint', access: 'read', value: 10 });
    expect(result.state.pc).toBe(0x060d);
  });

  it('a watchpoint outside the accessed range never stops; its pages go back to RAM speed afterwards', () => {
    const session = new DebugSession(counting);
    session.addWatchpoint(0x0201, 0x0201, 'access');
    expect(session.continue().reason.kind).toBe('brk');
    expect(session.machine.cpu.writeHooks[0x02]).toBe(0);
  });

  it('break on undocumented opcodes stops before one, and stepping then executes it', () => {
    const session = new DebugSession(handProgram({ lines: [[0xa9, 0x05], [0xa7, 0x10], [0x00]] })); // LDA #5; LAX $10
    session.breakOn.undocumented = true;
    expect(session.continue().reason).toEqual({ kind: 'undocumented', address: 0x0602, opcode: 0xa7 });
    expect(session.stepInto().state).toMatchObject({ pc: 0x0604, a: 0 });
  });

  it('break on undocumented opcodes never misses one where the machine splits its run', () => {
    // NOP / NOP / LAX $10 (undocumented) / JMP $0600: hundreds of passes cross the 1,024-cycle refreshes.
    const session = new DebugSession(handProgram({ lines: [[0xea], [0xea], [0xa7, 0x10], [0x4c, 0x00, 0x06]] }));
    session.breakOn.undocumented = true;
    // 10 cycles a pass: at pass 2,047 a refresh boundary (every RANDOM_REFRESH_CYCLES = 4,096) falls right
    // before the LAX, and the CPU does not check the first instruction of a run.
    for (let pass = 0; pass < 2100; pass++) {
      const result = session.continue();
      expect(result.reason).toEqual({ kind: 'undocumented', address: 0x0602, opcode: 0xa7 });
      expect(result.state.instructions).toBe(pass * 4 + 2);
    }
  });

  it('break on stack wrap reports the push that went past $0100', () => {
    const session = new DebugSession(handProgram({ lines: [[0x48], [0x4c, 0x00, 0x06]] })); // PHA; JMP $0600
    session.breakOn.stack = true;
    const result = session.continue();
    expect(result.reason).toEqual({ kind: 'stack', direction: 'overflow', address: 0x0600 });
    expect(result.state.sp).toBe(0xff);
  });

  it('break on stack wrap reports the pull that went past $01FF', () => {
    const session = new DebugSession(handProgram({ lines: [[0x68], [0x4c, 0x00, 0x06]] })); // PLA; JMP $0600
    session.breakOn.stack = true;
    const result = session.continue();
    expect(result.reason).toEqual({ kind: 'stack', direction: 'underflow', address: 0x0600 });
    expect(result.state).toMatchObject({ sp: 0x00, instructions: 5 }); // $FD → $FE → $FF → $00 on the third PLA
  });

  it('break on BRK stops before one even where BRK is a real interrupt, and stepping then takes it', () => {
    const program = handProgram({ lines: [[0xe8], [0x00, 0xea], [0x00]] });
    const session = new DebugSession(program, { cpuOptions: { brk: 'interrupt' } });
    session.writeMemory(0xfffe, [0x04, 0x06]); // IRQ/BRK vector → the last BRK's address
    session.breakOn.brk = true;
    expect(session.continue().reason).toEqual({ kind: 'brk', address: 0x0601 });
    expect(session.stepInto().state).toMatchObject({ pc: 0x0604, sp: 0xfa });
  });

  it('the exit port ends the run with its code', () => {
    const session = new DebugSession(handProgram({ lines: [[0xa9, 0x03], [0x8d, 0x0f, 0xf0], [0x00]] }));
    expect(session.continue().reason).toEqual({ kind: 'exit', code: 3 });
  });

  it('a JAM opcode halts the CPU; stepping back still works', () => {
    const session = new DebugSession(handProgram({ lines: [[0xe8], [0x02]] })); // INX; JAM
    expect(session.continue().reason).toEqual({ kind: 'jam', address: 0x0601, opcode: 0x02 });
    expect(session.continue().reason.kind).toBe('jam');
    expect(session.stepBack().state).toMatchObject({ pc: 0x0601, x: 1 });
  });

  it('a jump to itself ends the run as a trap', () => {
    const session = new DebugSession(handProgram({ lines: [[0xe8], [0x4c, 0x01, 0x06]] })); // INX; JMP *
    expect(session.continue().reason).toEqual({ kind: 'trap', address: 0x0601 });
  });

  it('stepping back at the very start reports the start of history', () => {
    const session = new DebugSession(counting);
    expect(session.stepBack().reason).toEqual({ kind: 'history-start' });
    expect(session.state.instructions).toBe(0);
  });

  it('toggling a line without code is an error', () => {
    const session = new DebugSession(counting);
    expect(session.toggleBreakpointAtLine('test.s', 99)).toEqual({ ok: false, error: 'line 99 has no instruction' });
  });

  it('reports a limit when a continue runs out of cycles', () => {
    const session = new DebugSession(handProgram({ lines: [[0xe8], [0x4c, 0x00, 0x06]] }));
    const result = session.continue(1000);
    expect(result.reason.kind).toBe('limit');
    expect(result.state.cycles).toBeGreaterThanOrEqual(1000);
  });
});

describe('DebugSession: free runs in slices', () => {
  it('runs slice by slice until paused, reporting speed', () => {
    const session = new DebugSession(handProgram({ lines: [[0xe8], [0x4c, 0x00, 0x06]] }));
    const events: DebugEvent[] = [];
    session.on((event) => events.push(event));
    session.resume();
    expect(session.running).toBe(true);
    for (let slice = 0; slice < 5; slice++) {
      const result = session.runSlice(20_000);
      expect(result.stopped).toBeUndefined();
      expect(result.cycles).toBeGreaterThanOrEqual(20_000);
      expect(result.mhz).toBeGreaterThan(0);
    }
    session.pause();
    expect(session.running).toBe(false);
    expect(events[0]).toEqual({ type: 'running', direction: 'forward' });
    expect(events.at(-1)).toMatchObject({ type: 'stopped', reason: { kind: 'paused' } });
    expect(session.state.cycles).toBeGreaterThanOrEqual(100_000);
  });

  /** main: JSR delay / LDA #1 / BRK; delay: LDX #0 / DEX / BNE -3 / RTS (256 passes). */
  const delay = handProgram({
    lines: [
      [0x20, 0x06, 0x06], // $0600 JSR delay
      [0xa9, 0x01], //       $0603 LDA #1
      [0x00], //             $0605 BRK
      [0xa2, 0x00], //       $0606 delay: LDX #0
      [0xca], //             $0608 loop:  DEX
      [0xd0, 0xfd], //       $0609        BNE loop
      [0x60], //             $060B        RTS
    ],
  });

  function sliceUntilStopped(session: DebugSession, cycles: number) {
    for (let slice = 0; slice < 100_000; slice++) {
      const result = session.runSlice(cycles);
      if (result.stopped !== undefined) return { result, slices: slice + 1 };
    }
    throw new Error('never stopped');
  }

  it('step over in slices: the JSR runs across many slices and ends as a step', () => {
    for (const cycles of [1, 3, 50]) {
      const session = new DebugSession(delay);
      session.resumeStepOver();
      const { result, slices } = sliceUntilStopped(session, cycles);
      expect(result.stopped).toEqual({ kind: 'step' });
      expect(slices).toBeGreaterThan(1);
      expect(session.state).toMatchObject({ pc: 0x0603, x: 0, sp: 0xfd });
      expect(session.running).toBe(false);
    }
  });

  it('step out in slices stops after the RTS, even when the RTS ends a slice', () => {
    for (const cycles of [1, 2, 3, 7, 100]) {
      const session = new DebugSession(delay);
      session.stepInto(2); // JSR, LDX
      session.resumeStepOut();
      const { result } = sliceUntilStopped(session, cycles);
      expect(result.stopped).toEqual({ kind: 'step' });
      expect(session.state).toMatchObject({ pc: 0x0603, sp: 0xfd });
    }
  });

  it('run to in slices', () => {
    const session = new DebugSession(delay);
    session.resumeRunTo(0x060b);
    const { result } = sliceUntilStopped(session, 64);
    expect(result.stopped).toEqual({ kind: 'run-to', address: 0x060b });
    expect(session.state.x).toBe(0);
  });

  it('a slice while not running changes nothing and repeats the last stop', () => {
    const session = new DebugSession(counting);
    session.stepInto();
    expect(session.runSlice(1000)).toEqual({ stopped: { kind: 'step' }, cycles: 0, instructions: 0, mhz: 0 });
    expect(session.state.instructions).toBe(1);
  });

  it('a slice that hits a breakpoint ends the run', () => {
    const session = new DebugSession(counting);
    session.addBreakpoint({ kind: 'address', address: 0x0607 });
    session.resume();
    const result = session.runSlice(1_000_000);
    expect(result.stopped).toMatchObject({ kind: 'breakpoint', address: 0x0607 });
    expect(session.running).toBe(false);
  });
});

describe('DebugSession: console, memory and registers', () => {
  const hello = handProgram({
    lines: [
      [0xa9, 0x48], //       LDA #'H'
      [0x8d, 0x01, 0xf0], // STA $F001
      [0xa9, 0x69], //       LDA #'i'
      [0x8d, 0x01, 0xf0], // STA $F001
      [0xad, 0x04, 0xf0], // LDA $F004
      [0x00],
    ],
  });

  it('collects output as events and rewinds it with step back', () => {
    const session = new DebugSession(hello, { input: 'x' });
    const events: DebugEvent[] = [];
    session.on((event) => events.push(event));
    session.stepInto(2);
    expect(session.output).toBe('H');
    expect(events).toContainEqual({ type: 'output', text: 'H' });
    session.continue();
    expect(session.output).toBe('Hi');
    expect(session.state.a).toBe('x'.charCodeAt(0));
    session.stepBack(3);
    expect(session.output).toBe('H');
    expect(events).toContainEqual({ type: 'output-rewound', text: 'H' });
    session.continue();
    expect(session.output).toBe('Hi');
    expect(session.state.a).toBe('x'.charCodeAt(0)); // the same input byte is read again
  });

  it('edits memory and registers as part of the timeline', () => {
    const session = new DebugSession(counting);
    session.stepInto(2);
    session.setRegister('x', 8);
    session.writeMemory(0x0300, [1, 2, 3]);
    expect(session.readMemory(0x0300, 3)).toEqual(Uint8Array.from([1, 2, 3]));
    session.stepInto(3);
    expect(session.state.x).toBe(9);
    session.stepBack(4); // back to after LDX, before the edits' instant: they are undone
    expect(session.state.x).toBe(0);
    expect(session.readMemory(0x0300, 3)).toEqual(Uint8Array.from([0, 0, 0]));
    session.stepInto(4); // forward again: the edits are replayed
    expect(session.state.x).toBe(9);
    expect(session.readMemory(0x0300, 3)).toEqual(Uint8Array.from([1, 2, 3]));
  });

  it('nmi() interrupts before the next instruction, and is part of the timeline', () => {
    const program = handProgram({
      lines: [
        [0xe8], //             $0600 loop: INX
        [0x4c, 0x00, 0x06], // $0601       JMP loop
        [0xc8], //             $0604 handler: INY
        [0x40], //             $0605 RTI
      ],
    });
    const session = new DebugSession(program);
    session.writeMemory(0xfffa, [0x04, 0x06]); // NMI vector → handler
    session.stepInto(3);
    session.nmi();
    session.stepInto(); // the entry is taken, then the handler's INY runs
    expect(session.state).toMatchObject({ pc: 0x0605, y: 1, sp: 0xfa });
    session.stepBack(2); // before the pulse: no interrupt pending any more
    session.stepInto(2);
    expect(session.state).toMatchObject({ y: 1, sp: 0xfa }); // forward again, the pulse is replayed
  });

  it('evaluates expressions against the current state', () => {
    const session = new DebugSession(counting);
    session.runTo(0x0607);
    expect(session.evaluate('X + 1')).toEqual({ ok: true, value: 11 });
    expect(session.evaluate('loop')).toEqual({ ok: true, value: 0x0602 });
    expect(session.evaluate('[$0600]')).toEqual({ ok: true, value: 0xa2 });
    expect(session.evaluate('nope').ok).toBe(false);
  });

  it('disassembles with labels and source lines', () => {
    const session = new DebugSession(counting);
    const lines = session.disassemble(0x0602, 3);
    expect(lines.map((line) => line.text)).toEqual(['INX', 'CPX #$0A', 'BNE loop']);
    expect(lines[0]).toMatchObject({ address: 0x0602, label: 'loop', location: { line: 2 } });
  });

  it('shows the stack with return addresses resolved', () => {
    const session = new DebugSession(nested);
    session.stepInto(2); // main → outer → inner
    const stack = session.stack();
    // Reset leaves SP at $FD, so $01FE-$01FF count as used too.
    expect(stack.map((entry) => entry.address)).toEqual([0x01fa, 0x01fb, 0x01fc, 0x01fd, 0x01fe, 0x01ff]);
    expect(stack[0]).toMatchObject({ returnAddress: 0x0609, label: 'inner' });
    expect(stack[2]).toMatchObject({ returnAddress: 0x0603, label: 'outer' });
  });

  it('reset puts the program back as loaded and keeps breakpoints', () => {
    const session = new DebugSession(counting);
    session.addBreakpoint({ kind: 'address', address: 0x0607 });
    session.continue();
    session.reset();
    expect(session.state).toMatchObject({ pc: 0x0600, x: 0, instructions: 0 });
    expect(session.history.newest).toBe(0);
    expect(session.continue().reason.kind).toBe('breakpoint');
  });
});

describe('the display on a machine that moves it', () => {
  it('is read from where the machine file puts it, and from $0200 on the presets', async () => {
    const { parseMachineFile } = await import('../../src/machine/machine-file.js');
    const parsed = parseMachineFile('load = 0x0600\ndisplay = 0x1000\n', 'moved.toml');
    if (!parsed.ok) throw new Error(parsed.problems[0]!.message);
    expect(new DebugSession(counting, { description: parsed.description }).displayStart).toBe(0x1000);
    expect(new DebugSession(counting).displayStart).toBe(0x0200);
  });
});
