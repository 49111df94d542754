/** Expression trees with ca65's operator precedence, parsed from tokens and evaluated to a value or "not known yet". */

import { describeErrorToken, type Token } from './lexer.js';

export type UnaryOperator = '-' | '+' | '~' | '<' | '>' | '^' | '!' | '.loword' | '.hiword';
export type BinaryOperator =
  | '*' | '/' | '.mod' | '&' | '^' | '<<' | '>>'
  | '+' | '-' | '|'
  | '=' | '<>' | '<' | '>' | '<=' | '>='
  | '&&' | '.xor' | '||'
  // ca65's .max(a, b) and .min(a, b), written as functions.
  | '.max' | '.min';

export type Expression =
  | { readonly kind: 'number'; readonly value: number; readonly token: Token }
  | { readonly kind: 'symbol'; readonly name: string; readonly token: Token }
  | { readonly kind: 'local'; readonly name: string; readonly token: Token }
  | { readonly kind: 'unnamed'; readonly distance: number; readonly token: Token }
  | { readonly kind: 'pc'; readonly token: Token }
  | { readonly kind: 'defined'; readonly name: string; readonly token: Token }
  | { readonly kind: 'sizeof'; readonly name: string; readonly token: Token }
  | { readonly kind: 'unary'; readonly operator: UnaryOperator; readonly operand: Expression; readonly token: Token }
  | { readonly kind: 'binary'; readonly operator: BinaryOperator; readonly left: Expression; readonly right: Expression; readonly token: Token };

export interface ParseProblem {
  readonly message: string;
  readonly token: Token | undefined;
}

/** Thrown only inside this module and caught by parseExpression, so a bad expression becomes a value. */
class ExpressionSyntaxError {
  constructor(readonly problem: ParseProblem) {}
}

// ca65's binary levels, loosest first. Word operators (.mod, .and ...) are directive tokens.
const BINARY_LEVELS: readonly (readonly [string, BinaryOperator][])[] = [
  [['||', '||'], ['.or', '||']],
  [['&&', '&&'], ['.and', '&&'], ['.xor', '.xor']],
  [['=', '='], ['==', '='], ['<>', '<>'], ['!=', '<>'], ['<', '<'], ['>', '>'], ['<=', '<='], ['>=', '>=']],
  [['+', '+'], ['-', '-'], ['|', '|'], ['.bitor', '|']],
  [['*', '*'], ['/', '/'], ['.mod', '.mod'], ['&', '&'], ['.bitand', '&'], ['^', '^'], ['.bitxor', '^'], ['<<', '<<'], ['.shl', '<<'], ['>>', '>>'], ['.shr', '>>']],
];
/** Operator text → operator and level (0 = loosest), for precedence climbing. */
const BINARY_LOOKUP = new Map<string, { readonly operator: BinaryOperator; readonly level: number }>(
  BINARY_LEVELS.flatMap((level, index) => level.map(([text, operator]) => [text, { operator, level: index }] as const)),
);

const UNARY_LOOKUP = new Map<string, UnaryOperator>([
  ['-', '-'], ['+', '+'], ['~', '~'], ['.bitnot', '~'], ['<', '<'], ['.lobyte', '<'], ['>', '>'], ['.hibyte', '>'], ['^', '^'], ['.bankbyte', '^'],
  ['.loword', '.loword'], ['.hiword', '.hiword'],
]);

function operatorText(token: Token): string {
  return token.kind === 'directive' ? token.text.toLowerCase() : token.kind === 'operator' ? token.text : '';
}

/** A cursor over one statement's tokens; the statement parser and the expression parser share it. */
export class TokenCursor {
  index = 0;
  /** Operators and parentheses read so far: evaluation recurses over the tree, so its size is capped. */
  operators = 0;
  nesting = 0;
  constructor(readonly tokens: readonly Token[]) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }
  next(): Token | undefined {
    return this.tokens[this.index++];
  }
  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }
  isOperator(text: string, offset = 0): boolean {
    const token = this.tokens[this.index + offset];
    return token !== undefined && token.kind === 'operator' && token.text === text;
  }
}

