/**
 * The CPU's only window on the world: an address goes out, a byte comes back (or goes in).
 * Machines put RAM and devices behind it; the CPU never learns which is which.
 */
export interface Bus {
  /** A read as the CPU does it: devices may react (a console consumes the byte it returns). */
  read(address: number): number;
  /** A write as the CPU does it. */
  write(address: number, value: number): void;
  /** A read with no side effects, for debuggers, disassemblers and tests. */
  peek(address: number): number;
}
