/** The text of a map file like `ld65 -m`: each module's part of each segment, the segment list, and the exports. */

import { hexDigits } from '../../shared/hex.js';
import type { PlacedSegment } from './link.js';

export function mapFileText(modules: readonly string[], segments: readonly PlacedSegment[], exports: ReadonlyMap<string, number>): string {
  const lines: string[] = ['Modules list:', '-------------'];
  for (const module of modules) {
    lines.push(`${module}:`);
    for (const segment of segments) {
      for (const part of segment.parts) {
        if (part.module !== module) continue;
        lines.push(`    ${segment.name.padEnd(18)}Offs=${hexDigits(part.offset, 6)}  Size=${hexDigits(part.size, 6)}`);
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
  lines.push('', '', 'Exports list by name:', '---------------------');
  for (const name of [...exports.keys()].sort()) lines.push(`${name.padEnd(24)} ${hexDigits(exports.get(name)! & 0xffffff, 6)}`);
  lines.push('', '', 'Exports list by value:', '----------------------');
  for (const [name, value] of [...exports].sort((first, second) => first[1] - second[1] || (first[0] < second[0] ? -1 : 1))) {
    lines.push(`${name.padEnd(24)} ${hexDigits(value & 0xffffff, 6)}`);
  }
  return lines.join('\n') + '\n';
}
