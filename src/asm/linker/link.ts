/**
 * The linker: assembles each source file as a module, places every module's segments into the memory areas
 * of an ld65 configuration (in SEGMENTS order, modules in command-line order, with start/offset/align/run),
 * makes the linker symbols, resolves imports against exports, then emits each module's bytes into the output
 * files the areas name — the way ld65 links ca65's object files.
 */

import { hex } from '../../shared/hex.js';
import { layOut } from '../assembler.js';
import type { Diagnostic } from '../diagnostics.js';
import { emit } from '../emit.js';
import { learned, settlePendingConstants, symbolValue } from '../evaluation.js';
import { report } from '../reporting.js';
import type { DebugMapEntry, SymbolInfo } from '../result.js';
import { switchSegment } from '../segments.js';
import { Assembly, lineStartToken, type ResolveFile, type Section, type Segment } from '../state.js';
import type { LinkerConfig, MemoryArea, SegmentRule } from './config.js';
import { listingText } from '../listing.js';
import { type MapExport, mapFileText } from './map-file.js';

export interface LinkSource {
  readonly fileName: string;
  readonly text: string;
}

export interface LinkOptions {
  readonly config: LinkerConfig;
  readonly resolveFile?: ResolveFile;
  /** `-D name=value` constants, defined in every module. */
  readonly predefined?: ReadonlyMap<string, number>;
  /** `--feature` names, on in every module. */
  readonly features?: readonly string[];
  /** What `.time` gives (AssembleOptions.time). */
  readonly time?: number;
}

/** One segment as placed: where it loads (in the file's memory area) and where it runs. */
export interface PlacedSegment {
  readonly name: string;
  readonly load: number;
  readonly run: number;
  readonly size: number;
  readonly align: number;
  readonly type: SegmentRule['type'];
  /** Each module's part: module file name, offset in the segment, size, its alignment and the padding before it. */
  readonly parts: readonly { readonly module: string; readonly offset: number; readonly size: number; readonly align: number; readonly fill: number }[];
}

export interface LinkedProgram {
  readonly ok: boolean;
  readonly diagnostics: Diagnostic[];
  /** Output file name → its bytes, in the order the configuration first names each file. */
  readonly files: Map<string, Uint8Array>;
  readonly segments: readonly PlacedSegment[];
  /** Exported names and linker-made symbols (`__CODE_LOAD__`, …). */
  readonly exports: ReadonlyMap<string, number>;
  /** Every module's labels and constants; a name defined in several modules keeps the first. */
  readonly symbols: ReadonlyMap<string, SymbolInfo>;
  /** Run addresses → source lines of every module, sorted by address. */
  readonly debugMap: DebugMapEntry[];
  readonly sources: Map<string, string>;
  /** ld65's `-m` map: modules, segments, exports. */
  readonly mapFile: string;
  /** Each module's listing (like `ca65 -l`, at the addresses the linker gave), one after another, each under its file name. */
  readonly listing: string;
}

interface AreaState {
  readonly area: MemoryArea;
  /** Next free address. */
  next: number;
  /** One past the last byte written to the file (relative to the area's start). */
  used: number;
  readonly bytes: Uint8Array;
  readonly owner: Int32Array;
}

