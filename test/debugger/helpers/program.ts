// Builds DebugPrograms from bytes for session tests, so they need neither the assembler nor a file system.
import type { DebugProgram } from '../../../src/debugger/session.js';

export interface HandProgram {
  /** Instruction bytes, one array per source line (each becomes one debug-map entry on its own line). */
  readonly lines: readonly (readonly number[])[];
  readonly start?: number;
  /** Label name → line index (0-based) it labels. */
  readonly labels?: Readonly<Record<string, number>>;
  readonly file?: string;
}

/** Lays the lines out from `start` (default $0600): line N of the "source" is lines[N-1]. */
export function handProgram(program: HandProgram): DebugProgram & { readonly addressOfLine: (line: number) => number } {
  const start = program.start ?? 0x0600;
  const file = program.file ?? 'test.s';
  const bytes: number[] = [];
  const debugMap: { address: number; length: number; location: { file: string; line: number; column: number } }[] = [];
  const lineAddresses: number[] = [];
  program.lines.forEach((line, index) => {
    const address = start + bytes.length;
    lineAddresses.push(address);
    if (line.length > 0) debugMap.push({ address, length: line.length, location: { file, line: index + 1, column: 1 } });
    bytes.push(...line);
  });
  const symbols = new Map<string, { name: string; value: number; kind: string }>();
  for (const [name, index] of Object.entries(program.labels ?? {})) {
    symbols.set(name, { name, value: lineAddresses[index]!, kind: 'label' });
  }
  return {
    image: { start, bytes: Uint8Array.from(bytes) },
    symbols,
    debugMap,
    addressOfLine: (line) => lineAddresses[line - 1]!,
  };
}
