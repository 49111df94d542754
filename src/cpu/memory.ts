/**
 * Data reads and writes: plain RAM is a typed-array access, and only pages a machine flagged in
 * `readHooks` / `writeHooks` pay for a call through the bus. Opcode and operand fetches do not come here:
 * they read `cpu.memory` directly (see addressing.ts), because machines keep code in plain RAM.
 */
import type { Bus } from './bus.js';
import type { Cpu } from './cpu.js';

/** A data read as the chip does it: hooked pages go to the bus, whose devices may react. */
export function read(cpu: Cpu, address: number): number {
  return cpu.readHooks[address >>> 8] === 0 ? cpu.memory[address]! : cpu.bus.read(address) & 0xff;
}

/** A data write as the chip does it: hooked pages go to the bus (devices, ROM, watchpoints, history). */
export function write(cpu: Cpu, address: number, value: number): void {
  if (cpu.writeHooks[address >>> 8] === 0) cpu.memory[address] = value;
  else cpu.bus.write(address, value);
}

/**
 * The middle cycle of read-modify-write instructions, while the ALU works: the NMOS chip writes the byte it
 * read back unchanged, then writes the result; the 65C02 reads the byte again instead. RAM cannot tell, so
 * only hooked pages see it (a device that reacts to every access does, as on the real machine).
 */
export function writeUnchanged(cpu: Cpu, address: number, value: number): void {
  if (cpu.cmos) {
    if (cpu.readHooks[address >>> 8] !== 0) cpu.bus.read(address);
  } else if (cpu.writeHooks[address >>> 8] !== 0) cpu.bus.write(address, value);
}

/** A bus over a bare 64 KiB array: what a Cpu uses when nobody gives it one. */
export function ramBus(memory: Uint8Array): Bus {
  return {
    read: (address) => memory[address & 0xffff]!,
    write: (address, value) => {
      memory[address & 0xffff] = value;
    },
    peek: (address) => memory[address & 0xffff]!,
  };
}