/** Parses one expression at the cursor; on a syntax error the cursor is left where it stopped. */
export function parseExpression(cursor: TokenCursor): Expression | ParseProblem {
  try {
    return parseBooleanNot(cursor);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error.problem;
    throw error;
  }
}

export function isParseProblem(value: Expression | ParseProblem): value is ParseProblem {
  return 'message' in value;
}

const MAX_OPERATORS = 2000;
const MAX_NESTING = 1000;

function countOperator(cursor: TokenCursor, token: Token): void {
  if (++cursor.operators > MAX_OPERATORS) fail(`this expression has more than ${MAX_OPERATORS} operators; split it into named constants`, token);
}

function fail(message: string, token: Token | undefined): never {
  throw new ExpressionSyntaxError({ message, token });
}

// `!` and `.not` bind loosest of all in ca65, below `||`.
function parseBooleanNot(cursor: TokenCursor): Expression {
  const token = cursor.peek();
  if (token && (operatorText(token) === '!' || operatorText(token) === '.not')) {
    cursor.next();
    countOperator(cursor, token);
    return { kind: 'unary', operator: '!', operand: parseBooleanNot(cursor), token };
  }
  return parseBinary(cursor, 0);
}

// Precedence climbing: one frame per operand instead of one per level keeps deep parentheses off the stack limit.
function parseBinary(cursor: TokenCursor, minimumLevel: number): Expression {
  let left = parseUnary(cursor);
  for (;;) {
    const token = cursor.peek();
    if (!token) return left;
    const found = BINARY_LOOKUP.get(operatorText(token));
    if (!found || found.level < minimumLevel) return left;
    cursor.next();
    countOperator(cursor, token);
    const right = parseBinary(cursor, found.level + 1);
    left = { kind: 'binary', operator: found.operator, left, right, token };
  }
}

function parseUnary(cursor: TokenCursor): Expression {
  const token = cursor.peek();
  if (!token) fail('expected an expression', undefined);
  // ca65 only allows `!` at the loosest level; accepting it here too (as in `a && !b`) changes no valid program.
  const unary = operatorText(token) === '!' || operatorText(token) === '.not' ? '!' : UNARY_LOOKUP.get(operatorText(token));
  if (unary) {
    cursor.next();
    countOperator(cursor, token);
    const operand = parseUnary(cursor);
    return { kind: 'unary', operator: unary, operand, token };
  }
  return parsePrimary(cursor);
}

