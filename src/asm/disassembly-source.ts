/**
 * Turns any image back into ca65 source that moth and ca65+ld65 assemble to the very same bytes: labels for
 * the places code jumps to, equates for names outside the image or inside an instruction, `.byte` for the rest.
 */

import type { CpuVariant } from '../cpu/variants.js';
import { hex, hexDigits, hexWord } from '../shared/hex.js';
import { disassemble, isUsableSymbolName, type DisassemblyLine, type SourceSpelling } from './disassembler.js';

export interface DisassemblySourceOptions {
  /** Address of the first byte; the image must end at or below $FFFF. */
  readonly origin: number;
  /** Names the user gave (address → name, from `--symbols`); names ca65 cannot read are left out. */
  readonly symbols?: ReadonlyMap<number, string> | undefined;
  readonly variant?: CpuVariant | undefined;
  /** Spell the NMOS undocumented opcodes under `.setcpu "6502X"`; otherwise they are `.byte` lines. */
  readonly undocumented?: boolean | undefined;
}

/** A name for an address inside an instruction: `name = base+offset`, where `base` labels the instruction. */
export interface InnerEquate {
  readonly name: string;
  readonly base: string;
  readonly offset: number;
}

/** Where every name the text uses is defined, and the lines themselves. */
export interface LabelledDisassembly {
  /** The lines, their operands spelled with the names below. */
  readonly lines: readonly DisassemblyLine[];
  /** The label written before the line that starts at an address. */
  readonly labels: ReadonlyMap<number, string>;
  /** Names of addresses inside a line, by the address that line starts at. */
  readonly innerEquates: ReadonlyMap<number, readonly InnerEquate[]>;
  /** Names of addresses outside the image that operands use, by address. */
  readonly outsideEquates: ReadonlyMap<number, string>;
  /** The `.setcpu` line the text needs, if any. */
  readonly setCpu: string | undefined;
}

/** The `.setcpu` a variant's source needs. The 2A03 reads the NMOS opcodes, so it needs the same as the 6502. */
function setCpuFor(variant: CpuVariant, undocumented: boolean): string | undefined {
  if (variant === '65c02') return '.setcpu "65C02"';
  return undocumented ? '.setcpu "6502X"' : undefined;
}

/**
 * Decodes `bytes` and chooses a name for every address the text mentions: the user's symbols first, then
 * da65-style `L0612` for jump and branch targets inside the image that have none.
 */
export function labelDisassembly(bytes: ArrayLike<number>, options: DisassemblySourceOptions): LabelledDisassembly {
  const origin = options.origin;
  const variant = options.variant ?? '6502';
  const undocumented = options.undocumented === true && variant !== '65c02';
  const end = origin + bytes.length;
  const inImage = (address: number): boolean => address >= origin && address < end;

  // Line boundaries and which lines are `.byte` do not depend on names, so a first pass without them finds both.
  const plain = disassemble(bytes, origin, undefined, variant, { undocumented, codeNames: new Set() });

  const names = new Map<number, string>();
  const taken = new Set<string>();
  for (const [address, name] of options.symbols ?? []) {
    // A name may label one address only (ld65 lists a local name once per scope), the first one wins.
    if (!isUsableSymbolName(name) || taken.has(name) || names.has(address)) continue;
    names.set(address, name);
    taken.add(name);
  }
  const invent = (address: number): string => {
    const existing = names.get(address);
    if (existing !== undefined) return existing;
    let name = `L${hexDigits(address, 4)}`;
    for (let suffix = 1; taken.has(name); suffix++) name = `L${hexDigits(address, 4)}_${suffix}`;
    names.set(address, name);
    taken.add(name);
    return name;
  };

  const referenced = new Set<number>();
  for (const line of plain) {
    const instruction = line.instruction;
    if (instruction === undefined || instruction.asBytes) continue;
    if (instruction.target !== undefined && inImage(instruction.target)) invent(instruction.target);
    if (instruction.target !== undefined) referenced.add(instruction.target);
    if (instruction.operand !== undefined && instruction.mode !== 'immediate') referenced.add(instruction.operand);
  }

  // Every named address inside the image is either a line start (a label) or inside a line (an equate on it).
  const lineStarts = plain.map((line) => line.address);
  const labels = new Map<number, string>();
  const innerEquates = new Map<number, InnerEquate[]>();
  const outsideEquates = new Map<number, string>();
  let lineIndex = 0;
  for (const address of [...names.keys()].sort((first, second) => first - second)) {
    const name = names.get(address)!;
    if (!inImage(address)) {
      if (referenced.has(address)) outsideEquates.set(address, name);
      continue;
    }
    while (lineIndex + 1 < lineStarts.length && lineStarts[lineIndex + 1]! <= address) lineIndex++;
    const start = lineStarts[lineIndex]!;
    if (start === address) {
      labels.set(address, name);
    } else {
      const base = invent(start);
      labels.set(start, base);
      const list = innerEquates.get(start) ?? [];
      list.push({ name, base, offset: address - start });
      innerEquates.set(start, list);
    }
  }

  const operandNames = new Map<number, string>();
  for (const [address, name] of names) if (!inImage(address) ? outsideEquates.has(address) : true) operandNames.set(address, name);
  const codeNames = new Set([...labels.values(), ...[...innerEquates.values()].flat().map((equate) => equate.name)]);
  const lines = disassemble(bytes, origin, operandNames, variant, { undocumented, codeNames } satisfies SourceSpelling);
  return { lines, labels, innerEquates, outsideEquates, setCpu: setCpuFor(variant, undocumented) };
}

/** The whole source text: `.setcpu`, outside equates, `.org`, then labels, instructions and inner equates. */
export function disassemblySource(bytes: ArrayLike<number>, options: DisassemblySourceOptions): string {
  const labelled = labelDisassembly(bytes, options);
  const out: string[] = [];
  if (labelled.setCpu !== undefined) out.push(labelled.setCpu);
  const outside = [...labelled.outsideEquates].sort((first, second) => first[0] - second[0]);
  for (const [address, name] of outside) out.push(`${name} = ${hex(address, address < 0x100 ? 2 : 4)}`);
  if (outside.length > 0) out.push('');
  out.push(`.org ${hexWord(options.origin)}`);
  for (const line of labelled.lines) {
    const label = labelled.labels.get(line.address);
    if (label !== undefined) out.push(`${label}:`);
    out.push(`    ${line.text}`);
    for (const equate of labelled.innerEquates.get(line.address) ?? []) out.push(`${equate.name} = ${equate.base}+${equate.offset}`);
  }
  return out.join('\n') + '\n';
}
