/** Specifies the disassembler: ca65 spelling of every mode, symbols only where they assemble back, and agreement with ca65 and da65. */

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disassemble, disassembleOne } from '../../src/asm/disassembler.js';
import { assemble } from '../../src/asm/index.js';
import { INSTRUCTION_SET } from '../../src/cpu/instruction-set.js';
import { assembleWithCa65, ca65Available, da65Available, disassembleWithDa65 } from '../helpers/ca65.js';

/** Decodes `bytes` placed at `origin` (default $0600) and returns the instruction. */
function decode(bytes: readonly number[], origin = 0x0600, symbols?: ReadonlyMap<number, string>) {
  const memory = new Uint8Array(0x10000);
  bytes.forEach((value, index) => (memory[(origin + index) & 0xffff] = value));
  return disassembleOne((address) => memory[address]!, origin, symbols);
}

function textOf(bytes: readonly number[], origin = 0x0600, symbols?: ReadonlyMap<number, string>): string {
  return decode(bytes, origin, symbols).text;
}

describe('disassembleOne — one spelling per addressing mode', () => {
  it.each([
    [[0xea], 'NOP'],
    [[0x0a], 'ASL A'],
    [[0xa9, 0x10], 'LDA #$10'],
    [[0xa5, 0x10], 'LDA $10'],
    [[0xb5, 0x10], 'LDA $10,X'],
    [[0xb6, 0x10], 'LDX $10,Y'],
    [[0xad, 0x34, 0x12], 'LDA $1234'],
    [[0xbd, 0x00, 0x02], 'LDA $0200,X'],
    [[0xb9, 0x00, 0x02], 'LDA $0200,Y'],
    [[0x6c, 0x34, 0x12], 'JMP ($1234)'],
    [[0xa1, 0x10], 'LDA ($10,X)'],
    [[0xb1, 0x10], 'LDA ($10),Y'],
    [[0x20, 0x00, 0x80], 'JSR $8000'],
  ])('%j reads as %s', (bytes, text) => {
    expect(textOf(bytes)).toBe(text);
  });

  it('reports length, bytes, mnemonic, mode and operand', () => {
    expect(decode([0xbd, 0x00, 0x02])).toEqual({
      text: 'LDA $0200,X',
      instructionText: 'LDA $0200,X',
      length: 3,
      bytes: [0xbd, 0x00, 0x02],
      mnemonic: 'LDA',
      mode: 'absoluteX',
      opcode: 0xbd,
      operand: 0x0200,
      asBytes: false,
    });
  });

  it('only reads the bytes of the instruction itself', () => {
    const reads: number[] = [];
    disassembleOne((address) => (reads.push(address), address === 0x0600 ? 0xad : 0), 0x0600);
    expect(reads).toEqual([0x0600, 0x0601, 0x0602]);
  });
});

describe('disassembleOne — branches and jumps', () => {
  it('shows a forward branch as its absolute destination', () => {
    // $0600: BNE +$10 → $0602 + $10
    expect(decode([0xd0, 0x10])).toMatchObject({ text: 'BNE $0612', target: 0x0612, operand: 0x0612 });
  });

  it('shows a backward branch as its absolute destination', () => {
    expect(decode([0xd0, 0xfe]).text).toBe('BNE $0600'); // branch to itself
    expect(decode([0xf0, 0x80]).text).toBe('BEQ $0582'); // the farthest back: -128
  });

  it('wraps a branch destination past $FFFF to page zero', () => {
    expect(decode([0x10, 0x10], 0xfff8).text).toBe('BPL $000A');
  });

  it('wraps a branch destination below $0000 to the top of memory', () => {
    expect(decode([0x30, 0xf0], 0x0004).text).toBe('BMI $FFF6');
  });

  it('gives JMP and JSR a target, but not JMP indirect', () => {
    expect(decode([0x4c, 0x00, 0x06]).target).toBe(0x0600);
    expect(decode([0x20, 0x00, 0x06]).target).toBe(0x0600);
    expect(decode([0x6c, 0x00, 0x06]).target).toBeUndefined();
    expect(decode([0xad, 0x00, 0x06]).target).toBeUndefined();
  });

  it('reads operand bytes across the wrap from $FFFF to $0000', () => {
    const memory = new Uint8Array(0x10000);
    memory[0xffff] = 0xad; // LDA abs, operand at $0000-$0001
    memory[0x0000] = 0x34;
    memory[0x0001] = 0x12;
    expect(disassembleOne((address) => memory[address]!, 0xffff)).toMatchObject({ text: 'LDA $1234', length: 3 });
  });
});

