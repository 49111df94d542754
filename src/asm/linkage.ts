/**
 * What a module shares with the others of a linked program: `.import`/`.importzp` (names another module
 * defines), `.export`/`.exportzp` (names this one offers), `.global`/`.globalzp` (either, whichever the module
 * turns out to do) and `.autoimport`. The linker (linker/link.ts) resolves them.
 */

import { assignment, defineSymbol, definitionKey } from './definitions.js';
import { expectEnd } from './evaluation.js';
import type { TokenCursor } from './expressions.js';
import type { Token } from './lexer.js';
import type { OperandSize } from './operands.js';
import { fail } from './reporting.js';
import type { Assembly, LineContext } from './state.js';

/** One `name[: addrsize]` of a list; the size word is ca65's (zeropage, zp, direct, absolute, abs, near, far). */
function nameWithSize(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor, defaultSize: OperandSize): { name: Token; size: OperandSize } {
  const name = cursor.next();
  if (!name || name.kind !== 'identifier') fail(asm, context, name ?? head, `'${head.text}' needs a symbol name`);
  let size = defaultSize;
  if (cursor.isOperator(':') && cursor.peek(1)?.kind === 'identifier') {
    cursor.next();
    const word = cursor.next()!;
    const lower = word.text.toLowerCase();
    if (lower === 'zeropage' || lower === 'zp' || lower === 'direct') size = 'zeroPage';
    else if (lower === 'absolute' || lower === 'abs' || lower === 'near' || lower === 'far') size = 'absolute';
    else fail(asm, context, word, `unknown address size '${word.text}'`, 'write zeropage or absolute');
  }
  return { name, size };
}

/** Calls `each` for every name of a comma-separated list. */
function eachName(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor, each: () => void): void {
  for (;;) {
    each();
    if (cursor.atEnd()) return;
    const comma = cursor.next()!;
    if (comma.kind !== 'operator' || comma.text !== ',') fail(asm, context, comma, `expected ',' between names, found '${comma.text}'`);
  }
}

function declareImport(asm: Assembly, context: LineContext, name: Token, size: OperandSize): void {
  const key = definitionKey(asm, name);
  const existing = asm.symbols.get(key);
  if (existing?.kind === 'import') return;
  if (existing) fail(asm, context, name, `'${name.text}' is defined in this file, so it cannot be imported`);
  defineSymbol(asm, context, name, key, 'import', undefined, undefined, false);
  asm.symbols.get(key)!.addressSize = size;
}

/** `.import a, b: zeropage` and `.importzp a, b`. */
export function importDirective(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor, word: string): void {
  const size: OperandSize = word === '.importzp' ? 'zeroPage' : 'absolute';
  eachName(asm, context, head, cursor, () => {
    const { name, size: written } = nameWithSize(asm, context, head, cursor, size);
    declareImport(asm, context, name, written);
  });
}

/** `.export a, b`, `.export c = 5` (defines it too), `.exportzp d`. */
export function exportDirective(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  eachName(asm, context, head, cursor, () => {
    const { name } = nameWithSize(asm, context, head, cursor, 'absolute');
    asm.exported.set(definitionKey(asm, name), { token: name, context });
    if (cursor.isOperator('=') || cursor.isOperator(':=')) {
      cursor.next();
      // The value runs to the end of the line, as in ca65.
      assignment(asm, context, name, cursor, false);
    }
  });
}

/** `.global a, b` / `.globalzp`: an export if this module defines the name, else an import. */
export function globalDirective(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor, word: string): void {
  const size: OperandSize = word === '.globalzp' ? 'zeroPage' : 'absolute';
  eachName(asm, context, head, cursor, () => {
    const { name, size: written } = nameWithSize(asm, context, head, cursor, size);
    const key = definitionKey(asm, name);
    asm.exported.set(key, { token: name, context });
    if (!asm.symbols.has(key)) declareImport(asm, context, name, written);
  });
}

/** `.autoimport +` (or `on`): names never defined are looked for among the other modules' exports. */
export function autoImportDirective(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const switchToken = cursor.next();
  const text = switchToken?.text.toLowerCase();
  if (text === '+' || text === 'on') asm.autoImport = true;
  else if (text === '-' || text === 'off') asm.autoImport = false;
  else fail(asm, context, switchToken ?? head, ".autoimport needs '+' or '-'");
  expectEnd(asm, context, cursor);
}
