/**
 * Turns the file named on the command line into bytes at addresses: assembly source is assembled (the
 * assembler is imported only then, so running a binary never loads it); a binary image is loaded as it is.
 * Which one a file is comes from file-kind.ts. Every problem becomes a UserError with a message naming the file.
 */
import type { CpuVariant } from '../cpu/variants.js';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AssemblyResult, ResolveFile } from '../asm/index.js';
import { DEFAULT_LOAD_ADDRESS } from '../machine/memory-map.js';
import { hexWord } from '../shared/hex.js';
import { UserError } from './errors.js';
import { programKindOf } from './file-kind.js';
import type { ProgramKind } from './file-kind.js';
import { MAX_TEXT_FILE_BYTES, readFileBounded } from './files.js';

export interface ProgramFile {
  readonly path: string;
  readonly kind: ProgramKind;
  /** Where the bytes go. */
  readonly start: number;
  readonly bytes: Uint8Array;
  /** Address → label, for traces (empty for binaries). */
  readonly labels: ReadonlyMap<number, string>;
  /** The assembler's full result for sources. */
  readonly assembly: AssemblyResult | undefined;
  /** Warnings to show (already formatted), empty when there were none. */
  readonly warnings: string;
  /** Every file read: the program and, for a source, each file it included (so no output replaces one). */
  readonly inputs: readonly string[];
}

/** `-D` constants and `-I` directories for a source (ca65's options). */
export interface SourceOptions {
  readonly predefined?: ReadonlyMap<string, number>;
  readonly includeDirectories?: readonly string[];
  /** The CPU a source is for until its `.setcpu` (`--cpu`, or the machine's CPU). */
  readonly cpu?: CpuVariant;
  readonly features?: readonly string[];
}

/**
 * Loads `path`; `load` is the binary's load address or the source's default origin (default $0600);
 * `declared` is what the user said the file is (`--as`), undefined to tell by its name and contents;
 * `ifNotText` is the advice when a file that must be source is not text.
 */
export async function loadProgramFile(
  path: string,
  load: number | undefined,
  colour: boolean,
  declared?: ProgramKind,
  ifNotText?: string,
  sourceOptions: SourceOptions = {},
): Promise<ProgramFile> {
  const address = load ?? DEFAULT_LOAD_ADDRESS;
  const contents = readFileBounded(path, MAX_TEXT_FILE_BYTES);
  if (programKindOf(path, contents, declared, ifNotText) === 'binary') {
    const room = 0x10000 - address;
    if (contents.length === 0) throw new UserError(`${path}: the file is empty; there is nothing to load.`);
    if (contents.length > room) {
      throw new UserError(`${path}: ${contents.length} bytes is too large for a 6502 binary at ${hexWord(address)} (at most ${room} bytes fit here).`);
    }
    return { path, kind: 'binary', start: address, bytes: contents, labels: new Map(), assembly: undefined, warnings: '', inputs: [path] };
  }
  const source = new TextDecoder().decode(contents);
  const { assemble } = await import('../asm/index.js');
  const inputs = [path];
  const resolveFile = includeResolver(sourceOptions.includeDirectories ?? [], (found) => inputs.push(found));
  const result = assemble(source, {
    fileName: path,
    resolveFile,
    defaultOrigin: address,
    ...(sourceOptions.predefined ? { predefined: sourceOptions.predefined } : {}),
    ...(sourceOptions.cpu ? { cpu: sourceOptions.cpu } : {}),
    ...(sourceOptions.features ? { features: sourceOptions.features } : {}),
    time: assemblyTime(),
  });
  // The formatter (and chalk with it) is loaded only when there is something to say.
  const diagnostics = result.diagnostics.length === 0 ? '' : (await import('./format-diagnostic.js')).formatDiagnostics(result.diagnostics, colour);
  if (!result.ok || result.image === undefined) {
    const formatted = diagnostics === '' ? `${path}: the source produced no bytes to run.\n` : diagnostics;
    throw new UserError(`${path}: assembly failed`, 1, formatted);
  }
  const labels = new Map<number, string>();
  for (const symbol of result.symbols.values()) {
    if (symbol.kind === 'label' && !labels.has(symbol.value)) labels.set(symbol.value, symbol.name);
  }
  return {
    path,
    kind: 'source',
    start: result.image.start,
    bytes: result.image.bytes,
    labels,
    assembly: result,
    warnings: diagnostics,
    inputs,
  };
}

/**
 * `.include` and `.incbin` files, relative to the including file; undefined lets the assembler report it.
 * Only regular files, and only up to the text-file limit: `.incbin "/dev/zero"` or a FIFO would otherwise
 * read for ever (readIncluded says why a file is refused).
 */
export function resolveIncludedFile(name: string, fromFile: string, kind: 'text' | 'binary'): string | Uint8Array | undefined {
  return readIncluded(resolve(dirname(fromFile), name), kind);
}

/**
 * Like resolveIncludedFile, then each `-I` directory in turn, as ca65 searches; `onFound` hears the path of
 * every file found (they are inputs no output may replace).
 */
/** What ca65's `.time` gives: $SOURCE_DATE_EPOCH when set (reproducible builds), else now, in seconds since 1970. */
export function assemblyTime(): number {
  const epoch = process.env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && /^\d+$/.test(epoch)) return Number(epoch);
  return Math.floor(Date.now() / 1000);
}

export function includeResolver(directories: readonly string[], onFound?: (path: string) => void): ResolveFile {
  return (name, fromFile, kind) => {
    for (const path of [resolve(dirname(fromFile), name), ...directories.map((directory) => resolve(directory, name))]) {
      const found = readIncluded(path, kind);
      if (found === undefined) continue;
      onFound?.(path);
      return found;
    }
    return undefined;
  };
}

/**
 * An included file's contents: undefined when there is none at `path` (the search goes on), an Error saying
 * why when one is there but cannot be read; the assembler puts that reason in its located message.
 */
function readIncluded(path: string, kind: 'text' | 'binary'): string | Uint8Array | undefined {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new Error(`cannot open it (${code ?? String(error)})`);
  }
  if (stats.isDirectory()) return undefined;
  if (!stats.isFile()) throw new Error('it is not a regular file (a device or a FIFO could be read for ever)');
  let bytes: Uint8Array;
  try {
    bytes = readFileBounded(path, MAX_TEXT_FILE_BYTES);
  } catch (error) {
    // readFileBounded's message starts with the path, which the assembler's message already names.
    throw new Error(error instanceof Error ? error.message.replace(`${path}: `, '') : String(error));
  }
  return kind === 'text' ? new TextDecoder().decode(bytes) : bytes;
}

