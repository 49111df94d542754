/**
 * The hardware stack: 256 bytes at $0100–$01FF, growing downwards. SP points at the next free byte,
 * so a push writes then decrements, a pull increments then reads, and SP wraps within the page
 * ($00 - 1 is $FF), so the stack can never leave page 1.
 */
import type { Cpu } from './cpu.js';
import { read, write } from './memory.js';

/** Where page 1 starts: the stack byte SP points at is at STACK_BASE + SP. */
export const STACK_BASE = 0x0100;

/** Writes a byte at $0100+SP and moves SP down. */
export function push(cpu: Cpu, value: number): void {
  write(cpu, 0x0100 | cpu.sp, value);
  cpu.sp = (cpu.sp - 1) & 0xff;
}

/** Moves SP up and reads the byte at $0100+SP. */
export function pull(cpu: Cpu): number {
  cpu.sp = (cpu.sp + 1) & 0xff;
  return read(cpu, 0x0100 | cpu.sp);
}

/** Pushes a 16-bit word high byte first, so it sits in memory low byte first. */
export function pushWord(cpu: Cpu, value: number): void {
  push(cpu, value >>> 8);
  push(cpu, value & 0xff);
}

/** Pulls a 16-bit word pushed by pushWord. */
export function pullWord(cpu: Cpu): number {
  const low = pull(cpu);
  return low | (pull(cpu) << 8);
}