/** Assembles `sources` as modules and links them with `options.config`; never throws. */
export function linkSources(sources: readonly LinkSource[], options: LinkOptions): LinkedProgram {
  const { config } = options;
  const diagnostics: Diagnostic[] = [];
  const configError = (rule: SegmentRule, message: string, hint?: string): void => {
    diagnostics.push({
      severity: 'error',
      message,
      location: { file: config.file, line: rule.line, column: rule.column },
      length: rule.name.length,
      sourceLine: config.sourceLines[rule.line - 1],
      ...(hint !== undefined ? { hint } : {}),
    });
  };

  const modules = sources.map((source) => {
    const asm = new Assembly({ fileName: source.fileName, ...(options.resolveFile ? { resolveFile: options.resolveFile } : {}), module: true, ...(options.time === undefined ? {} : { time: options.time }) });
    switchSegment(asm, 'CODE', undefined);
    layOut(asm, source.text, options.predefined, options.features);
    return asm;
  });

  // Every segment a module uses must have a rule, or ld65 would not know where it goes.
  const rules = new Map(config.segments.map((rule) => [rule.name, rule]));
  for (const asm of modules) {
    for (const segment of asm.segments.values()) {
      if (rules.has(segment.name) || segmentSize(segment) === 0) continue;
      const context = segment.sections[0]?.opened ?? asm.lines[0];
      if (context) report(asm, 'error', context, lineStartToken(), `segment '${segment.name}' has no place in the linker configuration ${config.file}`, `add a line for it to SEGMENTS, e.g. '${segment.name}: load = ${config.memory[0]?.name ?? 'MAIN'}, type = ro;'`);
    }
  }

  // Place the segments, rule by rule, each module's part after the one before.
  const areas = new Map<string, AreaState>(
    config.memory.map((area) => {
      const bytes = new Uint8Array(area.file === undefined ? 0 : Math.max(0, area.size)).fill(area.fillValue & 0xff);
      return [area.name, { area, next: area.start, used: 0, bytes, owner: new Int32Array(bytes.length) }];
    }),
  );
  const placed: PlacedSegment[] = [];
  const linkerSymbols = new Map<string, number>();
  for (const rule of config.segments) {
    const load = areas.get(rule.load)!;
    const run = areas.get(rule.run)!;
    let loadAddress = load.next;
    if (rule.offset !== undefined) loadAddress = load.area.start + rule.offset;
    if (rule.start !== undefined) loadAddress = rule.start;
    if (loadAddress < load.next) {
      configError(rule, `segment ${rule.name} starts at ${hex(loadAddress, 4)}, but memory area ${load.area.name} is already used up to ${hex(load.next - 1, 4)}`);
    }
    loadAddress = alignUp(loadAddress, rule.align);
    const sameArea = rule.run === rule.load;
    let runAddress = sameArea ? loadAddress : alignUp(run.next, rule.align);
    const parts: PlacedSegment['parts'][number][] = [];
    let size = 0;
    for (const asm of modules) {
      const segment = asm.segments.get(rule.name);
      if (!segment) continue;
      const partSize = segmentSize(segment);
      // A module's part starts on the boundary its .align lines need.
      const offset = alignUp(loadAddress + size, segment.alignment) - loadAddress;
      const partLoad = loadAddress + offset;
      const partRun = runAddress + offset;
      const writes = rule.type !== 'bss' && rule.type !== 'zp' && load.area.file !== undefined;
      for (const section of segment.sections) {
        if (section.relocatable) {
          section.placed = true;
          section.shift = partRun + section.streamOffset - section.startPc;
          learned();
        }
        section.output = writes ? { bytes: load.bytes, owner: load.owner, fill: rule.fillValue ?? load.area.fillValue } : undefined;
        section.outputDelta = partLoad - load.area.start + section.streamOffset - section.startPc;
      }
      if (rule.fillValue !== undefined && writes) load.bytes.fill(rule.fillValue, loadAddress + size - load.area.start, partLoad - load.area.start);
      parts.push({ module: asm.fileName, offset, size: partSize, align: segment.alignment, fill: offset - size });
      size = offset + partSize;
    }
    const end = loadAddress + size;
    const areaEnd = load.area.start + load.area.size;
    if (end > areaEnd) configError(rule, `segment ${rule.name} does not fit: memory area ${load.area.name} overflows by ${end - areaEnd} bytes`, `make ${load.area.name} bigger or the program smaller`);
    load.next = Math.max(load.next, end);
    if (rule.type !== 'bss' && rule.type !== 'zp' && size > 0) load.used = Math.max(load.used, end - load.area.start);
    if (!sameArea) {
      run.next = runAddress + size;
      if (run.next > run.area.start + run.area.size) configError(rule, `segment ${rule.name} does not fit where it runs: memory area ${run.area.name} overflows by ${run.next - run.area.start - run.area.size} bytes`);
    } else runAddress = loadAddress;
    let align = 1;
    for (const asm of modules) align = Math.max(align, asm.segments.get(rule.name)?.alignment ?? 1);
    placed.push({ name: rule.name, load: loadAddress, run: runAddress, size, align, type: rule.type, parts });
    if (rule.define) {
      linkerSymbols.set(`__${rule.name}_LOAD__`, loadAddress);
      linkerSymbols.set(`__${rule.name}_RUN__`, runAddress);
      linkerSymbols.set(`__${rule.name}_SIZE__`, size);
    }
  }
  const fileOffset = new Map<string, number>();
  for (const { area, used, next } of areas.values()) {
    const offset = area.file === undefined ? 0 : (fileOffset.get(area.file) ?? 0);
    if (area.file !== undefined) fileOffset.set(area.file, offset + (area.fill ? area.size : used));
    if (!area.define) continue;
    linkerSymbols.set(`__${area.name}_START__`, area.start);
    linkerSymbols.set(`__${area.name}_SIZE__`, area.size);
    linkerSymbols.set(`__${area.name}_LAST__`, next);
    linkerSymbols.set(`__${area.name}_FILEOFFS__`, offset);
  }

  // Exports: linker symbols, the configuration's SYMBOLS, then each module's exported names.
  const exports = new Map<string, () => number | undefined>();
  for (const [name, value] of linkerSymbols) exports.set(name, () => value);
  for (const symbol of config.symbols) {
    if (symbol.kind === 'import' || symbol.value === undefined) continue;
    const value = symbol.value;
    exports.set(symbol.name, () => value);
  }
  const weak = new Set(config.symbols.filter((symbol) => symbol.kind === 'weak').map((symbol) => symbol.name));
  const exportedBy = new Map<string, Assembly>();
  for (const asm of modules) {
    for (const [key, { token, context }] of asm.exported) {
      const record = asm.symbols.get(key);
      if (record === undefined) {
        report(asm, 'error', context, token, `'${token.text}' is exported but never defined in ${asm.fileName}`);
        continue;
      }
      if (record.kind === 'import') continue; // a .global this module only uses
      const first = exportedBy.get(key);
      if (first) {
        report(asm, 'error', context, token, `'${token.text}' is exported by two modules: ${first.fileName} and ${asm.fileName}`);
        continue;
      }
      if (exports.has(key) && !weak.has(key)) {
        report(asm, 'error', context, token, `'${token.text}' is also a symbol of the linker configuration`);
        continue;
      }
      exportedBy.set(key, asm);
      exports.set(key, () => symbolValue(asm, record, false));
    }
  }
  for (const asm of modules) {
    asm.importValue = (name) => exports.get(name)?.();
    learned(); // imports have values now
    for (const record of asm.symbols.values()) {
      if (record.kind !== 'import' || exports.has(record.name)) continue;
      const context = asm.lines[record.lineIndex];
      if (context) {
        report(asm, 'error', context, { kind: 'identifier', text: record.name, value: 0, column: record.location.column - 1, length: record.name.length }, `'${record.name}' is imported, but no module exports it`, 'export it with .export in the file that defines it, and name that file on the command line');
      }
    }
  }

  for (const asm of modules) {
    emit(asm);
    settlePendingConstants(asm);
  }

  // Files: each file's areas in MEMORY order, padded to full size when `fill = yes`.
  const pieces = new Map<string, Uint8Array[]>();
  for (const { area, used, bytes } of areas.values()) {
    if (area.file === undefined) continue;
    const list = pieces.get(area.file) ?? [];
    list.push(bytes.subarray(0, area.fill ? area.size : used));
    pieces.set(area.file, list);
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, list] of pieces) {
    const total = list.reduce((sum, piece) => sum + piece.length, 0);
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const piece of list) {
      bytes.set(piece, at);
      at += piece.length;
    }
    files.set(name, bytes);
  }

  const exportValues = new Map<string, number>();
  for (const [name, value] of exports) {
    const known = value();
    if (known !== undefined) exportValues.set(name, known);
  }
  const symbols = new Map<string, SymbolInfo>();
  const debugMap: DebugMapEntry[] = [];
  const allSources = new Map<string, string>();
  for (const asm of modules) {
    for (const record of asm.symbols.values()) {
      if (record.kind === 'unnamed' || record.kind === 'import' || symbols.has(record.name)) continue;
      const value = symbolValue(asm, record, false);
      if (value !== undefined) symbols.set(record.name, { name: record.name, value, kind: record.kind, location: record.location });
    }
    for (const line of asm.lines) {
      if (!line.emits || line.length === 0) continue;
      const location = { file: line.file, line: line.line, column: line.column };
      const address = line.section.shift + line.address;
      debugMap.push(line.macroCall ? { address, length: line.length, location, macroCall: line.macroCall } : { address, length: line.length, location });
    }
    for (const [name, text] of asm.sources) allSources.set(name, text);
    const order = asm.diagnostics.map((_, index) => index);
    order.sort((first, second) => asm.diagnosticLines[first]! - asm.diagnosticLines[second]! || first - second);
    for (const index of order) diagnostics.push(asm.diagnostics[index]!);
  }
  debugMap.sort((first, second) => first.address - second.address);
  const ok = !diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  return {
    ok,
    diagnostics,
    files: ok ? files : new Map(),
    segments: placed,
    exports: exportValues,
    symbols,
    debugMap,
    sources: allSources,
    mapFile: mapFileText(modules.map((asm) => asm.fileName), placed, mapExports(modules, exportValues, exportedBy)),
    // Built on first read: most links never ask for it.
    get listing(): string {
      return modules.map((asm) => `; ${asm.fileName}\n${listingText(asm.lines)}`).join('\n');
    },
  };
}

