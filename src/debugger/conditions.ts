/**
 * Parses and compiles the small expression language of breakpoint conditions, `print` and `set`:
 * `A == $10 && X > 3`, `[$0200] != 0`, `C == 1`, `loop + 2`, `<pointer`, `'H'`.
 *
 * Names: the registers A X Y SP PC P and the flags N V D I Z C (any case) win over labels, so a label called
 * `c` must be written `$..` or renamed; every other name is looked up in the program's symbols when the
 * expression is compiled, so a condition costs no string work when a breakpoint is hit. `[expr]` reads the
 * byte at an address without side effects. Operators and their precedence follow C (lowest first):
 * `||`, `&&`, `== !=`, `< <= > >=`, `|`, `^`, `&`, `<< >>`, `+ -`, `* / %`, then the prefixes `- ! ~ < >`
 * (`<` and `>` as prefixes take the low and high byte, as in ca65). Comparisons give 1 or 0.
 */
import { FLAG_MASK, REGISTER_FLAGS } from '../cpu/flags.js';
import type { Registers } from '../cpu/registers.js';
import { parseNumber } from '../shared/hex.js';
import type { Result } from '../shared/result.js';

/** What an expression may read: the registers and side-effect-free memory. A Cpu plus a peek fits. */
export type ConditionState = Registers;

export interface EvaluationContext {
  /** The registers at the moment of evaluation (read on every call, so pass a live object such as the Cpu). */
  readonly state: ConditionState;
  /** Reads a byte without side effects. */
  readonly peek: (address: number) => number;
}

/** A compiled expression: evaluate it as often as needed. */
export type CompiledExpression = (context: EvaluationContext) => number;

/** Resolves a label to its value; undefined when the program has no such symbol. */
export type SymbolLookup = (name: string) => number | undefined;

type Token =
  | { readonly kind: 'number'; readonly value: number; readonly column: number }
  | { readonly kind: 'name'; readonly text: string; readonly column: number }
  | { readonly kind: 'operator'; readonly text: string; readonly column: number }
  | { readonly kind: 'end'; readonly column: number };

// Longest operators first so `<=` is not read as `<` then `=`.
const OPERATORS = ['<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '%', '&', '|', '^', '<', '>', '!', '~', '(', ')', '[', ']', '='];

/** The flags an expression can name (those the register holds), with flags.ts's masks. */
const FLAG_MASKS: Readonly<Record<string, number>> = Object.fromEntries(REGISTER_FLAGS.map((letter) => [letter, FLAG_MASK[letter]]));
const REGISTERS = new Set(['A', 'X', 'Y', 'SP', 'PC', 'P']);

/** True when `name` is a register or flag name, which expressions read before any label of the same name. */
export function isReservedName(name: string): boolean {
  const upper = name.toUpperCase();
  return REGISTERS.has(upper) || Object.hasOwn(FLAG_MASKS, upper);
}

function tokenize(text: string): Result<Token[]> {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index]!;
    if (character === ' ' || character === '\t') {
      index++;
      continue;
    }
    const column = index + 1;
    const rest = text.slice(index);
    const numberMatch = /^(\$[0-9a-fA-F]+|0x[0-9a-fA-F]+|%[01]+|[0-9]+)/.exec(rest);
    // `%` is also the remainder operator: it starts a binary number only when binary digits follow and
    // the previous token cannot end an operand (`X % 2` is a remainder, `%101` a number).
    const previous = tokens[tokens.length - 1];
    const previousEndsOperand =
      previous !== undefined && (previous.kind !== 'operator' || previous.text === ')' || previous.text === ']');
    if (numberMatch && !(character === '%' && previousEndsOperand)) {
      const value = parseNumber(numberMatch[0]);
      if (value === undefined) return { ok: false, error: `bad number "${numberMatch[0]}" at column ${column}` };
      tokens.push({ kind: 'number', value, column });
      index += numberMatch[0].length;
      continue;
    }
    const charMatch = /^'(.)'/.exec(rest);
    if (charMatch) {
      tokens.push({ kind: 'number', value: charMatch[1]!.charCodeAt(0) & 0xff, column });
      index += 3;
      continue;
    }
    const nameMatch = /^[A-Za-z_@.][A-Za-z0-9_@.:]*/.exec(rest);
    if (nameMatch) {
      tokens.push({ kind: 'name', text: nameMatch[0], column });
      index += nameMatch[0].length;
      continue;
    }
    const operator = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (operator === undefined) return { ok: false, error: `unexpected "${character}" at column ${column}` };
    tokens.push({ kind: 'operator', text: operator, column });
    index += operator.length;
  }
  tokens.push({ kind: 'end', column: text.length + 1 });
  return { ok: true, value: tokens };
}

/** Thrown inside the recursive-descent parser only; `compileExpression` turns it into an error value. */
class ExpressionError extends Error {}

type Binary = (left: number, right: number) => number;

