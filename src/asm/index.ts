/** The assembler's public API: assemble ca65-style 6502 source into an image, symbols, a listing and a debug map. */

import { assembleSource, type AssembleOptions, type AssemblyResult } from './assembler.js';

export type {
  AssembleOptions,
  AssemblyImage,
  AssemblyResult,
  DebugMapEntry,
  ResolveFile,
  SegmentInfo,
  SymbolInfo,
} from './assembler.js';
export type { Diagnostic, DiagnosticNote, Severity } from './diagnostics.js';
export type { SourceLocation } from './source.js';
export { formatDiagnostic } from './diagnostics.js';
export { addressesForLine, lookupSource } from './debug-map.js';
export { disassemble, disassembleOne } from './disassembler.js';
export type { DisassembledInstruction, DisassemblyLine } from './disassembler.js';

/**
 * Assembles one source text. Never throws: every problem in the input is a Diagnostic in the result,
 * and `ok` is false when any of them is an error.
 */
export function assemble(source: string, options: AssembleOptions = {}): AssemblyResult {
  return assembleSource(source, options);
}
