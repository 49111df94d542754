/** Turns one line of assembly source into tokens with columns; bad characters become error tokens, never exceptions. */

export type TokenKind =
  | 'identifier' // loop, LDA, X, define
  | 'directive' // .byte, .ORG (the dot is kept)
  | 'local' // @loop, a cheap local label
  | 'number' // $FF, %1010, 255, 'A' (value already decoded)
  | 'string' // "text" (value is the text between the quotes)
  | 'unnamed' // :+ :- :++ (value is the signed distance)
  | 'operator' // punctuation and operators: + - * / ( ) , # : = <> << ...
  | 'error'; // something the lexer could not read

export interface Token {
  readonly kind: TokenKind;
  /** The exact source text (for operators, the operator itself). */
  readonly text: string;
  /** Decoded value of number and unnamed-label tokens. */
  readonly value: number;
  /** 0-based offset in the line. */
  readonly column: number;
  readonly length: number;
}

// Two-character operators are tried before one-character ones, so `<=` never lexes as `<` `=`.
const TWO_CHAR_OPERATORS = new Set(['<=', '>=', '<>', '!=', '==', '<<', '>>', '&&', '||', ':=', '::']);
const ONE_CHAR_OPERATORS = new Set([...'+-*/&|^~<>=!(),#:[]{}']);

const MAX_HEX_OR_BINARY = 0xffffffff;

/** What is wrong with an error token, in words. */
export function describeErrorToken(token: Token): string {
  if (/^(\$[0-9a-f]+|%[01]+|0x[0-9a-f]+)$/i.test(token.text)) return `the number ${token.text} does not fit in 32 bits`;
  if (/^[0-9]+$/.test(token.text)) return `the number ${token.text} is too large`;
  if (token.text.startsWith('"')) return 'this string has no closing quote';
  if (token.text.startsWith("'")) return "a character constant is one character between single quotes, like 'A'";
  return `cannot read '${token.text}'`;
}

function isIdentifierStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || (code >= 48 && code <= 57);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function hexDigitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

function token(kind: TokenKind, text: string, column: number, value = 0): Token {
  return { kind, text, value, column, length: text.length };
}

/** Splits a line into tokens, stopping at a `;` comment that is not inside a string. */
export function tokenizeLine(line: string): Token[] {
  const tokens: Token[] = [];
  const end = line.length;
  let position = 0;
  while (position < end) {
    const code = line.charCodeAt(position);
    if (code === 32 || code === 9 || code === 13) {
      position++;
      continue;
    }
    if (code === 59) break; // ; comment
    const start = position;

    if (
      isIdentifierStart(code) ||
      (code === 46 && position + 1 < end && isIdentifierStart(line.charCodeAt(position + 1))) ||
      // Cheap locals may start with a digit after the @ (`@1:`), as in ca65.
      (code === 64 && position + 1 < end && isIdentifierPart(line.charCodeAt(position + 1)))
    ) {
      position++;
      while (position < end && isIdentifierPart(line.charCodeAt(position))) position++;
      const text = line.slice(start, position);
      tokens.push(token(code === 46 ? 'directive' : code === 64 ? 'local' : 'identifier', text, start));
      continue;
    }

    if (isDigit(code)) {
      // Decimal, or C-style 0x / 0b for people coming from other assemblers.
      let value = 0;
      let radix = 10;
      if (code === 48 && position + 2 < end && (line[position + 1] === 'x' || line[position + 1] === 'X') && hexDigitValue(line.charCodeAt(position + 2)) >= 0) {
        radix = 16;
        position += 2;
      }
      while (position < end && isIdentifierPart(line.charCodeAt(position))) {
        const digit = hexDigitValue(line.charCodeAt(position));
        if (digit < 0 || digit >= radix) break;
        value = value * radix + digit;
        position++;
      }
      if (position < end && isIdentifierPart(line.charCodeAt(position))) {
        while (position < end && isIdentifierPart(line.charCodeAt(position))) position++;
        tokens.push(token('error', line.slice(start, position), start));
        continue;
      }
      const tooLarge = radix === 16 ? value > MAX_HEX_OR_BINARY : value > Number.MAX_SAFE_INTEGER;
      tokens.push(token(tooLarge ? 'error' : 'number', line.slice(start, position), start, value));
      continue;
    }

    if (code === 36 || code === 37) {
      // $hex or %binary; a bare $ or % is an error (or % is the modulo operator after a value).
      const radix = code === 36 ? 16 : 2;
      let value = 0;
      let digits = 0;
      position++;
      while (position < end) {
        const digit = hexDigitValue(line.charCodeAt(position));
        if (digit < 0 || digit >= radix) break;
        value = value * radix + digit;
        digits++;
        position++;
      }
      if (digits === 0 || (position < end && isIdentifierPart(line.charCodeAt(position)))) {
        while (position < end && isIdentifierPart(line.charCodeAt(position))) position++;
        tokens.push(token('error', line.slice(start, Math.max(position, start + 1)), start));
        if (position === start) position++;
        continue;
      }
      // ca65 reads $ and % numbers into 32 bits and rejects longer ones.
      tokens.push(token(value > MAX_HEX_OR_BINARY ? 'error' : 'number', line.slice(start, position), start, value));
      continue;
    }

    if (code === 39) {
      // 'A' is the character code. Like ca65, the closing quote is required: `lda #'A` is an error.
      if (position + 2 < end && line.charCodeAt(position + 2) === 39) {
        const value = line.charCodeAt(position + 1);
        position += 3;
        tokens.push(token('number', line.slice(start, position), start, value & 0xff));
      } else {
        position = Math.min(end, position + 2);
        tokens.push(token('error', line.slice(start, position), start));
      }
      continue;
    }

    if (code === 34) {
      const close = line.indexOf('"', position + 1);
      if (close < 0) {
        tokens.push({ kind: 'error', text: line.slice(start), value: 0, column: start, length: end - start });
        position = end;
        continue;
      }
      const text = line.slice(start, close + 1);
      tokens.push({ kind: 'string', text: text.slice(1, -1), value: 0, column: start, length: text.length });
      position = close + 1;
      continue;
    }

    if (code === 58 && position + 1 < end) {
      // :+ :++ :- :-- refer to unnamed labels.
      const sign = line[position + 1];
      if (sign === '+' || sign === '-') {
        let count = 0;
        let scan = position + 1;
        while (scan < end && line[scan] === sign) {
          count++;
          scan++;
        }
        tokens.push(token('unnamed', line.slice(start, scan), start, sign === '+' ? count : -count));
        position = scan;
        continue;
      }
    }

    const two = line.slice(position, position + 2);
    if (TWO_CHAR_OPERATORS.has(two)) {
      tokens.push(token('operator', two, start));
      position += 2;
      continue;
    }
    const one = line[position]!;
    if (ONE_CHAR_OPERATORS.has(one)) {
      tokens.push(token('operator', one, start));
      position++;
      continue;
    }
    tokens.push(token('error', one, start));
    position++;
  }
  return tokens;
}
