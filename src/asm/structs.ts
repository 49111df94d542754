/** .struct and .enum: members laid out as offsets or numbered constants, and .tag. */

import { defineSymbol } from './definitions.js';
import { evaluateRequired, expectEnd, parseFullExpression } from './evaluation.js';
import { TokenCursor } from './expressions.js';
import { type Token } from './lexer.js';
import { fail } from './reporting.js';
import { type Assembly, type LineContext } from './state.js';
import { resolveScopedName, scopedKey } from './symbols.js';

/** `.struct Name` lays out members as offsets: `Name::member` is the offset, `.sizeof(Name)` the total. */
export function startStruct(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const name = cursor.next();
  if (!name || name.kind !== 'identifier') {
    // Still swallow the members, so they do not become errors of their own.
    asm.structure = { key: `__struct${++asm.anonymousScopes}`, offset: 0, context, token: head };
    fail(asm, context, name ?? head, '.struct needs a name', 'write e.g. .struct Point');
  }
  expectEnd(asm, context, cursor);
  asm.structure = { key: scopedKey(asm.scopePath, name.text), offset: 0, context, token: head };
}

export function structMember(asm: Assembly, context: LineContext, tokens: readonly Token[]): void {
  const structure = asm.structure!;
  let index = 0;
  let name: Token | undefined;
  if (tokens[0]?.kind === 'identifier') name = tokens[index++];
  const directive = tokens[index];
  if (!directive) {
    if (name) fail(asm, context, name, `member '${name.text}' needs a size`, "write e.g. 'xcoord .word'");
    return;
  }
  const word = directive.kind === 'directive' ? directive.text.toLowerCase() : '';
  if (word === '.endstruct' && !name) {
    asm.structure = undefined;
    asm.structSizes.set(structure.key, structure.offset);
    expectEnd(asm, context, new TokenCursor(tokens.slice(index + 1)));
    return;
  }
  const cursor = new TokenCursor(tokens);
  cursor.index = index + 1;
  const unit: Record<string, number> = { '.byte': 1, '.byt': 1, '.res': 1, '.word': 2, '.addr': 2, '.dbyt': 2, '.faraddr': 3, '.dword': 4 };
  let size: number;
  if (word === '.tag') size = tagSize(asm, context, directive, cursor);
  else if (unit[word] !== undefined) {
    let count = 1;
    if (!cursor.atEnd()) count = evaluateRequired(asm, parseFullExpression(asm, context, cursor, directive), context, `the count of ${directive.text}`);
    else if (word === '.res') fail(asm, context, undefined, '.res needs a count', "write e.g. 'buffer .res 16'");
    if (count < 0 || count > 0x10000) fail(asm, context, directive, `count ${count} is outside 0–65536`);
    size = unit[word]! * count;
  } else {
    fail(asm, context, directive, `'${directive.text}' cannot be a struct member`, 'members are .byte, .word, .addr, .dbyt, .faraddr, .dword, .res n or .tag Struct');
  }
  if (name) {
    const key = scopedKey(structure.key, name.text);
    defineSymbol(asm, context, name, key, 'constant', structure.offset, undefined, false);
    asm.structSizes.set(key, size);
  }
  structure.offset += size;
}

/** The size `.tag Struct` stands for. */
export function tagSize(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): number {
  const first = cursor.next();
  if (!first || first.kind !== 'identifier') fail(asm, context, first ?? head, '.tag needs the name of a .struct');
  let name = first.text;
  while (cursor.isOperator('::') && cursor.peek(1)?.kind === 'identifier') {
    cursor.next();
    name += '::' + cursor.next()!.text;
  }
  expectEnd(asm, context, cursor);
  const key = resolveScopedName(name, asm.scopePath, (candidate) => asm.structSizes.has(candidate));
  const size = asm.structSizes.get(key);
  if (size === undefined) fail(asm, context, first, `'${name}' is not a .struct defined above this line`);
  return size;
}

/** `.enum [name]` numbers its members 0, 1, 2, ... (or from `member = value` on); a name makes them `name::member`. */
export function startEnum(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const name = cursor.next();
  if (name && name.kind !== 'identifier') fail(asm, context, name, "expected a name after '.enum'");
  expectEnd(asm, context, cursor);
  if (name) {
    asm.openScopes.push({ name: name.text, context, token: head, outerPath: asm.scopePath });
    asm.scopePath = scopedKey(asm.scopePath, name.text);
  }
  asm.enumeration = { next: 0, named: name !== undefined, context, token: head };
}

export function enumMember(asm: Assembly, context: LineContext, tokens: readonly Token[]): void {
  const enumeration = asm.enumeration!;
  const head = tokens[0];
  if (!head) return;
  if (head.kind === 'directive' && head.text.toLowerCase() === '.endenum') {
    asm.enumeration = undefined;
    if (enumeration.named) {
      asm.scopePath = asm.openScopes.pop()!.outerPath;
    }
    expectEnd(asm, context, new TokenCursor(tokens.slice(1)));
    return;
  }
  if (head.kind !== 'identifier') fail(asm, context, head, 'expected a member name inside .enum', "write one name per line, optionally '= value'");
  const cursor = new TokenCursor(tokens);
  cursor.index = 1;
  let value = enumeration.next;
  if (!cursor.atEnd()) {
    const equals = cursor.next()!;
    if (equals.kind !== 'operator' || equals.text !== '=') fail(asm, context, equals, `unexpected '${equals.text}' after the member name`);
    const expression = parseFullExpression(asm, context, cursor, equals);
    value = evaluateRequired(asm, expression, context, 'the value of an .enum member');
  }
  defineSymbol(asm, context, head, scopedKey(asm.scopePath, head.text), 'constant', value, undefined, false);
  enumeration.next = value + 1;
}
