/**
 * What a debug session knows about the loaded program: its labels, which source line emitted each byte,
 * where breakpoints may be patched, and the disassembly and stack as a learner reads them (through
 * side-effect-free peeks, so looking never disturbs a device).
 */
import type { CpuVariant } from '../cpu/variants.js';
import { disassembleOne } from '../asm/disassembler.js';
import type { Result } from '../shared/result.js';
import type { BreakpointTarget } from './breakpoints.js';
import type { SourceLocation } from './events.js';
import type { DebugProgram, DisassemblyLine, StackEntry } from './session-types.js';
import { readStack } from './stack-frames.js';
import type { StackPushes } from './stack-pushes.js';

export class ProgramView {
  /** Address → index into the debug map of the line that emitted the byte there, or -1. */
  private readonly lineIndex = new Int32Array(0x10000).fill(-1);
  /** 1 where the debug map has a line starting (an instruction or data): a breakpoint there may be patched. */
  readonly lineStarts = new Uint8Array(0x10000);
  /** Address → the label shown for it (labels win over constants with the same value). */
  readonly labelsByAddress = new Map<number, string>();
  private readonly sortedLabels: { readonly address: number; readonly name: string }[] = [];

  constructor(
    readonly program: DebugProgram,
    private readonly peek: (address: number) => number,
    /** Whose opcode table the disassembly reads. */
    private readonly variant: CpuVariant = '6502',
  ) {
    program.debugMap.forEach((entry, index) => {
      this.lineStarts[entry.address & 0xffff] = 1;
      for (let offset = 0; offset < Math.max(1, entry.length); offset++) {
        const address = (entry.address + offset) & 0xffff;
        if (this.lineIndex[address] === -1) this.lineIndex[address] = index;
      }
    });
    const labels = [...program.symbols.values()].filter((symbol) => symbol.value >= 0 && symbol.value <= 0xffff);
    // Labels win over constants with the same value: `loop` reads better than `COUNT` in a disassembly.
    labels.sort((left, right) => Number(left.kind !== 'label') - Number(right.kind !== 'label'));
    for (const symbol of labels) {
      if (!this.labelsByAddress.has(symbol.value)) this.labelsByAddress.set(symbol.value, symbol.name);
      if (symbol.kind === 'label') this.sortedLabels.push({ address: symbol.value, name: symbol.name });
    }
    this.sortedLabels.sort((left, right) => left.address - right.address);
  }

  /** True when `address` lies inside the loaded image. */
  inImage(address: number): boolean {
    const image = this.program.image;
    return image !== undefined && address >= image.start && address < image.start + image.bytes.length;
  }

  /** A label's value, or undefined (exact name first, then ignoring case). */
  symbol(name: string): number | undefined {
    const exact = this.program.symbols.get(name);
    if (exact !== undefined) return exact.value;
    const lower = name.toLowerCase();
    for (const [key, symbol] of this.program.symbols) if (key.toLowerCase() === lower) return symbol.value;
    return undefined;
  }

  get symbolNames(): readonly string[] {
    return [...this.program.symbols.keys()];
  }

  labelAt(address: number): string | undefined {
    return this.labelsByAddress.get(address & 0xffff);
  }

  labelBefore(address: number): { readonly name: string; readonly offset: number } | undefined {
    let found: { name: string; offset: number } | undefined;
    for (const label of this.sortedLabels) {
      if (label.address > address) break;
      found = { name: label.name, offset: address - label.address };
    }
    return found;
  }

  locationOf(address: number): SourceLocation | undefined {
    const index = this.lineIndex[address & 0xffff]!;
    if (index < 0) return undefined;
    const entry = this.program.debugMap[index]!;
    const { file, line, column } = entry.location;
    return { file, line, column, length: entry.location.length ?? 0 };
  }

  addressesForLine(file: string, line: number): readonly number[] {
    const addresses: number[] = [];
    let expansionStart: number | undefined;
    for (const entry of this.program.debugMap) {
      const call = entry.macroCall;
      if (call !== undefined && call.line === line && sameFile(call.file, file)) {
        // A macro call line stops once, where its expansion begins, not at every instruction inside.
        expansionStart ??= entry.address;
        continue;
      }
      if (entry.location.line !== line || !sameFile(entry.location.file, file)) continue;
      if (!addresses.includes(entry.address)) addresses.push(entry.address);
    }
    if (expansionStart !== undefined && !addresses.includes(expansionStart)) addresses.push(expansionStart);
    return addresses;
  }

  get mainFile(): string {
    return this.program.debugMap[0]?.location.file ?? '';
  }

  /** The addresses a breakpoint target stands for, or why it stands for none. */
  resolveTarget(target: BreakpointTarget): Result<readonly number[]> {
    switch (target.kind) {
      case 'address':
        return isAddress(target.address) ? { ok: true, value: [target.address] } : { ok: false, error: `${target.address} is not an address` };
      case 'label': {
        const value = this.symbol(target.name);
        return value === undefined || !isAddress(value)
          ? { ok: false, error: `no label "${target.name}"` }
          : { ok: true, value: [value] };
      }
      case 'line': {
        const addresses = this.addressesForLine(target.file, target.line);
        return addresses.length === 0
          ? { ok: false, error: `${target.file === '' ? 'line' : target.file + ':'}${target.line} has no instruction` }
          : { ok: true, value: addresses };
      }
    }
  }

  disassemble(address: number, count: number): DisassemblyLine[] {
    const lines: DisassemblyLine[] = [];
    let current = address & 0xffff;
    for (let index = 0; index < count; index++) {
      const instruction = disassembleOne(this.peek, current, this.labelsByAddress, this.variant);
      lines.push({
        address: current,
        bytes: instruction.bytes,
        text: instruction.text,
        label: this.labelAt(current),
        location: this.locationOf(current),
      });
      current = (current + instruction.length) & 0xffff;
    }
    return lines;
  }

  /** The used part of the stack above `sp`, top first, with the frames JSR, BRK and interrupts pushed marked (stack-frames.ts). */
  stack(sp: number, pushes: StackPushes): StackEntry[] {
    return readStack(sp, {
      peek: this.peek,
      pushed: (slot) => pushes.at(slot),
      routineName: (target) => this.labelAt(target) ?? this.labelBefore(target)?.name,
    });
  }
}

export function isAddress(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffff;
}

/** `programs/hello.s` matches `hello.s`, `programs/hello.s` and the empty name (the main file). */
function sameFile(actual: string, wanted: string): boolean {
  if (wanted === '' || actual === wanted) return true;
  return actual.endsWith('/' + wanted) || wanted.endsWith('/' + actual);
}
