/** The assembler's result: the image, segments, symbols, debug map, listing and symbol file, built from the finished state. */

import { type Diagnostic } from './diagnostics.js';
import { symbolValue } from './evaluation.js';
import { listingText, symbolFileText } from './listing.js';
import { type SourceLocation } from './source.js';
import type { Assembly } from './state.js';

export interface AssemblyImage {
  /** Load address of bytes[0]: the lowest address anything was emitted to. */
  readonly start: number;
  /** Everything from the lowest to the highest emitted address; gaps are $00. */
  readonly bytes: Uint8Array;
}

export interface SegmentInfo {
  readonly name: string;
  /** Lowest address used in the segment. */
  readonly start: number;
  /** Bytes from start to the highest address used. */
  readonly size: number;
}

export interface SymbolInfo {
  /** `loop`, or `main@loop` for a cheap local inside `main`. */
  readonly name: string;
  readonly value: number;
  readonly kind: 'label' | 'constant' | 'local';
  readonly location?: SourceLocation;
}

export interface DebugMapEntry {
  readonly address: number;
  readonly length: number;
  /** The line that produced the bytes (for macro expansions, the line inside the macro body). */
  readonly location: SourceLocation;
  /** For bytes from a macro expansion: the call site in the user's source (the outermost call). */
  readonly macroCall?: SourceLocation;
}

export interface AssemblyResult {
  /** True when there are no errors (warnings allowed). */
  readonly ok: boolean;
  readonly diagnostics: Diagnostic[];
  /** undefined when there were errors or nothing was emitted. */
  readonly image: AssemblyImage | undefined;
  readonly segments: SegmentInfo[];
  readonly symbols: Map<string, SymbolInfo>;
  /** Sorted by address. */
  readonly debugMap: DebugMapEntry[];
  /** Like `ca65 -l`: address, include depth, up to four bytes per row, source text. */
  readonly listing: string;
  /** Like `ld65 -Ln` (VICE labels): `al 000600 .start`, one per symbol, by address. */
  readonly symbolFile: string;
  /** Every file read (the main one and includes), by name, for source views. */
  readonly sources: Map<string, string>;
}

export function buildResult(asm: Assembly, memory: Uint8Array, owner: Int32Array): AssemblyResult {
  const ok = asm.errorCount === 0;
  let lowest = -1;
  let highest = -1;
  for (let address = 0; address < 0x10000; address++) {
    if (owner[address] !== 0) {
      if (lowest < 0) lowest = address;
      highest = address;
    }
  }
  const image = ok && lowest >= 0 ? { start: lowest, bytes: memory.slice(lowest, highest + 1) } : undefined;
  const segments: SegmentInfo[] = [];
  for (const segment of asm.segments.values()) {
    let lowest = Infinity;
    let highest = -1;
    for (const section of segment.sections) {
      if (section.highest < section.lowest) continue;
      lowest = Math.min(lowest, section.shift + section.lowest);
      highest = Math.max(highest, section.shift + section.highest);
    }
    if (highest >= lowest) segments.push({ name: segment.name, start: lowest, size: highest - lowest + 1 });
  }
  const symbols = new Map<string, SymbolInfo>();
  for (const record of asm.symbols.values()) {
    if (record.kind === 'unnamed' || record.kind === 'import') continue;
    const value = symbolValue(asm, record, false);
    if (value === undefined) continue;
    symbols.set(record.name, { name: record.name, value, kind: record.kind, location: record.location });
  }
  const debugMap: DebugMapEntry[] = [];
  for (const line of asm.lines) {
    if (!line.emits || line.length === 0) continue;
    const location = { file: line.file, line: line.line, column: line.column };
    const address = line.section.shift + line.address;
    debugMap.push(line.macroCall ? { address, length: line.length, location, macroCall: line.macroCall } : { address, length: line.length, location });
  }
  debugMap.sort((first, second) => first.address - second.address);
  const order = asm.diagnostics.map((_, index) => index);
  order.sort((first, second) => asm.diagnosticLines[first]! - asm.diagnosticLines[second]! || first - second);
  // The listing and symbol file are text nobody may ask for: built on first read, they cost nothing otherwise.
  const listing = once(() => listingText(asm.lines));
  const symbolFile = once(() => symbolFileText(symbols));
  return {
    ok,
    diagnostics: order.map((index) => asm.diagnostics[index]!),
    image,
    segments,
    symbols,
    debugMap,
    get listing(): string {
      return listing();
    },
    get symbolFile(): string {
      return symbolFile();
    },
    sources: asm.sources,
  };
}

export function internalFailure(asm: Assembly, message: string): AssemblyResult {
  return {
    ok: false,
    diagnostics: [
      ...asm.diagnostics,
      {
        severity: 'error',
        message: `internal assembler error: ${message} (please report this with the source that caused it)`,
        location: { file: asm.fileName, line: 1, column: 1 },
        length: 1,
        sourceLine: undefined,
      },
    ],
    image: undefined,
    segments: [],
    symbols: new Map(),
    debugMap: [],
    listing: '',
    symbolFile: '',
    sources: asm.sources,
  };
}

function once(build: () => string): () => string {
  let value: string | undefined;
  return () => (value ??= build());
}
