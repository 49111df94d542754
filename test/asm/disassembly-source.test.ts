/** Specifies `moth disasm --source`: for any image, the text assembles back to the same bytes in moth and in ca65+ld65. */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disassemblySource, labelDisassembly } from '../../src/asm/disassembly-source.js';
import { assemble } from '../../src/asm/index.js';
import type { CpuVariant } from '../../src/cpu/variants.js';
import { assembleWithCa65, ca65Available } from '../helpers/ca65.js';

/** MOTH_FUZZ_SCALE=10 runs ten times as many random images, for a deliberate bug hunt; CI keeps the default. */
const SCALE = Math.max(1, Number(process.env['MOTH_FUZZ_SCALE'] ?? 1) || 1);

/** One random case: bytes, where they load, the CPU, whether undocumented opcodes may be spelled, user symbols. */
interface ImageCase {
  readonly bytes: Uint8Array;
  readonly origin: number;
  readonly variant: CpuVariant;
  readonly undocumented: boolean;
  readonly symbols: Map<number, string>;
}

/**
 * Random images anywhere in memory. Symbols land inside the image (on and off instruction starts), in zero page
 * and elsewhere, and some take names the disassembler would invent (`L0612`) or cannot use (`x`, `nop`, `@local`).
 */
const imageCases: fc.Arbitrary<ImageCase> = fc
  .record({
    bytes: fc.uint8Array({ minLength: 1, maxLength: 160, size: 'max' }),
    // A quarter of the images sit in zero page, where labels meet the zero-page addressing modes.
    originSeed: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 0xff }), weight: 1 }, { arbitrary: fc.integer({ min: 0, max: 0xffff }), weight: 3 }),
    variant: fc.constantFrom<CpuVariant>('6502', '65c02', '2a03'),
    undocumented: fc.boolean(),
    symbolSeeds: fc.array(fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.nat(), fc.nat({ max: 9 })), { maxLength: 12, size: 'max' }),
  })
  .map(({ bytes, originSeed, variant, undocumented, symbolSeeds }) => {
    const origin = Math.min(originSeed, 0x10000 - bytes.length);
    const symbols = new Map<number, string>();
    for (const [index, [where, offset, kind]] of symbolSeeds.entries()) {
      // Half the symbols point into the image, where labels and inner equates are made.
      const address = kind < 5 ? origin + (offset % bytes.length) : kind === 5 ? offset % 0x100 : where;
      const name = kind === 6 ? `L${address.toString(16).toUpperCase().padStart(4, '0')}` : kind === 7 ? ['x', 'nop', '@local', 'stz'][offset % 4]! : `sym${index}`;
      symbols.set(address, name);
    }
    return { bytes, origin, variant, undocumented, symbols };
  });

function sourceOf(image: ImageCase): string {
  return disassemblySource(image.bytes, {
    origin: image.origin,
    symbols: image.symbols,
    variant: image.variant,
    undocumented: image.undocumented,
  });
}

function errorsOf(result: ReturnType<typeof assemble>): string[] {
  return result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => diagnostic.message);
}

describe('disasm --source round-trips any image through moth', () => {
  it('random bytes at random addresses, every CPU variant, with and without symbols: the same bytes back', () => {
    fc.assert(
      fc.property(imageCases, (image) => {
        const source = sourceOf(image);
        const result = assemble(source, { fileName: 'again.s' });
        expect(errorsOf(result), source).toEqual([]);
        expect(result.image?.start, source).toBe(image.origin);
        expect(Array.from(result.image?.bytes ?? []), source).toEqual(Array.from(image.bytes));
      }),
      { numRuns: 400 * SCALE },
    );
  }, 60_000 * SCALE);
});

