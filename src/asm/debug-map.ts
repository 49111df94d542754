/** Queries on the debug map: which source line made the byte at an address, and which addresses a line made. */

import type { DebugMapEntry } from './result.js';

/** The entry whose bytes contain `address`; the map must be sorted by address (as assemble() returns it). */
export function lookupSource(debugMap: readonly DebugMapEntry[], address: number): DebugMapEntry | undefined {
  let low = 0;
  let high = debugMap.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const entry = debugMap[middle]!;
    if (address < entry.address) high = middle - 1;
    else if (address >= entry.address + entry.length) low = middle + 1;
    else return entry;
  }
  return undefined;
}

/**
 * Start addresses of everything a source line produced, in address order. A macro call line matches every
 * line of its expansion (so a breakpoint on the call works), and a line inside a macro body matches each expansion.
 */
export function addressesForLine(debugMap: readonly DebugMapEntry[], file: string, line: number): number[] {
  const addresses: number[] = [];
  for (const entry of debugMap) {
    const direct = entry.location.file === file && entry.location.line === line;
    const viaCall = entry.macroCall !== undefined && entry.macroCall.file === file && entry.macroCall.line === line;
    if (direct || viaCall) addresses.push(entry.address);
  }
  return addresses;
}
