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

  /** Per page, a bit (1 << kind) for each kind present in it: lets loads and set-up work a page at a time. */
  private readonly pageKinds = new Uint8Array(256);
  /** 1 for pages holding RAM with mirrors (a write there goes to each copy). */
  private readonly mirroredPages = new Uint8Array(256);

  // The set-up and loads below work on whole ranges and pages with typed-array fills and copies, not address by
  // address: a run builds one machine and loads one image, and 65,536 steps of not-yet-optimized code cost
  // ~10 ms of a cold `moth run` (issue 16). Only pages holding devices, unmapped bytes or mirrors go byte by byte.
  constructor(regions: readonly RegionDescription[], devices: readonly MappedRange[]) {
    // Memory first, devices on top of it, then mirrors, which may repeat either.
    for (const region of regions) if (region.kind !== 'mirror') this.applyRegion(region);
    for (const range of devices) {
      for (let register = 0; register < range.size; register++) this.place(range.base + register, Kind.Device, range.slot, register);
    }
    for (const region of regions) if (region.kind === 'mirror') this.applyRegion(region);
    this.collectMirrors(regions);
    for (let page = 0; page < 256; page++) {
      const kinds = this.kind.subarray(page << 8, (page + 1) << 8);
      let present = 0;
      for (let kind = Kind.Ram; kind <= Kind.Device; kind++) if (kinds.includes(kind)) present |= 1 << kind;
      this.pageKinds[page] = present;
      if ((present & (1 << Kind.Device)) !== 0) this.readPages[page] = 1;
      if ((present & ~(1 << Kind.Ram)) !== 0) this.writePages[page] = 1;
    }
    for (const address of this.copies.keys()) {
      this.mirroredPages[address >> 8] = 1;
      this.writePages[address >> 8] = 1;
    }
  }

  /** Fills memory the way the bus shows it before anything is loaded: open-bus bytes in unmapped space. */
  prepare(memory: Uint8Array): void {
    for (let page = 0; page < 256; page++) {
      const present = this.pageKinds[page]!;
      if ((present & (1 << Kind.Unmapped)) === 0) continue;
      const from = page << 8;
      if (present === 1 << Kind.Unmapped) {
        memory.fill(page, from, from + 256);
        continue;
      }
      for (let address = from; address < from + 256; address++) {
        if (this.kind[address] === Kind.Unmapped) memory[address] = page;
      }
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
    const onlyMemory = (page: number): boolean => (this.pageKinds[page]! & ((1 << Kind.Device) | (1 << Kind.Unmapped))) === 0;
    for (let address = start; address <= end; address++) {
      if (onlyMemory(address >> 8)) {
        address |= 0xff; // nothing to check on this page: the loop's increment moves on to the next
        continue;
      }
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
    // Copied a page (or the part of one the image covers) at a time; byte by byte only where mirrors or
    // unmapped bytes are.
    for (let from = start; from <= end; from = (from | 0xff) + 1) {
      const to = Math.min(end, from | 0xff);
      const page = from >> 8;
      const part = bytes.subarray(from - start, to - start + 1);
      if (this.mirroredPages[page] === 0 && (this.pageKinds[page]! & (1 << Kind.Unmapped)) === 0) {
        memory.set(part, from);
        continue;
      }
      for (let address = from; address <= to; address++) {
        if (this.kind[address] !== Kind.Unmapped) this.store(memory, address, part[address - from]!);
      }
    }
    return warnings;
  }

  /** Writes a byte into memory and every mirror of it (no device sees it): loads and debugger pokes. */
  store(memory: Uint8Array, address: number, value: number): void {
    // Most pages have no mirrors: one array look-up instead of a Map look-up on every write through the bus
    // (a debugger's watched zero page, the stack record's page 1: 20% of a watched run's profile).
    if (this.mirroredPages[address >> 8] === 0) {
      memory[address] = value;
      return;
    }
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
    this.kind.fill(kind, region.start, region.end + 1);
    this.slot.fill(-1, region.start, region.end + 1);
    this.offset.fill(0, region.start, region.end + 1);
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

