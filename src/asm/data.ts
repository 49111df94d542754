/** The directives that lay out bytes: .byte/.word/... data, .res, .align, and the messages and assertions checked later. */

import { type Severity } from './diagnostics.js';
import { currentScope, evaluateNow, evaluateRequired, expectEnd, parseList } from './evaluation.js';
import { type Expression, isParseProblem, parseExpression, TokenCursor } from './expressions.js';
import { type Token } from './lexer.js';
import { byteHint, fail, failOnExpression, formatValue, report } from './reporting.js';
import { claim } from './segments.js';
import { type Assembly, type DataWidth, type LineContext, UTF8 } from './state.js';

export function dataDirective(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor, width: DataWidth, byteOf?: '<' | '>' | '^', terminate = false): void {
  const items = parseList(asm, context, cursor, head, width === 1 && byteOf === undefined);
  const lineIndex = asm.currentLineIndex;
  if (asm.segment.reserveOnly) {
    // ld65 writes nothing of ZEROPAGE or BSS to the file, so data placed there would silently vanish.
    fail(asm, context, head, `segment ${asm.segment.name} holds no bytes in the program image`, 'reserve space here with .res, and put initial values in CODE, RODATA or DATA');
  }
  for (const item of items) {
    if (!('token' in item)) {
      // ca65 stores a string's bytes as they are in the file; sources are UTF-8, so é becomes $C3 $A9.
      const bytes = UTF8.encode(item.text);
      const address = claim(asm, context, head, bytes.length, true);
      asm.fragments.push({ kind: 'bytes', section: asm.section, address, lineIndex, bytes });
      continue;
    }
    const expression = item as Expression;
    if (terminate) failOnExpression(asm, context, expression, `'${head.text}' takes strings only (as in ca65)`, 'put numbers in a .byte line after it');
    const wrapped: Expression = byteOf ? { kind: 'unary', operator: byteOf, operand: expression, token: expression.token } : expression;
    const size = Math.abs(width);
    const address = claim(asm, context, head, size, true);
    const scope = currentScope(asm, address);
    const known = evaluateNow(asm, wrapped, scope, context);
    asm.fragments.push({ kind: 'data', section: asm.section, address, lineIndex, width, expression: wrapped, scope, known });
  }
  if (terminate) {
    const address = claim(asm, context, head, 1, true);
    asm.fragments.push({ kind: 'bytes', section: asm.section, address, lineIndex, bytes: new Uint8Array(1) });
  }
}

export function reserve(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const items = parseList(asm, context, cursor, head, false) as Expression[];
  if (items.length > 2) failOnExpression(asm, context, items[2]!, `'${head.text}' takes a count and an optional fill value`);
  const count = evaluateRequired(asm, items[0]!, context, `the count of ${head.text}`);
  if (count < 0 || count > 0x10000) failOnExpression(asm, context, items[0]!, `${head.text} count ${count} is outside 0–65536`);
  let fill: number | undefined;
  if (items[1]) {
    fill = evaluateRequired(asm, items[1], context, `the fill value of ${head.text}`);
    if (fill < 0 || fill > 0xff) failOnExpression(asm, context, items[1], `fill value ${formatValue(fill)} does not fit in a byte (0..255)`, byteHint(fill));
  }
  reserveBytes(asm, context, head, count, fill);
}

export function reserveBytes(asm: Assembly, context: LineContext, head: Token, count: number, fill: number | undefined): void {
  const emits = !asm.segment.reserveOnly;
  const address = claim(asm, context, head, count, emits);
  // A fill is a count and a value, not an array: a file of many large .res lines must not eat memory.
  if (emits && count > 0) asm.fragments.push({ kind: 'fill', section: asm.section, address, lineIndex: asm.currentLineIndex, length: count, value: fill === undefined ? undefined : fill & 0xff });
  asm.currentLine.reserved = !emits || count > 0;
}

export function align(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const items = parseList(asm, context, cursor, head, false) as Expression[];
  if (items.length > 2) failOnExpression(asm, context, items[2]!, `'.align' takes a boundary and an optional fill value`);
  const boundary = evaluateRequired(asm, items[0]!, context, 'the boundary of .align');
  if (boundary < 1 || boundary > 0x10000 || (boundary & (boundary - 1)) !== 0) {
    failOnExpression(asm, context, items[0]!, `.align boundary ${boundary} is not a power of two from 1 to 65536`);
  }
  let fill: number | undefined;
  if (items[1]) {
    fill = evaluateRequired(asm, items[1], context, 'the fill value of .align');
    if (fill < 0 || fill > 0xff) failOnExpression(asm, context, items[1], `fill value ${formatValue(fill)} does not fit in a byte (0..255)`, byteHint(fill));
  }
  const pc = asm.section.pc;
  const padding = (boundary - (pc % boundary)) % boundary;
  // In a relocatable section the boundary only holds if the linker starts the segment on one too (as ld65 does).
  if (asm.section.relocatable) asm.segment.alignment = Math.max(asm.segment.alignment, boundary);
  reserveBytes(asm, context, head, padding, fill);
}

export function messageDirective(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor, severity: Severity): void {
  const text = cursor.next();
  if (!text || text.kind !== 'string') fail(asm, context, text ?? head, `'${head.text}' needs a message in double quotes`);
  expectEnd(asm, context, cursor);
  report(asm, severity, context, head, text.text, undefined, [], head.length);
}

export function assertDirective(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const result = parseExpression(cursor);
  if (isParseProblem(result)) fail(asm, context, result.token, result.message);
  let severity: Severity = 'error';
  let message = 'assertion failed';
  if (!cursor.atEnd()) {
    const comma = cursor.next()!;
    if (comma.kind !== 'operator' || comma.text !== ',') fail(asm, context, comma, "expected ',' after the .assert condition");
    const action = cursor.next();
    const word = action?.text.toLowerCase();
    if (!action || (word !== 'error' && word !== 'warning' && word !== 'ldwarning' && word !== 'lderror')) {
      fail(asm, context, action ?? comma, "expected 'error' or 'warning' after the .assert condition");
    }
    severity = word === 'warning' || word === 'ldwarning' ? 'warning' : 'error';
    if (!cursor.atEnd()) {
      const second = cursor.next()!;
      const text = cursor.next();
      if (second.kind !== 'operator' || second.text !== ',' || !text || text.kind !== 'string') fail(asm, context, text ?? second, 'expected a message in double quotes');
      message = text.text;
      expectEnd(asm, context, cursor);
    }
  }
  asm.fragments.push({ kind: 'assert', lineIndex: asm.currentLineIndex, expression: result, scope: currentScope(asm), severity, message, token: head });
}
