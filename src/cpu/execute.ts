/**
 * Fetch, decode, execute: the run loop and its opcode switch, one line per opcode. Base cycles come from
 * the opcode table; the addressing helpers add the page-crossing cycle and branches their extra cycles.
 *
 * Why it is shaped like this (measured, see docs/cpu.md): V8 turns a dense `switch` into a jump table, and
 * keeping the switch inside the loop (not in a per-instruction function) lets it inline the small helpers
 * each case calls. V8 inlines only ~920 bytes of bytecode per optimized function, though, which this switch
 * uses up after a handful of cases, so the loop the CPU really runs is engine/loop-6502.generated.ts (one per variant): this
 * same function with every helper call inlined by scripts/generate-loops.ts (`npm run generate`; a test fails
 * when it is stale). This file is the one to read and to change. The generator also makes the checked loop that
 * debuggers and teaching mode use from it, adding one call at the CHECKPOINT line below, so the lean loop
 * never pays for debugging and nobody maintains a second switch.
 *
 * One switch serves the whole family (variants.ts): the documented NMOS instructions are here; the opcodes
 * outside them mean different things on each chip and go to undocumented.ts (NMOS, 2A03) or 65c02.ts. Where
 * a documented instruction behaves differently on the 65C02, the code asks `cpu.cmos`; the generator makes
 * one loop per variant with that question answered, so the NMOS loop never asks it.
 */
import type { Cpu, StopReason } from './cpu.js';
import {
  absolute,
  absoluteX,
  absoluteXRead,
  absoluteY,
  absoluteYRead,
  branchTo,
  fetchByte,
  fetchWord,
  indexedIndirectX,
  indirect,
  indirectIndexedY,
  indirectIndexedYRead,
  zeroPage,
  zeroPageX,
  zeroPageY,
} from './addressing.js';
import { addWithCarry, bitTest, compare, rotateLeft, rotateRight, shiftLeft, shiftRight, subtractWithBorrow } from './alu.js';
import { setZN, statusFromStack, statusPushedBySoftware } from './flags.js';
import { breakInstruction, enterIrq, enterNmi, returnFromInterrupt } from './interrupts.js';
import { read, write } from './memory.js';
import { pull, pullWord, push, pushWord } from './stack.js';
import {
  decrementMemory,
  incrementMemory,
  rotateLeftMemory,
  rotateRightMemory,
  shiftLeftMemory,
  shiftRightMemory,
} from './read-modify-write.js';
import { executeUndocumented } from './undocumented.js';
import { executeCmos } from './65c02.js';

// Module-local copies: V8 folds a local const, but re-reads an imported binding on every use.
const CARRY = 0x01;
const ZERO = 0x02;
const INTERRUPT_DISABLE = 0x04;
const DECIMAL = 0x08;
const OVERFLOW = 0x40;
const NEGATIVE = 0x80;

/** Ends a run, remembering why. */
export function finish(cpu: Cpu, reason: StopReason): StopReason {
  cpu.stopReason = reason;
  return reason;
}

/** Branch helper: reads the offset, jumps if `condition`; true when it jumped to itself (offset -2). */
export function branchIf(cpu: Cpu, condition: boolean): boolean {
  const offset = fetchByte(cpu);
  return condition && branchTo(cpu, offset);
}

/** CLI and PLP: clearing I with IRQ asserted lets it in after one more instruction (the chip polled before). */
export function interruptsUnmasked(cpu: Cpu): void {
  if (cpu.irqLine !== 0) {
    cpu.irqDelayed = true;
    cpu.runLimit = -Infinity;
  }
}

/** What ends the 65C02's WAI: an interrupt line asserted (IRQ wakes it even while I masks IRQ). */
export function wakesFromWait(cpu: Cpu): boolean {
  return cpu.nmiPending || cpu.irqLine !== 0;
}

