// AddressSpace works a page at a time where it can (issue 16); these layouts put devices, unmapped bytes and
// mirrors in part of a page, and loads that start and end mid-page, so the byte-by-byte paths are taken too.
import { describe, expect, it } from 'vitest';
import { AddressSpace, AddressSpaceError, Kind } from '../../src/machine/address-space.js';
import type { RegionDescription } from '../../src/machine/description.js';

const REGIONS: RegionDescription[] = [
  { kind: 'ram', start: 0x0000, end: 0x07ff },
  { kind: 'mirror', start: 0x0800, end: 0x1fff, of: 0x0000 },
  { kind: 'unmapped', start: 0x2000, end: 0x20ff }, // a whole page
  { kind: 'unmapped', start: 0x2100, end: 0x217f }, // half a page; the rest is RAM
  { kind: 'rom', start: 0xe000, end: 0xffff },
];
const DEVICES = [
  { slot: 0, name: 'half', base: 0x2190, size: 4 }, // in the half-unmapped page
  { slot: 1, name: 'whole', base: 0x4000, size: 16 },
];
const describeDevice = (slot: number): string => `device ${slot}`;

function prepared(): { space: AddressSpace; memory: Uint8Array } {
  const space = new AddressSpace(REGIONS, DEVICES);
  const memory = new Uint8Array(0x10000);
  space.prepare(memory);
  return { space, memory };
}

describe('AddressSpace', () => {
  it('knows each address and flags exactly the pages that need the bus', () => {
    const { space } = prepared();
    expect([space.kind[0x07ff], space.kind[0x0800], space.kind[0x20ff], space.kind[0x217f], space.kind[0x2180]]).toEqual([
      Kind.Ram,
      Kind.Ram,
      Kind.Unmapped,
      Kind.Unmapped,
      Kind.Ram,
    ]);
    expect([space.kind[0x2192], space.slot[0x2192], space.offset[0x2192]]).toEqual([Kind.Device, 0, 2]);
    expect([space.kind[0x2194], space.slot[0x2194]]).toEqual([Kind.Ram, -1]);
    expect([space.kind[0xe000], space.slot[0xe000]]).toEqual([Kind.Rom, -1]);
    const flagged = (pages: Uint8Array): number[] => [...pages.keys()].filter((page) => pages[page] === 1);
    expect(flagged(space.readPages)).toEqual([0x21, 0x40]);
    const mirrored = Array.from({ length: 0x20 }, (_, page) => page);
    const rom = Array.from({ length: 0x20 }, (_, page) => 0xe0 + page);
    expect(flagged(space.writePages)).toEqual([...mirrored, 0x20, 0x21, 0x40, ...rom]);
  });

  it('stores a byte in each mirror of a mirrored address, and only at the address elsewhere', () => {
    const { space, memory } = prepared();
    space.store(memory, 0x0812, 0x5a); // a mirror of $0012
    expect([memory[0x0012], memory[0x0812], memory[0x1012], memory[0x1812]]).toEqual([0x5a, 0x5a, 0x5a, 0x5a]);
    space.store(memory, 0x2194, 0x77); // RAM in a page with no mirrors
    expect([memory[0x2194], memory[0x0194], memory[0x0994]]).toEqual([0x77, 0, 0]);
  });

  it('puts open-bus bytes in unmapped space only', () => {
    const { memory } = prepared();
    expect([memory[0x2000], memory[0x20ff], memory[0x2100], memory[0x217f]]).toEqual([0x20, 0x20, 0x21, 0x21]);
    expect([memory[0x1fff], memory[0x2180], memory[0x2200]]).toEqual([0, 0, 0]);
  });

  it('loads an image that starts and ends mid-page, writing mirrors and leaving unmapped bytes alone', () => {
    const { space, memory } = prepared();
    const bytes = new Uint8Array(0x2200 - 0x07f0);
    bytes.fill(0xa5);
    bytes.fill(0, 0x2000 - 0x07f0, 0x2180 - 0x07f0); // zero filler over the unmapped bytes passes silently
    const warnings = space.load(memory, bytes, 0x07f0, describeDevice);
    expect(warnings).toEqual([
      'the image at $07F0-$21FF covers $2190-$2193, registers of device 0: the program reads the device there, not these bytes',
    ]);
    // $07F0-$07FF land in RAM and its three mirrors; the image goes on over the mirrors, which fills the rest of RAM.
    expect(memory.subarray(0, 0x2000).every((byte) => byte === 0xa5)).toBe(true);
    expect([memory[0x2000], memory[0x217f], memory[0x2180], memory[0x2190], memory[0x21ff], memory[0x2200]]).toEqual([0x20, 0x21, 0xa5, 0xa5, 0xa5, 0]);
  });

  it('refuses non-zero bytes over unmapped space, naming the run of them', () => {
    const { space, memory } = prepared();
    const bytes = new Uint8Array(0x40);
    bytes.fill(1, 0x28, 0x30); // $2168-$216F
    expect(() => space.load(memory, bytes, 0x2140, describeDevice)).toThrow(
      new AddressSpaceError('the image at $2140-$217F would cover $2168-$216F, where this machine has no memory'),
    );
  });

  it('copies a whole 64 KiB image where memory is plain, and warns once per device run', () => {
    const space = new AddressSpace([], DEVICES);
    const memory = new Uint8Array(0x10000);
    space.prepare(memory);
    const bytes = Uint8Array.from({ length: 0x10000 }, (_, index) => (index * 7 + 1) & 0xff || 1);
    const warnings = space.load(memory, bytes, 0, describeDevice);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain('covers $4000-$400F, registers of device 1');
    expect(memory).toEqual(bytes);
  });
});
