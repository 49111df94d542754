// Checks that the stack is read as the pushes that made it (stack-pushes.ts): a return address is marked only
// where a JSR, BRK or interrupt really pushed one — not data that looks like one — on both CPU cores, after
// full-speed runs, step back and reverse execution.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { assemble } from '../../src/asm/index.js';
import type { CpuOptions } from '../../src/cpu/cpu.js';
import { DebugSession, type DebugProgram, type StackEntry } from '../../src/debugger/session.js';

function programOf(source: string, fileName = 'test.s'): DebugProgram {
  const result = assemble(source, { fileName });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result as unknown as DebugProgram;
}

function frames(entries: readonly StackEntry[]): [string, string | undefined][] {
  return entries.filter((entry) => entry.returnAddress !== undefined).map((entry) => [entry.returnAddress!.toString(16), entry.label]);
}

/** A main program that pushes data bytes forming the address `call_site + 2` (what JSR at call_site would push). */
const LOOKALIKE = `
        .org $0600
start:  LDA #>(call_site + 2)
        PHA
        LDA #<(call_site + 2)
        PHA
call_site:
        JSR routine
        PLA
        PLA
        JMP start
routine:
        LDA #$06        ; also push $06,$0B: with the bytes above it that reads as $060B
        PHA
        PHA
        PLA
        PLA
        RTS
`;

const cores: [string, CpuOptions][] = [['js', { core: 'js' }], ['wasm', { core: 'wasm' }]];

describe('stack frames', () => {
  it('tour 5 after six steps: exactly the JSR frame, not a second one made of its high byte (was `$01FB 06 ↩ $0607`)', () => {
    const file = 'programs/05-stack/subroutines.s';
    const session = new DebugSession(programOf(readFileSync(file, 'utf8'), file));
    session.stepInto(6);
    const stack = session.stack();
    // $01FA-$01FB: print_line's JSR print_text ($0631, pushed $0633); $01FC-$01FD: the main program's JSR
    // print_line ($0604, pushed $0606). $01FB-$01FC hold $06 $06, the old guess's `$0607`; $01FE-$01FF were
    // never pushed (SP starts at $FD after reset).
    expect(stack.map((entry) => [entry.address, entry.value, entry.returnAddress, entry.label])).toEqual([
      [0x01fa, 0x33, 0x0634, 'print_text'],
      [0x01fb, 0x06, undefined, undefined],
      [0x01fc, 0x06, 0x0607, 'print_line'],
      [0x01fd, 0x06, undefined, undefined],
      [0x01fe, 0x00, undefined, undefined],
      [0x01ff, 0x00, undefined, undefined],
    ]);
  });

  for (const [name, cpuOptions] of cores) {
    it(`data bytes pushed by PHA that spell a return address are not a frame (${name} core, single steps and full speed)`, () => {
      const program = programOf(LOOKALIKE);
      const stepped = new DebugSession(program, { cpuOptions });
      const routine = stepped.symbol('routine')!;
      stepped.runTo(routine); // full speed (the run-to target is patched)
      // $01FC-$01FD: the PHA'd lookalike; $01FA-$01FB: the JSR's frame.
      expect(stepped.stack().map((entry) => [entry.address, entry.returnAddress])).toEqual([
        [0x01fa, 0x0609],
        [0x01fb, undefined],
        [0x01fc, undefined],
        [0x01fd, undefined],
        [0x01fe, undefined],
        [0x01ff, undefined],
      ]);
      expect(stepped.stack()[0]!.label).toBe('routine');
      expect(stepped.readMemory(0x01fc, 2)).toEqual(stepped.readMemory(0x01fa, 2)); // they really look alike
      stepped.stepInto(3); // LDA, PHA, PHA: $06 $06 on top
      expect(frames(stepped.stack())).toEqual([['609', 'routine']]);
    });
  }

  it('the same after step back, reverse continue and a long full-speed run with many checkpoints', () => {
    const program = programOf(LOOKALIKE);
    const session = new DebugSession(program, { checkpointCycles: 64 });
    const reference = new DebugSession(program);
    session.continue(20_000);
    const at = session.state.instructions;
    for (const back of [1, 2, 3, 5, 8, 13]) {
      session.stepBack(back);
      reference.reset();
      reference.stepInto(session.state.instructions);
      expect(session.stack()).toEqual(reference.stack());
    }
    expect(session.state.instructions).toBeLessThan(at);
    expect(session.addBreakpoint({ kind: 'label', name: 'routine' }).ok).toBe(true);
    session.reverseContinue();
    reference.reset();
    reference.stepInto(session.state.instructions);
    expect(session.state.pc).toBe(session.symbol('routine'));
    expect(session.stack()).toEqual(reference.stack());
    expect(frames(session.stack())).toEqual([['609', 'routine']]);
    // Every moment of one round of the loop, reached by going back, reads as going forward read it.
    for (let index = 0; index < 16; index++) {
      reference.stepInto(1);
      session.stepInto(1);
      expect(session.stack()).toEqual(reference.stack());
    }
  });

  it('an NMI taken right after a PHA: the PHA byte is data, the three bytes after it an interrupt frame', () => {
    const program = programOf(`
        .org $0600
        LDA #$12
        PHA
        NOP
        NOP
handler: NOP
        RTI
        *= $FFFA
        .word handler, $0600, handler
`);
    for (const [, cpuOptions] of cores) {
      const session = new DebugSession(program, { cpuOptions, start: 0x0600 });
      session.stepInto(2);
      session.nmi();
      session.stepInto(1); // the entry and the handler's NOP
      const stack = session.stack();
      expect(stack.map((entry) => [entry.address, entry.returnAddress, entry.label])).toEqual([
        [0x01fa, undefined, undefined],
        [0x01fb, 0x0603, 'interrupt'],
        [0x01fc, undefined, undefined],
        [0x01fd, undefined, undefined],
        [0x01fe, undefined, undefined],
        [0x01ff, undefined, undefined],
      ]);
      expect(stack[3]!.value).toBe(0x12);
    }
  });

  it('a BRK frame is marked BRK; a store into the stack page is data', () => {
    const program = programOf(`
        .org $0600
        LDA #$02
        STA $01FE       ; a store, not a push, into what will sit above SP
        LDA #$06
        STA $01FF
        BRK
        .byte $EA
        NOP
handler: RTI
        *= $FFFE
        .word handler
`);
    const session = new DebugSession(program, { start: 0x0600, brkVector: true });
    session.runTo(session.symbol('handler')!);
    expect(session.stack().map((entry) => [entry.address, entry.returnAddress, entry.label])).toEqual([
      [0x01fb, undefined, undefined],
      [0x01fc, 0x060c, 'BRK'],
      [0x01fd, undefined, undefined],
      [0x01fe, undefined, undefined],
      [0x01ff, undefined, undefined],
    ]);
  });

  it('a debugger edit of a pushed byte unmarks its frame', () => {
    const session = new DebugSession(programOf(LOOKALIKE));
    session.runTo(session.symbol('routine')!);
    expect(frames(session.stack())).toEqual([['609', 'routine']]);
    expect(session.writeMemory(0x01fa, [0x0a]).ok).toBe(true);
    expect(frames(session.stack())).toEqual([]);
    session.stepBack(1); // before the JSR: no frame yet
    expect(frames(session.stack())).toEqual([]);
    session.stepInto(1); // the JSR again, then the edit again (it belongs to this moment of the timeline)
    expect(frames(session.stack())).toEqual([]);
    session.reset();
    session.runTo(session.symbol('routine')!);
    expect(frames(session.stack())).toEqual([['609', 'routine']]);
  });
});
