/**
 * What the WDC 65C02 does with the opcodes the NMOS chip left undocumented: its new instructions (BRA, PHX,
 * STZ, TRB/TSB, the (zp) mode, JMP (abs,X), BIT's new modes, INC A/DEC A, the bit instructions RMB/SMB/BBR/BBS,
 * WAI and STP) and the reserved opcodes, which are NOPs of a fixed length and timing. The documented
 * instructions it shares with the NMOS chip run in execute.ts, which asks `cpu.cmos` where they changed.
 * (Facts from WDC's W65C02S data sheet, checked against the public single-step vectors for the 65C02.)
 */
import type { Cpu, StopReason } from './cpu.js';
import {
  absolute,
  absoluteIndexedIndirect,
  absoluteXRead,
  branchTo,
  fetchByte,
  fetchWord,
  zeroPage,
  zeroPageIndirect,
  zeroPageX,
} from './addressing.js';
import { addWithCarry, bitTest, compare, subtractWithBorrow } from './alu.js';
import { setZN } from './flags.js';
import { VARIANTS } from './variants.js';
import { read, write, writeUnchanged } from './memory.js';
import { pull, push } from './stack.js';

const ZERO = 0x02;

/** The 65C02's table, for the lengths of its reserved NOPs. */
const CMOS_ROWS = VARIANTS['65c02'].rows;

/** BIT #: only Z changes (N and V would describe the immediate byte, which tells nothing). */
function bitImmediate(cpu: Cpu, value: number): void {
  cpu.p = (cpu.p & ~ZERO) | ((cpu.a & value) === 0 ? ZERO : 0);
}

/** TSB and TRB: Z from A AND the byte, then the byte with A's bits set (TSB) or cleared (TRB). */
function testAndChangeBits(cpu: Cpu, address: number, set: boolean): void {
  const value = read(cpu, address);
  cpu.p = (cpu.p & ~ZERO) | ((cpu.a & value) === 0 ? ZERO : 0);
  writeUnchanged(cpu, address, value);
  write(cpu, address, set ? value | cpu.a : value & ~cpu.a & 0xff);
}

/** RMBn and SMBn: clear or set one bit of a zero-page byte (no flags). */
function changeBit(cpu: Cpu, mask: number, set: boolean): void {
  const address = zeroPage(cpu);
  const value = read(cpu, address);
  writeUnchanged(cpu, address, value);
  write(cpu, address, set ? value | mask : value & ~mask & 0xff);
}

/**
 * BBRn and BBSn: test one bit of a zero-page byte and branch on it (reset / set). The offset counts from the
 * next instruction, three bytes on. True when the branch went to itself (a trap).
 */
function branchOnBit(cpu: Cpu, mask: number, whenSet: boolean): boolean {
  const value = read(cpu, zeroPage(cpu));
  const offset = fetchByte(cpu);
  if (((value & mask) !== 0) !== whenSet) return false;
  branchTo(cpu, offset);
  return cpu.pc === cpu.instructionStart;
}

/**
 * Runs one of the opcodes execute.ts's switch leaves to the chip, on the 65C02; its byte has been fetched and
 * its base cycles counted. Returns why the run must stop (a trap, STP), or undefined to go on.
 */