// Each level of the precedence ladder, lowest first; every operator works on plain JavaScript integers.
const BINARY_LEVELS: readonly (Readonly<Record<string, Binary>>)[] = [
  { '||': (l, r) => (l !== 0 || r !== 0 ? 1 : 0) },
  { '&&': (l, r) => (l !== 0 && r !== 0 ? 1 : 0) },
  { '==': (l, r) => (l === r ? 1 : 0), '=': (l, r) => (l === r ? 1 : 0), '!=': (l, r) => (l !== r ? 1 : 0) },
  {
    '<': (l, r) => (l < r ? 1 : 0),
    '<=': (l, r) => (l <= r ? 1 : 0),
    '>': (l, r) => (l > r ? 1 : 0),
    '>=': (l, r) => (l >= r ? 1 : 0),
  },
  { '|': (l, r) => l | r },
  { '^': (l, r) => l ^ r },
  { '&': (l, r) => l & r },
  { '<<': (l, r) => l << r, '>>': (l, r) => l >> r },
  { '+': (l, r) => l + r, '-': (l, r) => l - r },
  {
    '*': (l, r) => l * r,
    '/': (l, r) => (r === 0 ? 0 : Math.trunc(l / r)),
    '%': (l, r) => (r === 0 ? 0 : l % r),
  },
];

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly lookup: SymbolLookup,
  ) {}

  parseAll(): CompiledExpression {
    const expression = this.binary(0);
    const next = this.peek();
    if (next.kind !== 'end') throw new ExpressionError(`unexpected ${describe(next)} at column ${next.column}`);
    return expression;
  }

  private peek(): Token {
    return this.tokens[this.position]!;
  }

  private isOperator(text: string): boolean {
    const token = this.peek();
    return token.kind === 'operator' && token.text === text;
  }

  private expect(text: string): void {
    const token = this.peek();
    if (!this.isOperator(text)) throw new ExpressionError(`expected "${text}" but found ${describe(token)} at column ${token.column}`);
    this.position++;
  }

  private binary(level: number): CompiledExpression {
    if (level >= BINARY_LEVELS.length) return this.unary();
    const operators = BINARY_LEVELS[level]!;
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator' || !Object.hasOwn(operators, token.text)) return left;
      this.position++;
      const apply = operators[token.text]!;
      const right = this.binary(level + 1);
      const leftSide = left;
      left = (context) => apply(leftSide(context), right(context));
    }
  }

  private unary(): CompiledExpression {
    const token = this.peek();
    if (token.kind === 'operator') {
      const operand = (): CompiledExpression => {
        this.position++;
        return this.unary();
      };
      switch (token.text) {
        case '-': {
          const inner = operand();
          return (context) => -inner(context);
        }
        case '!': {
          const inner = operand();
          return (context) => (inner(context) === 0 ? 1 : 0);
        }
        case '~': {
          const inner = operand();
          return (context) => ~inner(context);
        }
        case '<': {
          const inner = operand();
          return (context) => inner(context) & 0xff;
        }
        case '>': {
          const inner = operand();
          return (context) => (inner(context) >> 8) & 0xff;
        }
      }
    }
    return this.primary();
  }

  private primary(): CompiledExpression {
    const token = this.peek();
    if (token.kind === 'number') {
      this.position++;
      const value = token.value;
      return () => value;
    }
    if (token.kind === 'name') {
      this.position++;
      return this.name(token.text, token.column);
    }
    if (this.isOperator('(')) {
      this.position++;
      const inner = this.binary(0);
      this.expect(')');
      return inner;
    }
    if (this.isOperator('[')) {
      this.position++;
      const address = this.binary(0);
      this.expect(']');
      return (context) => context.peek(address(context) & 0xffff) & 0xff;
    }
    throw new ExpressionError(`expected a number, register, label or "(" but found ${describe(token)} at column ${token.column}`);
  }

  private name(text: string, column: number): CompiledExpression {
    const upper = text.toUpperCase();
    switch (upper) {
      case 'A': return (context) => context.state.a;
      case 'X': return (context) => context.state.x;
      case 'Y': return (context) => context.state.y;
      case 'SP': return (context) => context.state.sp;
      case 'PC': return (context) => context.state.pc;
      case 'P': return (context) => context.state.p;
    }
    const mask = FLAG_MASKS[upper];
    if (mask !== undefined) return (context) => ((context.state.p & mask) !== 0 ? 1 : 0);
    const value = this.lookup(text);
    if (value === undefined) throw new ExpressionError(`unknown name "${text}" at column ${column} (not a register, flag or label)`);
    return () => value;
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'number': return `the number ${token.value}`;
    case 'name': return `"${token.text}"`;
    case 'operator': return `"${token.text}"`;
    case 'end': return 'the end';
  }
}

/** Parses `text` once into a function; labels are resolved now through `lookup`. */
export function compileExpression(text: string, lookup: SymbolLookup = () => undefined): Result<CompiledExpression> {
  if (text.trim() === '') return { ok: false, error: 'empty expression' };
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  try {
    return { ok: true, value: new Parser(tokens.value, lookup).parseAll() };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, error: error.message };
    throw error;
  }
}

/** Parses and evaluates in one go (for `print`). */
export function evaluateExpression(
  text: string,
  context: EvaluationContext,
  lookup: SymbolLookup = () => undefined,
): Result<number> {
  const compiled = compileExpression(text, lookup);
  if (!compiled.ok) return compiled;
  return { ok: true, value: compiled.value(context) };
}