describe('disassembleOne — zero page versus absolute', () => {
  it('marks an absolute operand below $0100 with a: when a zero-page form exists', () => {
    expect(textOf([0xad, 0x10, 0x00])).toBe('LDA a:$0010');
    expect(textOf([0xbd, 0xff, 0x00])).toBe('LDA a:$00FF,X');
    expect(textOf([0xbe, 0x10, 0x00])).toBe('LDX a:$0010,Y');
  });

  it('leaves a: off when the instruction has no zero-page form to confuse it with', () => {
    expect(textOf([0xb9, 0x10, 0x00])).toBe('LDA $0010,Y'); // there is no LDA zp,Y
    expect(textOf([0x4c, 0x10, 0x00])).toBe('JMP $0010');
    expect(textOf([0x20, 0xff, 0x00])).toBe('JSR $00FF');
  });

  it('writes $0100 as a plain absolute operand', () => {
    expect(textOf([0xad, 0x00, 0x01])).toBe('LDA $0100');
  });
});

describe('disassembleOne — symbols', () => {
  const symbols = new Map<number, string>([
    [0x0010, 'pointer'],
    [0x0200, 'screen'],
    [0x0612, 'loop'],
    [0x1234, 'vector'],
    [0x0042, 'x'], // a register name would change the meaning of the operand
    [0x0044, '@cheap'], // not an identifier ca65 resolves from elsewhere
    [0x0046, 'nop'], // ca65 cannot use an instruction name as a symbol
  ]);

  it.each([
    [[0xa5, 0x10], 'LDA pointer'],
    [[0xb1, 0x10], 'LDA (pointer),Y'],
    [[0xa1, 0x10], 'LDA (pointer,X)'],
    [[0xbd, 0x00, 0x02], 'LDA screen,X'],
    [[0xd0, 0x10], 'BNE loop'],
    [[0x6c, 0x34, 0x12], 'JMP (vector)'],
    [[0xad, 0x10, 0x00], 'LDA a:pointer'],
  ])('%j reads as %s', (bytes, text) => {
    expect(textOf(bytes, 0x0600, symbols)).toBe(text);
  });

  it('never substitutes an immediate value', () => {
    expect(textOf([0xa9, 0x10], 0x0600, symbols)).toBe('LDA #$10');
  });

  it('keeps the number when the name is a register, an instruction or not a plain identifier', () => {
    expect(textOf([0xa5, 0x42], 0x0600, symbols)).toBe('LDA $42');
    expect(textOf([0xa5, 0x44], 0x0600, symbols)).toBe('LDA $44');
    expect(textOf([0xa5, 0x46], 0x0600, symbols)).toBe('LDA $46');
  });
});

describe('disassembleOne — undocumented opcodes', () => {
  it('spells undocumented opcodes the way ca65 6502X does', () => {
    expect(textOf([0xa7, 0x10])).toBe('LAX $10');
    expect(textOf([0xcb, 0x01])).toBe('AXS #$01'); // our table's SBX
    expect(textOf([0xab, 0x01])).toBe('LAX #$01'); // our table's LXA
    expect(textOf([0x80, 0x12])).toBe('NOP #$12');
    expect(textOf([0x02])).toBe('JAM');
  });

  it('falls back to .byte for an opcode whose spelling assembles to a different opcode', () => {
    expect(decode([0xeb, 0x05])).toMatchObject({
      text: '.byte $EB, $05 ; SBC #$05',
      instructionText: 'SBC #$05',
      length: 2,
      asBytes: true,
    });
    expect(decode([0x1a])).toMatchObject({ text: '.byte $1A ; NOP', length: 1, mnemonic: 'NOP' });
    expect(decode([0x12]).text).toBe('.byte $12 ; JAM');
    expect(decode([0x3c, 0x00, 0x02]).text).toBe('.byte $3C, $00, $02 ; NOP $0200,X');
  });

  it('renders every one of the 256 opcodes, as an instruction or a .byte line of the full length', () => {
    for (const info of INSTRUCTION_SET) {
      const decoded = decode([info.opcode, 0x34, 0x12]);
      expect(decoded.length).toBe(info.length);
      expect(decoded.asBytes).toBe(decoded.text.startsWith('.byte'));
      if (info.documented) expect(decoded.asBytes).toBe(false);
    }
  });
});

