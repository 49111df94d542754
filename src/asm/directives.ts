/** The directive table: every directive name with its handler, one entry per directive family; the line walk dispatches through it. */

import { align, assertDirective, dataDirective, messageDirective, reserve, reserveBytes } from './data.js';
import { closeScope, define, openScope } from './definitions.js';
import { conditional } from './conditionals.js';
import { closestMatch } from './diagnostics.js';
import { featureDirective } from './features.js';
import { macpackDirective } from './macro-packages.js';
import { autoImportDirective, exportDirective, globalDirective, importDirective } from './linkage.js';
import { expectEnd } from './evaluation.js';
import { TokenCursor } from './expressions.js';
import { incbin, include } from './includes.js';
import { type Token } from './lexer.js';
import { startMacro, startRepeat } from './macro-expansion.js';
import { fail } from './reporting.js';
import { org, segmentDirective, switchSegment } from './segments.js';
import { type Assembly, type LineContext } from './state.js';
import { startEnum, startStruct, tagSize } from './structs.js';

/** What a directive does with its line; `word` is its name in lower case (one handler serves a family). */
export type DirectiveHandler = (asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor, word: string) => void;

export interface DirectiveEntry {
  readonly names: readonly string[];
  readonly handler: DirectiveHandler;
  /** Runs even inside a false .if branch (the conditionals themselves, to keep the nesting right). */
  readonly evenWhenInactive?: boolean;
}

/** Directives that matter to ca65's linker or listing only; one self-contained program needs none of them. */
const ignored: DirectiveHandler = () => undefined;

/** Every directive moth knows. A name appears once here and nowhere else. */
export const DIRECTIVE_TABLE: readonly DirectiveEntry[] = [
  { names: ['.org'], handler: (asm, context, head, cursor) => org(asm, context, head, cursor) },
  { names: ['.byte', '.byt', '.db'], handler: (asm, context, head, cursor) => dataDirective(asm, context, head, cursor, 1) },
  { names: ['.word', '.dw', '.addr'], handler: (asm, context, head, cursor) => dataDirective(asm, context, head, cursor, 2) },
  { names: ['.dbyt'], handler: (asm, context, head, cursor) => dataDirective(asm, context, head, cursor, -2) },
  { names: ['.faraddr'], handler: (asm, context, head, cursor) => dataDirective(asm, context, head, cursor, 3) },
  { names: ['.dword'], handler: (asm, context, head, cursor) => dataDirective(asm, context, head, cursor, 4) },
  { names: ['.bankbytes'], handler: (asm, context, head, cursor) => dataDirective(asm, context, head, cursor, 1, '^') },
  { names: ['.lobytes'], handler: (asm, context, head, cursor) => dataDirective(asm, context, head, cursor, 1, '<') },
  { names: ['.hibytes'], handler: (asm, context, head, cursor) => dataDirective(asm, context, head, cursor, 1, '>') },
  { names: ['.asciiz'], handler: (asm, context, head, cursor) => dataDirective(asm, context, head, cursor, 1, undefined, true) },
  { names: ['.res', '.ds'], handler: reserve },
  { names: ['.align'], handler: align },
  { names: ['.include'], handler: include },
  { names: ['.incbin'], handler: incbin },
  { names: ['.macro', '.mac'], handler: startMacro },
  { names: ['.repeat', '.rept'], handler: startRepeat },
  { names: ['.endmacro', '.endmac'], handler: (asm, context, head) => fail(asm, context, head, `'${head.text}' without a matching .macro`) },
  { names: ['.endrepeat', '.endrep'], handler: (asm, context, head) => fail(asm, context, head, `'${head.text}' without a matching .repeat`) },
  {
    names: ['.exitmacro', '.exitmac'],
    handler: (asm, context, head) => {
      if (asm.macroDepth === 0) fail(asm, context, head, `'${head.text}' outside a macro`);
      asm.exitMacroRequested = true;
    },
  },
  { names: ['.local'], handler: (asm, context, head) => fail(asm, context, head, "'.local' is only allowed inside a macro body") },
  { names: ['.if', '.elseif', '.else', '.endif', '.ifdef', '.ifndef', '.ifblank', '.ifnblank', '.ifconst'], handler: conditional, evenWhenInactive: true },
  { names: ['.error', '.fatal'], handler: (asm, context, head, cursor) => messageDirective(asm, context, head, cursor, 'error') },
  { names: ['.warning'], handler: (asm, context, head, cursor) => messageDirective(asm, context, head, cursor, 'warning') },
  { names: ['.out'], handler: (asm, context, head, cursor) => messageDirective(asm, context, head, cursor, 'note') },
  { names: ['.assert'], handler: assertDirective },
  { names: ['.segment'], handler: segmentDirective },
  {
    names: ['.code', '.data', '.rodata', '.bss', '.zeropage'],
    handler: (asm, context, _head, cursor, word) => {
      expectEnd(asm, context, cursor);
      switchSegment(asm, word.slice(1).toUpperCase(), context);
      asm.currentLine.section = asm.section;
      asm.currentLine.address = asm.section.pc;
    },
  },
  { names: ['.setcpu'], handler: setCpu },
  { names: ['.p02'], handler: (asm) => void ((asm.undocumentedAllowed = false), (asm.cmos = false)) },
  { names: ['.pc02'], handler: (asm) => void ((asm.undocumentedAllowed = false), (asm.cmos = true)) },
  { names: ['.enum'], handler: startEnum },
  { names: ['.endenum'], handler: (asm, context, head) => fail(asm, context, head, "'.endenum' without a matching .enum") },
  { names: ['.struct'], handler: startStruct },
  { names: ['.endstruct'], handler: (asm, context, head) => fail(asm, context, head, "'.endstruct' without a matching .struct") },
  { names: ['.tag'], handler: (asm, context, head, cursor) => reserveBytes(asm, context, head, tagSize(asm, context, head, cursor), undefined) },
  { names: ['.proc'], handler: (asm, context, head, cursor) => openScope(asm, context, head, cursor, true) },
  { names: ['.scope'], handler: (asm, context, head, cursor) => openScope(asm, context, head, cursor, false) },
  { names: ['.endproc', '.endscope'], handler: closeScope },
  { names: ['.define'], handler: define },
  {
    names: ['.undefine'],
    handler: (asm, context, head, cursor) => {
      const target = cursor.next();
      if (!target || target.kind !== 'identifier') fail(asm, context, target ?? head, 'expected the name to undefine');
      asm.defines.delete(target.text);
    },
  },
  { names: ['.set'], handler: (asm, context, head) => fail(asm, context, head, "'.set' needs a name before it", "write 'counter .set counter + 1'") },
  { names: ['.import', '.importzp'], handler: importDirective },
  { names: ['.export', '.exportzp'], handler: exportDirective },
  { names: ['.global', '.globalzp'], handler: globalDirective },
  { names: ['.autoimport'], handler: autoImportDirective },
  { names: ['.feature'], handler: featureDirective },
  { names: ['.macpack'], handler: macpackDirective },
  {
    names: ['.union', '.endunion'],
    handler: (asm, context, head) => fail(asm, context, head, `moth does not support ca65's ${head.text.toLowerCase()}`, 'lay the members out with a .struct, or name the shared offsets with constants'),
  },
  {
    names: ['.a8', '.a16', '.i8', '.i16'],
    handler: (asm, context, head) => fail(asm, context, head, `${head.text} sets a 65816 register size; moth assembles for the 6502`, 'remove it: the 6502 has 8-bit registers only'),
  },
  {
    names: ['.p816'],
    handler: (asm, context, head) => fail(asm, context, head, 'moth assembles for the 6502, not the 65816', 'remove .p816: 65816 code cannot run on the machines moth emulates'),
  },
  {
    names: ['.end'],
    // ca65 reads nothing after .end, not even the rest of its line (the AIM-65 monitor ends with `.END A0/1`).
    handler: (asm) => {
      asm.ended = true;
    },
  },
  { names: ['.reloc', '.debuginfo', '.list', '.listbytes', '.smart', '.case'], handler: ignored },
];