/**
 * The lean loop: runs until at least `budget` more cycles have passed or something stops it. The inner
 * `while` tests one thing per instruction, `cycles < runLimit`; NMI, IRQ and stop requests lower runLimit
 * (see cpu.ts) so the outer loop can deal with them between instructions.
 */
export function runLean(cpu: Cpu, budget: number): StopReason {
  if (cpu.jammed) return finish(cpu, 'jam');
  // This readable loop works on the cpu's fields; the generated one keeps the registers and counters in
  // locals instead (REGISTER_LOCALS in scripts/generate-loops.ts, measured in docs/cpu.md).
  const end = cpu.cycles + budget;
  for (;;) {
    // Between instructions: a stop request, then NMI, then IRQ (as the chip polls them).
    if (cpu.stopRequested) {
      cpu.stopRequested = false;
      return finish(cpu, 'stop-requested');
    }
    // The budget is checked before interrupts, so a run of one cycle (step) is either one instruction
    // or one interrupt entry, never an instruction followed by an entry.
    if (cpu.cycles >= end) return finish(cpu, 'budget');
    if (cpu.cmos && cpu.waiting) {
      // The 65C02's WAI: time passes, no instruction runs, until an interrupt line is asserted.
      if (!wakesFromWait(cpu)) {
        cpu.cycles = end;
        return finish(cpu, 'budget');
      }
      cpu.waiting = false; // with I set, an IRQ only wakes the chip: it goes on with the next instruction
    }
    let limit = end;
    cpu.irqHeldBack = false;
    if (cpu.nmiPending) {
      cpu.nmiPending = false;
      enterNmi(cpu);
    } else if (cpu.irqDelayed) {
      cpu.irqDelayed = false;
      cpu.irqHeldBack = true;
      limit = Math.min(end, cpu.cycles + 1); // exactly one more instruction, then look again
    } else if (cpu.irqLine !== 0 && (cpu.p & INTERRUPT_DISABLE) === 0) {
      enterIrq(cpu);
    }
    if (cpu.cycles >= end) return finish(cpu, 'budget'); // the entry used the budget up
    cpu.runLimit = limit;

    while (cpu.cycles < cpu.runLimit) {
      // CHECKPOINT: the generated checked loop asks stopBeforeInstruction (engine/checked-loop.ts) here.
      const pc = cpu.pc;
      cpu.instructionStart = pc;
      const opcode = cpu.memory[pc]!;
      cpu.pc = (pc + 1) & 0xffff;
      cpu.cycles += cpu.baseCycles[opcode]!;
      cpu.instructions++;
      switch (opcode) {
        // LDA, LDX, LDY — load a register; N and Z describe the value loaded
        case 0xa9: cpu.a = setZN(cpu, fetchByte(cpu)); break; //                          LDA #
        case 0xa5: cpu.a = setZN(cpu, read(cpu, zeroPage(cpu))); break; //                LDA zp
        case 0xb5: cpu.a = setZN(cpu, read(cpu, zeroPageX(cpu))); break; //               LDA zp,X
        case 0xad: cpu.a = setZN(cpu, read(cpu, absolute(cpu))); break; //                LDA abs
        case 0xbd: cpu.a = setZN(cpu, read(cpu, absoluteXRead(cpu))); break; //           LDA abs,X
        case 0xb9: cpu.a = setZN(cpu, read(cpu, absoluteYRead(cpu))); break; //           LDA abs,Y
        case 0xa1: cpu.a = setZN(cpu, read(cpu, indexedIndirectX(cpu))); break; //        LDA (zp,X)
        case 0xb1: cpu.a = setZN(cpu, read(cpu, indirectIndexedYRead(cpu))); break; //    LDA (zp),Y
        case 0xa2: cpu.x = setZN(cpu, fetchByte(cpu)); break; //                          LDX #
        case 0xa6: cpu.x = setZN(cpu, read(cpu, zeroPage(cpu))); break; //                LDX zp
        case 0xb6: cpu.x = setZN(cpu, read(cpu, zeroPageY(cpu))); break; //               LDX zp,Y
        case 0xae: cpu.x = setZN(cpu, read(cpu, absolute(cpu))); break; //                LDX abs
        case 0xbe: cpu.x = setZN(cpu, read(cpu, absoluteYRead(cpu))); break; //           LDX abs,Y
        case 0xa0: cpu.y = setZN(cpu, fetchByte(cpu)); break; //                          LDY #
        case 0xa4: cpu.y = setZN(cpu, read(cpu, zeroPage(cpu))); break; //                LDY zp
        case 0xb4: cpu.y = setZN(cpu, read(cpu, zeroPageX(cpu))); break; //               LDY zp,X
        case 0xac: cpu.y = setZN(cpu, read(cpu, absolute(cpu))); break; //                LDY abs
        case 0xbc: cpu.y = setZN(cpu, read(cpu, absoluteXRead(cpu))); break; //           LDY abs,X

        // STA, STX, STY — store a register; no flags change
        case 0x85: write(cpu, zeroPage(cpu), cpu.a); break; //                            STA zp
        case 0x95: write(cpu, zeroPageX(cpu), cpu.a); break; //                           STA zp,X
        case 0x8d: write(cpu, absolute(cpu), cpu.a); break; //                            STA abs
        case 0x9d: write(cpu, absoluteX(cpu), cpu.a); break; //                           STA abs,X
        case 0x99: write(cpu, absoluteY(cpu), cpu.a); break; //                           STA abs,Y
        case 0x81: write(cpu, indexedIndirectX(cpu), cpu.a); break; //                    STA (zp,X)
        case 0x91: write(cpu, indirectIndexedY(cpu), cpu.a); break; //                    STA (zp),Y
        case 0x86: write(cpu, zeroPage(cpu), cpu.x); break; //                            STX zp
        case 0x96: write(cpu, zeroPageY(cpu), cpu.x); break; //                           STX zp,Y
        case 0x8e: write(cpu, absolute(cpu), cpu.x); break; //                            STX abs
        case 0x84: write(cpu, zeroPage(cpu), cpu.y); break; //                            STY zp
        case 0x94: write(cpu, zeroPageX(cpu), cpu.y); break; //                           STY zp,X
        case 0x8c: write(cpu, absolute(cpu), cpu.y); break; //                            STY abs

        // Transfers between registers; all but TXS set N and Z
        case 0xaa: cpu.x = setZN(cpu, cpu.a); break; //                                   TAX
        case 0xa8: cpu.y = setZN(cpu, cpu.a); break; //                                   TAY
        case 0x8a: cpu.a = setZN(cpu, cpu.x); break; //                                   TXA
        case 0x98: cpu.a = setZN(cpu, cpu.y); break; //                                   TYA
        case 0xba: cpu.x = setZN(cpu, cpu.sp); break; //                                  TSX
        case 0x9a: cpu.sp = cpu.x; break; //                                              TXS

        // Stack
        case 0x48: push(cpu, cpu.a); break; //                                            PHA
        case 0x08: push(cpu, statusPushedBySoftware(cpu.p)); break; //                    PHP (B = 1 on the stack)
        case 0x68: cpu.a = setZN(cpu, pull(cpu)); break; //                               PLA
        case 0x28: { //                                                                   PLP
          const wasMasked = cpu.p & INTERRUPT_DISABLE;
          cpu.p = statusFromStack(pull(cpu));
          if (wasMasked && (cpu.p & INTERRUPT_DISABLE) === 0) interruptsUnmasked(cpu);
          break;
        }

        // AND, ORA, EOR — bitwise logic into A
        case 0x29: cpu.a = setZN(cpu, cpu.a & fetchByte(cpu)); break; //                  AND #
        case 0x25: cpu.a = setZN(cpu, cpu.a & read(cpu, zeroPage(cpu))); break; //        AND zp
        case 0x35: cpu.a = setZN(cpu, cpu.a & read(cpu, zeroPageX(cpu))); break; //       AND zp,X
        case 0x2d: cpu.a = setZN(cpu, cpu.a & read(cpu, absolute(cpu))); break; //        AND abs
        case 0x3d: cpu.a = setZN(cpu, cpu.a & read(cpu, absoluteXRead(cpu))); break; //   AND abs,X
        case 0x39: cpu.a = setZN(cpu, cpu.a & read(cpu, absoluteYRead(cpu))); break; //   AND abs,Y
        case 0x21: cpu.a = setZN(cpu, cpu.a & read(cpu, indexedIndirectX(cpu))); break; // AND (zp,X)
        case 0x31: cpu.a = setZN(cpu, cpu.a & read(cpu, indirectIndexedYRead(cpu))); break; // AND (zp),Y
        case 0x09: cpu.a = setZN(cpu, cpu.a | fetchByte(cpu)); break; //                  ORA #
        case 0x05: cpu.a = setZN(cpu, cpu.a | read(cpu, zeroPage(cpu))); break; //        ORA zp
        case 0x15: cpu.a = setZN(cpu, cpu.a | read(cpu, zeroPageX(cpu))); break; //       ORA zp,X
        case 0x0d: cpu.a = setZN(cpu, cpu.a | read(cpu, absolute(cpu))); break; //        ORA abs
        case 0x1d: cpu.a = setZN(cpu, cpu.a | read(cpu, absoluteXRead(cpu))); break; //   ORA abs,X
        case 0x19: cpu.a = setZN(cpu, cpu.a | read(cpu, absoluteYRead(cpu))); break; //   ORA abs,Y
        case 0x01: cpu.a = setZN(cpu, cpu.a | read(cpu, indexedIndirectX(cpu))); break; // ORA (zp,X)
        case 0x11: cpu.a = setZN(cpu, cpu.a | read(cpu, indirectIndexedYRead(cpu))); break; // ORA (zp),Y
        case 0x49: cpu.a = setZN(cpu, cpu.a ^ fetchByte(cpu)); break; //                  EOR #
        case 0x45: cpu.a = setZN(cpu, cpu.a ^ read(cpu, zeroPage(cpu))); break; //        EOR zp
        case 0x55: cpu.a = setZN(cpu, cpu.a ^ read(cpu, zeroPageX(cpu))); break; //       EOR zp,X
        case 0x4d: cpu.a = setZN(cpu, cpu.a ^ read(cpu, absolute(cpu))); break; //        EOR abs
        case 0x5d: cpu.a = setZN(cpu, cpu.a ^ read(cpu, absoluteXRead(cpu))); break; //   EOR abs,X
        case 0x59: cpu.a = setZN(cpu, cpu.a ^ read(cpu, absoluteYRead(cpu))); break; //   EOR abs,Y
        case 0x41: cpu.a = setZN(cpu, cpu.a ^ read(cpu, indexedIndirectX(cpu))); break; // EOR (zp,X)
        case 0x51: cpu.a = setZN(cpu, cpu.a ^ read(cpu, indirectIndexedYRead(cpu))); break; // EOR (zp),Y
        case 0x24: bitTest(cpu, read(cpu, zeroPage(cpu))); break; //                      BIT zp
        case 0x2c: bitTest(cpu, read(cpu, absolute(cpu))); break; //                      BIT abs

        // ADC, SBC — arithmetic with carry, binary or decimal (alu.ts)
        case 0x69: addWithCarry(cpu, fetchByte(cpu)); break; //                           ADC #
        case 0x65: addWithCarry(cpu, read(cpu, zeroPage(cpu))); break; //                 ADC zp
        case 0x75: addWithCarry(cpu, read(cpu, zeroPageX(cpu))); break; //                ADC zp,X
        case 0x6d: addWithCarry(cpu, read(cpu, absolute(cpu))); break; //                 ADC abs
        case 0x7d: addWithCarry(cpu, read(cpu, absoluteXRead(cpu))); break; //            ADC abs,X
        case 0x79: addWithCarry(cpu, read(cpu, absoluteYRead(cpu))); break; //            ADC abs,Y
        case 0x61: addWithCarry(cpu, read(cpu, indexedIndirectX(cpu))); break; //         ADC (zp,X)
        case 0x71: addWithCarry(cpu, read(cpu, indirectIndexedYRead(cpu))); break; //     ADC (zp),Y
        case 0xe9: subtractWithBorrow(cpu, fetchByte(cpu)); break; //                     SBC #
        case 0xe5: subtractWithBorrow(cpu, read(cpu, zeroPage(cpu))); break; //           SBC zp
        case 0xf5: subtractWithBorrow(cpu, read(cpu, zeroPageX(cpu))); break; //          SBC zp,X
        case 0xed: subtractWithBorrow(cpu, read(cpu, absolute(cpu))); break; //           SBC abs
        case 0xfd: subtractWithBorrow(cpu, read(cpu, absoluteXRead(cpu))); break; //      SBC abs,X
        case 0xf9: subtractWithBorrow(cpu, read(cpu, absoluteYRead(cpu))); break; //      SBC abs,Y
        case 0xe1: subtractWithBorrow(cpu, read(cpu, indexedIndirectX(cpu))); break; //   SBC (zp,X)
        case 0xf1: subtractWithBorrow(cpu, read(cpu, indirectIndexedYRead(cpu))); break; // SBC (zp),Y

        // CMP, CPX, CPY — subtract without keeping the result
        case 0xc9: compare(cpu, cpu.a, fetchByte(cpu)); break; //                         CMP #
        case 0xc5: compare(cpu, cpu.a, read(cpu, zeroPage(cpu))); break; //               CMP zp
        case 0xd5: compare(cpu, cpu.a, read(cpu, zeroPageX(cpu))); break; //              CMP zp,X
        case 0xcd: compare(cpu, cpu.a, read(cpu, absolute(cpu))); break; //               CMP abs
        case 0xdd: compare(cpu, cpu.a, read(cpu, absoluteXRead(cpu))); break; //          CMP abs,X
        case 0xd9: compare(cpu, cpu.a, read(cpu, absoluteYRead(cpu))); break; //          CMP abs,Y
        case 0xc1: compare(cpu, cpu.a, read(cpu, indexedIndirectX(cpu))); break; //       CMP (zp,X)
        case 0xd1: compare(cpu, cpu.a, read(cpu, indirectIndexedYRead(cpu))); break; //   CMP (zp),Y
        case 0xe0: compare(cpu, cpu.x, fetchByte(cpu)); break; //                         CPX #
        case 0xe4: compare(cpu, cpu.x, read(cpu, zeroPage(cpu))); break; //               CPX zp
        case 0xec: compare(cpu, cpu.x, read(cpu, absolute(cpu))); break; //               CPX abs
        case 0xc0: compare(cpu, cpu.y, fetchByte(cpu)); break; //                         CPY #
        case 0xc4: compare(cpu, cpu.y, read(cpu, zeroPage(cpu))); break; //               CPY zp
        case 0xcc: compare(cpu, cpu.y, read(cpu, absolute(cpu))); break; //               CPY abs

        // INC, DEC and the register forms
        case 0xe6: incrementMemory(cpu, zeroPage(cpu)); break; //                         INC zp
        case 0xf6: incrementMemory(cpu, zeroPageX(cpu)); break; //                        INC zp,X
        case 0xee: incrementMemory(cpu, absolute(cpu)); break; //                         INC abs
        case 0xfe: incrementMemory(cpu, absoluteX(cpu)); break; //                        INC abs,X
        case 0xc6: decrementMemory(cpu, zeroPage(cpu)); break; //                         DEC zp
        case 0xd6: decrementMemory(cpu, zeroPageX(cpu)); break; //                        DEC zp,X
        case 0xce: decrementMemory(cpu, absolute(cpu)); break; //                         DEC abs
        case 0xde: decrementMemory(cpu, absoluteX(cpu)); break; //                        DEC abs,X
        case 0xe8: cpu.x = setZN(cpu, (cpu.x + 1) & 0xff); break; //                      INX
        case 0xc8: cpu.y = setZN(cpu, (cpu.y + 1) & 0xff); break; //                      INY
        case 0xca: cpu.x = setZN(cpu, (cpu.x - 1) & 0xff); break; //                      DEX
        case 0x88: cpu.y = setZN(cpu, (cpu.y - 1) & 0xff); break; //                      DEY

        // ASL, LSR, ROL, ROR — on A or on memory
        case 0x0a: cpu.a = shiftLeft(cpu, cpu.a); break; //                               ASL A
        case 0x06: shiftLeftMemory(cpu, zeroPage(cpu)); break; //                         ASL zp
        case 0x16: shiftLeftMemory(cpu, zeroPageX(cpu)); break; //                        ASL zp,X
        case 0x0e: shiftLeftMemory(cpu, absolute(cpu)); break; //                         ASL abs
        case 0x1e: shiftLeftMemory(cpu, cpu.cmos ? absoluteXRead(cpu) : absoluteX(cpu)); break; // ASL abs,X (65C02: +1 only across a page)
        case 0x4a: cpu.a = shiftRight(cpu, cpu.a); break; //                              LSR A
        case 0x46: shiftRightMemory(cpu, zeroPage(cpu)); break; //                        LSR zp
        case 0x56: shiftRightMemory(cpu, zeroPageX(cpu)); break; //                       LSR zp,X
        case 0x4e: shiftRightMemory(cpu, absolute(cpu)); break; //                        LSR abs
        case 0x5e: shiftRightMemory(cpu, cpu.cmos ? absoluteXRead(cpu) : absoluteX(cpu)); break; // LSR abs,X (65C02: +1 only across a page)
        case 0x2a: cpu.a = rotateLeft(cpu, cpu.a); break; //                              ROL A
        case 0x26: rotateLeftMemory(cpu, zeroPage(cpu)); break; //                        ROL zp
        case 0x36: rotateLeftMemory(cpu, zeroPageX(cpu)); break; //                       ROL zp,X
        case 0x2e: rotateLeftMemory(cpu, absolute(cpu)); break; //                        ROL abs
        case 0x3e: rotateLeftMemory(cpu, cpu.cmos ? absoluteXRead(cpu) : absoluteX(cpu)); break; // ROL abs,X (65C02: +1 only across a page)
        case 0x6a: cpu.a = rotateRight(cpu, cpu.a); break; //                             ROR A
        case 0x66: rotateRightMemory(cpu, zeroPage(cpu)); break; //                       ROR zp
        case 0x76: rotateRightMemory(cpu, zeroPageX(cpu)); break; //                      ROR zp,X
        case 0x6e: rotateRightMemory(cpu, absolute(cpu)); break; //                       ROR abs
        case 0x7e: rotateRightMemory(cpu, cpu.cmos ? absoluteXRead(cpu) : absoluteX(cpu)); break; // ROR abs,X (65C02: +1 only across a page)

        // Jumps and subroutines
        case 0x4c: { //                                                                   JMP abs
          const target = fetchWord(cpu);
          cpu.pc = target;
          if (target === cpu.instructionStart && cpu.options.detectTraps) return finish(cpu, 'trap');
          break;
        }
        case 0x6c: cpu.pc = indirect(cpu); break; //                                      JMP (abs) (65C02: no page wrap)
        case 0x20: { //                                                                   JSR abs
          // The chip pushes the address of JSR's last byte, and fetches that byte only after the pushes.
          const low = fetchByte(cpu);
          pushWord(cpu, cpu.pc);
          cpu.pc = low | (cpu.memory[cpu.pc]! << 8);
          break;
        }
        case 0x60: cpu.pc = (pullWord(cpu) + 1) & 0xffff; break; //                       RTS
        case 0x40: { //                                                                   RTI
          returnFromInterrupt(cpu);
          if (cpu.irqLine !== 0 && (cpu.p & INTERRUPT_DISABLE) === 0) cpu.runLimit = -Infinity;
          break;
        }
        case 0x00: { //                                                                   BRK
          if (cpu.options.brk === 'stop') {
            cpu.pc = cpu.instructionStart;
            cpu.cycles -= cpu.baseCycles[0x00]!;
            cpu.instructions--;
            if (cpu.irqHeldBack) cpu.irqDelayed = true; // it did not run: the IRQ still waits for it
            return finish(cpu, 'brk');
          }
          breakInstruction(cpu);
          break;
        }

        // Branches: a signed offset from the next instruction, taken or not on one flag
        case 0x10: if (branchIf(cpu, (cpu.p & NEGATIVE) === 0) && cpu.options.detectTraps) return finish(cpu, 'trap'); break; // BPL
        case 0x30: if (branchIf(cpu, (cpu.p & NEGATIVE) !== 0) && cpu.options.detectTraps) return finish(cpu, 'trap'); break; // BMI
        case 0x50: if (branchIf(cpu, (cpu.p & OVERFLOW) === 0) && cpu.options.detectTraps) return finish(cpu, 'trap'); break; // BVC
        case 0x70: if (branchIf(cpu, (cpu.p & OVERFLOW) !== 0) && cpu.options.detectTraps) return finish(cpu, 'trap'); break; // BVS
        case 0x90: if (branchIf(cpu, (cpu.p & CARRY) === 0) && cpu.options.detectTraps) return finish(cpu, 'trap'); break; //    BCC
        case 0xb0: if (branchIf(cpu, (cpu.p & CARRY) !== 0) && cpu.options.detectTraps) return finish(cpu, 'trap'); break; //    BCS
        case 0xd0: if (branchIf(cpu, (cpu.p & ZERO) === 0) && cpu.options.detectTraps) return finish(cpu, 'trap'); break; //     BNE
        case 0xf0: if (branchIf(cpu, (cpu.p & ZERO) !== 0) && cpu.options.detectTraps) return finish(cpu, 'trap'); break; //     BEQ

        // Flag changes
        case 0x18: cpu.p &= ~CARRY; break; //                                             CLC
        case 0x38: cpu.p |= CARRY; break; //                                              SEC
        case 0xd8: cpu.p &= ~DECIMAL; break; //                                           CLD
        case 0xf8: cpu.p |= DECIMAL; break; //                                            SED
        case 0xb8: cpu.p &= ~OVERFLOW; break; //                                          CLV
        case 0x78: cpu.p |= INTERRUPT_DISABLE; break; //                                  SEI
        case 0x58: { //                                                                   CLI
          if (cpu.p & INTERRUPT_DISABLE) {
            cpu.p &= ~INTERRUPT_DISABLE;
            interruptsUnmasked(cpu);
          }
          break;
        }
        case 0xea: break; //                                                              NOP

        // The other 105 opcodes differ from chip to chip: the NMOS chip's undocumented ones (undocumented.ts),
        // or the 65C02's additions and reserved NOPs (65c02.ts). Off the hot path, so this switch stays small.
        default: {
          const stop = cpu.cmos ? executeCmos(cpu, opcode) : executeUndocumented(cpu, opcode);
          if (stop !== undefined) return finish(cpu, stop);
          break;
        }
      }
    }
  }
}