describe('disassemble — a block of bytes', () => {
  it('lists one line per instruction with its address and bytes', () => {
    const lines = disassemble([0xa2, 0x00, 0xe8, 0xd0, 0xfd, 0x00], 0x0600);
    expect(lines.map(({ address, bytes, text }) => ({ address, bytes, text }))).toEqual([
      { address: 0x0600, bytes: [0xa2, 0x00], text: 'LDX #$00' },
      { address: 0x0602, bytes: [0xe8], text: 'INX' },
      { address: 0x0603, bytes: [0xd0, 0xfd], text: 'BNE $0602' },
      { address: 0x0605, bytes: [0x00], text: 'BRK' },
    ]);
  });

  it('turns a trailing incomplete instruction into a .byte line', () => {
    const lines = disassemble(Uint8Array.of(0xea, 0xad, 0x34), 0x0600);
    expect(lines.map((line) => line.text)).toEqual(['NOP', '.byte $AD, $34']);
    expect(lines[1]!.address).toBe(0x0601);
    expect(lines[1]!.instruction).toBeUndefined();
  });

  it('wraps line addresses past $FFFF while reading its own bytes', () => {
    const lines = disassemble([0xea, 0xad, 0x00, 0x02, 0xea], 0xfffe);
    expect(lines.map((line) => [line.address, line.text])).toEqual([
      [0xfffe, 'NOP'],
      [0xffff, 'LDA $0200'],
      [0x0002, 'NOP'],
    ]);
  });

  it('uses symbols for branch destinations', () => {
    const lines = disassemble([0xca, 0xd0, 0xfd], 0x0600, new Map([[0x0600, 'loop']]));
    expect(lines.map((line) => line.text)).toEqual(['DEX', 'BNE loop']);
  });

  it('returns no lines for no bytes', () => {
    expect(disassemble([], 0x0600)).toEqual([]);
  });
});

/** Random documented instructions with random operands, as the bytes they occupy. */
const documentedInstructions = fc.array(
  fc.tuple(
    fc.constantFrom(...INSTRUCTION_SET.filter((info) => info.documented)),
    fc.integer({ min: 0, max: 0xff }),
    fc.integer({ min: 0, max: 0xff }),
  ).map(([info, low, high]) => [info.opcode, low, high].slice(0, info.length)),
  { minLength: 1, maxLength: 40 },
);

/** Disassembles `bytes` at `origin` into a source (symbol definitions first) for moth to assemble again. */
function sourceFor(bytes: readonly number[], symbols: ReadonlyMap<number, string>, header: readonly string[] = [], origin = 0x0600): string {
  const definitions = [...symbols].map(([value, name]) => `${name} = $${value.toString(16)}`);
  const lines = disassemble(bytes, origin, symbols);
  return [...header, ...definitions, `.org $${origin.toString(16)}`, ...lines.map((line) => '  ' + line.text), ''].join('\n');
}

function hexOf(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (value) => value.toString(16).padStart(2, '0')).join(' ');
}

const SOME_SYMBOLS = new Map<number, string>([
  [0x10, 'pointer'],
  [0x34, 'counter'],
  [0xff, 'last_zero_page'],
  [0x0200, 'screen'],
  [0x0612, 'loop'],
  [0x1234, 'vector'],
]);