function parsePrimary(cursor: TokenCursor): Expression {
  const token = cursor.next();
  if (!token) fail('expected an expression', undefined);
  switch (token.kind) {
    case 'number':
      return { kind: 'number', value: token.value, token };
    case 'identifier':
      return { kind: 'symbol', name: scopedName(cursor, token.text), token };
    case 'local':
      return { kind: 'local', name: token.text, token };
    case 'unnamed':
      return { kind: 'unnamed', distance: token.value, token };
    case 'string':
      // A one-character string is a character constant, as in ca65.
      if (token.text.length === 1) return { kind: 'number', value: token.text.charCodeAt(0) & 0xff, token };
      return fail('a string is not a number here', token);
    case 'directive': {
      const name = token.text.toLowerCase();
      if (name === '.defined' || name === '.def') {
        if (!cursor.isOperator('(')) fail(`expected '(' after ${token.text}`, cursor.peek() ?? token);
        cursor.next();
        const symbol = cursor.next();
        if (!symbol || (symbol.kind !== 'identifier' && symbol.kind !== 'local')) fail('expected a symbol name', symbol ?? token);
        if (!cursor.isOperator(')')) fail("expected ')'", cursor.peek() ?? symbol);
        cursor.next();
        return { kind: 'defined', name: symbol.text, token };
      }
      if (name === '.sizeof') {
        if (!cursor.isOperator('(')) fail("expected '(' after .sizeof", cursor.peek() ?? token);
        cursor.next();
        const first = cursor.next();
        if (!first || first.kind !== 'identifier') fail('expected the name of a .struct or a member', first ?? token);
        const scoped = scopedName(cursor, first.text);
        if (!cursor.isOperator(')')) fail("expected ')'", cursor.peek() ?? first);
        cursor.next();
        return { kind: 'sizeof', name: scoped, token };
      }
      if (name === '.strlen' || name === '.strat') return stringFunction(cursor, token, name);
      if (name === '.max' || name === '.min') {
        if (!cursor.isOperator('(')) fail(`expected '(' after ${token.text}`, cursor.peek() ?? token);
        cursor.next();
        const left = parseBooleanNot(cursor);
        if (!cursor.isOperator(',')) fail(`expected ',' between the two values of ${token.text}`, cursor.peek() ?? token);
        cursor.next();
        const right = parseBooleanNot(cursor);
        if (!cursor.isOperator(')')) fail("expected ')'", cursor.peek() ?? token);
        cursor.next();
        return { kind: 'binary', operator: name, left, right, token };
      }
      if (UNARY_LOOKUP.has(name)) break;
      const unsupported = UNSUPPORTED_FUNCTIONS.get(name);
      if (unsupported) return fail(`moth does not support ca65's ${name}: ${unsupported}`, token);
      return fail(`'${token.text}' cannot be used in an expression`, token);
    }
    case 'operator': {
      if (token.text === '*') return { kind: 'pc', token };
      if (token.text === '::') {
        // `::name` names a symbol of the outermost scope.
        const first = cursor.next();
        if (!first || first.kind !== 'identifier') fail("expected a name after '::'", first ?? token);
        return { kind: 'symbol', name: '::' + scopedName(cursor, first.text), token };
      }
      if (token.text === '(') {
        if (++cursor.nesting > MAX_NESTING) fail(`parentheses nest deeper than ${MAX_NESTING} levels`, token);
        const inner = parseBooleanNot(cursor);
        if (!cursor.isOperator(')')) fail("expected ')'", cursor.peek() ?? token);
        cursor.next();
        cursor.nesting--;
        return inner;
      }
      break;
    }
    case 'error':
      return fail(describeErrorToken(token), token);
  }
  return fail(`unexpected '${token.text}' in an expression`, token);
}

/** ca65 pseudo-functions and variables moth does not follow, with why: refused by name, never misread. */
const UNSUPPORTED_FUNCTIONS = new Map([
  ['.ref', 'whether a name was used, which moth does not track'],
  ['.referenced', 'whether a name was used, which moth does not track'],
  ['.addrsize', 'a symbol\'s address size as a number'],
  ['.asize', 'the 65816 accumulator size'],
  ['.isize', 'the 65816 index register size'],
  ['.bank', 'the bank a linker configuration gives a segment'],
  ['.cpu', 'the CPU as a number (.ismnemonic(name) tells whether an instruction is there)'],
]);

/**
 * ca65's string pseudo-functions, whose value is known as they are read: `.strlen("text")` is the length in
 * bytes, `.strat("text", index)` the byte at an index (a constant; a .repeat counter is one).
 */
function stringFunction(cursor: TokenCursor, token: Token, name: '.strlen' | '.strat'): Expression {
  if (!cursor.isOperator('(')) fail(`expected '(' after ${token.text}`, cursor.peek() ?? token);
  cursor.next();
  const text = cursor.next();
  if (!text || text.kind !== 'string') fail(`${token.text} needs a string in double quotes`, text ?? token);
  const bytes = new TextEncoder().encode(text.text);
  let value = bytes.length;
  if (name === '.strat') {
    if (!cursor.isOperator(',')) fail("expected ',' and an index after the string", cursor.peek() ?? text);
    cursor.next();
    const indexExpression = parseBooleanNot(cursor);
    const index = evaluate(indexExpression, CONSTANTS_ONLY);
    if (index === undefined) fail('the index of .strat must be a constant', indexExpression.token);
    if (index < 0 || index >= bytes.length) fail(`index ${index} is outside the string (${bytes.length} bytes)`, indexExpression.token);
    value = bytes[index]!;
  }
  if (!cursor.isOperator(')')) fail("expected ')'", cursor.peek() ?? text);
  cursor.next();
  return { kind: 'number', value, token };
}

/** Evaluates only what needs no symbol: numbers and operators. */
const CONSTANTS_ONLY: EvaluationContext = {
  symbolValue: () => undefined,
  localValue: () => undefined,
  unnamedValue: () => undefined,
  isDefined: () => false,
  divisionByZero: () => undefined,
  pc: undefined,
};

