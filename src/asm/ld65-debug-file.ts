/**
 * Reads ld65's debug file (`ld65 --dbgfile prog.dbg`, version 2) into the debug map and symbols moth's own
 * assembler produces, so a program built with cc65's tools steps at source level with its labels.
 * (Record and field names from the cc65 documentation of the debug info format.)
 */

import type { Diagnostic } from './diagnostics.js';
import type { DebugMapEntry, SymbolInfo } from './result.js';
import type { SourceLocation } from './source.js';

/** What a debug file tells the debugger. */
export interface Ld65DebugInfo {
  /** Sorted by address, one entry per piece of output the same line made, as assemble() returns it. */
  readonly debugMap: DebugMapEntry[];
  /** Labels and constants by name: `helper::inner` inside a scope, `start@loop` for a cheap local, C functions by their C name. */
  readonly symbols: Map<string, SymbolInfo>;
  /**
   * Where a binary ld65 wrote was loaded, by the file's name as ld65 wrote it (`oname`): the address of its first
   * byte, from a segment and its offset in the file.
   */
  readonly loadAddresses: ReadonlyMap<string, number>;
}

export type Ld65DebugParse = { readonly ok: true; readonly info: Ld65DebugInfo } | { readonly ok: false; readonly diagnostics: Diagnostic[] };

export interface Ld65DebugOptions {
  /** The debug file's name, for messages. */
  readonly fileName: string;
  /**
   * Turns a source name as ca65 recorded it (relative to where it ran) into the name the debugger should
   * read; the default keeps it. The CLI looks beside the debug file when the name does not resolve from here.
   */
  readonly resolveSourceName?: (name: string) => string;
}

/** One record: its kind, its fields, and where each field's value starts on the line (for messages). */
interface DebugRecord {
  readonly kind: string;
  readonly fields: ReadonlyMap<string, string>;
  readonly columns: ReadonlyMap<string, number>;
  readonly lineNumber: number;
  readonly text: string;
}

/** A `line` record: a source line and the spans of output it made. */
interface LineRecord {
  readonly file: number;
  readonly line: number;
  /** 0: assembler source, 1: an outside source such as C (from `.dbg line`), 2: a line inside a macro. */
  readonly type: number;
  readonly spans: readonly number[];
}

/** At most this many problems are reported; a file that is not a debug file at all would otherwise list every line. */
const MAX_DIAGNOSTICS = 20;

const LINE_TYPE_ASSEMBLER = 0;
const LINE_TYPE_OUTSIDE = 1;
const LINE_TYPE_MACRO = 2;

/** Parses `key=value,key="value, with commas"` after the record's kind; undefined when the text breaks that form. */
function parseFields(text: string, offset: number): { fields: Map<string, string>; columns: Map<string, number> } | { badColumn: number } {
  const fields = new Map<string, string>();
  const columns = new Map<string, number>();
  const field = /([A-Za-z_]+)=("(?:[^"\\]|\\.)*"|[^,"]*)(,|$)/y;
  let position = 0;
  while (position < text.length) {
    field.lastIndex = position;
    const match = field.exec(text);
    if (match === null) return { badColumn: offset + position + 1 };
    const raw = match[2]!;
    fields.set(match[1]!, raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
    columns.set(match[1]!, offset + position + match[1]!.length + 2);
    position = field.lastIndex;
    if (match[3] === '' && position < text.length) return { badColumn: offset + position + 1 };
  }
  return { fields, columns };
}

/**
 * Parses the text of a debug file. Record kinds it does not use (`lib`, `type`, ...) and fields it does not
 * know are skipped, so a newer ld65 still loads; a broken record or a reference to a record that is not
 * there is an error at its line and column.
 */