const BY_NAME = new Map<string, DirectiveEntry>();
for (const entry of DIRECTIVE_TABLE) for (const name of entry.names) BY_NAME.set(name, entry);

/** Every directive name (lower case), for "did you mean" hints. */
export const DIRECTIVE_NAMES: readonly string[] = [...BY_NAME.keys()];

/** The table entry for a directive word in lower case, if moth knows it. */
export function directiveEntry(word: string): DirectiveEntry | undefined {
  return BY_NAME.get(word);
}

export function runDirective(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const word = head.text.toLowerCase();
  const entry = BY_NAME.get(word);
  if (entry) {
    entry.handler(asm, context, head, cursor, word);
    return;
  }
  const suggestion = closestMatch(word, DIRECTIVE_NAMES);
  fail(asm, context, head, `unknown directive '${head.text}'`, suggestion ? `did you mean '${suggestion}'?` : 'see docs/assembler.md for the directives moth knows');
}

export function setCpu(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const name = cursor.next();
  if (!name || name.kind !== 'string') fail(asm, context, name ?? head, '.setcpu needs a CPU name in double quotes', 'write .setcpu "6502", "6502X" or "65C02"');
  const cpu = name.text.toUpperCase();
  if (cpu === '6502') [asm.undocumentedAllowed, asm.cmos] = [false, false];
  else if (cpu === '6502X') [asm.undocumentedAllowed, asm.cmos] = [true, false];
  else if (cpu === '65C02') [asm.undocumentedAllowed, asm.cmos] = [false, true];
  else fail(asm, context, name, `moth assembles for the 6502 and the 65C02, not '${name.text}'`, 'use "6502", "6502X" for the undocumented opcodes, or "65C02"');
}