/** Reads `outer::inner::name` after its first identifier. */
function scopedName(cursor: TokenCursor, first: string): string {
  let name = first;
  while (cursor.isOperator('::') && cursor.peek(1)?.kind === 'identifier') {
    cursor.next();
    name += '::' + cursor.next()!.text;
  }
  return name;
}

/** What evaluation needs from the assembler: symbol values as they stand in this pass. */
export interface EvaluationContext {
  /** Value of a global symbol, or undefined if not (yet) known. Also records forward use. */
  symbolValue(name: string, token: Token): number | undefined;
  localValue(name: string, token: Token): number | undefined;
  unnamedValue(distance: number, token: Token): number | undefined;
  isDefined(name: string): boolean;
  /** The size of a .struct or struct member for `.sizeof(name)`; undefined when there is none (reported). */
  sizeOf?(name: string, token: Token): number | undefined;
  /** Called when a division or .mod by zero makes the value impossible. */
  divisionByZero(token: Token): void;
  /** The program counter, or undefined while the section's address is not fixed. */
  readonly pc: number | undefined;
}

/**
 * Evaluates an expression; undefined means a symbol in it has no value yet (or a division by zero, which is
 * reported). ca65 computes in 64-bit signed integers (its `long` on 64-bit hosts), so moth does too: small
 * values stay plain numbers and only a result outside ±2^53 is carried as a BigInt. The result is a number
 * (values beyond 2^53 come out approximate, which every range check then rejects, as ca65's would).
 */
export function evaluate(expression: Expression, context: EvaluationContext): number | undefined {
  const value = evaluateExact(expression, context);
  return typeof value === 'bigint' ? Number(value) : value;
}

/** A 64-bit signed value: a number while it is a safe integer, else a BigInt. */
type Exact = number | bigint;

const INT32_LIMIT = 2 ** 31;

function isInt32(value: Exact): value is number {
  return typeof value === 'number' && value >= -INT32_LIMIT && value < INT32_LIMIT;
}

/** Wraps to 64-bit signed, as C's long arithmetic does, and returns a number whenever that is exact. */
function wrap(value: bigint): Exact {
  const wrapped = BigInt.asIntN(64, value);
  return wrapped >= BigInt(Number.MIN_SAFE_INTEGER) && wrapped <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(wrapped) : wrapped;
}

function big(value: Exact): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

/** The bits from `shift` upwards, `width` of them: the byte and word operators. */
function bits(value: Exact, shift: number, width: number): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    const shifted = Math.floor(value / 2 ** shift);
    const size = 2 ** width;
    return ((shifted % size) + size) % size;
  }
  return Number(BigInt.asUintN(width, big(value) >> BigInt(shift)));
}

function evaluateExact(expression: Expression, context: EvaluationContext): Exact | undefined {
  switch (expression.kind) {
    case 'number':
      return expression.value;
    case 'symbol':
      return context.symbolValue(expression.name, expression.token);
    case 'local':
      return context.localValue(expression.name, expression.token);
    case 'unnamed':
      return context.unnamedValue(expression.distance, expression.token);
    case 'pc':
      return context.pc;
    case 'defined':
      return context.isDefined(expression.name) ? 1 : 0;
    case 'sizeof':
      return context.sizeOf?.(expression.name, expression.token);
    case 'unary': {
      const operand = evaluateExact(expression.operand, context);
      if (operand === undefined) return undefined;
      switch (expression.operator) {
        case '-': return typeof operand === 'number' ? 0 - operand : wrap(-operand);
        case '+': return operand;
        case '~': return typeof operand === 'number' ? -operand - 1 : wrap(~operand);
        case '<': return bits(operand, 0, 8);
        case '>': return bits(operand, 8, 8);
        case '^': return bits(operand, 16, 8);
        case '!': return operand == 0 ? 1 : 0;
        case '.loword': return bits(operand, 0, 16);
        case '.hiword': return bits(operand, 16, 16);
      }
      return undefined;
    }
    case 'binary': {
      const left = evaluateExact(expression.left, context);
      const right = evaluateExact(expression.right, context);
      if (left === undefined || right === undefined) return undefined;
      return binary(expression, left, right, context);
    }
  }
}