export function parseLd65DebugFile(text: string, options: Ld65DebugOptions): Ld65DebugParse {
  const diagnostics: Diagnostic[] = [];
  const lines = text.split(/\r?\n|\r/);
  let unreported = 0;
  const fail = (record: { lineNumber: number; text: string }, column: number, message: string, hint?: string): void => {
    if (diagnostics.length >= MAX_DIAGNOSTICS) {
      unreported++;
      return;
    }
    diagnostics.push({
      severity: 'error',
      message,
      location: { file: options.fileName, line: record.lineNumber, column },
      length: 1,
      sourceLine: record.text,
      ...(hint === undefined ? {} : { hint }),
    });
  };

  const failed = (): Ld65DebugParse => {
    const more = unreported === 0 ? [] : [{ severity: 'note' as const, message: `${unreported} more problem${unreported === 1 ? '' : 's'} like these not shown`, location: undefined, length: 1, sourceLine: undefined }];
    return { ok: false, diagnostics: [...diagnostics, ...more] };
  };

  const records: DebugRecord[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const tab = line.indexOf('\t');
    const lineNumber = index + 1;
    if (tab < 0) {
      fail({ lineNumber, text: line }, 1, 'not a debug-file record (expected a kind, a tab, then key=value fields)');
      continue;
    }
    const parsed = parseFields(line.slice(tab + 1), tab + 1);
    if ('badColumn' in parsed) {
      fail({ lineNumber, text: line }, parsed.badColumn, 'expected key=value fields separated by commas');
      continue;
    }
    records.push({ kind: line.slice(0, tab), fields: parsed.fields, columns: parsed.columns, lineNumber, text: line });
  }
  const version = records[0];
  if (version === undefined || version.kind !== 'version') {
    const first = version ?? { lineNumber: 1, text: lines[0] ?? '' };
    fail(first, 1, 'not an ld65 debug file: it does not start with a version record', 'make it with ld65 --dbgfile prog.dbg');
    return failed();
  }
  if (version.fields.get('major') !== '2') {
    fail(version, version.columns.get('major') ?? 1, `debug file version ${version.fields.get('major') ?? '?'} is not supported (moth reads version 2, which ld65 2.13 and later write)`);
    return failed();
  }

  /** A numeric field (decimal or 0x hex), or an error at its column. */
  const numberField = (record: DebugRecord, key: string, required: boolean): number | undefined => {
    const raw = record.fields.get(key);
    if (raw === undefined) {
      if (required) fail(record, record.text.indexOf('\t') + 2, `${record.kind} record without ${key}=`);
      return undefined;
    }
    const value = /^0x[0-9a-f]+$/i.test(raw) ? parseInt(raw.slice(2), 16) : /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (Number.isNaN(value)) fail(record, record.columns.get(key)!, `${key}=${raw} is not a number`);
    return Number.isNaN(value) ? undefined : value;
  };
  /** A `1+2+3` list of ids. */
  const idList = (record: DebugRecord, key: string): number[] => {
    const raw = record.fields.get(key);
    if (raw === undefined || raw === '') return [];
    const ids = raw.split('+').map(Number);
    if (ids.some((id) => !Number.isInteger(id))) {
      fail(record, record.columns.get(key)!, `${key}=${raw} is not a list of ids`);
      return [];
    }
    return ids;
  };

  const files = new Map<number, string>();
  const segments = new Map<number, { start: number; size: number; inFile: boolean; outputName?: string; outputOffset?: number }>();
  const spans = new Map<number, { segment: number; start: number; size: number; record: DebugRecord }>();
  const lineRecords = new Map<number, LineRecord & { record: DebugRecord }>();
  const scopes = new Map<number, { name: string; parent: number | undefined }>();
  const symbolRecords: DebugRecord[] = [];
  const cSymbols: DebugRecord[] = [];

  for (const record of records.slice(1)) {
    const id = record.kind === 'info' ? 0 : numberField(record, 'id', true);
    if (id === undefined) continue;
    switch (record.kind) {
      case 'file': {
        const name = record.fields.get('name');
        if (name === undefined) fail(record, record.text.indexOf('\t') + 2, 'file record without name=');
        else files.set(id, options.resolveSourceName?.(name) ?? name);
        break;
      }
      case 'seg': {
        const start = numberField(record, 'start', true);
        const size = numberField(record, 'size', true);
        if (start === undefined || size === undefined) break;
        const outputName = record.fields.get('oname');
        const outputOffset = numberField(record, 'ooffs', false);
        segments.set(id, {
          start,
          size,
          inFile: outputName !== undefined,
          ...(outputName === undefined ? {} : { outputName }),
          ...(outputOffset === undefined ? {} : { outputOffset }),
        });
        break;
      }
      case 'span': {
        const segment = numberField(record, 'seg', true);
        const start = numberField(record, 'start', true);
        const size = numberField(record, 'size', true);
        if (segment !== undefined && start !== undefined && size !== undefined) spans.set(id, { segment, start, size, record });
        break;
      }
      case 'line': {
        const file = numberField(record, 'file', true);
        const line = numberField(record, 'line', true);
        const type = numberField(record, 'type', false) ?? LINE_TYPE_ASSEMBLER;
        if (file !== undefined && line !== undefined) lineRecords.set(id, { file, line, type, spans: idList(record, 'span'), record });
        break;
      }
      case 'scope':
        scopes.set(id, { name: record.fields.get('name') ?? '', parent: numberField(record, 'parent', false) });
        break;
      case 'sym':
        // Checked here, so building the symbols later meets only well-formed numbers.
        for (const key of ['val', 'scope', 'parent']) numberField(record, key, false);
        symbolRecords.push(record);
        break;
      case 'csym':
        numberField(record, 'sym', false);
        cSymbols.push(record);
        break;
      default:
        break; // version, info, lib, mod, type: nothing the debugger needs
    }
  }

  // A broken record is reported once, not again at every record that names it.
  if (diagnostics.length > 0) return failed();
  // References between records must hold before anything is built from them.
  for (const { record, file, spans: spanIds } of lineRecords.values()) {
    if (!files.has(file)) fail(record, record.columns.get('file')!, `line record names file ${file}, which the debug file does not list`);
    for (const spanId of spanIds) if (!spans.has(spanId)) fail(record, record.columns.get('span')!, `line record names span ${spanId}, which the debug file does not list`);
  }
  for (const span of spans.values()) {
    if (!segments.has(span.segment)) fail(span.record, span.record.columns.get('seg')!, `span record names segment ${span.segment}, which the debug file does not list`);
  }
  if (diagnostics.length > 0) return failed();

  const debugMap = buildDebugMap(lineRecords, spans, segments, files);
  const symbols = buildSymbols(symbolRecords, cSymbols, scopes, lineRecords, files, numberField);
  return { ok: true, info: { debugMap, symbols, loadAddresses: loadAddressesOf(segments.values()) } };
}

