/**
 * Read-modify-write instructions on memory (ASL, LSR, ROL, ROR, INC, DEC): read the byte, change it in the
 * ALU, write it back. Each returns the new byte, which the undocumented combinations (SLO = ASL then ORA…)
 * feed on to a second ALU step.
 */
import type { Cpu } from './cpu.js';
import { rotateLeft, rotateRight, shiftLeft, shiftRight } from './alu.js';
import { setZN } from './flags.js';
import { read, write } from './memory.js';

export function shiftLeftMemory(cpu: Cpu, address: number): number {
  const result = shiftLeft(cpu, read(cpu, address));
  write(cpu, address, result);
  return result;
}
export function shiftRightMemory(cpu: Cpu, address: number): number {
  const result = shiftRight(cpu, read(cpu, address));
  write(cpu, address, result);
  return result;
}
export function rotateLeftMemory(cpu: Cpu, address: number): number {
  const result = rotateLeft(cpu, read(cpu, address));
  write(cpu, address, result);
  return result;
}
export function rotateRightMemory(cpu: Cpu, address: number): number {
  const result = rotateRight(cpu, read(cpu, address));
  write(cpu, address, result);
  return result;
}
export function incrementMemory(cpu: Cpu, address: number): number {
  const result = setZN(cpu, (read(cpu, address) + 1) & 0xff);
  write(cpu, address, result);
  return result;
}
export function decrementMemory(cpu: Cpu, address: number): number {
  const result = setZN(cpu, (read(cpu, address) - 1) & 0xff);
  write(cpu, address, result);
  return result;
}