describe('disassembler round-trips through moth', () => {
  it('random documented code assembles back to the same bytes, with and without symbols', () => {
    fc.assert(
      fc.property(documentedInstructions, fc.boolean(), (chunks, useSymbols) => {
        const bytes = chunks.flat();
        const source = sourceFor(bytes, useSymbols ? SOME_SYMBOLS : new Map());
        const result = assemble(source, { fileName: 'round-trip.s' });
        expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), source).toEqual([]);
        expect(Array.from(result.image?.bytes ?? []), source).toEqual(bytes);
        expect(result.image?.start).toBe(0x0600);
      }),
      { numRuns: 300 },
    );
  });

  it('all 256 opcodes assemble back to the same bytes with .setcpu "6502X"', () => {
    const bytes: number[] = [];
    for (const info of INSTRUCTION_SET) bytes.push(...[info.opcode, 0x34, info.opcode & 1 ? 0x12 : 0x00].slice(0, info.length));
    const source = sourceFor(bytes, new Map(), ['.setcpu "6502X"']);
    const result = assemble(source, { fileName: 'all-opcodes.s' });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(Array.from(result.image?.bytes ?? [])).toEqual(bytes);
  });
});

if (!ca65Available) console.warn('disassembler: ca65 checks SKIPPED — ca65/ld65 not found on PATH (install cc65; CI does).');
if (!da65Available) console.warn('disassembler: da65 checks SKIPPED — da65 not found on PATH (install cc65; CI does).');

describe('disassembler round-trips every program in programs/', () => {
  const programsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../programs');
  const programs = readdirSync(programsDir, { recursive: true, encoding: 'utf8' }).filter((entry) => entry.endsWith('.s'));

  it('has programs to read', () => {
    expect(programs.length).toBeGreaterThan(0);
  });

  // Data is disassembled as if it were code, which is the hard case: every byte sequence must come back.
  it.each(programs)('%s: assemble, disassemble with its labels, assemble again: same bytes', (entry) => {
    const path = join(programsDir, entry);
    const first = assemble(readFileSync(path, 'utf8'), {
      fileName: path,
      resolveFile: (includePath, fromFile, kind) => {
        try {
          const contents = readFileSync(resolve(dirname(fromFile), includePath));
          return kind === 'binary' ? new Uint8Array(contents) : contents.toString('utf8');
        } catch {
          return undefined;
        }
      },
    });
    expect(first.ok).toBe(true);
    const image = first.image!;
    const labels = new Map<number, string>();
    for (const symbol of first.symbols.values()) if (!labels.has(symbol.value)) labels.set(symbol.value, symbol.name);
    // Text decoded as code may hold undocumented opcodes, which ca65 and moth accept only in 6502X mode.
    const source = sourceFor(Array.from(image.bytes), labels, ['.setcpu "6502X"'], image.start);
    const second = assemble(source, { fileName: 'round-trip.s' });
    expect(second.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), source).toEqual([]);
    expect(hexOf(second.image?.bytes ?? []), source).toBe(hexOf(image.bytes));
  });
});

describe.skipIf(!ca65Available)('disassembler against ca65 (cc65 installed)', () => {
  it('assembles the text of all 256 opcodes back to the same bytes with ca65 --cpu 6502X', () => {
    const origin = 0x0600;
    const bytes: number[] = [];
    for (const info of INSTRUCTION_SET) {
      // Operands chosen so zero-page and absolute forms both show up: $34 and $1234 / $0034.
      bytes.push(...[info.opcode, 0x34, info.opcode & 1 ? 0x12 : 0x00].slice(0, info.length));
    }
    const lines = disassemble(bytes, origin);
    const source = ['.setcpu "6502X"', `.org $${origin.toString(16)}`, ...lines.map((line) => '  ' + line.text)].join('\n');
    const result = assembleWithCa65(source + '\n');
    expect(result.ok ? Array.from(result.bytes) : result.errors).toEqual(bytes);
  });

  it('round-trips random documented code through ca65, with symbols defined first', () => {
    fc.assert(
      fc.property(documentedInstructions, fc.boolean(), (chunks, useSymbols) => {
        const bytes = chunks.flat();
        const symbols = new Map<number, string>();
        if (useSymbols) {
          // Name a few addresses the code mentions, including zero-page ones.
          for (const [index, value] of [0x10, 0x34, 0x0200, 0x1234, 0x0612, 0xff].entries()) symbols.set(value, `name${index}`);
        }
        const definitions = [...symbols].map(([value, name]) => `${name} = $${value.toString(16)}`);
        const lines = disassemble(bytes, 0x0600, symbols);
        const source = [...definitions, '.org $0600', ...lines.map((line) => '  ' + line.text), ''].join('\n');
        const result = assembleWithCa65(source);
        expect(result.ok ? Array.from(result.bytes) : result.errors, source).toEqual(bytes);
      }),
      { numRuns: 25 },
    );
  });
});

