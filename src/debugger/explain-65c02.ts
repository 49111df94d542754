/**
 * The sentences for what the WDC 65C02 added: the bit instructions (RMB/SMB, BBR/BBS), TSB/TRB and the
 * reserved opcodes, which the 65C02 runs as NOPs of fixed length. explain.ts picks them by mnemonic and class;
 * the 65C02's other additions (BRA, PHX/PLY, STZ, INC A, BIT #, JMP (abs,X), the (zp) mode) share the
 * sentences of the NMOS instructions they extend, there.
 */
import { branchTarget } from '../cpu/addressing-modes.js';
import type { Mnemonic } from '../cpu/instruction-set.js';
import { hex, hexWord } from '../shared/hex.js';
import type { Context } from './explain.js';

/** BBRn/BBSn: where their branch goes (the offset counts from the next instruction, three bytes on). */
export function bitBranchTarget(address: number, offset: number): number {
  return branchTarget(address, offset, 3);
}

/** The bit number in RMBn, SMBn, BBRn and BBSn. */
function bitOf(mnemonic: Mnemonic): number {
  return Number(mnemonic[3]);
}

export function bitBranch(c: Context): string {
  const bit = bitOf(c.mnemonic);
  const wanted = c.mnemonic.startsWith('BBS') ? 1 : 0;
  const value = c.input.valueRead;
  const target = bitBranchTarget(c.input.address, c.input.operandBytes[1] ?? 0);
  const next = (c.input.address + 3) & 0xffff;
  // Without the byte, where the PC went tells whether the bit was as wanted.
  const taken = value === undefined ? c.after.pc === target && target !== next : ((value >> bit) & 1) === wanted;
  const actual = taken ? wanted : 1 - wanted;
  const byte = value === undefined ? `the byte at ${c.where()}` : `the byte at ${c.where()} (${hex(value)})`;
  return taken
    ? `bit ${bit} of ${byte} is ${actual}, so the branch is taken → ${hexWord(target)}`
    : `bit ${bit} of ${byte} is ${actual}, so the branch is not taken; carry on at ${hexWord(next)}`;
}

export function changeBit(c: Context): string {
  const bit = bitOf(c.mnemonic);
  const set = c.mnemonic.startsWith('S');
  const change = (value: number): number => (set ? value | (1 << bit) : value & ~(1 << bit) & 0xff);
  const { old, now } = c.readModifyWrite(change, (value) => value);
  return `${set ? 'sets' : 'clears'} bit ${bit} of the byte at ${c.where()}: ${hex(old)} → ${hex(now)} (flags unchanged)`;
}

/** TSB and TRB: Z from A AND the byte, then A's 1 bits set in (TSB) or cleared from (TRB) the byte. */
export function testAndChangeBits(c: Context): string {
  const a = c.before.a;
  const set = c.mnemonic === 'TSB';
  const { old, now } = c.readModifyWrite((value) => (set ? value | a : value & ~a & 0xff), (value) => value);
  const how = set ? `${hex(old)} OR A = ${hex(now)} (A's 1 bits set)` : `${hex(old)} AND NOT A = ${hex(now)} (A's 1 bits cleared)`;
  return `Z=${c.flag('Z')} from A(${hex(a)}) AND ${hex(old)} = ${hex(a & old)}; the byte at ${c.where()} becomes ${how}`;
}

/** The 65C02's unused opcodes: NOPs whose length and timing WDC fixed, so they skip a known number of bytes. */
export function reserved(c: Context): string {
  const { length } = c.info;
  const cycles = c.after.cycles - c.before.cycles;
  const bytes = length === 1 ? 'one byte' : `${length} bytes`;
  const reads = c.mode === 'zeroPage' || c.mode === 'zeroPageX' ? `, reading ${c.where()} on the way` : '';
  return `reserved opcode ${hex(c.input.opcode)}: the 65C02 runs it as a NOP that skips ${bytes} in ${cycles} cycle${cycles === 1 ? '' : 's'}${reads}; nothing changes`;
}
