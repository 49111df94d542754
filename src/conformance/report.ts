/** Turns conformance reports into the plain-text lines `npm run conformance` prints (formatting only). */

import { FLAG_MASK, REGISTER_FLAGS } from '../cpu/flags.js';
import { hex, hexDigits, hexWord } from '../shared/hex.js';
import type { ClassTally, ConformanceSummary, Difference, OpcodeReport, TestOutcome } from './runner.js';

/** `a $12→$13`, `p $E4→$64 (N)`, `[$01FF] $05→$00`, `cycles 5→4`: one difference, expected before actual. */
export function formatDifference(difference: Difference): string {
  switch (difference.kind) {
    case 'register': {
      const { register, expected, actual } = difference;
      if (register === 'pc') return `pc ${hexWord(expected)}→${hexWord(actual)}`;
      if (register === 'p') {
        const changed = REGISTER_FLAGS.filter((name) => ((expected ^ actual) & FLAG_MASK[name]) !== 0);
        return `p ${hex(expected)}→${hex(actual)} (${changed.join('')})`;
      }
      return `${register} ${hex(expected)}→${hex(actual)}`;
    }
    case 'ram':
      return `[${hexWord(difference.address)}] ${hex(difference.expected)}→${hex(difference.actual)}`;
    case 'cycles':
      return `cycles ${difference.expected}→${difference.actual}`;
    case 'error':
      return `threw: ${difference.message}`;
  }
}

/** `#12 "69 3f 2a": a $12→$13, cycles 2→3` (at most `limit` differences, then a count of the rest). */
export function formatOutcome(outcome: TestOutcome, limit = 6): string {
  const shown = outcome.differences.slice(0, limit).map(formatDifference);
  const hidden = outcome.differences.length - shown.length;
  if (hidden > 0) shown.push(`…and ${hidden} more`);
  return `#${outcome.position} "${outcome.name}": ${shown.join(', ')}`;
}

const CLASS_LABEL: Readonly<Record<OpcodeReport['vectorClass'], string>> = {
  documented: 'documented',
  'undocumented-stable': 'undocumented',
  'undocumented-unstable': 'unstable',
  'undocumented-jam': 'jam',
  'reserved-nop': 'reserved nop',
  wait: 'wait',
};

/**
 * One line per opcode: `a9 LDA imm  documented   200 passed    0 failed`, then for a failure the first
 * failing test and its differences (expected→actual), and the known-stale tests counted apart.
 */
export function formatOpcodeLine(report: OpcodeReport): string {
  const head = `${hexDigits(report.opcode).toLowerCase()} ${report.mnemonic.padEnd(3)} ${report.mode.padEnd(3)}  ${CLASS_LABEL[report.vectorClass].padEnd(12)}`;
  let line = `${head} ${String(report.passed).padStart(4)} passed ${String(report.failed).padStart(4)} failed`;
  const staleCount = report.stale.matching + report.stale.differing;
  if (staleCount > 0) {
    const example = report.stale.firstDiffering ? `, e.g. ${formatOutcome(report.stale.firstDiffering, 3)}` : '';
    line += `  (+${staleCount} known stale, ${report.stale.kind ?? 'unnamed'}: ${report.stale.matching} reproduce the old data, ${report.stale.differing} differ${example})`;
  }
  if (report.doubtful.differing > 0) {
    const example = report.doubtful.firstDiffering ? `, e.g. ${formatOutcome(report.doubtful.firstDiffering, 3)}` : '';
    line += `  (cycles reported doubtful upstream, ${report.doubtful.kinds.join(', ')}: ${report.doubtful.differing} tests differ only there, following the chip${example})`;
  }
  if (report.busCycles && report.busCycles.matched < report.busCycles.compared) {
    line += `  (bus cycles: ${report.busCycles.matched} of ${report.busCycles.compared} match)`;
  }
  if (report.firstFailure) line += `\n    first failure (expected→actual) ${formatOutcome(report.firstFailure)}`;
  return line;
}

function formatTally(label: string, tally: ClassTally): string {
  let line = `${label}: ${tally.opcodes} opcodes, ${tally.passed} passed, ${tally.failed} failed`;
  const stale = tally.staleMatching + tally.staleDiffering;
  if (stale > 0) {
    line += `; ${stale} known stale tests counted apart (${tally.staleMatching} reproduce the old data, ${tally.staleDiffering} differ)`;
  }
  if (tally.failingOpcodes.length > 0) {
    line += `; failing opcodes: ${tally.failingOpcodes.map((opcode) => hexDigits(opcode).toLowerCase()).join(' ')}`;
  }
  return line;
}

/** The closing block: undocumented figures, the bus-cycle figure and the final `conformance: N passed, M failed`. */
export function formatSummary(summary: ConformanceSummary): string[] {
  const { byClass } = summary;
  const bus = summary.busCycles
    ? `bus cycles: ${summary.busCycles.matched} of ${summary.busCycles.compared} tests match cycle by cycle`
    : 'bus cycles: unavailable (the CPU records no per-cycle bus log, so only cycle counts were compared)';
  const writes = summary.busWrites
    ? `bus writes: ${summary.busWrites.matched} of ${summary.busWrites.compared} tests write the same bytes to the same addresses in the same order ` +
      `(all write cycles, dummy writes included; known-stale tests left out)` +
      (summary.opcodesWithWriteDifferences.length > 0
        ? `; differing opcodes: ${summary.opcodesWithWriteDifferences.map((opcode) => hexDigits(opcode).toLowerCase()).join(' ')}`
        : '')
    : undefined;
  const doubtful =
    summary.doubtfulCycles > 0
      ? [`cycle counts reported doubtful upstream: ${summary.doubtfulCycles} tests differ from the data only in cycles (moth follows the chip; see the vectors' README)`]
      : [];
  const optional = (label: string, tally: ClassTally): string[] => (tally.opcodes > 0 ? [formatTally(label, tally)] : []);
  return [
    formatTally('documented', byClass.documented),
    ...optional('undocumented (stable)', byClass['undocumented-stable']),
    ...optional('undocumented (unstable, chip-dependent)', byClass['undocumented-unstable']),
    ...optional('undocumented (JAM)', byClass['undocumented-jam']),
    ...optional('reserved NOPs (65C02)', byClass['reserved-nop']),
    ...doubtful,
    bus,
    ...(writes === undefined ? [] : [writes]),
    `conformance: ${byClass.documented.passed} passed, ${byClass.documented.failed} failed`,
  ];
}
