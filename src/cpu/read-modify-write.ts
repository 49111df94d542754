/**
 * Read-modify-write instructions on memory (ASL, LSR, ROL, ROR, INC, DEC): read the byte, write it back
 * unchanged (the NMOS chip does; see writeUnchanged), change it in the ALU, write the result. Each returns
 * the new byte, which the undocumented combinations (SLO = ASL then ORA…) feed on to a second ALU step.
 */
import type { Cpu } from './cpu.js';
import { rotateLeft, rotateRight, shiftLeft, shiftRight } from './alu.js';
import { setZN } from './flags.js';
import { read, write, writeUnchanged } from './memory.js';

export function shiftLeftMemory(cpu: Cpu, address: number): number {
  const value = read(cpu, address);
  writeUnchanged(cpu, address, value);
  const result = shiftLeft(cpu, value);
  write(cpu, address, result);
  return result;
}
export function shiftRightMemory(cpu: Cpu, address: number): number {
  const value = read(cpu, address);
  writeUnchanged(cpu, address, value);
  const result = shiftRight(cpu, value);
  write(cpu, address, result);
  return result;
}
export function rotateLeftMemory(cpu: Cpu, address: number): number {
  const value = read(cpu, address);
  writeUnchanged(cpu, address, value);
  const result = rotateLeft(cpu, value);
  write(cpu, address, result);
  return result;
}
export function rotateRightMemory(cpu: Cpu, address: number): number {
  const value = read(cpu, address);
  writeUnchanged(cpu, address, value);
  const result = rotateRight(cpu, value);
  write(cpu, address, result);
  return result;
}
export function incrementMemory(cpu: Cpu, address: number): number {
  const value = read(cpu, address);
  writeUnchanged(cpu, address, value);
  const result = setZN(cpu, (value + 1) & 0xff);
  write(cpu, address, result);
  return result;
}
export function decrementMemory(cpu: Cpu, address: number): number {
  const value = read(cpu, address);
  writeUnchanged(cpu, address, value);
  const result = setZN(cpu, (value - 1) & 0xff);
  write(cpu, address, result);
  return result;
}