/**
 * Where each output file starts in memory: the address minus the file offset on which most of its bytes agree.
 * A segment that runs elsewhere than it is stored (DATA copied to RAM by the start-up code) disagrees, and a
 * segment ld65 did not place in memory order (an iNES header) too, so the majority decides.
 */
function loadAddressesOf(segments: Iterable<{ start: number; size: number; outputName?: string; outputOffset?: number }>): Map<string, number> {
  const votes = new Map<string, Map<number, number>>();
  for (const segment of segments) {
    if (segment.outputName === undefined || segment.outputOffset === undefined || segment.size === 0) continue;
    const load = segment.start - segment.outputOffset;
    if (load < 0 || load > 0xffff) continue;
    const tally = votes.get(segment.outputName) ?? new Map<number, number>();
    tally.set(load, (tally.get(load) ?? 0) + segment.size);
    votes.set(segment.outputName, tally);
  }
  const loadAddresses = new Map<string, number>();
  for (const [name, tally] of votes) {
    const [best] = [...tally].sort((first, second) => second[1] - first[1] || first[0] - second[0]);
    loadAddresses.set(name, best![0]);
  }
  return loadAddresses;
}

/** The best line for each byte so far: the one with the smallest span, and the outermost macro call. */
interface ByteClaims {
  readonly line: Int32Array;
  readonly lineSize: Int32Array;
  readonly outside: Int32Array;
  readonly outsideSize: Int32Array;
  readonly call: Int32Array;
  readonly callSize: Int32Array;
  /** 1 where some line's output starts: each such byte starts a debug-map entry, so a breakpoint may go there. */
  readonly starts: Uint8Array;
}

function claims(): ByteClaims {
  const table = (): Int32Array => new Int32Array(0x10000).fill(-1);
  return { line: table(), lineSize: table(), outside: table(), outsideSize: table(), call: table(), callSize: table(), starts: new Uint8Array(0x10000) };
}

/**
 * One entry per piece of output: where a line's bytes start, and wherever the line that owns the bytes changes.
 * A byte belongs to the innermost line that made it (a macro's body line rather than the call), and to a C line
 * when a `.dbg line` covers it, so C programs step by their C source; the outermost macro call is `macroCall`.
 * Every instruction starts an entry, so the stack view and breakpoint patching know where instructions begin.
 */
