/** The text of a map file like `ld65 -m`: each module's part of each segment, the segment list, the exports and the imports. */

import { hexDigits } from '../../shared/hex.js';
import type { PlacedSegment } from './link.js';

/** One exported name as the map shows it. */
export interface MapExport {
  readonly name: string;
  readonly value: number;
  /** ld65's three letters: R (imported somewhere) or blank, L (label) or E (value), Z (zero page) or A. */
  readonly flags: string;
  /** The module that exports it; undefined for the linker's own symbols. */
  readonly module: string | undefined;
  readonly importers: readonly { readonly module: string; readonly file: string; readonly line: number }[];
}

/** ld65 names a module by its file's last part; moth's modules are the source files. */
function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function mapFileText(modules: readonly string[], segments: readonly PlacedSegment[], exports: readonly MapExport[]): string {
  const lines: string[] = ['Modules list:', '-------------'];
  for (const module of modules) {
    lines.push(`${baseName(module)}:`);
    for (const segment of segments) {
      for (const part of segment.parts) {
        if (part.module !== module) continue;
        lines.push(`    ${segment.name.padEnd(18)}Offs=${hexDigits(part.offset, 6)}  Size=${hexDigits(part.size, 6)}  Align=${hexDigits(part.align, 5)}  Fill=${hexDigits(part.fill, 4)}`);
      }
    }
  }
  lines.push('', '', 'Segment list:', '-------------');
  lines.push('Name                   Start     End    Size  Align');
  lines.push('----------------------------------------------------');
  for (const segment of segments) {
    if (segment.size === 0) continue;
    const end = segment.run + segment.size - 1;
    lines.push(`${segment.name.padEnd(20)}  ${hexDigits(segment.run, 6)}  ${hexDigits(end, 6)}  ${hexDigits(segment.size, 6)}  ${hexDigits(segment.align, 5)}`);
  }
  // Two exports to a line, as ld65 prints them.
  const columns = (list: readonly MapExport[]): string[] => {
    const rows: string[] = [];
    for (let index = 0; index < list.length; index += 2) {
      rows.push(list.slice(index, index + 2).map((entry) => `${entry.name.padEnd(25)} ${hexDigits(entry.value & 0xffffff, 6)} ${entry.flags}    `).join(''));
    }
    return rows;
  };
  const byName = [...exports].sort((first, second) => (first.name < second.name ? -1 : first.name > second.name ? 1 : 0));
  const byValue = [...exports].sort((first, second) => first.value - second.value || (first.name < second.name ? -1 : 1));
  lines.push('', '', 'Exports list by name:', '---------------------', ...columns(byName), '', '', '');
  lines.push('Exports list by value:', '----------------------', ...columns(byValue), '', '', '');
  lines.push('Imports list:', '-------------');
  for (const entry of byName) {
    if (entry.importers.length === 0) continue;
    lines.push(`${entry.name} (${entry.module === undefined ? 'linker' : baseName(entry.module)}):`);
    for (const importer of entry.importers) lines.push(`    ${baseName(importer.module).padEnd(25)} ${importer.file}(${importer.line})`);
  }
  return lines.join('\n') + '\n\n';
}
