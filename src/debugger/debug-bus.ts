/**
 * The watchpoint bus: what the CPU talks to, for the pages that need it, while a debug session runs.
 * It answers breakpoint-patched addresses with the real bytes (and keeps writes to them), reports every
 * access to a watched byte, and passes everything else to the machine. It also runs the lean loop with
 * breakpoints patched in as BRKs, since the patches and the bus that hides them belong together.
 */
import type { Bus } from '../cpu/bus.js';
import type { Cpu } from '../cpu/cpu.js';
import type { Machine, MachineStop } from '../machine/machine.js';
import type { BreakpointTable } from './breakpoints.js';
import type { MemoryAccess } from './events.js';

/** Told of every access to a watched byte: the address, read or write, the byte, and (writes) the byte before. */
export type WatchListener = (address: number, access: MemoryAccess, value: number, previous: number | undefined) => void;

export class DebugBus {
  /** While a patched run is in progress: 1 at patched addresses, and the real bytes behind the patches. */
  private readonly patchedFlags = new Uint8Array(0x10000);
  private readonly patchedBytes = new Uint8Array(0x10000);
  /** One flag per address and kind of access a watchpoint covers (rebuilt when watchpoints change). */
  private readonly watchedReads = new Uint8Array(0x10000);
  private readonly watchedWrites = new Uint8Array(0x10000);
  private watchLayout = -1;
  private readonly bus: Bus;
  private readonly cpu: Cpu;

  constructor(
    private readonly machine: Machine,
    private readonly table: BreakpointTable,
    listener: WatchListener,
  ) {
    this.cpu = machine.cpu;
    this.bus = this.createBus(listener);
  }

  /**
   * Wraps the bus for the pages that need it: pages holding breakpoint patches (so the program reads the
   * real bytes) and pages enabled watchpoints cover. Returns the undo. Costs nothing when neither is needed.
   */
  install(patches: readonly number[]): () => void {
    const watching = this.table.hasEnabledWatchpoints;
    if (!watching && patches.length === 0) return () => {};
    const cpu = this.cpu;
    const original = cpu.bus;
    const savedRead = cpu.readHooks.slice();
    const savedWrite = cpu.writeHooks.slice();
    for (const address of patches) {
      cpu.readHooks[address >> 8] = 1;
      cpu.writeHooks[address >> 8] = 1;
    }
    if (this.watchLayout !== this.table.layoutVersion) {
      this.watchedReads.fill(0);
      this.watchedWrites.fill(0);
      for (const watchpoint of this.table.watchpoints) {
        if (!watchpoint.enabled) continue;
        if (watchpoint.access !== 'write') this.watchedReads.fill(1, watchpoint.start, watchpoint.end + 1);
        if (watchpoint.access !== 'read') this.watchedWrites.fill(1, watchpoint.start, watchpoint.end + 1);
      }
      this.watchLayout = this.table.layoutVersion;
    }
    if (watching) {
      const pages = this.table.watchedPages();
      for (const page of pages.read) cpu.readHooks[page] = 1;
      for (const page of pages.write) cpu.writeHooks[page] = 1;
    }
    cpu.bus = this.bus;
    return () => {
      cpu.readHooks.set(savedRead);
      cpu.writeHooks.set(savedWrite);
      cpu.bus = original;
    };
  }

  /**
   * One lean run with a BRK ($00) written over every breakpoint address: the CPU stops on its own before
   * executing one (brk: 'stop'), so breakpoints cost nothing per instruction. The patched pages' data reads
   * and writes go through this bus, which answers with and updates the real bytes, so the program never sees
   * a patch; and the patches exist only inside this call, so checkpoints and views never see them either.
   * Install the bus with the same patches first.
   */
  runPatched(patches: readonly number[], budget: number): MachineStop {
    const cpu = this.cpu;
    const memory = cpu.memory;
    const brk = cpu.options.brk;
    for (const address of patches) {
      this.patchedBytes[address] = memory[address]!;
      this.patchedFlags[address] = 1;
      memory[address] = 0x00;
    }
    cpu.options.brk = 'stop';
    let stop: MachineStop;
    try {
      stop = this.machine.run(budget);
    } finally {
      cpu.options.brk = brk;
      for (const address of patches) {
        memory[address] = this.patchedBytes[address]!;
        this.patchedFlags[address] = 0;
      }
    }
    if (stop.reason !== 'brk') return stop;
    // Stopped at a patch: the caller's own check decides about the breakpoint there.
    if (patches.includes(stop.address)) return { reason: 'breakpoint', address: stop.address };
    // A real BRK the session would not stop at: execute it as the interrupt it is.
    if (brk === 'interrupt') return this.machine.run(1);
    return stop;
  }

  /**
   * Built once per session on purpose: V8 optimizes the CPU loop for the bus functions it has seen, and a
   * fresh closure on every run would throw that optimized code away.
   */
  private createBus(listener: WatchListener): Bus {
    // The bus the CPU had when the session built this: the machine's, or the stack record's wrapper of it.
    const inner: Bus = this.cpu.bus;
    const patched = this.patchedFlags;
    const realBytes = this.patchedBytes;
    const watchedReads = this.watchedReads;
    const watchedWrites = this.watchedWrites;
    return {
      read(address: number): number {
        const value = patched[address] !== 0 ? realBytes[address]! : inner.read(address);
        if (watchedReads[address] !== 0) listener(address, 'read', value, undefined);
        return value;
      },
      write(address: number, value: number): void {
        const previous = patched[address] !== 0 ? realBytes[address]! : watchedWrites[address] !== 0 ? inner.peek(address) : 0;
        if (patched[address] !== 0) realBytes[address] = value;
        else inner.write(address, value);
        if (watchedWrites[address] !== 0) listener(address, 'write', value, previous);
      },
      peek(address: number): number {
        return patched[address] !== 0 ? realBytes[address]! : inner.peek(address);
      },
    };
  }
}