function buildDebugMap(
  lineRecords: ReadonlyMap<number, LineRecord>,
  spans: ReadonlyMap<number, { segment: number; start: number; size: number }>,
  segments: ReadonlyMap<number, { start: number; inFile: boolean }>,
  files: ReadonlyMap<number, string>,
): DebugMapEntry[] {
  const owner = claims();
  for (const [id, line] of lineRecords) {
    for (const spanId of line.spans) {
      const span = spans.get(spanId)!;
      const segment = segments.get(span.segment)!;
      // Segments in no output file hold reserved space (zero page, BSS), not code to step through.
      if (!segment.inFile || span.size === 0) continue;
      const first = segment.start + span.start;
      if (first <= 0xffff) owner.starts[first] = 1;
      for (let address = first; address < first + span.size && address <= 0xffff; address++) {
        if (line.type === LINE_TYPE_OUTSIDE) {
          if (owner.outside[address]! < 0 || span.size < owner.outsideSize[address]!) {
            owner.outside[address] = id;
            owner.outsideSize[address] = span.size;
          }
          continue;
        }
        if (owner.line[address]! < 0 || span.size < owner.lineSize[address]!) {
          owner.line[address] = id;
          owner.lineSize[address] = span.size;
        }
        if (line.type === LINE_TYPE_ASSEMBLER && (owner.call[address]! < 0 || span.size > owner.callSize[address]!)) {
          owner.call[address] = id;
          owner.callSize[address] = span.size;
        }
      }
    }
  }

  const locationOf = (id: number): SourceLocation => {
    const line = lineRecords.get(id)!;
    return { file: files.get(line.file)!, line: line.line, column: 1 };
  };
  const entries: DebugMapEntry[] = [];
  let current: { address: number; length: number; key: string; location: SourceLocation; macroCall?: SourceLocation } | undefined;
  const flush = (): void => {
    if (current === undefined) return;
    const { address, length, location, macroCall } = current;
    entries.push(macroCall === undefined ? { address, length, location } : { address, length, location, macroCall });
    current = undefined;
  };
  for (let address = 0; address <= 0xffff; address++) {
    const outside = owner.outside[address]!;
    const own = outside >= 0 ? outside : owner.line[address]!;
    if (own < 0) {
      flush();
      continue;
    }
    const ownLine = lineRecords.get(own)!;
    const call = owner.call[address]!;
    // A C line is to the instructions made for it what a macro call is to its expansion: its own call site,
    // so a breakpoint on it stops once, where its code begins, while each instruction still starts an entry.
    const macroCall = outside >= 0 ? outside : ownLine.type === LINE_TYPE_MACRO && call >= 0 ? call : -1;
    const key = `${own}/${macroCall}`;
    if (current !== undefined && current.key === key && owner.starts[address] === 0) {
      current.length++;
      continue;
    }
    flush();
    current = { address, length: 1, key, location: locationOf(own), ...(macroCall >= 0 ? { macroCall: locationOf(macroCall) } : {}) };
  }
  flush();
  return entries;
}

function buildSymbols(
  symbolRecords: readonly DebugRecord[],
  cSymbols: readonly DebugRecord[],
  scopes: ReadonlyMap<number, { name: string; parent: number | undefined }>,
  lineRecords: ReadonlyMap<number, LineRecord>,
  files: ReadonlyMap<number, string>,
  numberField: (record: DebugRecord, key: string, required: boolean) => number | undefined,
): Map<string, SymbolInfo> {
  /** `outer::inner::` for a scope nested in named scopes; the top scope of each module has no name. */
  const scopePrefix = (id: number | undefined): string => {
    const parts: string[] = [];
    for (let scope = id === undefined ? undefined : scopes.get(id), depth = 0; scope !== undefined && depth < 64; depth++) {
      if (scope.name !== '') parts.unshift(scope.name);
      scope = scope.parent === undefined ? undefined : scopes.get(scope.parent);
    }
    return parts.map((part) => `${part}::`).join('');
  };
  const definedAt = (record: DebugRecord): SourceLocation | undefined => {
    const firstLine = Number((record.fields.get('def') ?? '').split('+')[0]);
    const line = lineRecords.get(firstLine);
    return line === undefined ? undefined : { file: files.get(line.file)!, line: line.line, column: 1 };
  };

  const byId = new Map<number, { name: string; value: number; scope: number | undefined }>();
  const symbols = new Map<string, SymbolInfo>();
  const add = (name: string, value: number, kind: SymbolInfo['kind'], location: SourceLocation | undefined): void => {
    // The same name in two modules (a local label in each) keeps the first: ld65's label file has the same limit.
    if (symbols.has(name)) return;
    symbols.set(name, location === undefined ? { name, value, kind } : { name, value, kind, location });
  };
  // Cheap locals name their parent symbol, which may come later in the file: read every plain symbol first.
  for (const record of symbolRecords) {
    const id = numberField(record, 'id', true)!;
    const value = numberField(record, 'val', false);
    const type = record.fields.get('type');
    const name = record.fields.get('name');
    if (value === undefined || name === undefined || type === 'imp') continue;
    const scope = numberField(record, 'scope', false);
    byId.set(id, { name, value, scope });
    if (record.fields.has('parent')) continue;
    add(scopePrefix(scope) + name, value, type === 'lab' ? 'label' : 'constant', definedAt(record));
  }
  for (const record of symbolRecords) {
    const parent = numberField(record, 'parent', false);
    const own = byId.get(numberField(record, 'id', true)!);
    const parentSymbol = parent === undefined ? undefined : byId.get(parent);
    if (own === undefined || parentSymbol === undefined) continue;
    // moth spells a cheap local `outer@local`, as its own assembler names it.
    add(scopePrefix(parentSymbol.scope) + parentSymbol.name + own.name, own.value, 'local', definedAt(record));
  }
  // C functions and globals by their C names (`main` for the assembler's `_main`).
  for (const record of cSymbols) {
    const storage = record.fields.get('sc');
    const target = byId.get(numberField(record, 'sym', false) ?? -1);
    const name = record.fields.get('name');
    if ((storage === 'ext' || storage === 'static') && target !== undefined && name !== undefined) add(name, target.value, 'label', undefined);
  }
  return symbols;
}