export function executeCmos(cpu: Cpu, opcode: number): StopReason | undefined {
  switch (opcode) {
    case 0x80: //                                                                       BRA
      return branchTo(cpu, fetchByte(cpu)) && cpu.options.detectTraps ? 'trap' : undefined;
    case 0x89: bitImmediate(cpu, fetchByte(cpu)); break; //                             BIT #
    case 0x34: bitTest(cpu, read(cpu, zeroPageX(cpu))); break; //                       BIT zp,X
    case 0x3c: bitTest(cpu, read(cpu, absoluteXRead(cpu))); break; //                   BIT abs,X
    case 0x1a: cpu.a = setZN(cpu, (cpu.a + 1) & 0xff); break; //                        INC A
    case 0x3a: cpu.a = setZN(cpu, (cpu.a - 1) & 0xff); break; //                        DEC A
    case 0xda: push(cpu, cpu.x); break; //                                              PHX
    case 0x5a: push(cpu, cpu.y); break; //                                              PHY
    case 0xfa: cpu.x = setZN(cpu, pull(cpu)); break; //                                 PLX
    case 0x7a: cpu.y = setZN(cpu, pull(cpu)); break; //                                 PLY
    case 0x64: write(cpu, zeroPage(cpu), 0); break; //                                  STZ zp
    case 0x74: write(cpu, zeroPageX(cpu), 0); break; //                                 STZ zp,X
    case 0x9c: write(cpu, absolute(cpu), 0); break; //                                  STZ abs
    case 0x9e: write(cpu, (fetchWord(cpu) + cpu.x) & 0xffff, 0); break; //              STZ abs,X
    case 0x04: testAndChangeBits(cpu, zeroPage(cpu), true); break; //                   TSB zp
    case 0x0c: testAndChangeBits(cpu, absolute(cpu), true); break; //                   TSB abs
    case 0x14: testAndChangeBits(cpu, zeroPage(cpu), false); break; //                  TRB zp
    case 0x1c: testAndChangeBits(cpu, absolute(cpu), false); break; //                  TRB abs
    case 0x7c: { //                                                                     JMP (abs,X)
      const target = absoluteIndexedIndirect(cpu);
      cpu.pc = target;
      return target === cpu.instructionStart && cpu.options.detectTraps ? 'trap' : undefined;
    }
    // The (zp) mode
    case 0x12: cpu.a = setZN(cpu, cpu.a | read(cpu, zeroPageIndirect(cpu))); break; //  ORA (zp)
    case 0x32: cpu.a = setZN(cpu, cpu.a & read(cpu, zeroPageIndirect(cpu))); break; //  AND (zp)
    case 0x52: cpu.a = setZN(cpu, cpu.a ^ read(cpu, zeroPageIndirect(cpu))); break; //  EOR (zp)
    case 0x72: addWithCarry(cpu, read(cpu, zeroPageIndirect(cpu))); break; //          ADC (zp)
    case 0x92: write(cpu, zeroPageIndirect(cpu), cpu.a); break; //                      STA (zp)
    case 0xb2: cpu.a = setZN(cpu, read(cpu, zeroPageIndirect(cpu))); break; //          LDA (zp)
    case 0xd2: compare(cpu, cpu.a, read(cpu, zeroPageIndirect(cpu))); break; //         CMP (zp)
    case 0xf2: subtractWithBorrow(cpu, read(cpu, zeroPageIndirect(cpu))); break; //     SBC (zp)
    // WAI: wait (the run loop lets time pass) until IRQ or NMI; STP: stop until RESET, like a JAM.
    case 0xcb:
      cpu.waiting = true;
      cpu.runLimit = -Infinity; // back to the run loop's between-instructions check
      break;
    case 0xdb:
      cpu.jammed = true;
      cpu.pc = cpu.instructionStart;
      return 'jam';
    default: {
      const column = opcode & 0x0f;
      const bit = opcode >>> 4;
      if (column === 0x07) changeBit(cpu, 1 << (bit & 7), bit >= 8); //                RMBn / SMBn
      else if (column === 0x0f) { //                                                    BBRn / BBSn
        if (branchOnBit(cpu, 1 << (bit & 7), bit >= 8) && cpu.options.detectTraps) return 'trap';
      } else reservedNop(cpu, opcode);
    }
  }
  return undefined;
}

/**
 * A reserved opcode: skips its operand bytes; the zero-page ones also read their address. The absolute ones
 * ($5C, $DC, $FC) never read theirs: their spare cycles read their own last byte again (engine/cycle-log.ts).
 */
function reservedNop(cpu: Cpu, opcode: number): void {
  switch (CMOS_ROWS[opcode]!.mode) {
    case 'immediate':
      fetchByte(cpu);
      break;
    case 'zeroPage':
      read(cpu, zeroPage(cpu));
      break;
    case 'zeroPageX':
      read(cpu, zeroPageX(cpu));
      break;
    case 'absolute':
      fetchWord(cpu);
      break;
    default:
      break;
  }
}