describe.skipIf(!da65Available)('disassembler against da65 (cc65 installed)', () => {
  /** One instruction per entry, lower case, labels replaced by their values, numbers as decimal. */
  function normalise(lines: readonly string[], labels: ReadonlyMap<string, number>): string[] {
    return lines.map((line) =>
      line
        .toLowerCase()
        .replace(/\bl([0-9a-f]{4})\b/g, (_, digits: string) => String(labels.get(`L${digits.toUpperCase()}`) ?? parseInt(digits, 16)))
        .replace(/\$([0-9a-f]+)/g, (_, digits: string) => String(parseInt(digits, 16)))
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }

  it('spells all 256 opcodes as da65 --cpu 6502x does, apart from two names ca65 itself rejects', () => {
    // da65 prints XAA and AHX, names ca65 does not accept; ANE and SHA are the spellings that assemble.
    const da65Names: Record<string, string> = { ane: 'xaa', sha: 'ahx' };
    const mismatches: string[] = [];
    for (const info of INSTRUCTION_SET) {
      const bytes = Uint8Array.from([info.opcode, 0x34, 0x12].slice(0, info.length));
      const theirs = disassembleWithDa65(bytes, 0xc000, '6502x')
        .split('\n')
        .map((line) => line.replace(/;.*$/, '').replace(/^\w+:/, '').trim())
        .find((line) => line !== '' && !line.startsWith('.setcpu') && !line.includes(':='));
      const ours = decode([...bytes], 0xc000).instructionText.replace(/^[A-Z]+/, (name) => da65Names[name.toLowerCase()] ?? name);
      const [expected, actual] = normalise([theirs ?? '', ours], new Map());
      if (expected !== actual) mismatches.push(`$${info.opcode.toString(16)}: moth "${ours}", da65 "${theirs}"`);
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees with da65 on random documented code', () => {
    fc.assert(
      fc.property(documentedInstructions, (chunks) => {
        const bytes = Uint8Array.from(chunks.flat());
        const ours = disassemble(bytes, 0x0600).filter((line) => line.instruction !== undefined);
        // da65 splits an instruction when another one points into its middle; such inputs say nothing here.
        const starts = new Set(ours.map((line) => line.address));
        const pointsIntoAnInstruction = ours.some(({ instruction }) => {
          const address = instruction!.mode === 'immediate' ? undefined : instruction!.operand;
          return address !== undefined && address >= 0x0600 && address < 0x0600 + bytes.length && !starts.has(address);
        });
        fc.pre(!pointsIntoAnInstruction);
        const da65Lines = disassembleWithDa65(bytes, 0x0600)
          .split('\n')
          .map((line) => line.replace(/;.*$/, '').replace(/^\w+:/, '').trim())
          .filter((line) => line !== '' && !line.startsWith('.setcpu') && !line.includes(':='));
        // da65 shows bytes it cannot place (an operand running past the end) as .byte; only compare full instructions.
        const theirs = da65Lines.filter((line) => !line.startsWith('.byte')).slice(0, ours.length);
        expect(normalise(theirs, new Map())).toEqual(normalise(ours.map((line) => line.text), new Map()));
      }),
      { numRuns: 25 },
    );
  });
});
