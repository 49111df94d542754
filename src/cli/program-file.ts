/**
 * Turns the file named on the command line into bytes at addresses: a `.s`/`.asm` source is assembled (the
 * assembler is imported only then, so running a binary never loads it); anything else is a raw binary.
 * Every problem becomes a UserError with a message naming the file.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AssemblyResult } from '../asm/index.js';
import { DEFAULT_LOAD_ADDRESS } from '../machine/memory-map.js';
import { hexWord } from '../shared/hex.js';
import { UserError } from './errors.js';
import { readBinaryFile, readTextFile } from './files.js';

export interface ProgramFile {
  readonly path: string;
  readonly kind: 'source' | 'binary';
  /** Where the bytes go. */
  readonly start: number;
  readonly bytes: Uint8Array;
  /** Address → label, for traces (empty for binaries). */
  readonly labels: ReadonlyMap<number, string>;
  /** The assembler's full result for sources. */
  readonly assembly: AssemblyResult | undefined;
  /** Warnings to show (already formatted), empty when there were none. */
  readonly warnings: string;
}

const SOURCE_EXTENSIONS = /\.(s|asm|a65|inc)$/i;

export function isSourceFile(path: string): boolean {
  return SOURCE_EXTENSIONS.test(path);
}

/** Loads `path`; `load` is the binary's load address or the source's default origin (default $0600). */
export async function loadProgramFile(path: string, load: number | undefined, colour: boolean): Promise<ProgramFile> {
  const address = load ?? DEFAULT_LOAD_ADDRESS;
  if (!isSourceFile(path)) {
    const bytes = readBinaryFile(path, 0x10000 - address, `binary at ${hexWord(address)}`);
    return { path, kind: 'binary', start: address, bytes, labels: new Map(), assembly: undefined, warnings: '' };
  }
  const source = readTextFile(path);
  const { assemble } = await import('../asm/index.js');
  const { formatDiagnostics } = await import('./format-diagnostic.js');
  const result = assemble(source, { fileName: path, resolveFile: resolveIncludedFile, defaultOrigin: address });
  const diagnostics = formatDiagnostics(result.diagnostics, colour);
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
  };
}

/** `.include` and `.incbin` files, relative to the including file; undefined lets the assembler report it. */
export function resolveIncludedFile(name: string, fromFile: string, kind: 'text' | 'binary'): string | Uint8Array | undefined {
  const path = resolve(dirname(fromFile), name);
  try {
    return kind === 'text' ? readFileSync(path, 'utf8') : new Uint8Array(readFileSync(path));
  } catch {
    return undefined;
  }
}

/**
 * True when the program's own bytes fill in both bytes of a vector with something non-zero: the author
 * means to use it. `moth run` lets BRK be a real interrupt when a program supplies $FFFE this way (as
 * Klaus Dormann's functional test does), since stopping there would defeat the program.
 */
export function suppliesVector(program: Pick<ProgramFile, 'start' | 'bytes'>, vector: number): boolean {
  const offset = vector - program.start;
  if (offset < 0 || offset + 1 >= program.bytes.length) return false;
  return (program.bytes[offset]! | (program.bytes[offset + 1]! << 8)) !== 0;
}
