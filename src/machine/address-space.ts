/**
 * What answers at each of the 65,536 addresses: RAM, ROM, a mirror, nothing, or a device register. Built
 * once from a machine's regions and mapped devices; the machine's bus looks addresses up here, and the CPU's
 * page hooks come from it so that pages holding only RAM never leave the CPU's fast path.
 *
 * Mirrors and unmapped space keep the fast path too: every copy of mirrored RAM is written on each write
 * (so plain reads of any copy are right), and unmapped addresses hold the byte an open bus gives (the
 * address's high byte), so instruction fetches and reads see what the real bus would without a hook.
 */
import type { RegionDescription } from './description.js';
import { hexWord } from '../shared/hex.js';

export const enum Kind {
  Ram = 0,
  Rom = 1,
  Unmapped = 2,
  Device = 3,
}

/** A device placed on the bus: its slot in the machine's device list, base and register count. */
export interface MappedRange {
  readonly slot: number;
  readonly name: string;
  readonly base: number;
  readonly size: number;
}

/** Something a load or a machine description tried that the address space does not allow. */
export class AddressSpaceError extends RangeError {}

const SIZE = 0x10000;

export class AddressSpace {
  /** Kind of each address. */
  readonly kind = new Uint8Array(SIZE);
  /** Device slot answering at each address (meaningful where kind is Device). */
  readonly slot = new Int8Array(SIZE).fill(-1);
  /** The register offset a device address selects. */
  readonly offset = new Uint8Array(SIZE);
  /** For RAM with mirrors: every address holding the same byte, keyed by each of them. */
  readonly copies = new Map<number, readonly number[]>();
  /** 1 for pages whose reads must go through the bus (device registers). */
  readonly readPages = new Uint8Array(256);
  /** 1 for pages whose writes must go through the bus (devices, ROM, unmapped, mirrored RAM). */
  readonly writePages = new Uint8Array(256);

  constructor(regions: readonly RegionDescription[], devices: readonly MappedRange[]) {
    // Memory first, devices on top of it, then mirrors, which may repeat either.
    for (const region of regions) if (region.kind !== 'mirror') this.applyRegion(region);
    for (const range of devices) {
      for (let register = 0; register < range.size; register++) this.place(range.base + register, Kind.Device, range.slot, register);
    }
    for (const region of regions) if (region.kind === 'mirror') this.applyRegion(region);
    this.collectMirrors(regions);
    for (let address = 0; address < SIZE; address++) {
      const kind = this.kind[address]!;
      if (kind === Kind.Device) this.readPages[address >> 8] = 1;
      if (kind !== Kind.Ram || this.copies.has(address)) this.writePages[address >> 8] = 1;
    }
  }

  /** Fills memory the way the bus shows it before anything is loaded: open-bus bytes in unmapped space. */
  prepare(memory: Uint8Array): void {
    for (let address = 0; address < SIZE; address++) {
      if (this.kind[address] === Kind.Unmapped) memory[address] = address >> 8;
    }
  }

  /**
   * Copies an image into memory (RAM or ROM). Non-zero bytes over unmapped space are refused, with the
   * addresses at fault. Non-zero bytes over device registers are kept in the memory under the device (where
   * instruction fetches see them, while data reads go to the device) and returned as warnings naming the
   * addresses and the device: a 64 KiB test image may hold filler there. Zero bytes over either are the filler
   * an assembler leaves between two `.org` blocks and pass silently.
   */
  load(memory: Uint8Array, bytes: Uint8Array, start: number, describeDevice: (slot: number) => string): string[] {
    if (!Number.isInteger(start) || start < 0 || start + bytes.length > SIZE) {
      throw new AddressSpaceError(`${bytes.length} bytes do not fit at ${hexWord(start)} (the address space ends at $FFFF)`);
    }
    const end = start + bytes.length - 1;
    const warnings: string[] = [];
    for (let address = start; address <= end; address++) {
      const kind = this.kind[address]!;
      if (bytes[address - start] === 0) continue;
      if (kind === Kind.Device) {
        const last = this.lastOfRun(address, end, (a) => this.kind[a] === Kind.Device && this.slot[a] === this.slot[address] && bytes[a - start] !== 0);
        warnings.push(
          `the image at ${hexWord(start)}-${hexWord(end)} covers ${hexWord(address)}-${hexWord(last)}, registers of ` +
            `${describeDevice(this.slot[address]!)}: the program reads the device there, not these bytes`,
        );
        address = last;
      } else if (kind === Kind.Unmapped) {
        const last = this.lastOfRun(address, end, (a) => this.kind[a] === Kind.Unmapped && bytes[a - start] !== 0);
        throw new AddressSpaceError(
          `the image at ${hexWord(start)}-${hexWord(end)} would cover ${hexWord(address)}-${hexWord(last)}, where this machine has no memory`,
        );
      }
    }
    for (let index = 0; index < bytes.length; index++) {
      const address = start + index;
      const kind = this.kind[address]!;
      if (kind !== Kind.Unmapped) this.store(memory, address, bytes[index]!);
    }
    return warnings;
  }

  /** Writes a byte into memory and every mirror of it (no device sees it): loads and debugger pokes. */
  store(memory: Uint8Array, address: number, value: number): void {
    const copies = this.copies.get(address);
    if (copies === undefined) memory[address] = value;
    else for (const copy of copies) memory[copy] = value;
  }

  private lastOfRun(from: number, end: number, same: (address: number) => boolean): number {
    let last = from;
    while (last < end && same(last + 1)) last++;
    return last;
  }

  private place(address: number, kind: Kind, slot = -1, offset = 0): void {
    this.kind[address] = kind;
    this.slot[address] = slot;
    this.offset[address] = offset;
  }

  private applyRegion(region: RegionDescription): void {
    if (region.kind === 'mirror') {
      const period = region.start - region.of;
      for (let address = region.start; address <= region.end; address++) {
        const source = region.of + ((address - region.of) % period);
        this.place(address, this.kind[source]! as Kind, this.slot[source], this.offset[source]);
      }
      return;
    }
    const kind = region.kind === 'ram' ? Kind.Ram : region.kind === 'rom' ? Kind.Rom : Kind.Unmapped;
    for (let address = region.start; address <= region.end; address++) this.place(address, kind);
  }

  /** Groups every RAM address with its mirror images, so a write reaches them all. */
  private collectMirrors(regions: readonly RegionDescription[]): void {
    const groups = new Map<number, number[]>();
    for (const region of regions) {
      if (region.kind !== 'mirror') continue;
      const period = region.start - region.of;
      for (let address = region.start; address <= region.end; address++) {
        if (this.kind[address] !== Kind.Ram) continue;
        const source = region.of + ((address - region.of) % period);
        const group = groups.get(source) ?? [source];
        group.push(address);
        groups.set(source, group);
      }
    }
    for (const group of groups.values()) for (const address of group) this.copies.set(address, group);
  }
}