function binary(expression: Extract<Expression, { kind: 'binary' }>, left: Exact, right: Exact, context: EvaluationContext): Exact | undefined {
  const small = isInt32(left) && isInt32(right);
  switch (expression.operator) {
    case '+':
    case '-': {
      if (typeof left === 'number' && typeof right === 'number') {
        const result = expression.operator === '+' ? left + right : left - right;
        if (Number.isSafeInteger(result)) return result;
      }
      return wrap(expression.operator === '+' ? big(left) + big(right) : big(left) - big(right));
    }
    case '*': {
      if (typeof left === 'number' && typeof right === 'number') {
        const result = left * right;
        if (Number.isSafeInteger(result)) return result === 0 ? 0 : result;
      }
      return wrap(big(left) * big(right));
    }
    case '/':
    case '.mod': {
      if (right == 0) {
        context.divisionByZero(expression.token);
        return undefined;
      }
      if (small) return (expression.operator === '/' ? Math.trunc((left as number) / (right as number)) : (left as number) % (right as number)) + 0;
      // BigInt division truncates and % takes the dividend's sign, both as in C.
      return wrap(expression.operator === '/' ? big(left) / big(right) : big(left) % big(right));
    }
    case '&':
      return small ? (left as number) & (right as number) : wrap(big(left) & big(right));
    case '|':
      return small ? (left as number) | (right as number) : wrap(big(left) | big(right));
    case '^':
      return small ? (left as number) ^ (right as number) : wrap(big(left) ^ big(right));
    case '<<':
    case '>>': {
      // ca65 hands the count to its shift helper as a 32-bit int (so ~$FFFFFFFF counts as 0), then takes it
      // as unsigned: a negative count, or 64 and more, shifts everything out.
      const count = isInt32(right) ? right : Number(BigInt.asIntN(32, big(right)));
      if (count < 0 || count >= 64) return 0;
      if (expression.operator === '<<') {
        if (isInt32(left) && count <= 21) return left * 2 ** count + 0;
        return wrap(big(left) << BigInt(count));
      }
      // `>>` shifts the 64-bit pattern as unsigned, so -1 >> 63 is 1.
      if (typeof left === 'number' && left >= 0) return Math.floor(left / 2 ** count);
      return wrap(BigInt.asUintN(64, big(left)) >> BigInt(count));
    }
    case '=': return left == right ? 1 : 0;
    case '<>': return left != right ? 1 : 0;
    case '<': return left < right ? 1 : 0;
    case '>': return left > right ? 1 : 0;
    case '<=': return left <= right ? 1 : 0;
    case '>=': return left >= right ? 1 : 0;
    case '&&': return left != 0 && right != 0 ? 1 : 0;
    case '.xor': return (left != 0) !== (right != 0) ? 1 : 0;
    case '||': return left != 0 || right != 0 ? 1 : 0;
    case '.max': return left >= right ? left : right;
    case '.min': return left <= right ? left : right;
  }
  return undefined;
}

/** The columns an expression covers, for carets under the whole thing. */
export function expressionSpan(expression: Expression): { column: number; end: number } {
  let column = expression.token.column;
  let end = expression.token.column + expression.token.length;
  const visit = (node: Expression): void => {
    column = Math.min(column, node.token.column);
    end = Math.max(end, node.token.column + node.token.length);
    if (node.kind === 'unary') visit(node.operand);
    if (node.kind === 'binary') {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(expression);
  return { column, end };
}

/** The first symbol-like leaf (global, local or unnamed) for which `isUnknown` holds, to name it in a message. */
export function findSymbol(expression: Expression, isUnknown: (leaf: Expression) => boolean): Expression | undefined {
  switch (expression.kind) {
    case 'symbol':
    case 'local':
    case 'unnamed':
      return isUnknown(expression) ? expression : undefined;
    case 'unary':
      return findSymbol(expression.operand, isUnknown);
    case 'binary':
      return findSymbol(expression.left, isUnknown) ?? findSymbol(expression.right, isUnknown);
    default:
      return undefined;
  }
}
