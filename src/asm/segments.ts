/** Segments and the program counter: entering segments, claiming bytes, .org, and placing the segments after layout as ld65 does. */

import { evaluateRequired, expectEnd, learned, parseFullExpression } from './evaluation.js';
import { TokenCursor } from './expressions.js';
import { hexWord } from '../shared/hex.js';
import { type Token } from './lexer.js';
import { fail, failOnExpression, formatValue, report } from './reporting.js';
import { type Assembly, type LineContext, lineStartToken, type Section, type Segment } from './state.js';

/**
 * Enters a segment, creating it on first use: CODE starts at the default origin, ZEROPAGE at $0000. In a
 * module of a linked program every segment waits for the linker. `zeroPage` is the `: zeropage` suffix.
 */
export function switchSegment(asm: Assembly, name: string, context: LineContext | undefined, zeroPageSuffix = false): void {
  const existing = asm.segments.get(name);
  if (existing) {
    asm.segment = existing;
    return;
  }
  const upper = name.toUpperCase();
  const zeroPage = upper === 'ZEROPAGE' || upper === 'ZP' || zeroPageSuffix;
  const segment: Segment = { name, zeroPage, reserveOnly: zeroPage || upper === 'BSS', sections: [], current: undefined!, alignment: 1 };
  asm.segments.set(name, segment);
  asm.segment = segment;
  // CODE is first in the linker's memory area and ZEROPAGE has a memory area of its own, so their addresses
  // are known from the start; the other segments follow CODE and are placed after the layout pass.
  if (asm.module) openSection(asm, segment, false, 0, context, true);
  else if (upper === 'CODE') openSection(asm, segment, true, asm.defaultOrigin, context, true);
  else if (zeroPage) openSection(asm, segment, true, 0, context, true);
  else openSection(asm, segment, false, 0, context, true);
}

export function openSection(asm: Assembly, segment: Segment, placed: boolean, start: number, context: LineContext | undefined, relocatable: boolean, loadStart?: number): void {
  let streamOffset = 0;
  for (const earlier of segment.sections) streamOffset += earlier.pc - earlier.startPc;
  const previous = segment.sections[segment.sections.length - 1];
  const section: Section = {
    segment,
    relocatable,
    placed,
    shift: 0,
    pc: start,
    lowest: Infinity,
    highest: -1,
    overflowReported: false,
    labels: 0,
    opened: context,
    startPc: start,
    streamOffset,
    // Without a placing address the bytes follow the section before, wherever that one's bytes went.
    loadStart: loadStart ?? (previous === undefined ? (placed ? start : undefined) : loadEnd(previous)),
    output: undefined,
    outputDelta: 0,
  };
  segment.sections.push(section);
  segment.current = section;
}

/** The image address after a section's last byte, when its start is known. */
function loadEnd(section: Section): number | undefined {
  return section.loadStart === undefined ? undefined : section.loadStart + section.pc - section.startPc;
}

/** Claims `length` bytes at the program counter for the current line; returns their offset in the section. */
export function claim(asm: Assembly, context: LineContext, token: Token, length: number, emits: boolean): number {
  const section = asm.section;
  const address = section.pc;
  const line = asm.currentLine;
  if (line.length === 0) {
    line.section = section;
    line.address = address;
  }
  line.length += length;
  if (emits) line.emits = true;
  if (length > 0) {
    section.lowest = Math.min(section.lowest, address);
    section.highest = Math.max(section.highest, address + length - 1);
  }
  section.pc = address + length;
  if (section.placed && section.pc > 0x10000 && !section.overflowReported) {
    section.overflowReported = true;
    report(asm, 'error', context, token, 'the program runs past $FFFF, the top of the 6502 address space', 'use .org to start lower, or make the program smaller');
  }
  return address;
}

/**
 * `.org addr` (and `*= addr` under `.feature pc_assignment`): ca65's meaning, the labels that follow get
 * addresses from `addr` while the bytes go on right after the previous ones. `places` is moth's easy6502-style
 * `*= addr` outside a linked program: the bytes themselves go to `addr` in the image (gaps become $00).
 */