/** What the map says of each export: its value, ld65's flags, who exports it and who imports it from where. */
function mapExports(modules: readonly Assembly[], values: ReadonlyMap<string, number>, exportedBy: ReadonlyMap<string, Assembly>): MapExport[] {
  const importers = new Map<string, { module: string; file: string; line: number }[]>();
  for (const asm of modules) {
    for (const record of asm.symbols.values()) {
      if (record.kind !== 'import') continue;
      const list = importers.get(record.name) ?? [];
      list.push({ module: asm.fileName, file: record.location.file, line: record.location.line });
      importers.set(record.name, list);
    }
  }
  return [...values].map(([name, value]) => {
    const owner = exportedBy.get(name);
    const record = owner?.symbols.get(name);
    const section = record?.at?.section as Section | undefined;
    const zeroPage = section ? section.segment.zeroPage : record?.addressSize === 'zeroPage';
    // ld65's three letters: R when some module imports it, L for a label (E for a value), Z zero page or A absolute.
    const flags = `${importers.has(name) ? 'R' : ' '}${record === undefined || record.at !== undefined ? 'L' : 'E'}${zeroPage ? 'Z' : 'A'}`;
    return { name, value, flags, module: owner?.fileName, importers: importers.get(name) ?? [] };
  });
}

/** Bytes (and reserved addresses) a module's segment takes: all its sections, one after another. */
function segmentSize(segment: Segment): number {
  let size = 0;
  for (const section of segment.sections) size += section.pc - section.startPc;
  return size;
}

function alignUp(value: number, boundary: number): number {
  return boundary <= 1 ? value : Math.ceil(value / boundary) * boundary;
}
