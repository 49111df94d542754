/**
 * The debug information `moth debug` takes from cc65's tools for a binary: ld65's debug file (`--dbgfile`,
 * or `prog.dbg` found beside `prog.bin`) and label files (`--labels`), read from disk into the debug map and
 * symbols the session uses. Every bad line is reported at its place; nothing here guesses silently.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import { parseLd65DebugFile, type Ld65DebugInfo } from '../asm/ld65-debug-file.js';
import type { DebugMapEntry, SymbolInfo } from '../asm/result.js';
import { labelSymbols, parseLabelFile } from '../asm/vice-labels.js';
import { UserError } from './errors.js';
import { formatDiagnostics } from './format-diagnostic.js';
import { readTextFile } from './files.js';

export interface ToolchainDebugOptions {
  /** `--dbgfile FILE`, `false` for `--no-dbgfile`, undefined to look for `prog.dbg` beside the binary. */
  readonly dbgfile?: string | false | undefined;
  /** `--labels FILE` (repeatable). */
  readonly labels?: readonly string[] | undefined;
}

export interface ToolchainDebugInfo {
  readonly debugMap: DebugMapEntry[];
  readonly symbols: Map<string, SymbolInfo>;
  /** Where ld65 says the binary's first byte goes, when its debug file names the binary. */
  readonly loadAddress: number | undefined;
  /** A line for stderr about where the information came from (empty when none was read). */
  readonly note: string;
}

/** The debug file to read for `binary`: the one named, else `prog.dbg` beside `prog.bin` if there is one. */
function debugFileFor(binary: string, option: string | false | undefined): string | undefined {
  if (option === false) return undefined;
  if (option !== undefined) return option;
  const beside = join(dirname(binary), basename(binary, extname(binary)) + '.dbg');
  return existsSync(beside) ? beside : undefined;
}

/**
 * A source name as ca65 recorded it: relative to where ca65 ran, which is usually here or the debug file's
 * folder. The first that exists wins; a name found nowhere is kept, and its lines show without text.
 */
function sourceNameResolver(debugFile: string): (name: string) => string {
  return (name) => {
    if (isAbsolute(name) || existsSync(name)) return name;
    const besideDebugFile = join(dirname(debugFile), name);
    return existsSync(besideDebugFile) ? besideDebugFile : name;
  };
}

/** Reads what was asked for `binary`; undefined when there is nothing to read. */
export function readToolchainDebugInfo(binary: string, options: ToolchainDebugOptions, colour: boolean): ToolchainDebugInfo | undefined {
  const debugFile = debugFileFor(binary, options.dbgfile);
  const labelFiles = options.labels ?? [];
  if (debugFile === undefined && labelFiles.length === 0) return undefined;

  let info: Ld65DebugInfo | undefined;
  const notes: string[] = [];
  if (debugFile !== undefined) {
    const parsed = parseLd65DebugFile(readTextFile(debugFile), { fileName: debugFile, resolveSourceName: sourceNameResolver(debugFile) });
    if (!parsed.ok) throw new UserError(`${debugFile}: not a usable ld65 debug file`, 1, formatDiagnostics(parsed.diagnostics, colour));
    info = parsed.info;
    if (options.dbgfile === undefined) notes.push(`source lines and labels from ${debugFile} (--no-dbgfile to leave it out)`);
  }
  const symbols = new Map(info?.symbols ?? []);
  for (const file of labelFiles) {
    const parsed = parseLabelFile(readTextFile(file), file);
    if (!parsed.ok) throw new UserError(`${file}: not a label file`, 1, formatDiagnostics(parsed.diagnostics, colour));
    // The debug file's names win: they know scopes and kinds a label file has lost.
    for (const [name, symbol] of labelSymbols(parsed.labels, file)) if (!symbols.has(name)) symbols.set(name, symbol);
  }
  const loadAddress = info?.loadAddresses.get(basename(binary)) ?? loadAddressByBaseName(info, binary);
  if (info !== undefined && loadAddress === undefined && info.loadAddresses.size > 0) {
    // Lines for another binary would be shown against the wrong bytes; say so rather than guess quietly.
    notes.push(`warning: ${debugFile} describes ${[...info.loadAddresses.keys()].join(', ')}, not ${basename(binary)}; its source lines may not match these bytes`);
  }
  return {
    debugMap: info?.debugMap ?? [],
    symbols,
    loadAddress,
    note: notes.map((line) => `moth: ${line}\n`).join(''),
  };
}

/** ld65 records the output name as it was given (`build/prog.bin`); the binary may be named from elsewhere. */
function loadAddressByBaseName(info: Ld65DebugInfo | undefined, binary: string): number | undefined {
  for (const [name, address] of info?.loadAddresses ?? []) if (basename(name) === basename(binary)) return address;
  return undefined;
}