export function org(asm: Assembly, context: LineContext, token: Token, cursor: TokenCursor, places = false): void {
  const expression = parseFullExpression(asm, context, cursor, token);
  const value = evaluateRequired(asm, expression, context, places ? 'the address in *=' : 'the address in .org');
  if (value < 0 || value > 0xffff) failOnExpression(asm, context, expression, `${places ? '*=' : '.org'} address ${formatValue(value)} is outside $0000–$FFFF`);
  const segment = asm.segment;
  const section = asm.section;
  const first = segment.sections.length === 1 || segment.sections.every((earlier) => earlier === section || earlier.pc === earlier.startPc);
  if (section.placed && section.highest < section.lowest && section.labels === 0) {
    // Nothing emitted or labelled yet: just move the start, which is now fixed (ca65's absolute mode). At the
    // start of a segment that is where its bytes begin too, as ld65 would place it with that start address.
    section.pc = value;
    section.startPc = value;
    section.overflowReported = false;
    section.relocatable = false;
    if (places || (first && !asm.module)) section.loadStart = value;
  } else {
    openSection(asm, segment, true, value, context, false, places ? value : undefined);
    const loadStart = asm.section.loadStart;
    if (!places && !asm.module && loadStart !== undefined && value > loadStart) {
      report(
        asm,
        'warning',
        context,
        token,
        `.org ${hexWord(value)} only changes the addresses the labels below get: their bytes still follow the ones before, at ${hexWord(loadStart)} (ca65's .org)`,
        `to put the bytes themselves at ${hexWord(value)}, write '*= ${hexWord(value)}' (moth's placing form), or give them a segment in a linker configuration (-C)`,
      );
    }
  }
  asm.currentLine.section = asm.section;
  asm.currentLine.address = value;
}

/** After the layout pass: RODATA, DATA, other segments and BSS follow the end of CODE, in the linker's order. */
export function placeSections(asm: Assembly): void {
  const code = asm.segments.get('CODE');
  let next = code?.sections[0]?.loadStart ?? asm.defaultOrigin;
  for (const section of code?.sections ?? []) {
    const end = loadEnd(section);
    if (end !== undefined && section.pc > section.startPc) next = Math.max(next, end);
  }
  const order = ['RODATA', 'DATA'];
  for (const name of asm.segments.keys()) if (!order.includes(name) && name !== 'BSS' && name !== 'CODE') order.push(name);
  order.push('BSS');
  for (const name of order) {
    const segment = asm.segments.get(name);
    if (!segment) continue;
    for (const section of segment.sections) {
      if (section.loadStart !== undefined) continue; // a placing section, or one following it
      section.loadStart = next;
      if (!section.placed) {
        section.placed = true;
        section.shift = next - section.startPc;
        learned();
      }
      next += section.pc - section.startPc;
      if (next > 0x10000 && !section.overflowReported) {
        section.overflowReported = true;
        const context = section.opened ?? asm.lines[0];
        if (context) report(asm, 'error', context, lineStartToken(), `segment ${name} runs past $FFFF when placed after the segments before it`, 'make the program smaller or give the segment an .org');
      }
    }
  }
}

export function segmentDirective(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const name = cursor.next();
  if (!name || name.kind !== 'string' || name.text.length === 0) fail(asm, context, name ?? head, '.segment needs a name in double quotes', 'write e.g. .segment "CODE"');
  // An address-size suffix: `: zeropage` makes a segment's labels zero page (as ZEROPAGE's are); others change nothing.
  let zeroPage = false;
  if (cursor.isOperator(':')) {
    cursor.next();
    const size = cursor.next();
    if (!size || size.kind !== 'identifier') fail(asm, context, size ?? name, "expected an address size after ':' (zeropage, absolute)");
    const word = size.text.toLowerCase();
    if (!['zeropage', 'zp', 'direct', 'absolute', 'abs', 'near', 'far', 'long', 'dword'].includes(word)) fail(asm, context, size, `unknown address size '${size.text}'`, 'write zeropage or absolute');
    zeroPage = word === 'zeropage' || word === 'zp' || word === 'direct';
  }
  expectEnd(asm, context, cursor);
  switchSegment(asm, name.text, context, zeroPage);
  asm.currentLine.section = asm.section;
  asm.currentLine.address = asm.section.pc;
}