describe('disasm --source: what the text looks like', () => {
  it('invents da65-style labels for branch and jump targets inside the image', () => {
    // $0600: LDX #0 / $0602: INX / BNE $0602 / JMP $0600
    const text = disassemblySource(Uint8Array.of(0xa2, 0x00, 0xe8, 0xd0, 0xfd, 0x4c, 0x00, 0x06), { origin: 0x0600 });
    expect(text).toBe(['.org $0600', 'L0600:', '    LDX #$00', 'L0602:', '    INX', '    BNE L0602', '    JMP L0600', ''].join('\n'));
  });

  it('names a target inside an instruction by an equate on that instruction\'s label', () => {
    // $0600: BIT $02A9 hides LDA #$02 at $0601; the branch at $0603 goes to $0601.
    const text = disassemblySource(Uint8Array.of(0x2c, 0xa9, 0x02, 0xd0, 0xfc), { origin: 0x0600 });
    expect(text).toBe(['.org $0600', 'L0600:', '    BIT $02A9', 'L0601 = L0600+1', '    BNE L0601', ''].join('\n'));
  });

  it('defines the symbols outside the image that operands use, and only those', () => {
    const symbols = new Map([
      [0xffd2, 'CHROUT'],
      [0x00fb, 'ptr'],
      [0x1234, 'unused'],
    ]);
    const text = disassemblySource(Uint8Array.of(0xb1, 0xfb, 0x20, 0xd2, 0xff), { origin: 0xc000, symbols });
    expect(text).toBe(['ptr = $FB', 'CHROUT = $FFD2', '', '.org $C000', '    LDA (ptr),Y', '    JSR CHROUT', ''].join('\n'));
  });

  it('writes undocumented opcodes as .byte unless asked, then under .setcpu "6502X"', () => {
    const lax = Uint8Array.of(0xa7, 0x10);
    expect(disassemblySource(lax, { origin: 0x0600 })).toBe('.org $0600\n    .byte $A7, $10 ; LAX $10\n');
    expect(disassemblySource(lax, { origin: 0x0600, undocumented: true })).toBe('.setcpu "6502X"\n.org $0600\n    LAX $10\n');
  });

  it('says .setcpu "65C02" for the 65C02 and reads its opcodes', () => {
    expect(disassemblySource(Uint8Array.of(0x64, 0x10, 0x80, 0xfc), { origin: 0x0600, variant: '65c02' })).toBe(
      ['.setcpu "65C02"', '.org $0600', 'L0600:', '    STZ $10', '    BRA L0600', ''].join('\n'),
    );
  });

  it('forces zero page for a label the code defines, which ca65 would otherwise assemble as absolute', () => {
    // Code in zero page: LDA $04 at $0000 reads the label at $0004, which comes later in the text.
    const labelled = labelDisassembly(Uint8Array.of(0xa5, 0x04, 0x4c, 0x04, 0x00, 0xea), { origin: 0x0000 });
    expect(labelled.lines.map((line) => line.text)).toEqual(['LDA z:L0004', 'JMP L0004', 'NOP']);
  });

  it('keeps a branch that only reaches its target by wrapping past $FFFF as .byte', () => {
    // BMI -16 at $0004 goes to $FFF6; assemblers compute the distance without wrapping and refuse it.
    expect(disassemblySource(Uint8Array.of(0x30, 0xf0), { origin: 0x0004 })).toBe('.org $0004\n    .byte $30, $F0 ; BMI $FFF6\n');
  });

  it('gives a name to one address only, and skips names ca65 cannot read', () => {
    const symbols = new Map([
      [0x0600, 'start'],
      [0x0700, 'start'], // a second address under the same name (two scopes in an ld65 label file)
      [0x0601, 'x'],
    ]);
    const text = disassemblySource(Uint8Array.of(0xea, 0xea, 0x4c, 0x00, 0x07), { origin: 0x0600, symbols });
    expect(text).toBe(['.org $0600', 'start:', '    NOP', '    NOP', '    JMP $0700', ''].join('\n'));
  });
});

if (!ca65Available) console.warn('disasm --source: ca65 checks SKIPPED — ca65/ld65 not found on PATH (install cc65; CI does).');

describe.skipIf(!ca65Available)('disasm --source round-trips through ca65+ld65 (cc65 installed)', () => {
  it('random images: ca65 and ld65 build the same bytes from the text', () => {
    fc.assert(
      fc.property(imageCases, (image) => {
        const source = sourceOf(image);
        const result = assembleWithCa65(source);
        expect(result.ok ? Array.from(result.bytes) : result.errors, source).toEqual(Array.from(image.bytes));
      }),
      { numRuns: 40 * SCALE },
    );
  }, 60_000 * SCALE);
});
