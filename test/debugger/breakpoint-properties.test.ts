// Properties of breakpoints over random programs: breakpoints never change what a program does (patched ones for programs executing their code as laid out, checked ones for any program), and reverse continue visits the same hits as stepping forward did, newest first.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DebugSession } from '../../src/debugger/session.js';
import { INSTRUCTION_SET } from '../../src/cpu/instruction-set.js';
import { handProgram } from './helpers/program.js';

const SAFE_OPCODES = INSTRUCTION_SET.filter(
  (info) => info.documented && !['BRK', 'JMP', 'JSR', 'RTS', 'RTI'].includes(info.mnemonic),
);
const WRITES = new Set(['STA', 'STX', 'STY', 'INC', 'DEC', 'ASL', 'LSR', 'ROL', 'ROR']);

/**
 * Random programs. `aligned`: branches go to the next instruction and writes stay off the program's page, so the
 * CPU only ever executes the instructions as laid out (reads of the program's own bytes still happen). Otherwise
 * writes may rewrite the code and branches may land inside instructions.
 */
function randomLines(aligned: boolean) {
  return fc.array(
    fc
      .tuple(fc.constantFrom(...SAFE_OPCODES), fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x00, 0x01, 0x02, 0x06, 0xf0))
      .map(([info, low, high]) => {
        const writesMemory = WRITES.has(info.mnemonic) && info.mode !== 'accumulator';
        if (aligned && info.mode === 'relative') return [info.opcode, 0];
        if (aligned && writesMemory && high === 0x06) return [info.opcode, low, 0x02].slice(0, info.length);
        // Pointers in zero page ((zp,X) and (zp),Y) can aim anywhere; aligned programs keep them off the code.
        if (aligned && writesMemory && (info.mode === 'indexedIndirectX' || info.mode === 'indirectIndexedY')) return [0xea];
        return [info.opcode, low, high].slice(0, info.length);
      }),
    { minLength: 2, maxLength: 20 },
  );
}

function memoryHash(memory: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < memory.length; index++) hash = Math.imul(hash ^ memory[index]!, 0x01000193);
  return hash >>> 0;
}

describe('breakpoint properties', () => {
  function neverTrueLeavesProgramAlone(aligned: boolean, patch: boolean) {
    return fc.property(randomLines(aligned), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.integer({ min: 50, max: 3000 }), (lines, picks, steps) => {
      const program = handProgram({ lines: [...lines, [0x4c, 0x00, 0x06]] });
      // A timer IRQ (the program may start the timer) restarts the program rather than running zero page as code.
      const plain = new DebugSession(program);
      plain.writeMemory(0xfffe, [0x00, 0x06]);
      plain.stepInto(steps);
      const watched = new DebugSession(program);
      watched.writeMemory(0xfffe, [0x00, 0x06]);
      watched.patchBreakpoints = patch;
      for (const pick of picks) {
        const line = (pick % (lines.length + 1)) + 1;
        watched.addBreakpoint({ kind: 'line', file: 'test.s', line }, 'A == 999');
      }
      watched.addWatchpoint(0x0600, 0x0620, 'access', 'X == 999');
      watched.stepInto(steps);
      expect(watched.state).toEqual(plain.state);
      expect(memoryHash(watched.memory)).toBe(memoryHash(plain.memory));
      expect(watched.output).toBe(plain.output);
    });
  }

  it('patched-in never-true breakpoints and watchpoints leave every register, cycle and byte as a plain run does', () => {
    fc.assert(neverTrueLeavesProgramAlone(true, true), { numRuns: 60 });
  });

  it('with patching off, the same holds even for self-modifying programs that branch into instructions', () => {
    fc.assert(neverTrueLeavesProgramAlone(false, false), { numRuns: 40 });
  });

  it('reverse continue visits the breakpoint hits of the forward run, newest first', () => {
    fc.assert(
      fc.property(randomLines(true), fc.nat(), fc.integer({ min: 20, max: 600 }), (lines, pick, steps) => {
        const program = handProgram({ lines: [...lines, [0x4c, 0x00, 0x06]] });
        const session = new DebugSession(program, { checkpointCycles: 97 });
        const address = program.addressOfLine((pick % lines.length) + 1);
        const hits: number[] = [];
        for (let step = 0; step < steps; step++) {
          if (session.state.pc === address) hits.push(session.state.instructions);
          const before = session.state.instructions;
          session.stepInto();
          if (session.state.instructions === before) break;
        }
        if (session.state.pc === address) hits.push(session.state.instructions); // where we stand is not "before"
        const end = session.state.instructions;
        session.addBreakpoint({ kind: 'address', address });
        const visited: number[] = [];
        for (;;) {
          const result = session.reverseContinue();
          if (result.reason.kind === 'history-start') break;
          expect(result.reason).toMatchObject({ kind: 'breakpoint', address });
          visited.push(result.state.instructions);
        }
        expect(visited).toEqual(hits.filter((at) => at < end).reverse());
      }),
      { numRuns: 40 },
    );
  });
});
